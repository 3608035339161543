// Package scorm is the pure part of ailit's package modules: reading and checking SCORM 1.2,
// SCORM 2004 (4th edition) and cmi5 package manifests, and the SCORM run-time data model with its
// state machine and error codes. It knows nothing of HTTP or the database: the content loader
// checks packages with it, the web layer runs API calls through it and the store keeps its state.
package scorm

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Kinds of package a module may declare (`package:` in the module's lesson.md).
const (
	KindSCORM12   = "scorm12"
	KindSCORM2004 = "scorm2004"
	KindCMI5      = "cmi5"
)

// Kinds lists the kinds in the order the docs name them.
var Kinds = []string{KindSCORM12, KindSCORM2004, KindCMI5}

// ManifestFile is the manifest a kind of package must have at its root.
func ManifestFile(kind string) string {
	if kind == KindCMI5 {
		return "cmi5.xml"
	}
	return "imsmanifest.xml"
}

// Problem is one thing wrong with a package, at a line of its manifest (0 for the whole file).
type Problem struct {
	Line    int
	Message string
}

func problemf(line int, format string, args ...any) Problem {
	return Problem{Line: line, Message: fmt.Sprintf(format, args...)}
}

// Manifest is what ailit needs from a package: what to launch, and with which mastery score.
type Manifest struct {
	Kind         string
	Title        string
	Launch       string   // path of the launch file relative to the package folder, with its query
	MasteryScore *float64 // SCORM 1.2 adlcp:masteryscore (0–100) or 2004 scaled passing score (0–1); nil when none
	Files        []string // every file the manifest names, relative to the package folder
	Items        []string // SCORM: the launch file of every item of the organization, in order (Launch first, without query)
	AUID         string   // cmi5: the id (IRI) of the launched AU
	MoveOn       string   // cmi5: the launched AU's moveOn (default NotApplicable)
}

// schema versions ailit runs, by kind (ADL CAM: metadata/schemaversion).
var schemaVersions = map[string]string{KindSCORM12: "1.2", KindSCORM2004: "2004 4th Edition"}

// ParseIMSManifest reads and checks an imsmanifest.xml of the given kind (scorm12 or scorm2004).
// exists tells whether a path relative to the package folder is a file of the package. The
// manifest is nil when nothing can be launched.
func ParseIMSManifest(kind string, data []byte, exists func(string) bool) (*Manifest, []Problem) {
	root, p := parseTree(data)
	if p != nil {
		return nil, []Problem{*p}
	}
	if root.Name != "manifest" {
		return nil, []Problem{problemf(root.Line, "the root element is <%s>; an imsmanifest.xml starts with <manifest>", root.Name)}
	}
	var ps []Problem
	want := schemaVersions[kind]
	meta := root.child("metadata")
	switch {
	case meta == nil || meta.child("schemaversion") == nil:
		line := root.Line
		if meta != nil {
			line = meta.Line
		}
		ps = append(ps, problemf(line, "the manifest has no <metadata><schemaversion>; a %s package declares %q", kind, want))
	case meta.text("schemaversion") != want:
		ps = append(ps, problemf(meta.child("schemaversion").Line,
			"unsupported schema version %q for package: %s; ailit runs SCORM 1.2 (\"1.2\") and SCORM 2004 4th Edition (\"2004 4th Edition\")",
			meta.text("schemaversion"), kind))
	}
	m := &Manifest{Kind: kind}
	resources := map[string]*node{}
	resBase := ""
	if rs := root.child("resources"); rs != nil {
		resBase = rs.attr("base")
		for _, r := range rs.children("resource") {
			resources[r.attr("identifier")] = r
			base := joinBase(resBase, r.attr("base"))
			for _, f := range r.children("file") {
				ps = append(ps, checkFile(f.Line, base, f.attr("href"), exists, &m.Files)...)
			}
		}
	}
	item, org := launchItem(root)
	if item == nil {
		return nil, append(ps, problemf(root.Line, "the manifest has no <organization> with an <item identifierref=…>: nothing to launch"))
	}
	m.Title = org.text("title")
	res := resources[item.attr("identifierref")]
	if res == nil {
		return nil, append(ps, problemf(item.Line, "item %q refers to resource %q, which the manifest does not have",
			item.attr("identifier"), item.attr("identifierref")))
	}
	if t := res.attr("scormtype"); !strings.EqualFold(t, "sco") {
		ps = append(ps, problemf(res.Line, "the launched resource %q has scormtype %q; it must be a sco that talks to the run-time API", res.attr("identifier"), t))
	}
	href := res.attr("href")
	if href == "" {
		return nil, append(ps, problemf(res.Line, "resource %q has no href: nothing to launch", res.attr("identifier")))
	}
	launchProblems := checkFile(res.Line, joinBase(resBase, res.attr("base")), href, exists, nil)
	ps = append(ps, launchProblems...)
	if len(launchProblems) > 0 {
		return nil, ps
	}
	m.Launch = path.Clean(joinBase(joinBase(resBase, res.attr("base")), stripQuery(href)))
	if q := queryOf(href) + strings.TrimPrefix(item.attr("parameters"), "?"); q != "" {
		m.Launch += "?" + strings.TrimPrefix(q, "?")
	}
	ps = append(ps, readMastery(kind, item, m)...)
	m.Items = []string{m.Launch}
	// The other items of the organization: ailit runs the first, but every one must be usable, so
	// that a multi-SCO package (or ailit's own export) passes in another LMS too.
	for _, other := range itemsOf(org)[1:] {
		r := resources[other.attr("identifierref")]
		if r == nil {
			ps = append(ps, problemf(other.Line, "item %q refers to resource %q, which the manifest does not have",
				other.attr("identifier"), other.attr("identifierref")))
			continue
		}
		base := joinBase(resBase, r.attr("base"))
		if r.attr("href") == "" {
			ps = append(ps, problemf(r.Line, "resource %q has no href", r.attr("identifier")))
			continue
		}
		if fps := checkFile(r.Line, base, r.attr("href"), exists, nil); len(fps) > 0 {
			ps = append(ps, fps...)
			continue
		}
		m.Items = append(m.Items, path.Clean(joinBase(base, stripQuery(r.attr("href")))))
	}
	return m, ps
}

// itemsOf lists the items of an organization that launch a resource, in document order.
func itemsOf(org *node) []*node {
	var out []*node
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children("item") {
			if c.attr("identifierref") != "" {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(org)
	return out
}

// launchItem finds the first launchable item of the default organization (or the first one).
func launchItem(root *node) (item, org *node) {
	orgs := root.child("organizations")
	if orgs == nil {
		return nil, nil
	}
	all := orgs.children("organization")
	if len(all) == 0 {
		return nil, nil
	}
	org = all[0]
	for _, o := range all {
		if o.attr("identifier") == orgs.attr("default") {
			org = o
		}
	}
	var walk func(n *node) *node
	walk = func(n *node) *node {
		for _, c := range n.children("item") {
			if c.attr("identifierref") != "" {
				return c
			}
			if found := walk(c); found != nil {
				return found
			}
		}
		return nil
	}
	return walk(org), org
}

// readMastery reads SCORM 1.2 adlcp:masteryscore (0–100) and SCORM 2004
// imsss:minNormalizedMeasure of the primary objective (−1…1, used as scaled passing score).
func readMastery(kind string, item *node, m *Manifest) []Problem {
	if kind == KindSCORM12 {
		ms := item.child("masteryscore")
		if ms == nil {
			return nil
		}
		v, ok := parseReal(strings.TrimSpace(ms.Text))
		if !ok || v < 0 || v > 100 {
			return []Problem{problemf(ms.Line, "masteryscore %q must be a number from 0 to 100", strings.TrimSpace(ms.Text))}
		}
		m.MasteryScore = &v
		return nil
	}
	seq := item.child("sequencing")
	if seq == nil || seq.child("objectives") == nil || seq.child("objectives").child("primaryObjective") == nil {
		return nil
	}
	po := seq.child("objectives").child("primaryObjective")
	if po.attr("satisfiedByMeasure") != "true" {
		return nil
	}
	mnm := po.child("minNormalizedMeasure")
	if mnm == nil {
		return nil
	}
	v, ok := parseReal(strings.TrimSpace(mnm.Text))
	if !ok || v < -1 || v > 1 {
		return []Problem{problemf(mnm.Line, "minNormalizedMeasure %q must be a number from -1 to 1", strings.TrimSpace(mnm.Text))}
	}
	m.MasteryScore = &v
	return nil
}

// checkFile checks one file reference of a manifest: relative, inside the package, existing.
// It appends the clean path to files when files is not nil.
func checkFile(line int, base, href string, exists func(string) bool, files *[]string) []Problem {
	if href == "" {
		return []Problem{problemf(line, "a <file> without href")}
	}
	u, err := url.Parse(href)
	switch {
	case err != nil:
		return []Problem{problemf(line, "%q is not a valid file reference", href)}
	case u.Scheme != "" || u.Host != "":
		return []Problem{problemf(line, "%q points to another server; a package must contain every file it uses (ailit makes no external requests)", href)}
	}
	p, ok := InsidePath(joinBase(base, u.Path))
	if !ok {
		return []Problem{problemf(line, "%q leaves the package folder; files must be inside it", href)}
	}
	if !exists(p) {
		return []Problem{problemf(line, "%q is named in the manifest but is not in the package", p)}
	}
	if files != nil {
		*files = append(*files, p)
	}
	return nil
}

// InsidePath cleans a slash-separated relative path and reports whether it stays inside its
// folder: no "..", no absolute path, no backslash, no NUL.
func InsidePath(p string) (string, bool) {
	if p == "" || strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	clean := path.Clean(p)
	if clean == ".." || strings.HasPrefix(clean, "../") || clean == "." {
		return "", false
	}
	return clean, true
}

func joinBase(base, p string) string {
	if base == "" {
		return p
	}
	return strings.TrimSuffix(base, "/") + "/" + p
}

func stripQuery(href string) string {
	before, _, _ := strings.Cut(href, "?")
	before, _, _ = strings.Cut(before, "#")
	return before
}

func queryOf(href string) string {
	_, q, _ := strings.Cut(stripFragment(href), "?")
	return q
}

func stripFragment(href string) string {
	before, _, _ := strings.Cut(href, "#")
	return before
}
