package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A load that takes the published versions from the render cache gives the same catalog as one
// that renders them.
func TestRenderCacheGivesTheSameCatalog(t *testing.T) {
	dir := copyCourses(t)
	cache := &renderCache{dir: t.TempDir(), build: "test"}
	rendered, _, err := loadAll(dir, cache)
	if err != nil {
		t.Fatal(err)
	}
	if cache.hits.Load() != 0 {
		t.Fatalf("%d hits in an empty cache", cache.hits.Load())
	}
	restored, report, err := loadAll(dir, cache)
	if err != nil || len(report.Problems) > 0 {
		t.Fatal(err, report.Problems)
	}
	if got := cache.hits.Load(); got != int64(len(rendered)) || got == 0 {
		t.Fatalf("%d of %d versions from the cache", got, len(rendered))
	}
	fresh, _, _ := loadAll(dir, nil)
	for i, v := range restored {
		f := fresh[i]
		if v.Hash != f.Hash || v.Changelog != f.Changelog || !reflect.DeepEqual(v.Manifest, f.Manifest) || len(v.Modules) != len(f.Modules) {
			t.Fatalf("%s %s differs from the rendered version", v.CourseID, v.Folder)
		}
		for j, m := range v.Modules {
			fm := f.Modules[j]
			if m.version != v || m.index != j || m.Prev() != nil != (j > 0) {
				t.Errorf("%s: module links", m.ID)
			}
			m.version, fm.version = nil, nil
			if !reflect.DeepEqual(m, fm) {
				t.Errorf("%s %s module %s differs from the rendered one:\n%+v\n%+v", v.CourseID, v.Folder, m.ID, m, fm)
			}
		}
	}
}

// Cache entries of another build, of another place in the courses folder, and unreadable ones are
// not used; nor is an entry when an empty module folder appeared (no hash sees it).
func TestRenderCacheIsNotUsedWhenItCannotBeTrusted(t *testing.T) {
	dir := copyCourses(t)
	cacheDir := t.TempDir()
	if _, _, err := loadAll(dir, &renderCache{dir: cacheDir, build: "test"}); err != nil {
		t.Fatal(err)
	}
	other := &renderCache{dir: cacheDir, build: "another build"}
	if _, _, _ = loadAll(dir, other); other.hits.Load() != 0 {
		t.Errorf("another build read %d entries", other.hits.Load())
	}
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*", "*.gob"))
	if len(files) == 0 {
		t.Fatal("nothing cached")
	}
	for _, f := range files {
		if err := os.WriteFile(f, []byte("kaputt"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	broken := &renderCache{dir: cacheDir, build: "test"}
	if _, report, _ := loadAll(dir, broken); broken.hits.Load() != 0 || len(report.Problems) > 0 {
		t.Errorf("%d unreadable entries used; problems %v", broken.hits.Load(), report.Problems)
	}
	// An empty module folder added after the version was cached.
	cache := &renderCache{dir: t.TempDir(), build: "test"}
	_, _, _ = loadAll(dir, cache)
	if err := os.Mkdir(filepath.Join(dir, "ki-grundlagen/1.1.0/modules/09-leer"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, report, _ := loadAll(dir, cache)
	want := "ki-grundlagen/1.1.0/modules/09-leer:0:0: lesson.md is missing"
	if len(report.Problems) != 1 || report.Problems[0].String() != want {
		t.Errorf("problems %v, want %s", report.Problems, want)
	}
}

// After a reload the cache holds the files of that load only: another build's and stray ones go.
func TestRenderCacheKeepsOneLoad(t *testing.T) {
	dir, cacheDir := copyCourses(t), t.TempDir()
	load := func(c *renderCache) {
		c.begin()
		if _, _, err := loadAll(dir, c); err != nil {
			t.Fatal(err)
		}
		c.prune()
	}
	load(&renderCache{dir: cacheDir, build: "old"})
	writeFile(t, cacheDir, "ab/stray.gob", "x")
	current := &renderCache{dir: cacheDir, build: "new"}
	load(current)
	files, _ := filepath.Glob(filepath.Join(cacheDir, "*", "*.gob"))
	if len(files) != 2 {
		t.Fatalf("%d files after the load, want the 2 published versions: %v", len(files), files)
	}
	load(current)
	if current.hits.Load() != 2 {
		t.Errorf("%d versions from the cache, want 2", current.hits.Load())
	}
}
