package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

// withStatusDraft returns a workspace whose ki-grundlagen course has a version folder 1.2.0 with
// `status: draft` in course.yaml and no folder named draft.
func withStatusDraft(t *testing.T) *Workspace {
	t.Helper()
	w := New(coursesCopy(t))
	dir := filepath.Join(w.Root, "ki-grundlagen", "1.2.0")
	if err := copyTree(filepath.Join(w.Root, "ki-grundlagen", "1.1.0"), dir, false); err != nil {
		t.Fatal(err)
	}
	if err := retarget(dir, "1.2.0", content.ChangeMinor, content.StatusDraft, "", ""); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, w.Root)
	return w
}

func TestAStatusDraftFolderIsTheDraftTheWorkspaceEdits(t *testing.T) {
	w := withStatusDraft(t)
	if !w.HasDraft("ki-grundlagen") || w.DraftName("ki-grundlagen") != "1.2.0" {
		t.Fatalf("draft %q", w.DraftName("ki-grundlagen"))
	}
	if err := w.NewDraft("ki-grundlagen", "1.1.0"); !errors.Is(err, ErrDraftExists) {
		t.Errorf("a second draft: %v", err)
	}
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	data, hash, err := w.ReadFile("ki-grundlagen", DraftFolder, rel)
	if err != nil || data == nil {
		t.Fatal(err)
	}
	if err := w.SaveFile("ki-grundlagen", rel, append(data, []byte("\nNeuer Absatz.\n")...), hash); err != nil {
		t.Fatal(err)
	}
	saved, _ := os.ReadFile(filepath.Join(w.Root, "ki-grundlagen", "1.2.0", filepath.FromSlash(rel)))
	if !strings.Contains(string(saved), "Neuer Absatz.") {
		t.Error("the save did not reach the 1.2.0 folder")
	}
	if _, err := w.AddModule("ki-grundlagen", "Datenschutz"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(w.Root, "ki-grundlagen", "1.2.0", "modules", "04-datenschutz", "lesson.md")); err != nil {
		t.Error(err)
	}
	res, err := w.Publish(PublishRequest{CourseID: "ki-grundlagen", Change: content.ChangeMinor, Changelog: "- Modul Datenschutz.", Date: "2026-12-03"})
	if err != nil || res.Version != "1.2.0" {
		t.Fatalf("publish: %+v %v", res, err)
	}
	cat := mustLoad(t, w.Root)
	if v := cat.AnyCourse("ki-grundlagen").Latest(); v.Version != "1.2.0" || len(v.Modules) != 4 {
		t.Errorf("latest %s with %d modules", v.Version, len(v.Modules))
	}
	if w.HasDraft("ki-grundlagen") {
		t.Error("the published draft is still a draft")
	}
}

func TestConcurrentSavesOfTheSameFileLetOneWinAndReportAConflictToTheOther(t *testing.T) {
	w := withDraft(t)
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	data, hash, _ := w.ReadFile("ki-grundlagen", DraftFolder, rel)
	const trainers = 4
	errs := make([]error, trainers)
	var wg sync.WaitGroup
	for i := range trainers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			edited := append([]byte{}, data...)
			edited = append(edited, []byte("\nAbsatz von Person "+string(rune('A'+i))+".\n")...)
			errs[i] = w.SaveFile("ki-grundlagen", rel, edited, hash)
		}()
	}
	wg.Wait()
	saved, conflicts := 0, 0
	var winner int
	for i, err := range errs {
		var conflict *ConflictError
		switch {
		case err == nil:
			saved++
			winner = i
		case errors.As(err, &conflict):
			conflicts++
			if !strings.Contains(string(conflict.Current), "Absatz von Person") {
				t.Error("the conflict does not carry the winner's text")
			}
		default:
			t.Errorf("trainer %d: %v", i, err)
		}
	}
	if saved != 1 || conflicts != trainers-1 {
		t.Fatalf("%d saved, %d conflicts", saved, conflicts)
	}
	if got := readDraft(t, w, rel); !strings.Contains(got, "Absatz von Person "+string(rune('A'+winner))) {
		t.Errorf("the file does not hold the winner's text:\n%s", got)
	}
}
