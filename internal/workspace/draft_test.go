package workspace

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewDraftCopiesLatestReleaseAsNextMinorDraft(t *testing.T) {
	w := withDraft(t)
	manifest := readDraft(t, w, "course.yaml")
	for _, want := range []string{"version: 1.2.0", "status: draft", "change: minor", "title: KI-Grundlagen"} {
		if !strings.Contains(manifest, want) {
			t.Errorf("course.yaml lacks %q:\n%s", want, manifest)
		}
	}
	if log := readDraft(t, w, "CHANGELOG.md"); !strings.HasPrefix(log, "## 1.2.0 (Entwurf)") || !strings.Contains(log, "## 1.1.0 (2026-11-15)") {
		t.Errorf("CHANGELOG:\n%s", log)
	}
	cat := mustLoad(t, w.Root)
	if d := cat.AnyCourse("ki-grundlagen").Draft("draft"); d == nil || d.Version != "1.2.0" {
		t.Fatalf("draft not loaded: %+v", d)
	}
	if cat.Version("ki-grundlagen", "1.2.0") != nil {
		t.Error("the draft is visible to learners")
	}
}

func TestNewDraftRefusesWhenADraftExists(t *testing.T) {
	w := withDraft(t)
	if err := w.NewDraft("ki-grundlagen", "1.1.0"); !errors.Is(err, ErrDraftExists) {
		t.Fatalf("second draft: %v", err)
	}
}

func TestSaveFileWritesAValidLesson(t *testing.T) {
	w := withDraft(t)
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	data, hash, _ := w.ReadFile("ki-grundlagen", "draft", rel)
	l, ok := ParseLesson(data)
	if !ok {
		t.Fatal("lesson has no front matter")
	}
	l.Body = "Neuer Absatz zu Chancen.\n\n" + l.Body
	if err := w.SaveFile("ki-grundlagen", rel, l.Bytes(), hash); err != nil {
		t.Fatal(err)
	}
	if got := readDraft(t, w, rel); !strings.Contains(got, "Neuer Absatz zu Chancen.") {
		t.Errorf("lesson not saved:\n%s", got)
	}
	mustLoad(t, w.Root)
}

func TestSaveFileRefusesChangesThatBreakTheDraft(t *testing.T) {
	quizRel := "modules/03-ki-im-buergerbuero/quiz.yaml"
	tests := []struct {
		name, rel, data, wantMsg string
	}{
		{"pass mark unreachable: no questions", quizRel, "pass_percent: 80\nquestions: []\n", "nobody can reach the pass mark"},
		{"pass mark above 100", quizRel, strings.Replace(quiz03, "pass_percent: 100", "pass_percent: 150", 1), "pass_percent must be"},
		{"broken YAML", quizRel, "pass_percent: [\n", ""},
		{"unknown manifest field", "course.yaml", "sumary: x\n", "unknown field"},
		{"lesson with raw HTML", "modules/02-chancen-und-grenzen/lesson.md", "---\ntitle: T\nduration_minutes: 3\n---\n\n<script>alert(1)</script>\n", "HTML is not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := withDraft(t)
			draftDir := filepath.Join(w.Root, "ki-grundlagen", "draft")
			before := snapshot(t, draftDir)
			_, hash, _ := w.ReadFile("ki-grundlagen", "draft", tt.rel)
			err := w.SaveFile("ki-grundlagen", tt.rel, []byte(tt.data), hash)
			var inv *InvalidError
			if !errors.As(err, &inv) {
				t.Fatalf("want InvalidError, got %v", err)
			}
			if !strings.Contains(inv.Problems[0].Message, tt.wantMsg) || !strings.HasPrefix(inv.Problems[0].Path, "ki-grundlagen/draft/") {
				t.Errorf("problem %s, want %q", inv.Problems[0], tt.wantMsg)
			}
			assertUnchanged(t, before, snapshot(t, draftDir))
		})
	}
}

const quiz03 = `pass_percent: 100
questions:
  - id: chatbot-kennzeichnen
    type: truefalse
    text: Menschen müssen erfahren, dass sie mit einem Chatbot sprechen.
    answer: true
    explanation: Das verlangt Art. 50 der KI-Verordnung.
`

func TestSaveFileWithStaleHashIsAConflict(t *testing.T) {
	w := withDraft(t)
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	original, hash, _ := w.ReadFile("ki-grundlagen", "draft", rel)
	theirs := strings.Replace(string(original), "\n\n", "\n\nAnna war schneller.\n\n", 1)
	if err := w.SaveFile("ki-grundlagen", rel, []byte(theirs), hash); err != nil {
		t.Fatal(err)
	}
	err := w.SaveFile("ki-grundlagen", rel, []byte(string(original)+"\nMeine Ergänzung.\n"), hash)
	var conflict *ConflictError
	if !errors.As(err, &conflict) || string(conflict.Current) != theirs {
		t.Fatalf("want conflict with the current text, got %v", err)
	}
	if readDraft(t, w, rel) != theirs {
		t.Error("the conflicting save overwrote the file")
	}
}

func TestSaveFileRefusesPathsOutsideTheEditableFiles(t *testing.T) {
	w := withDraft(t)
	for _, rel := range []string{"../1.1.0/course.yaml", "modules/../course.yaml", "/etc/passwd", "modules/01-was-ist-ki/media/../lesson.md", "notes.txt"} {
		if err := w.SaveFile("ki-grundlagen", rel, []byte("x"), ""); err == nil {
			t.Errorf("%s: saved", rel)
		}
	}
}
