package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A policy is an internal document people read and confirm, such as the "Dienstanweisung zur
// Nutzung von KI". It lives in the courses folder like a course, one folder per version:
//
//	courses/<policy-id>/<version>/policy.yaml
//	courses/<policy-id>/<version>/policy.de.md   (one Markdown file per language of policy.yaml)
//
// A folder is a policy when one of its version folders holds a policy.yaml. Like a course version,
// a published policy version never changes: its content hash is recorded the first time it loads.

// Policy is one policy id with its published versions, oldest first.
type Policy struct {
	ID       string
	versions []*PolicyVersion
}

// PolicyVersion is one loaded version of a policy.
type PolicyVersion struct {
	PolicyID      string
	Version       string
	Change        string // ChangePatch, ChangeMinor, ChangeMajor, or "" for the first release
	Languages     []string
	Titles        map[string]string
	Summaries     map[string]string
	Issuer        string
	EffectiveFrom time.Time
	License       string
	HTML          map[string]template.HTML // language → the rendered document
	Hash          string                   // sha256 over every file of the folder
}

// Versions returns the published versions, oldest first.
func (p *Policy) Versions() []*PolicyVersion { return slices.Clone(p.versions) }

// Latest returns the newest version.
func (p *Policy) Latest() *PolicyVersion {
	if len(p.versions) == 0 {
		return nil
	}
	return p.versions[len(p.versions)-1]
}

// Version returns one version, or nil.
func (p *Policy) Version(version string) *PolicyVersion {
	for _, v := range p.versions {
		if v.Version == version {
			return v
		}
	}
	return nil
}

// Language returns lang when the version is written in it, else its first language.
func (v *PolicyVersion) Language(lang string) string {
	if slices.Contains(v.Languages, lang) {
		return lang
	}
	return v.Languages[0]
}

// Title is the title in lang (or the first language).
func (v *PolicyVersion) Title(lang string) string { return v.Titles[v.Language(lang)] }

// Policy returns the policy with an id, or nil.
func (c *Catalog) Policy(id string) *Policy { return c.policies[id] }

// Policies lists every policy by id.
func (c *Catalog) Policies() []*Policy {
	out := make([]*Policy, 0, len(c.policies))
	for _, p := range c.policies {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Policy) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// withPolicies returns the catalog with the given policy versions added.
func (c *Catalog) withPolicies(versions []*PolicyVersion) *Catalog {
	c.policies = map[string]*Policy{}
	for _, v := range versions {
		p := c.policies[v.PolicyID]
		if p == nil {
			p = &Policy{ID: v.PolicyID}
			c.policies[v.PolicyID] = p
		}
		p.versions = append(p.versions, v)
	}
	for _, p := range c.policies {
		slices.SortFunc(p.versions, func(a, b *PolicyVersion) int { return compareSemver(a.Version, b.Version) })
	}
	return c
}

// PolicyKey is the key a policy's versions are recorded under (measure.Ref.Key of the policy).
func PolicyKey(id string) string { return "policy:" + id }

// isPolicyFolder reports whether a top-level folder holds a policy rather than a course.
func isPolicyFolder(root, id string) bool {
	entries, err := os.ReadDir(filepath.Join(root, id))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(root, id, e.Name(), "policy.yaml")); err == nil {
			return true
		}
	}
	return false
}

// policyFile is policy.yaml as written.
type policyFile struct {
	ID            string            `yaml:"id"`
	Version       string            `yaml:"version"`
	Change        string            `yaml:"change"`
	Languages     []string          `yaml:"languages"`
	Title         map[string]string `yaml:"title"`
	Summary       map[string]string `yaml:"summary"`
	Issuer        string            `yaml:"issuer"`
	EffectiveFrom string            `yaml:"effective_from"`
	License       string            `yaml:"license"`
}

var requiredPolicyFields = []string{"id", "version", "languages", "title", "summary", "issuer", "effective_from", "license"}

// loadPolicy loads every version folder of a policy; it returns the good versions and every problem.
func loadPolicy(root, id string) ([]*PolicyVersion, []VersionStatus, []Problem) {
	entries, err := os.ReadDir(filepath.Join(root, id))
	if err != nil {
		return nil, nil, []Problem{{id, 0, 0, "cannot read the folder: " + err.Error()}}
	}
	var good []*PolicyVersion
	var statuses []VersionStatus
	var problems []Problem
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !isDir(filepath.Join(root, id), e) {
			continue
		}
		rel := id + "/" + e.Name()
		if _, ok := parseSemver(e.Name()); !ok {
			problems = append(problems, Problem{rel, 0, 0, "a policy version folder must be named like 1.0.0 (MAJOR.MINOR.PATCH); policies have no drafts"})
			continue
		}
		v, ps := loadPolicyVersion(root, id, e.Name())
		problems = append(problems, ps...)
		st := VersionStatus{CourseID: id, Folder: e.Name(), Status: StatusBroken}
		if v != nil && len(ps) == 0 {
			st.Status, st.Title = StatusPublished, v.Title("de")
			good = append(good, v)
		}
		statuses = append(statuses, st)
	}
	slices.SortFunc(good, func(a, b *PolicyVersion) int { return compareSemver(a.Version, b.Version) })
	for i, v := range good {
		if i > 0 && v.Change == "" {
			problems = append(problems, Problem{id + "/" + v.Version + "/policy.yaml", 1, 1,
				"a later version must say change: patch, minor or major (major asks everybody to confirm again)"})
		}
	}
	return good, statuses, problems
}

// loadPolicyVersion reads, checks, hashes and renders one policy version folder.
func loadPolicyVersion(root, id, folder string) (*PolicyVersion, []Problem) {
	rel := id + "/" + folder
	dir := filepath.Join(root, id, folder)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []Problem{{rel, 0, 0, "cannot read the folder: " + err.Error()}}
	}
	var ps []Problem
	texts := map[string][]byte{}
	h := sha256.New()
	for _, e := range entries { // ReadDir sorts by name, so the hash is stable
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if !e.Type().IsRegular() {
			ps = append(ps, Problem{rel + "/" + e.Name(), 0, 0, "a policy folder holds only policy.yaml and policy.<language>.md files"})
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		switch {
		case err != nil:
			ps = append(ps, Problem{rel + "/" + e.Name(), 0, 0, "cannot read: " + err.Error()})
			continue
		case len(data) > MaxTextBytes:
			ps = append(ps, Problem{rel + "/" + e.Name(), 1, 1, "the file is larger than 1 MiB"})
			continue
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s\x00%s\n", e.Name(), hex.EncodeToString(sum[:]))
		texts[e.Name()] = data
	}
	data, ok := texts["policy.yaml"]
	if !ok {
		return nil, append(ps, Problem{rel, 0, 0, "policy.yaml is missing"})
	}
	var f policyFile
	doc, yps := decodeYAML(rel+"/policy.yaml", data, 0, &f)
	if doc == nil {
		return nil, append(ps, yps...)
	}
	ps = append(ps, doc.requireFields(requiredPolicyFields...)...)
	check := func(ok bool, path, format string, args ...any) {
		if !ok && doc.has(path) {
			ps = append(ps, doc.problemAt(path, format, args...))
		}
	}
	check(f.ID == id, "$.id", "id %q must equal the policy folder name %q", f.ID, id)
	check(f.Version == folder, "$.version", "version %q must equal the folder name %q", f.Version, folder)
	check(f.Change == "" || slices.Contains([]string{ChangePatch, ChangeMinor, ChangeMajor}, f.Change), "$.change", "change %q must be patch, minor or major", f.Change)
	check(len(f.Languages) > 0, "$.languages", "languages must list at least one language")
	check(strings.TrimSpace(f.Issuer) != "", "$.issuer", "issuer must name who issues the policy")
	check(strings.TrimSpace(f.License) != "", "$.license", "license must not be empty")
	effective, bad := parseDate(f.EffectiveFrom)
	check(!bad, "$.effective_from", "effective_from %q is not a date of the form 2027-01-01", f.EffectiveFrom)
	v := &PolicyVersion{PolicyID: id, Version: f.Version, Change: f.Change, Languages: f.Languages,
		Titles: map[string]string{}, Summaries: map[string]string{}, Issuer: strings.TrimSpace(f.Issuer),
		EffectiveFrom: effective, License: f.License, HTML: map[string]template.HTML{}, Hash: hex.EncodeToString(h.Sum(nil))}
	for i, lang := range f.Languages {
		at := fmt.Sprintf("$.languages[%d]", i)
		if !slices.Contains(Languages, lang) || slices.Index(f.Languages, lang) < i {
			check(false, at, "language %q must be one of %s, each listed once", lang, strings.Join(Languages, ", "))
			continue
		}
		v.Titles[lang], v.Summaries[lang] = strings.TrimSpace(f.Title[lang]), strings.TrimSpace(f.Summary[lang])
		check(v.Titles[lang] != "", "$.title", "title needs a text for %s", lang)
		check(v.Summaries[lang] != "", "$.summary", "summary needs a text for %s", lang)
		name := "policy." + lang + ".md"
		src, ok := texts[name]
		if !ok {
			ps = append(ps, Problem{rel, 0, 0, name + " is missing (the policy lists language " + lang + ")"})
			continue
		}
		if off := firstInvalidUTF8(src); off >= 0 {
			line, col := lineCol(src, off)
			ps = append(ps, Problem{rel + "/" + name, line, col, "the file is not valid UTF-8 text; save it as UTF-8"})
			continue
		}
		md := parseMarkdown(src, lang)
		ps = append(ps, markdownCheck{relPath: rel + "/" + name, src: src, files: map[string]versionFile{}}.check(md)...)
		html, err := renderParsed(src, md, RenderOptions{Language: lang, Base: "/policies/" + id + "/v/" + f.Version})
		if err != nil {
			ps = append(ps, Problem{rel + "/" + name, 1, 1, err.Error()})
		}
		v.HTML[lang] = html
	}
	for name := range texts {
		lang, isDoc := strings.CutSuffix(strings.TrimPrefix(name, "policy."), ".md")
		if name != "policy.yaml" && (!isDoc || !strings.HasPrefix(name, "policy.") || !slices.Contains(f.Languages, lang)) {
			ps = append(ps, Problem{rel + "/" + name, 0, 0, "a policy folder holds only policy.yaml and one policy.<language>.md per listed language"})
		}
	}
	return v, ps
}
