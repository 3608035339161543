package interchange

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// Standards a package manifest can declare.
const (
	StandardSCORM12   = "SCORM 1.2"
	StandardSCORM2004 = "SCORM 2004"
)

// supportedSchemaVersions maps <schemaversion> values to the standard ailit reads them as.
// SCORM 2004 2nd edition ("CAM 1.3") and older drafts are not supported: their sequencing rules
// differ and authoring tools have written 3rd/4th edition for over a decade.
var supportedSchemaVersions = map[string]string{
	"1.2":              StandardSCORM12,
	"2004 3rd Edition": StandardSCORM2004,
	"2004 4th Edition": StandardSCORM2004,
}

// Manifest is a parsed imsmanifest.xml of a SCORM package. Lines point into the manifest file.
type Manifest struct {
	File          string // the manifest's path as given, for problems
	Identifier    string
	SchemaVersion string // as written, e.g. "1.2" or "2004 4th Edition"
	Standard      string // StandardSCORM12 or StandardSCORM2004; "" when unsupported
	DefaultOrg    string
	Organizations []Organization
	Resources     []Resource
}

// Organization is one tree of items (a table of contents).
type Organization struct {
	Identifier, Title string
	Items             []Item
	Line              int
}

// Item is an entry of an organization; a leaf with IdentifierRef launches a resource.
type Item struct {
	Identifier, Title string
	IdentifierRef     string
	Parameters        string // appended to the launch URL
	MasteryScore      string // SCORM 1.2 adlcp:masteryscore, "" when absent
	Children          []Item
	Line              int
}

// Resource is a resource of the package; Href is resolved against xml:base and relative to the
// package root.
type Resource struct {
	Identifier   string
	Type         string
	ScormType    string // "sco" or "asset"
	Href         string
	Files        []string
	Dependencies []string
	Line         int
}

// Launch is a SCO to start, in the order of the default organization.
type Launch struct {
	ItemID, Title, ResourceID string
	Href                      string // relative to the package root, with parameters
	MasteryScore              string
}

// ParseManifest reads an imsmanifest.xml. It reports, with file:line, everything that makes the
// package unusable on its own terms: malformed XML, an unsupported schema version, missing or
// duplicate identifiers, items naming unknown resources, hrefs that leave the package. Whether the
// files exist is CheckFiles' job.
func ParseManifest(file string, data []byte) (*Manifest, []content.Problem) {
	root, err := parseXML(file, data)
	if err != nil {
		return nil, []content.Problem{problemFromError(file, err)}
	}
	m := &Manifest{File: file, Identifier: root.Attr["identifier"]}
	var ps []content.Problem
	add := func(line int, format string, args ...any) {
		ps = append(ps, content.Problem{Path: file, Line: line, Col: 1, Message: fmt.Sprintf(format, args...)})
	}
	if root.Name != "manifest" {
		add(root.Line, "the root element is <%s>; a package manifest starts with <manifest>", root.Name)
		return m, ps
	}
	if md := root.child("metadata"); md != nil {
		m.SchemaVersion = strings.TrimSpace(md.child("schemaversion").text())
		if sv := md.child("schemaversion"); sv != nil {
			if m.Standard = supportedSchemaVersions[m.SchemaVersion]; m.Standard == "" {
				add(sv.Line, "schema version %q is not supported: use SCORM 1.2 (1.2) or SCORM 2004 3rd/4th Edition", m.SchemaVersion)
			}
		}
	}
	if m.SchemaVersion == "" {
		add(root.Line, "the manifest has no <metadata><schemaversion>: write 1.2 or 2004 4th Edition")
	}
	ids := map[string]int{}
	checkID := func(n *node, what string) string {
		id := n.Attr["identifier"]
		switch {
		case id == "":
			add(n.Line, "the %s has no identifier", what)
		case ids[id] > 0:
			add(n.Line, "the identifier %q is already used on line %d", id, ids[id])
		default:
			ids[id] = n.Line
		}
		return id
	}
	resBase := ""
	if rs := root.child("resources"); rs != nil {
		resBase = rs.Attr["base"]
		for _, r := range rs.all("resource") {
			res := Resource{Identifier: checkID(r, "resource"), Type: r.Attr["type"], ScormType: scormType(r), Line: r.Line}
			base := joinBase(resBase, r.Attr["base"])
			if href := r.Attr["href"]; href != "" {
				if res.Href, err = packagePath(base, href); err != nil {
					add(r.Line, "the resource %s: %v", res.Identifier, err)
				}
			}
			for _, f := range r.all("file") {
				p, err := packagePath(base, f.Attr["href"])
				if err != nil {
					add(f.Line, "the file of resource %s: %v", res.Identifier, err)
					continue
				}
				res.Files = append(res.Files, p)
			}
			for _, d := range r.all("dependency") {
				res.Dependencies = append(res.Dependencies, d.Attr["identifierref"])
			}
			if res.ScormType == "sco" && res.Href == "" {
				add(r.Line, "the SCO resource %s has no href: there is nothing to launch", res.Identifier)
			}
			m.Resources = append(m.Resources, res)
		}
	} else {
		add(root.Line, "the manifest has no <resources>")
	}
	orgs := root.child("organizations")
	if orgs == nil {
		add(root.Line, "the manifest has no <organizations>")
		return m, ps
	}
	m.DefaultOrg = orgs.Attr["default"]
	for _, o := range orgs.all("organization") {
		org := Organization{Identifier: checkID(o, "organization"), Title: strings.TrimSpace(o.child("title").text()), Line: o.Line}
		org.Items = m.parseItems(o, checkID, add)
		m.Organizations = append(m.Organizations, org)
	}
	if len(m.Organizations) == 0 {
		add(orgs.Line, "the manifest has no organization: there is no table of contents to launch from")
	} else if m.DefaultOrg != "" && m.organization(m.DefaultOrg) == nil {
		add(orgs.Line, "the default organization %q does not exist", m.DefaultOrg)
	}
	for _, r := range m.Resources {
		for _, d := range r.Dependencies {
			if m.Resource(d) == nil {
				add(r.Line, "resource %s depends on %q, which is not a resource", r.Identifier, d)
			}
		}
	}
	return m, ps
}

func (m *Manifest) parseItems(parent *node, checkID func(*node, string) string, add func(int, string, ...any)) []Item {
	var items []Item
	for _, n := range parent.all("item") {
		it := Item{
			Identifier: checkID(n, "item"), Title: strings.TrimSpace(n.child("title").text()),
			IdentifierRef: n.Attr["identifierref"], Parameters: n.Attr["parameters"],
			MasteryScore: strings.TrimSpace(n.child("masteryscore").text()), Line: n.Line,
		}
		it.Children = m.parseItems(n, checkID, add)
		if it.IdentifierRef != "" && m.Resource(it.IdentifierRef) == nil { // resources are parsed first
			add(n.Line, "the item refers to resource %q, which does not exist", it.IdentifierRef)
		}
		items = append(items, it)
	}
	return items
}

// scormType reads adlcp:scormtype (SCORM 1.2) or adlcp:scormType (2004).
func scormType(n *node) string {
	if t := n.Attr["scormtype"]; t != "" {
		return strings.ToLower(t)
	}
	return strings.ToLower(n.Attr["scormType"])
}

func joinBase(a, b string) string {
	if b == "" {
		return a
	}
	return path.Join(a, b) + "/"
}

// packagePath resolves an href inside the package and refuses what leaves it.
func packagePath(base, href string) (string, error) {
	if href == "" {
		return "", fmt.Errorf("a file has no href")
	}
	target, ok := resolveRef(path.Join(base, "x"), href)
	if !ok {
		if strings.Contains(href, "://") {
			return "", fmt.Errorf("%q is outside the package (a package must carry its own files; ailit makes no external requests)", href)
		}
		return "", fmt.Errorf("%q points outside the package folder", href)
	}
	return target, nil
}

func problemFromError(file string, err error) content.Problem {
	msg := err.Error()
	line := 0
	if rest, ok := strings.CutPrefix(msg, file+":"); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			fmt.Sscanf(n, "%d", &line)
			msg = after
		}
	}
	return content.Problem{Path: file, Line: line, Col: 1, Message: msg}
}

// Resource returns the resource with the identifier, or nil.
func (m *Manifest) Resource(id string) *Resource {
	for i := range m.Resources {
		if m.Resources[i].Identifier == id {
			return &m.Resources[i]
		}
	}
	return nil
}

func (m *Manifest) organization(id string) *Organization {
	for i := range m.Organizations {
		if m.Organizations[i].Identifier == id {
			return &m.Organizations[i]
		}
	}
	return nil
}

// Launches lists the SCOs and assets to start, in the order of the default organization (or the
// first one).
func (m *Manifest) Launches() []Launch {
	org := m.organization(m.DefaultOrg)
	if org == nil && len(m.Organizations) > 0 {
		org = &m.Organizations[0]
	}
	if org == nil {
		return nil
	}
	var out []Launch
	var walk func([]Item)
	walk = func(items []Item) {
		for _, it := range items {
			if r := m.Resource(it.IdentifierRef); r != nil && r.Href != "" {
				href := r.Href
				if p := strings.TrimPrefix(it.Parameters, "?"); p != "" {
					href += "?" + p
				}
				out = append(out, Launch{ItemID: it.Identifier, Title: it.Title, ResourceID: r.Identifier, Href: href, MasteryScore: it.MasteryScore})
			}
			walk(it.Children)
		}
	}
	walk(org.Items)
	return out
}

// CheckFiles reports the launch files and listed files that the package does not contain;
// exists answers for a path relative to the package root.
func (m *Manifest) CheckFiles(exists func(rel string) bool) []content.Problem {
	var ps []content.Problem
	for _, r := range m.Resources {
		if r.Href != "" && !exists(r.Href) {
			ps = append(ps, content.Problem{Path: m.File, Line: r.Line, Col: 1,
				Message: fmt.Sprintf("the launch file %q of resource %s is missing from the package", r.Href, r.Identifier)})
		}
		for _, f := range r.Files {
			if !exists(f) {
				ps = append(ps, content.Problem{Path: m.File, Line: r.Line, Col: 1,
					Message: fmt.Sprintf("the file %q listed for resource %s is missing from the package", f, r.Identifier)})
			}
		}
	}
	if len(m.Launches()) == 0 && len(m.Organizations) > 0 {
		ps = append(ps, content.Problem{Path: m.File, Line: m.Organizations[0].Line, Col: 1, Message: "no item of the organization launches a resource"})
	}
	return ps
}

// ValidatePackageZip checks a SCORM package zip: entries that leave the package refuse it whole;
// then the manifest is parsed and its files are looked up.
func ValidatePackageZip(name string, data []byte) (*Manifest, []content.Problem) {
	files, err := readZip(name, data)
	if err != nil {
		return nil, []content.Problem{{Path: name, Message: err.Error()}}
	}
	manifest, ok := files["imsmanifest.xml"]
	if !ok {
		return nil, []content.Problem{{Path: name, Message: "the package has no imsmanifest.xml at its top level"}}
	}
	m, ps := ParseManifest(name+"/imsmanifest.xml", manifest)
	if m == nil {
		return nil, ps
	}
	return m, append(ps, m.CheckFiles(func(rel string) bool { _, ok := files[rel]; return ok })...)
}

// ValidatePackageDir checks an unpacked package in dir (for a package module inside a version
// folder). problemPath is how problems name the manifest, e.g. "kurs/1.0.0/modules/03-x/imsmanifest.xml".
// Files must be inside dir, also after following symbolic links.
func ValidatePackageDir(dir, problemPath string) (*Manifest, []content.Problem) {
	data, err := os.ReadFile(filepath.Join(dir, "imsmanifest.xml"))
	if err != nil {
		return nil, []content.Problem{{Path: problemPath, Message: "imsmanifest.xml cannot be read: " + err.Error()}}
	}
	m, ps := ParseManifest(problemPath, data)
	if m == nil {
		return nil, ps
	}
	return m, append(ps, m.CheckFiles(func(rel string) bool {
		_, err := content.FileInside(dir, rel)
		return err == nil
	})...)
}
