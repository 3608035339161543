package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRenumberedCountsFromOneWithTwoDigits(t *testing.T) {
	tests := []struct {
		ids  []string
		want []string
	}{
		{[]string{"b", "a"}, []string{"01-b", "02-a"}},
		{nil, []string{}},
		{strings.Split("a b c d e f g h i j k l m n o p q r s t u v w x y z a1 b1 c1 d1 e1 f1 g1 h1 i1 j1 k1 l1 m1 n1 o1 p1 q1 r1 s1 t1 u1 v1 w1 x1 y1 z1 a2 b2 c2 d2 e2 f2 g2 h2 i2 j2 k2 l2 m2 n2 o2 p2 q2 r2 s2 t2 u2 v2 w2 x2 y2 z2 a3 b3 c3 d3 e3 f3 g3 h3 i3 j3 k3 l3 m3 n3 o3 p3 q3 r3 s3 t3 u3 v3 w3 x3 y3 z3", " ")[:100], nil},
	}
	for _, tt := range tests {
		got := renumbered(tt.ids)
		if tt.want != nil && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("renumbered(%v) = %v, want %v", tt.ids, got, tt.want)
		}
		if len(tt.ids) == 100 && (got[0] != "001-a" || got[99] != "100-"+tt.ids[99]) {
			t.Errorf("100 modules: %s … %s", got[0], got[99])
		}
	}
}

func moduleFolders(t *testing.T, w *Workspace) []string {
	t.Helper()
	mods, err := w.Modules("ki-grundlagen", DraftFolder)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range mods {
		out = append(out, m.Folder)
	}
	return out
}

func TestMoveModuleRenumbersFoldersKeepsIdsAndLinks(t *testing.T) {
	w := withDraft(t)
	if err := w.MoveModule("ki-grundlagen", "chancen-und-grenzen", -1); err != nil {
		t.Fatal(err)
	}
	want := []string{"01-chancen-und-grenzen", "02-was-ist-ki", "03-ki-im-buergerbuero"}
	if got := moduleFolders(t, w); !reflect.DeepEqual(got, want) {
		t.Fatalf("folders %v, want %v", got, want)
	}
	if lesson := readDraft(t, w, "modules/02-was-ist-ki/lesson.md"); !strings.Contains(lesson, "(../01-chancen-und-grenzen/lesson.md)") {
		t.Errorf("the link to the moved module was not updated:\n%s", lesson)
	}
	cat := mustLoad(t, w.Root)
	draft := cat.AnyCourse("ki-grundlagen").Draft(DraftFolder)
	if draft.Modules[0].ID != "chancen-und-grenzen" || draft.Modules[1].Quiz == nil {
		t.Errorf("draft modules: %+v", draft.Modules)
	}
	// First stays first.
	if err := w.MoveModule("ki-grundlagen", "chancen-und-grenzen", -1); err != nil {
		t.Fatal(err)
	}
	if got := moduleFolders(t, w); !reflect.DeepEqual(got, want) {
		t.Errorf("moving the first module up changed %v", got)
	}
}

func TestAddModuleGetsAFreshIdAndTheNextNumber(t *testing.T) {
	w := withDraft(t)
	id, err := w.AddModule("ki-grundlagen", "Was ist KI?")
	if err != nil {
		t.Fatal(err)
	}
	if id != "was-ist-ki-2" {
		t.Errorf("id %q: the id of an existing module was reused", id)
	}
	if got := moduleFolders(t, w); got[3] != "04-was-ist-ki-2" {
		t.Errorf("folders %v", got)
	}
	mustLoad(t, w.Root)
	if _, err := w.AddModule("ki-grundlagen", "  "); !errors.Is(err, ErrModuleTitle) {
		t.Errorf("empty title: %v", err)
	}
}

func TestRenameModuleChangesOnlyTheTitle(t *testing.T) {
	w := withDraft(t)
	rel := "modules/03-ki-im-buergerbuero/lesson.md"
	before, hash, _ := w.ReadFile("ki-grundlagen", DraftFolder, rel)
	if err := w.RenameModule("ki-grundlagen", "ki-im-buergerbuero", "KI am Bürgertelefon", hash); err != nil {
		t.Fatal(err)
	}
	after := readDraft(t, w, rel)
	l, _ := ParseLesson([]byte(after))
	if l.Title != "KI am Bürgertelefon" {
		t.Errorf("title %q", l.Title)
	}
	_, bodyBefore, _ := strings.Cut(string(before), "\n---\n")
	if _, bodyAfter, _ := strings.Cut(after, "\n---\n"); bodyAfter != bodyBefore {
		t.Error("the lesson body changed")
	}
	if got := moduleFolders(t, w); got[2] != "03-ki-im-buergerbuero" {
		t.Errorf("the folder changed: %v", got)
	}
	var conflict *ConflictError
	if err := w.RenameModule("ki-grundlagen", "ki-im-buergerbuero", "Noch ein Titel", hash); !errors.As(err, &conflict) {
		t.Errorf("a rename on an old version of the lesson: %v", err)
	}
}

func TestDeleteModuleIsRefusedWhileAnotherLessonLinksToIt(t *testing.T) {
	w := withDraft(t)
	before := snapshot(t, filepath.Join(w.Root, "ki-grundlagen", "draft"))
	err := w.DeleteModule("ki-grundlagen", "chancen-und-grenzen")
	var inv *InvalidError
	if !errors.As(err, &inv) || !strings.Contains(inv.Problems[0].Path, "01-was-ist-ki/lesson.md") || inv.Problems[0].Line != 20 {
		t.Fatalf("delete of a linked module: %v", err)
	}
	assertUnchanged(t, before, snapshot(t, filepath.Join(w.Root, "ki-grundlagen", "draft")))
}

func TestDeleteModuleRenumbersTheRest(t *testing.T) {
	w := withDraft(t)
	if err := w.DeleteModule("ki-grundlagen", "ki-im-buergerbuero"); err != nil {
		t.Fatal(err)
	}
	if got := moduleFolders(t, w); !reflect.DeepEqual(got, []string{"01-was-ist-ki", "02-chancen-und-grenzen"}) {
		t.Errorf("folders %v", got)
	}
	if err := w.MoveModule("ki-grundlagen", "was-ist-ki", 1); err != nil {
		t.Fatal(err)
	}
	if got := moduleFolders(t, w); !reflect.DeepEqual(got, []string{"01-chancen-und-grenzen", "02-was-ist-ki"}) {
		t.Errorf("folders after a swap %v", got)
	}
	mustLoad(t, w.Root)
}

func TestQuizCanBeAddedAndDeletedUnlessTheCompletionRuleNamesIt(t *testing.T) {
	w := withDraft(t)
	if err := w.AddQuiz("ki-grundlagen", "chancen-und-grenzen", "de"); err != nil {
		t.Fatal(err)
	}
	cat := mustLoad(t, w.Root)
	if q := cat.AnyCourse("ki-grundlagen").Draft(DraftFolder).Modules[1].Quiz; q == nil || q.Questions[0].ID != "chancen-und-grenzen-1" {
		t.Fatalf("quiz %+v", q)
	}
	if err := w.AddQuiz("ki-grundlagen", "chancen-und-grenzen", "de"); !errors.Is(err, ErrHasQuiz) {
		t.Errorf("second quiz: %v", err)
	}
	if err := w.DeleteQuiz("ki-grundlagen", "chancen-und-grenzen"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(w.Root, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "quiz.yaml")); !os.IsNotExist(err) {
		t.Error("quiz.yaml is still there")
	}
	var inv *InvalidError
	if err := w.DeleteQuiz("ki-grundlagen", "was-ist-ki"); !errors.As(err, &inv) || !strings.HasSuffix(inv.Problems[0].Path, "course.yaml") {
		t.Errorf("deleting a quiz the completion rule names: %v", err)
	}
}
