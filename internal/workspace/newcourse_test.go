package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func newCourseSpec() NewCourseSpec {
	return NewCourseSpec{ID: "ki-im-amt", Title: "KI im Amt: ein Einstieg", Language: "de", Level: "L1",
		Audiences: []string{"alle"}, Competences: []string{"KA-GRUND"}, Author: "Erika Muster",
		Today: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)}
}

func TestNewCourseCreatesADraftThatPassesTheValidator(t *testing.T) {
	w := New(coursesCopy(t))
	if err := w.NewCourse(newCourseSpec()); err != nil {
		t.Fatal(err)
	}
	cat := mustLoad(t, w.Root)
	course := cat.AnyCourse("ki-im-amt")
	if course == nil {
		t.Fatal("the new course is not in the catalog")
	}
	draft := course.Draft(DraftFolder)
	if draft == nil || draft.Manifest.Title != "KI im Amt: ein Einstieg" || len(draft.Modules) != 1 {
		t.Fatalf("draft %+v", draft)
	}
	if m := draft.Modules[0]; m.ID != "einfuehrung" || m.Quiz == nil || len(m.Quiz.Questions) != 1 {
		t.Errorf("module %+v", m)
	}
	if course.Latest() != nil {
		t.Error("a new course has a release")
	}
}

func TestNewCourseInEnglishHasEnglishTexts(t *testing.T) {
	w := New(coursesCopy(t))
	spec := newCourseSpec()
	spec.Language = "en"
	if err := w.NewCourse(spec); err != nil {
		t.Fatal(err)
	}
	mods, err := w.Modules("ki-im-amt", DraftFolder)
	if err != nil || len(mods) != 1 || mods[0].Title != "Introduction" {
		t.Errorf("modules %+v, %v", mods, err)
	}
}

func TestNewCourseRefusesATakenIdAndAnInvalidSpec(t *testing.T) {
	w := New(coursesCopy(t))
	spec := newCourseSpec()
	spec.ID = "ki-grundlagen"
	if err := w.NewCourse(spec); !errors.Is(err, ErrCourseExists) {
		t.Errorf("taken id: %v", err)
	}
	spec = newCourseSpec()
	spec.Level = "L9"
	var inv *InvalidError
	if err := w.NewCourse(spec); !errors.As(err, &inv) || inv.Problems[0].Line == 0 {
		t.Errorf("bad level: %v", err)
	}
	if _, err := os.Stat(filepath.Join(w.Root, "ki-im-amt")); !os.IsNotExist(err) {
		t.Error("a refused course left a folder")
	}
	spec.ID = "../x"
	if err := w.NewCourse(spec); err == nil {
		t.Error("a path as id was accepted")
	}
}
