package workspace

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

// changeQuestion edits the text of the first question of module 01 in the draft.
func changeQuestion(t *testing.T, w *Workspace) {
	t.Helper()
	rel := "modules/01-was-ist-ki/quiz.yaml"
	data, hash, _ := w.ReadFile("ki-grundlagen", "draft", rel)
	changed := strings.Replace(string(data), "Was kennzeichnet ein KI-System", "Was zeichnet ein KI-System aus", 1)
	if err := w.SaveFile("ki-grundlagen", rel, []byte(changed), hash); err != nil {
		t.Fatal(err)
	}
}

func TestPublishRefusesAPatchThatChangesQuestions(t *testing.T) {
	w := withDraft(t)
	changeQuestion(t, w)
	before := snapshot(t, w.Root)
	_, err := w.Publish(PublishRequest{CourseID: "ki-grundlagen", Change: content.ChangePatch, Changelog: "- Tippfehler", Date: "2026-12-01"})
	var refused *PatchRefusedError
	if !errors.As(err, &refused) || !strings.Contains(refused.Reasons[0], "questions changed: definition-ki") {
		t.Fatalf("want patch refused, got %v", err)
	}
	assertUnchanged(t, before, snapshot(t, w.Root))
}

func TestPublishMinorCreatesTheNewVersionFolder(t *testing.T) {
	w := withDraft(t)
	changeQuestion(t, w)
	res, err := w.Publish(PublishRequest{CourseID: "ki-grundlagen", Change: content.ChangeMinor, Changelog: "- Frage 1 klarer formuliert.", Date: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != "1.2.0" || w.HasDraft("ki-grundlagen") {
		t.Fatalf("result %+v, draft still there: %v", res, w.HasDraft("ki-grundlagen"))
	}
	cat := mustLoad(t, w.Root)
	v := cat.Version("ki-grundlagen", "1.2.0")
	if v == nil || v.Draft || v.Manifest.Change != "minor" {
		t.Fatalf("1.2.0 not served as a release: %+v", v)
	}
	log, _ := os.ReadFile(filepath.Join(v.Dir, "CHANGELOG.md"))
	if !strings.HasPrefix(string(log), "## 1.2.0 (2026-12-01)\n\n- Frage 1 klarer formuliert.\n") || strings.Contains(string(log), "Entwurf") {
		t.Errorf("CHANGELOG:\n%s", log)
	}
}

func TestPublishPatchOfWordingOnly(t *testing.T) {
	w := withDraft(t)
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	data, hash, _ := w.ReadFile("ki-grundlagen", "draft", rel)
	if err := w.SaveFile("ki-grundlagen", rel, append(data, "\nEin Satz mehr.\n"...), hash); err != nil {
		t.Fatal(err)
	}
	res, err := w.Publish(PublishRequest{CourseID: "ki-grundlagen", Change: content.ChangePatch, Changelog: "- Formulierung.", Date: "2026-12-01"})
	if err != nil || res.Version != "1.1.1" {
		t.Fatalf("%+v %v", res, err)
	}
	mustLoad(t, w.Root)
}

func TestSuggestChange(t *testing.T) {
	tests := []struct {
		name string
		diff content.VersionDiff
		want string
	}{
		{"only lesson text", content.VersionDiff{ModulesChanged: []string{"a"}}, content.ChangePatch},
		{"question changed", content.VersionDiff{QuestionsChanged: []content.QuestionRef{{ModuleID: "a", QuestionID: "q"}}}, content.ChangeMinor},
		{"module added", content.VersionDiff{ModulesAdded: []string{"b"}}, content.ChangeMinor},
		{"module removed", content.VersionDiff{ModulesRemoved: []string{"b"}}, content.ChangeMajor},
	}
	for _, tt := range tests {
		if got := SuggestChange(tt.diff); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestPublishCommitsWhenTheCoursesFolderIsAGitRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	w := New(coursesCopy(t))
	git := func(args ...string) string {
		out, err := exec.Command("git", append([]string{"-C", w.Root}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git("init", "-q")
	git("add", ".")
	git("-c", "user.name=Lead", "-c", "user.email=lead@example.org", "commit", "-q", "-m", "start")
	if err := w.NewDraft("ki-grundlagen", "1.1.0"); err != nil {
		t.Fatal(err)
	}
	changeQuestion(t, w)
	res, err := w.Publish(PublishRequest{CourseID: "ki-grundlagen", Change: content.ChangeMinor, Changelog: "- Frage klarer.", Date: "2026-12-01",
		Git: &GitAuthor{Name: "Tina Trainerin", Email: "tina@stadt.example"}})
	if err != nil || res.GitNote != "" {
		t.Fatalf("%+v %v", res, err)
	}
	if log := git("log", "-1", "--format=%an <%ae>|%s"); !strings.HasPrefix(log, "Tina Trainerin <tina@stadt.example>|ki-grundlagen 1.2.0 (minor)") {
		t.Errorf("last commit: %s", log)
	}
}
