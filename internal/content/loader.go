package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// LoadReport tells what a load found: every problem and the state of every version folder.
type LoadReport struct {
	Dir      string
	LoadedAt time.Time
	Duration time.Duration
	Problems []Problem       // sorted by path and position
	Versions []VersionStatus // every version folder found, by course and folder
	Policies []VersionStatus // every policy version folder found (policy.go)

	policies []*PolicyVersion // the policy versions that loaded
}

// VersionStatus is the outcome for one version folder.
type VersionStatus struct {
	CourseID string
	Folder   string
	Title    string // empty when course.yaml could not be read
	Status   string // StatusPublished, StatusDraft, StatusBroken or StatusRefused
	// TranslationOf is the course this version translates (translation_of), "" for an original.
	TranslationOf string
}

// Outcomes of a version folder besides published and draft.
const (
	StatusBroken  = "broken"  // has problems; not served
	StatusRefused = "refused" // published files changed after the platform first saw them; not served
)

// Count returns how many version folders have the given status.
func (r *LoadReport) Count(status string) int {
	n := 0
	for _, v := range r.Versions {
		if v.Status == status {
			n++
		}
	}
	return n
}

// Load reads every course under dir. Versions with problems are left out of the catalog and listed
// in the report; everything else loads. The error is set only when dir itself cannot be read.
func Load(dir string) (*Catalog, *LoadReport, error) {
	versions, report, err := loadAll(dir, nil)
	if err != nil {
		return nil, nil, err
	}
	return newCatalog(versions).withPolicies(report.policies), report, nil
}

// loadAll loads and checks every version, including the rules between versions of a course.
// A cache (nil for none) gives the modules of published versions that loaded before.
func loadAll(dir string, cache *renderCache) ([]*Version, *LoadReport, error) {
	start := time.Now()
	report := &LoadReport{Dir: dir, LoadedAt: start}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the courses folder: %w", err)
	}
	var courses [][]*versionLoad
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !isDir(dir, e) {
			continue
		}
		if !idPattern.MatchString(e.Name()) {
			report.Problems = append(report.Problems, Problem{e.Name(), 0, 0,
				"course folder names may contain only lowercase letters, digits and single hyphens"})
			continue
		}
		if isPolicyFolder(dir, e.Name()) { // a document to confirm, not a course
			good, statuses, ps := loadPolicy(dir, e.Name())
			report.policies, report.Policies = append(report.policies, good...), append(report.Policies, statuses...)
			report.Problems = append(report.Problems, ps...)
			continue
		}
		loads, ps := findVersions(dir, e.Name())
		report.Problems = append(report.Problems, ps...)
		courses = append(courses, loads)
	}
	loadInParallel(dir, slices.Concat(courses...), cache)
	for _, loads := range courses {
		checkVersionHistory(loads)
	}
	checkTranslations(courses)
	var loaded []*Version
	for _, loads := range courses {
		loaded = append(loaded, report.collect(loads)...)
	}
	sortProblems(report.Problems)
	report.Duration = time.Since(start)
	return loaded, report, nil
}

// findVersions lists the version folders of a course, in version order with drafts last.
func findVersions(root, courseID string) ([]*versionLoad, []Problem) {
	entries, err := os.ReadDir(filepath.Join(root, courseID))
	if err != nil {
		return nil, []Problem{{courseID, 0, 0, "cannot read the folder: " + err.Error()}}
	}
	var loads []*versionLoad
	var ps []Problem
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !isDir(filepath.Join(root, courseID), e) {
			continue
		}
		if _, ok := parseSemver(e.Name()); !ok && e.Name() != "draft" {
			ps = append(ps, Problem{courseID + "/" + e.Name(), 0, 0,
				"a version folder must be named like 1.0.0 (MAJOR.MINOR.PATCH) or draft"})
			continue
		}
		loads = append(loads, &versionLoad{courseID: courseID, folder: e.Name(), rel: courseID + "/" + e.Name()})
	}
	if len(loads) == 0 && len(ps) == 0 {
		ps = append(ps, Problem{courseID, 0, 0, "the course has no version folder such as 1.0.0 or draft"})
	}
	slices.SortStableFunc(loads, func(a, b *versionLoad) int {
		if (a.folder == "draft") != (b.folder == "draft") {
			return cmp.Compare(boolInt(a.folder == "draft"), boolInt(b.folder == "draft"))
		}
		return compareSemver(a.folder, b.folder)
	})
	return loads, ps
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// loadInParallel loads the versions on all CPUs: loading is mostly rendering and hashing.
func loadInParallel(root string, loads []*versionLoad, cache *renderCache) {
	shared := newLoadShared()
	onAllCPUs(loads, func(l *versionLoad) {
		l.shared = shared
		l.load(root, cache)
	})
}

// onAllCPUs calls fn for every item, on as many goroutines as there are CPUs, and returns when all
// calls have returned.
func onAllCPUs[T any](items []T, fn func(T)) {
	var wg sync.WaitGroup
	next := make(chan T)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for item := range next {
				fn(item)
			}
		})
	}
	for _, item := range items {
		next <- item
	}
	close(next)
	wg.Wait()
}

// collect adds the problems and statuses of a course's versions and returns the good ones.
func (r *LoadReport) collect(loads []*versionLoad) []*Version {
	var versions []*Version
	for _, l := range loads {
		r.Problems = append(r.Problems, l.problems...)
		status := VersionStatus{CourseID: l.courseID, Folder: l.folder, Status: StatusBroken}
		if l.v != nil {
			status.Title, status.TranslationOf = l.v.Manifest.Title, l.v.Manifest.TranslationOf
		}
		if l.v != nil && len(l.problems) == 0 {
			status.Status = StatusPublished
			if l.v.Draft {
				status.Status = StatusDraft
			}
			versions = append(versions, l.v)
		}
		r.Versions = append(r.Versions, status)
	}
	return versions
}

func isDir(parent string, e os.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	info, err := os.Stat(filepath.Join(parent, e.Name())) // a symbolic link to a folder
	return err == nil && info.IsDir()
}

// versionLoad is one version folder while it is being loaded and checked.
type versionLoad struct {
	courseID    string
	folder      string
	rel         string                // "course/folder", the prefix of problem paths
	v           *Version              // nil when course.yaml could not be read
	manifestDoc *yamlDoc              // for positions of cross-version problems
	quizFiles   map[string]quizSource // module id → its quiz.yaml, for positions of cross-version problems
	moduleIDs   map[string]string     // module folder → module id, for links between modules
	shared      *loadShared           // what the versions of this load share (nil: nothing)
	problems    []Problem
}

// quizSource is a quiz.yaml that loaded. Its syntax tree is not kept: it is many times the size of
// the file, and only a problem between versions (rare) needs positions after the load.
type quizSource struct {
	path string
	data []byte
}

// quizDoc parses a module's quiz.yaml again for the positions of its values.
func (l *versionLoad) quizDoc(moduleID string) *yamlDoc {
	src := l.quizFiles[moduleID]
	p, _ := parseQuizFile(src.path, src.data)
	if p == nil {
		return &yamlDoc{path: src.path}
	}
	return p.doc
}

func (l *versionLoad) add(ps ...Problem) { l.problems = append(l.problems, ps...) }

// load reads, checks, hashes and renders one version folder. With a cache, the modules and
// changelog of a published version come from there when it has them for the version's hash, and
// go there when the version loaded without a problem.
func (l *versionLoad) load(root string, cache *renderCache) {
	courseID, folder := l.courseID, l.folder
	l.quizFiles = map[string]quizSource{}
	files, ps := scanVersion(root, l.rel)
	l.add(ps...)
	texts := map[string][]byte{}
	for i := range files {
		l.add(readVersionFile(&files[i], l.rel, texts)...)
	}
	v := &Version{CourseID: courseID, Folder: folder, Dir: filepath.Join(root, courseID, folder),
		files: map[string]versionFile{}}
	for _, f := range files {
		v.files[f.rel] = f
	}
	v.Hash = hashFiles(files, "")

	data, ok := texts["course.yaml"]
	if !ok {
		if _, exists := v.files["course.yaml"]; !exists {
			l.add(Problem{l.rel, 0, 0, "course.yaml is missing"})
		}
		return
	}
	m, doc, ps := parseManifest(l.rel+"/course.yaml", data)
	l.manifestDoc = doc
	l.add(ps...)
	if m == nil {
		return
	}
	v.Manifest = *m
	v.Version = m.Version
	v.Draft = folder == "draft" || m.Status == StatusDraft
	v.Base = VersionBase(courseID, folder)
	l.v = v
	if m.ID != courseID {
		l.add(l.manifestDoc.problemAt("$.id", "id %q must equal the course folder name %q", m.ID, courseID))
	}
	if folder != "draft" && m.Version != folder {
		l.add(l.manifestDoc.problemAt("$.version", "version %q must equal the folder name %q", m.Version, folder))
	}
	if cache != nil && !v.Draft && len(l.problems) == 0 {
		if cv := cache.get(l.rel, v.Hash); cv != nil && l.restore(cv, texts) {
			return
		}
	}
	l.loadModules(files, texts)
	l.checkCompletion()
	l.loadChangelog(texts)
	if cache != nil && !v.Draft && len(l.problems) == 0 {
		cache.put(l.rel, v)
	}
}

// readVersionFile checks a file's size, reads text files into texts and sets the digest.
func readVersionFile(f *versionFile, versionRel string, texts map[string][]byte) []Problem {
	problemPath := versionRel + "/" + f.rel
	text := isTextFile(f.rel)
	limit, what := int64(MaxMediaBytes), "a media file may be at most 20 MiB"
	if text {
		limit, what = MaxTextBytes, "a lesson or YAML file may be at most 1 MiB; split it into several modules"
	}
	if f.size > limit {
		return []Problem{{problemPath, 1, 1, fmt.Sprintf("the file is %.1f MiB; %s", float64(f.size)/(1<<20), what)}}
	}
	if !text {
		digest, err := digestFile(f.abs)
		if err != nil {
			return []Problem{{problemPath, 1, 1, "cannot read: " + err.Error()}}
		}
		f.digest = digest
		return nil
	}
	data, err := os.ReadFile(f.abs)
	if err != nil {
		return []Problem{{problemPath, 1, 1, "cannot read: " + err.Error()}}
	}
	sum := sha256.Sum256(data)
	f.digest = hex.EncodeToString(sum[:])
	texts[f.rel] = data
	return nil
}

// isTextFile reports whether a version file is one the loader reads as text.
func isTextFile(rel string) bool {
	if rel == "course.yaml" || rel == "CHANGELOG.md" {
		return true
	}
	base := filepath.Base(rel)
	return strings.HasPrefix(rel, "modules/") && strings.Count(rel, "/") == 2 && (base == "lesson.md" || base == "quiz.yaml")
}

// loadChangelog checks and renders CHANGELOG.md, which must have a section for this version.
func (l *versionLoad) loadChangelog(texts map[string][]byte) {
	src, ok := texts["CHANGELOG.md"]
	if !ok {
		return
	}
	relPath := l.rel + "/CHANGELOG.md"
	if off := firstInvalidUTF8(src); off >= 0 {
		line, col := lineCol(src, off)
		l.add(Problem{relPath, line, col, "the file is not valid UTF-8 text; save it as UTF-8"})
		return
	}
	if !hasChangelogSection(src, l.v.Version) {
		l.add(Problem{relPath, 1, 1, fmt.Sprintf("CHANGELOG.md has no section for this version; add a heading \"## %s (date)\" at the top", l.v.Version)})
	}
	l.v.Changelog = l.renderChecked(relPath, src, 0, "")
}

func hasChangelogSection(src []byte, version string) bool {
	for _, line := range strings.Split(string(src), "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "## ")
		if ok && (rest == version || strings.HasPrefix(rest, version+" ")) {
			return true
		}
	}
	return false
}

// renderChecked checks a Markdown body and renders it with the version's URLs.
func (l *versionLoad) renderChecked(relPath string, src []byte, lineOffset int, dir string) template.HTML {
	lang := l.v.Manifest.Language
	doc := parseMarkdown(src, lang)
	l.add(markdownCheck{relPath: relPath, src: src, lineOffset: lineOffset, dir: dir, files: l.v.files}.check(doc)...)
	out, err := renderParsed(src, doc, l.renderOptions(dir))
	if err != nil {
		l.add(Problem{relPath, 1, 1, err.Error()})
	}
	return l.shared.keep(out)
}

func (l *versionLoad) renderOptions(dir string) RenderOptions {
	return RenderOptions{Language: l.v.Manifest.Language, Base: l.v.Base, Dir: dir, Modules: l.moduleIDs}
}
