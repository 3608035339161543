package content

import (
	"testing"
)

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte("id: x\nversion: 1.0.0\n"))
	f.Add([]byte("completion:\n  modules: [a, {b: c}]\n  quizzes: none\n"))
	f.Add([]byte("review_due: 2027-02-30\nlegal_status_as_of: [\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, ps := ParseManifest("c/1.0.0/course.yaml", data)
		if m == nil && len(ps) == 0 {
			t.Fatal("no manifest and no problem")
		}
		for _, p := range ps {
			if p.Line < 1 || p.Col < 1 {
				t.Errorf("problem without position: %v", p)
			}
		}
	})
}

func FuzzParseQuiz(f *testing.F) {
	f.Add([]byte("pass_percent: 80\nquestions:\n  - id: a\n    type: numeric\n    answer: .nan\n"))
	f.Add([]byte("pass_percent: 80\ndraw: 3\nquestions:\n  - id: a\n    type: single\n    text: x\n    options: [{id: a, text: b, correct: true}]\n"))
	f.Add([]byte("questions: {a: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, ps := ParseQuiz("c/1.0.0/modules/01-a/quiz.yaml", data)
		if d == nil && len(ps) == 0 {
			t.Fatal("no quiz and no problem")
		}
		if d != nil && len(ps) == 0 {
			for _, q := range d.Questions {
				_ = q.Hash() // must not panic for a quiz without problems
			}
		}
	})
}

func FuzzRenderMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Titel\n\n::: merke\nText\n:::\n",
		"[x](javascript:alert(1)) <script>x</script>",
		"![a](media/b.png) [c](../02-zwei/lesson.md) https://example.org",
		"<img src=x onerror=alert(1)>",
		"[^1]\n\n[^1]: <b onmouseover=x>y</b>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		h, err := RenderMarkdown([]byte(src), testOptions)
		if err != nil {
			t.Fatal(err)
		}
		assertHarmless(t, src, string(h))
	})
}
