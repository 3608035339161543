package content

import (
	"io"
	"log/slog"
	"strings"
	"testing"
)

// mapRecorder is the store's behaviour in a map: the first hash recorded for a version wins.
type mapRecorder map[string]string

func (r mapRecorder) RecordVersionHash(courseID, version, hash, _ string) (string, error) {
	key := courseID + "@" + version
	if first, ok := r[key]; ok {
		return first, nil
	}
	r[key] = hash
	return hash, nil
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestLibraryRefusesPublishedVersionChangedAfterPublication(t *testing.T) {
	dir := copyCourses(t)
	rec := mapRecorder{}
	lib := NewLibrary(dir, rec, quietLog())
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := len(lib.Catalog().Course("ki-grundlagen").Versions()); got != 2 {
		t.Fatalf("versions served before the change = %d, want 2", got)
	}

	editFile(t, dir, "ki-grundlagen/1.0.0/modules/02-chancen-und-grenzen/lesson.md", "Routinearbeit", "Routine-Arbeit")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	course := lib.Catalog().Course("ki-grundlagen")
	if course.Version("1.0.0") != nil {
		t.Error("the changed version 1.0.0 is still served")
	}
	if course.Latest() == nil || course.Latest().Version != "1.1.0" {
		t.Error("version 1.1.0 is no longer served")
	}
	if len(report.Problems) != 1 || !strings.HasPrefix(report.Problems[0].String(),
		"ki-grundlagen/1.0.0:0:0: version changed after publication") ||
		!strings.Contains(report.Problems[0].Message, "publish a new version instead") {
		t.Errorf("problems = %v", report.Problems)
	}
	if report.Count(StatusRefused) != 1 || lib.Report() != report {
		t.Errorf("report: refused=%d, Report() is the latest: %v", report.Count(StatusRefused), lib.Report() == report)
	}

	// Restoring the files makes the version servable again.
	editFile(t, dir, "ki-grundlagen/1.0.0/modules/02-chancen-und-grenzen/lesson.md", "Routine-Arbeit", "Routinearbeit")
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	if lib.Catalog().Version("ki-grundlagen", "1.0.0") == nil {
		t.Error("the restored version 1.0.0 is not served")
	}
}

func TestReloadThatBreaksOneVersionKeepsTheOthers(t *testing.T) {
	dir := copyCourses(t)
	lib := NewLibrary(dir, mapRecorder{}, quietLog())
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	before := lib.Catalog()
	writeFile(t, dir, "ki-grundlagen/draft/course.yaml", "id: ki-grundlagen\nversion: [\n")
	editFile(t, dir, "ki-grundlagen/1.1.0/modules/03-ki-im-buergerbuero/quiz.yaml", "pass_percent: 100", "pass_percent: 0")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	after := lib.Catalog()
	if after == before {
		t.Fatal("the catalog was not swapped")
	}
	if before.Version("ki-grundlagen", "1.1.0") == nil {
		t.Error("the old catalog changed under its readers")
	}
	if after.Version("ki-grundlagen", "1.1.0") != nil || after.Version("ki-grundlagen", "1.0.0") == nil {
		t.Error("want 1.1.0 dropped and 1.0.0 kept")
	}
	if got := report.Count(StatusBroken); got != 2 {
		t.Errorf("broken versions = %d, want 2 (1.1.0 and the draft)", got)
	}
}

func TestLibraryKeepsCatalogWhenFolderIsGone(t *testing.T) {
	dir := copyCourses(t)
	lib := NewLibrary(dir, nil, quietLog())
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	lib.dir = dir + "/missing"
	if _, err := lib.Reload(); err == nil {
		t.Fatal("want an error for a missing folder")
	}
	if lib.Catalog().Course("ki-grundlagen") == nil {
		t.Error("the previous catalog was dropped")
	}
}
