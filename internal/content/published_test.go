package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listRecorder is mapRecorder that also lists what it recorded, as the store does.
type listRecorder struct{ mapRecorder }

func (r listRecorder) RecordedVersionHashes() (map[string]string, error) {
	out := map[string]string{}
	for key, hash := range r.mapRecorder {
		out[strings.Replace(key, "@", "/", 1)] = hash
	}
	return out, nil
}

func keepingLibrary(t *testing.T) (lib *Library, dir string) {
	t.Helper()
	dir = copyCourses(t)
	lib = NewLibrary(dir, listRecorder{mapRecorder{}}, quietLog())
	lib.KeepPublished(filepath.Join(t.TempDir(), "published"))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	return lib, dir
}

const changedLesson = "ki-grundlagen/1.0.0/modules/02-chancen-und-grenzen/lesson.md"

// mustServeKept checks that 1.0.0 is served as published, with the files named that differ.
func mustServeKept(t *testing.T, lib *Library, report *LoadReport, problemPaths ...string) {
	t.Helper()
	v := lib.Catalog().Version("ki-grundlagen", "1.0.0")
	if v == nil {
		t.Fatalf("1.0.0 is not served; problems %v", report.Problems)
	}
	if m := v.Module("chancen-und-grenzen"); m == nil || !strings.Contains(string(m.HTML), "Routinearbeit") {
		t.Error("the served lesson is not the published one")
	}
	if report.Count(StatusKept) != 1 {
		t.Errorf("versions kept = %d, want 1: %+v", report.Count(StatusKept), report.Versions)
	}
	for _, want := range problemPaths {
		found := false
		for _, p := range report.Problems {
			if p.Path == want && strings.Contains(p.Message, "learners get the version as it was published") {
				found = true
			}
			if strings.HasSuffix(p.Path, "course.yaml") && p.Line == 1 {
				t.Errorf("problem at course.yaml:1:1 instead of the changed file: %v", p)
			}
		}
		if !found {
			t.Errorf("no problem names %s: %v", want, report.Problems)
		}
	}
}

func TestChangedPublishedVersionIsServedFromItsKeptCopyNamingTheChangedFile(t *testing.T) {
	lib, dir := keepingLibrary(t)
	editFile(t, dir, changedLesson, "Routinearbeit", "Routine-Arbeit")
	writeFile(t, dir, "ki-grundlagen/1.0.0/modules/01-was-ist-ki/media/neu.png", "\x89PNG")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	mustServeKept(t, lib, report, changedLesson, "ki-grundlagen/1.0.0/modules/01-was-ist-ki/media/neu.png")
	if v := lib.Catalog().Version("ki-grundlagen", "1.1.0"); v == nil {
		t.Error("1.1.0 is no longer served")
	}
	// Restored on disk: served from the folder again.
	editFile(t, dir, changedLesson, "Routine-Arbeit", "Routinearbeit")
	os.Remove(filepath.Join(dir, "ki-grundlagen/1.0.0/modules/01-was-ist-ki/media/neu.png"))
	report, _ = lib.Reload()
	if report.Count(StatusKept) != 0 || len(report.Problems) != 0 {
		t.Errorf("after restoring: kept %d, problems %v", report.Count(StatusKept), report.Problems)
	}
}

func TestDeletedFileOrFolderOfAPublishedVersionIsServedFromItsKeptCopy(t *testing.T) {
	lib, dir := keepingLibrary(t)
	if err := os.Remove(filepath.Join(dir, changedLesson)); err != nil {
		t.Fatal(err)
	}
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	mustServeKept(t, lib, report, changedLesson)

	if err := os.RemoveAll(filepath.Join(dir, "ki-grundlagen", "1.0.0")); err != nil {
		t.Fatal(err)
	}
	report, err = lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	mustServeKept(t, lib, report, "ki-grundlagen/1.0.0")
}

func TestWithoutAKeptCopyAChangedVersionIsStillRefused(t *testing.T) {
	lib, dir := keepingLibrary(t)
	os.RemoveAll(lib.keepDir)
	editFile(t, dir, changedLesson, "Routinearbeit", "Routine-Arbeit")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	if lib.Catalog().Version("ki-grundlagen", "1.0.0") != nil || report.Count(StatusRefused) != 1 {
		t.Errorf("a changed version without its copy: served %v, refused %d", lib.Catalog().Version("ki-grundlagen", "1.0.0") != nil, report.Count(StatusRefused))
	}
}

func TestCopiesKeptAfterTheReloadAreInPlaceForTheNextReload(t *testing.T) {
	dir := copyCourses(t)
	lib := NewLibrary(dir, listRecorder{mapRecorder{}}, quietLog())
	lib.KeepPublished(filepath.Join(t.TempDir(), "published"))
	lib.KeepCopiesAfterReload()
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	if lib.Catalog().Version("ki-grundlagen", "1.0.0") == nil || lib.Catalog().Version("ki-grundlagen", "1.1.0") == nil {
		t.Fatal("the versions are not served while their copies are kept")
	}
	// No Wait: the next reload waits for the copies of the last one before it compares.
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	v := lib.Catalog().Version("ki-grundlagen", "1.0.0")
	if _, err := os.Stat(lib.keptDir(v.Hash, v.CourseID, v.Folder)); err != nil {
		t.Fatalf("the copy of 1.0.0 is not in place after the next reload: %v", err)
	}
	lib.Wait()
	editFile(t, dir, changedLesson, "Routinearbeit", "Routine-Arbeit")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	mustServeKept(t, lib, report, changedLesson)
	lib.Wait()
}

func TestACopyOfFilesEditedSinceTheLoadIsNotKept(t *testing.T) {
	dir := copyCourses(t)
	lib := NewLibrary(dir, listRecorder{mapRecorder{}}, quietLog())
	lib.KeepPublished(filepath.Join(t.TempDir(), "published"))
	lib.KeepCopiesAfterReload() // the copy is not written yet when the file changes below
	cat, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := cat.Version("ki-grundlagen", "1.0.0")
	editFile(t, dir, changedLesson, "Routinearbeit", "Routine-Arbeit")
	err = lib.keepCopy(v)
	if err == nil || !strings.Contains(err.Error(), "changed while they were copied") || !strings.Contains(err.Error(), "lesson.md") {
		t.Fatalf("keeping a copy of edited files: %v", err)
	}
	if _, err := os.Stat(lib.keptDir(v.Hash, v.CourseID, v.Folder)); !os.IsNotExist(err) {
		t.Errorf("a copy was kept anyway: %v", err)
	}
	entries, _ := os.ReadDir(lib.keepDir)
	for _, e := range entries {
		t.Errorf("left behind in the folder of copies: %s", e.Name())
	}
}
