package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ailit/ailit/internal/quiz"
)

// renderCache keeps the modules and changelog of published versions that loaded without a problem,
// rendered and decoded, in files named by the version's content hash, its place in the courses
// folder and the build of ailit. A restart takes them from there instead of parsing every quiz and
// rendering every lesson again: a published version with the same hash has the same files, and the
// same build checks and renders them the same way. The course.yaml of every version, the checks
// between versions and the files' hashes still run on every load, so `ailit courses validate`
// (which uses no cache) and a restart report the same problems.
type renderCache struct {
	dir   string
	build string // identifies the code that rendered; entries of other builds are never read
	hits  atomic.Int64

	mu   sync.Mutex
	used map[string]bool // files read or written since begin
}

// begin starts a load: prune keeps the files the load reads or writes from here on.
func (c *renderCache) begin() {
	c.mu.Lock()
	c.used = map[string]bool{}
	c.mu.Unlock()
}

func (c *renderCache) use(path string) {
	c.mu.Lock()
	if c.used != nil {
		c.used[path] = true
	}
	c.mu.Unlock()
}

// prune deletes the cache files the load since begin did not use: versions that changed or are
// gone, and every file of earlier builds, so the cache holds one load's worth.
func (c *renderCache) prune() {
	c.mu.Lock()
	defer c.mu.Unlock()
	files, _ := filepath.Glob(filepath.Join(c.dir, "*", "*.gob"))
	for _, f := range files {
		if !c.used[f] {
			os.Remove(f)
		}
	}
	c.used = nil
}

// cachedVersion is what a cache file holds.
type cachedVersion struct {
	Changelog template.HTML
	Modules   []cachedModule
}

type cachedModule struct {
	ID, Folder, Title string
	Minutes           int
	HTML              template.HTML
	Quiz              *quiz.Definition
	QuestionHashes    map[string]string
	Hash              string
	Package           *Package
	Texts             map[string]template.HTML
}

// newRenderCache returns a cache in dir for this build of ailit, or nil when the running
// executable cannot be identified: then nothing is cached. The build is named by the module
// information compiled in (Go version, dependencies, version control revision when there is one)
// and by the size and modification time of the executable, so every rebuild has its own entries.
func newRenderCache(dir string) *renderCache {
	info, ok := debug.ReadBuildInfo()
	if !ok || dir == "" {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	st, err := os.Stat(exe)
	if err != nil {
		return nil
	}
	return &renderCache{dir: dir, build: fmt.Sprintf("%s\n%d %d", info, st.Size(), st.ModTime().UnixNano())}
}

func (c *renderCache) path(rel, hash string) string {
	sum := sha256.Sum256([]byte(c.build + "\x00" + rel + "\x00" + hash))
	key := hex.EncodeToString(sum[:])
	return filepath.Join(c.dir, key[:2], key+".gob")
}

// get returns the cached modules of a version, or nil when there are none or they cannot be read.
func (c *renderCache) get(rel, hash string) *cachedVersion {
	data, err := os.ReadFile(c.path(rel, hash))
	if err != nil {
		return nil
	}
	var cv cachedVersion
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&cv); err != nil {
		return nil
	}
	c.hits.Add(1)
	c.use(c.path(rel, hash))
	return &cv
}

// put writes the cache file of a version that loaded without a problem. Errors are ignored: the
// next start renders the version again.
func (c *renderCache) put(rel string, v *Version) {
	cv := cachedVersion{Changelog: v.Changelog}
	for _, m := range v.Modules {
		cv.Modules = append(cv.Modules, cachedModule{ID: m.ID, Folder: m.Folder, Title: m.Title, Minutes: m.Minutes,
			HTML: m.HTML, Quiz: m.Quiz, QuestionHashes: m.QuestionHashes, Hash: m.Hash, Package: m.Package, Texts: m.texts})
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(cv); err != nil {
		return
	}
	// gob gives an empty list or map back as nil, which a quiz question's hash could tell apart:
	// only a version that comes back exactly as it was is cached.
	var back cachedVersion
	if err := gob.NewDecoder(bytes.NewReader(buf.Bytes())).Decode(&back); err != nil || !reflect.DeepEqual(back, cv) {
		return
	}
	final := c.path(rel, v.Hash)
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".tmp-")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		os.Remove(tmp.Name())
		return
	}
	c.use(final)
}

// restore fills a version's modules and changelog from the cache. It returns false, and changes
// nothing, when the folders under modules/ are not those cached: a folder without files changes
// no hash but can be a problem.
func (l *versionLoad) restore(cv *cachedVersion, texts map[string][]byte) bool {
	entries, err := os.ReadDir(filepath.Join(l.v.Dir, "modules"))
	if err != nil {
		return false
	}
	var folders []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			folders = append(folders, e.Name())
		}
	}
	if len(folders) != len(cv.Modules) {
		return false
	}
	for _, cm := range cv.Modules {
		if !slices.Contains(folders, cm.Folder) {
			return false
		}
	}
	l.v.Changelog = l.shared.keep(cv.Changelog)
	for i, cm := range cv.Modules {
		m := &Module{ID: cm.ID, Folder: cm.Folder, Title: cm.Title, Minutes: cm.Minutes, HTML: l.shared.keep(cm.HTML), Quiz: cm.Quiz,
			QuestionHashes: cm.QuestionHashes, Hash: cm.Hash, Package: cm.Package, version: l.v, index: i, texts: cm.Texts}
		if m.Quiz != nil {
			digest := l.v.files["modules/"+m.Folder+"/quiz.yaml"].digest
			m.Quiz = l.shared.definition(digest, m.Quiz)
			l.shareQuizStrings(m)
			l.shared.shareQuizMaps(digest, m)
		}
		l.v.Modules = append(l.v.Modules, m)
		if m.Quiz != nil {
			rel := "modules/" + m.Folder + "/quiz.yaml"
			l.quizFiles[m.ID] = quizSource{l.rel + "/" + rel, texts[rel]}
		}
	}
	return true
}

// shareQuizStrings makes the keys of a restored module's maps, and the texts that render to
// themselves, the quiz's own strings again, as a rendering load has them: gob decodes each a copy.
func (l *versionLoad) shareQuizStrings(m *Module) {
	if m.texts != nil {
		texts := make(map[string]template.HTML, len(m.texts))
		for _, s := range quizTexts(m.Quiz) {
			if h, ok := m.texts[s]; ok {
				if plain := strings.TrimSpace(s); string(h) == plain {
					h = template.HTML(plain) //nolint:gosec // the same text, from the quiz
				}
				texts[s] = l.shared.keep(h)
			}
		}
		m.texts = texts
	}
	if m.QuestionHashes != nil {
		hashes := make(map[string]string, len(m.QuestionHashes))
		for _, q := range m.Quiz.Questions {
			if h, ok := m.QuestionHashes[q.ID]; ok {
				hashes[q.ID] = h
			}
		}
		m.QuestionHashes = hashes
	}
}
