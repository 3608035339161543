package web

import (
	"errors"
	"fmt"
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

// quizFormQuestion is a question in the editor, with every type as form fields.
type quizFormQuestion struct {
	quiz.Question
	Index       int
	Answer      bool   // truefalse
	Number      string // numeric answer as shown
	Tolerance   string
	Accept      string // text: one accepted answer per line
	Distractors string // match: one per line
}

func (a *App) newQuizPage(courseID string, m workspace.ModuleFolder, hash string, d quiz.Definition) workspaceQuizPage {
	p := workspaceQuizPage{CourseID: courseID, Module: m, Hash: hash, Quiz: d,
		StatsURL:   "/trainer/quizzes/" + courseID + "/" + m.ID,
		ShowValues: []string{quiz.ShowCorrectness, quiz.ShowFeedback, quiz.ShowExplanation, quiz.ShowCorrectAnswer},
		WhenValues: []string{quiz.WhenImmediately, quiz.WhenAfterPass, quiz.WhenAfterLastAttempt},
		Types:      []string{quiz.TypeSingle, quiz.TypeMultiple, quiz.TypeTrueFalse, quiz.TypeOrder, quiz.TypeMatch, quiz.TypeNumeric, quiz.TypeText}}
	for i, q := range d.Questions {
		fq := quizFormQuestion{Question: q, Index: i, Accept: strings.Join(q.Accept, "\n"), Distractors: strings.Join(q.Distractors, "\n")}
		fq.Answer, _ = q.TrueFalseAnswer()
		if n, ok := q.NumericAnswer(); ok {
			fq.Number = workspace.FormatNumber(n)
		}
		if q.Tolerance != 0 {
			fq.Tolerance = workspace.FormatNumber(q.Tolerance)
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
		// Adding, removing and moving only change the form; its messages wait for "Speichern".
		applyQuizOp(&d, op)
		return a.render(c, fiber.StatusOK, "workspace_quiz", a.newQuizPage(courseID, m, c.FormValue("hash"), d), nil)
	}
	page := a.newQuizPage(courseID, m, c.FormValue("hash"), d)
	if len(errs) > 0 {
		for i := range page.Questions { // show a wrong number as typed, next to its message
			q := &page.Questions[i]
			q.Number, q.Tolerance = c.FormValue(fmt.Sprintf("q%d_number", i)), c.FormValue(fmt.Sprintf("q%d_tolerance", i))
		}
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
