package web

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceQuizPage struct {
	CourseID   string
	Module     workspace.ModuleFolder
	Hash       string
	Quiz       quiz.Definition
	Questions  []quizFormQuestion
	StatsURL   string
	ShowValues []string
	WhenValues []string
	Types      []string // question types the "add" buttons offer
	Unreadable string   // quiz.yaml cannot be read as YAML: the problem
}

// quizFormQuestion is a question in the editor: structured for single, multiple and truefalse,
// as YAML text for the other types.
type quizFormQuestion struct {
	quiz.Question
	Index      int
	Structured bool
	YAML       string
	Answer     bool // truefalse
}

func structured(t string) bool {
	return t == quiz.TypeSingle || t == quiz.TypeMultiple || t == quiz.TypeTrueFalse
}

func (a *App) newQuizPage(courseID string, m workspace.ModuleFolder, hash string, d quiz.Definition) workspaceQuizPage {
	p := workspaceQuizPage{CourseID: courseID, Module: m, Hash: hash, Quiz: d,
		StatsURL:   "/trainer/quizzes/" + courseID + "/" + m.ID,
		ShowValues: []string{quiz.ShowCorrectness, quiz.ShowFeedback, quiz.ShowExplanation, quiz.ShowCorrectAnswer},
		WhenValues: []string{quiz.WhenImmediately, quiz.WhenAfterPass, quiz.WhenAfterLastAttempt},
		Types:      []string{quiz.TypeSingle, quiz.TypeMultiple, quiz.TypeTrueFalse, quiz.TypeOrder, quiz.TypeMatch, quiz.TypeNumeric, quiz.TypeText}}
	for i, q := range d.Questions {
		fq := quizFormQuestion{Question: q, Index: i, Structured: structured(q.Type)}
		fq.Answer, _ = q.TrueFalseAnswer()
		if !fq.Structured {
			fq.YAML = workspace.QuestionYAML(q)
		}
		p.Questions = append(p.Questions, fq)
	}
	return p
}

func quizRel(m workspace.ModuleFolder) string { return "modules/" + m.Folder + "/quiz.yaml" }

// workspaceQuizEdit shows the structured quiz editor of a draft module.
func (a *App) workspaceQuizEdit(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	data, hash, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, quizRel(m))
	if err != nil {
		return err
	}
	var d quiz.Definition
	if data == nil {
		d = quiz.Definition{PassPercent: 80, Shuffle: true}
	} else if def, ps := content.ParseQuiz("quiz.yaml", data); def != nil {
		d = *def
	} else {
		page := a.newQuizPage(courseID, m, hash, d)
		page.Unreadable = ps[0].String()
		return a.render(c, fiber.StatusOK, "workspace_quiz", page, nil)
	}
	return a.render(c, fiber.StatusOK, "workspace_quiz", a.newQuizPage(courseID, m, hash, d), nil)
}

// workspaceQuizSave applies an editor operation (add, remove, move a question or option) and
// shows the form again, or saves quiz.yaml (op=save) after validating the draft.
func (a *App) workspaceQuizSave(c *fiber.Ctx) error {
	l := lang(c)
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	d, errs := parseQuizForm(c, l)
	op := c.FormValue("op")
	if op != "save" {
		applyQuizOp(&d, op)
		return a.render(c, fiber.StatusOK, "workspace_quiz", a.newQuizPage(courseID, m, c.FormValue("hash"), d), errs)
	}
	page := a.newQuizPage(courseID, m, c.FormValue("hash"), d)
	if len(errs) > 0 {
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz", page, errs)
	}
	current, _, err := a.workspace().ReadFile(courseID, workspace.DraftFolder, quizRel(m))
	if err != nil {
		return err
	}
	data, lines := workspace.WriteQuiz(current, d)
	err = a.workspace().SaveFile(courseID, quizRel(m), data, page.Hash)
	var conflict *workspace.ConflictError
	if errors.As(err, &conflict) {
		return a.renderConflict(c, courseID, quizRel(m), data, conflict, c.Path())
	}
	if err != nil {
		errs, err := saveErrors(l, err, "quiz.yaml", lines.At, "pass_percent")
		if err != nil {
			return err
		}
		return a.render(c, fiber.StatusUnprocessableEntity, "workspace_quiz", page, errs)
	}
	a.reloadAfterChange(c, "quiz "+m.Folder+" of "+courseID)
	webSession(c).flash(i18n.T(l, "workspace.saved"))
	return c.Redirect(c.Path(), fiber.StatusSeeOther)
}

// parseQuizForm reads the editor form. Field names: pass_percent …, q0_id, q0_type, q0_text,
// q0_points, q0_explanation, q0_answer, q0_feedback_true/false, q0_o1_id/text/feedback/correct,
// q0_yaml for types without a structured form; qn and q0_on are the counts.
func parseQuizForm(c *fiber.Ctx, l string) (quiz.Definition, map[string]string) {
	errs := map[string]string{}
	num := func(key string) int {
		v := strings.TrimSpace(c.FormValue(key))
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			errs[key] = i18n.T(l, "workspace.form.number")
		}
		return n
	}
	d := quiz.Definition{PassPercent: num("pass_percent"), Attempts: num("attempts"), WaitMinutes: num("wait_minutes"),
		TimeLimitMinutes: num("time_limit_minutes"), Draw: num("draw"), Shuffle: c.FormValue("shuffle") == "1",
		Review: quiz.Review{Show: multiValues(c.Request().PostArgs().PeekMulti("review_show")), When: c.FormValue("review_when")}}
	for i := range min(num("qn"), 200) {
		p := fmt.Sprintf("q%d_", i)
		typ := c.FormValue(p + "type")
		if !structured(typ) {
			q, err := workspace.ParseQuestionYAML(c.FormValue(p + "yaml"))
			if err != nil {
				errs[fmt.Sprintf("q%d", i)] = err.Error()
				q = quiz.Question{ID: c.FormValue(p + "id"), Type: typ}
			}
			d.Questions = append(d.Questions, q)
			continue
		}
		q := quiz.Question{ID: strings.TrimSpace(c.FormValue(p + "id")), Type: typ, Text: c.FormValue(p + "text"),
			Explanation: strings.TrimSpace(c.FormValue(p + "explanation"))}
		if v := strings.TrimSpace(c.FormValue(p + "points")); v != "" {
			f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
			if err != nil {
				errs[fmt.Sprintf("q%d", i)] = i18n.T(l, "workspace.form.number")
			}
			q.Points = f
		}
		if typ == quiz.TypeTrueFalse {
			q.Value = c.FormValue(p+"answer") == "true"
			q.FeedbackTrue, q.FeedbackFalse = strings.TrimSpace(c.FormValue(p+"feedback_true")), strings.TrimSpace(c.FormValue(p+"feedback_false"))
		} else {
			for j := range min(num(p+"on"), 50) {
				o := fmt.Sprintf("%so%d_", p, j)
				q.Options = append(q.Options, quiz.Option{ID: strings.TrimSpace(c.FormValue(o + "id")), Text: c.FormValue(o + "text"),
					Correct: c.FormValue(o+"correct") == "1", Feedback: strings.TrimSpace(c.FormValue(o + "feedback"))})
			}
		}
		d.Questions = append(d.Questions, q)
	}
	return d, errs
}

// applyQuizOp performs an editor button: add:TYPE, del:i, up:i, down:i, addopt:i, delopt:i:j.
func applyQuizOp(d *quiz.Definition, op string) {
	parts := strings.Split(op, ":")
	idx := func(k int) int {
		if len(parts) <= k {
			return -1
		}
		n, err := strconv.Atoi(parts[k])
		if err != nil {
			return -1
		}
		return n
	}
	i := idx(1)
	valid := i >= 0 && i < len(d.Questions)
	switch {
	case parts[0] == "add" && len(parts) == 2:
		d.Questions = append(d.Questions, newQuestion(parts[1], len(d.Questions)+1))
	case parts[0] == "del" && valid:
		d.Questions = slices.Delete(d.Questions, i, i+1)
	case parts[0] == "up" && valid && i > 0:
		d.Questions[i-1], d.Questions[i] = d.Questions[i], d.Questions[i-1]
	case parts[0] == "down" && valid && i+1 < len(d.Questions):
		d.Questions[i+1], d.Questions[i] = d.Questions[i], d.Questions[i+1]
	case parts[0] == "addopt" && valid:
		q := &d.Questions[i]
		q.Options = append(q.Options, quiz.Option{ID: string(rune('a' + len(q.Options)%26))})
	case parts[0] == "delopt" && valid:
		if j := idx(2); j >= 0 && j < len(d.Questions[i].Options) {
			d.Questions[i].Options = slices.Delete(d.Questions[i].Options, j, j+1)
		}
	}
}

// newQuestion is a new question of a type with a placeholder id the trainer should rename.
func newQuestion(typ string, n int) quiz.Question {
	q := quiz.Question{ID: fmt.Sprintf("neue-frage-%d", n), Type: typ}
	switch typ {
	case quiz.TypeSingle, quiz.TypeMultiple:
		q.Options = []quiz.Option{{ID: "a"}, {ID: "b"}}
	case quiz.TypeTrueFalse:
		q.Value = true
	case quiz.TypeOrder:
		q.Items = []quiz.Item{{ID: "a", Text: "Erster Schritt"}, {ID: "b", Text: "Zweiter Schritt"}}
	case quiz.TypeMatch:
		q.Pairs = []quiz.Pair{{ID: "a", Prompt: "Begriff 1", Answer: "Bedeutung 1"}, {ID: "b", Prompt: "Begriff 2", Answer: "Bedeutung 2"}}
	case quiz.TypeNumeric:
		q.Value = 0
	case quiz.TypeText:
		q.Accept = []string{"Antwort"}
	default:
		q.Type = quiz.TypeSingle
		q.Options = []quiz.Option{{ID: "a"}, {ID: "b"}}
	}
	return q
}
