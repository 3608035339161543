package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// BenchmarkQuizSubmit measures one graded submission of the example quiz (all seven question
// types) on SQLite through the real handler: load the attempt, grade the saved answers, store the
// result and every answer in one transaction. Starting and answering happen outside the timer.
func BenchmarkQuizSubmit(b *testing.B) {
	example := filepath.Join(webtest.RepoRoot(b), "internal/content/testdata/courses/ki-grundlagen/1.1.0/modules/01-was-ist-ki/quiz.yaml")
	yaml, err := os.ReadFile(example)
	if err != nil {
		b.Fatal(err)
	}
	dir := quizCourseTB(b, strings.Replace(string(yaml), "attempts: 3", "attempts: 0", 1))
	env, c, _ := quizEnv(b, dir)
	d := quizDefinition(b, env, "quiztest", "1.0.0", "test")
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		_, path := startAttempt(b, c, customQuiz)
		c.Post(path+"/save", answerForm(b, d, parseQuizForm(b, c.Get(path).Body), true))
		b.StartTimer()
		if r := c.Post(path+"/submit", nil); r.Status != http.StatusSeeOther {
			b.Fatalf("submit: %d", r.Status)
		}
	}
}
