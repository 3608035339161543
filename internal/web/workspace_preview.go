package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/workspace"
)

type workspacePreviewPage struct {
	CourseID, Folder string
	Module           workspace.ModuleFolder
	HTML             template.HTML
	Lang             string // course language when it differs from the UI language
	Quiz             []previewQuestion
	QuizProblems     []content.Problem
	ShowKey          bool
}

// previewQuestion is a question as the quiz page presents it, plus the answer key for trainers.
type previewQuestion struct {
	quiz.PresentedQuestion
	TextHTML template.HTML
	Options  []previewChoice // single, multiple: as shown
	Items    []template.HTML // order: as shown
	Prompts  []template.HTML // match: as shown
	Choices  []template.HTML // match: the answers to choose from
	Key      []template.HTML // the correct answers, in the right order
}

type previewChoice struct {
	ID      string
	Text    template.HTML
	Correct bool
}

// workspacePreview shows a module of any version (or the draft) as learners will see it, and its
// quiz as presented (read-only); ?key=1 adds the answer key.
func (a *App) workspacePreview(c *fiber.Ctx) error {
	courseID, folder, err := a.workspaceFolder(c)
	if err != nil {
		return err
	}
	m, err := a.workspaceModule(c, courseID, folder)
	if err != nil {
		return err
	}
	opts := a.previewOptions(courseID, folder, m)
	page := workspacePreviewPage{CourseID: courseID, Folder: folder, Module: m, ShowKey: c.Query("key") == "1"}
	if opts.Language != lang(c) {
		page.Lang = opts.Language
	}
	if v := a.lib.Catalog().Version(courseID, folder); v != nil && v.Module(m.ID) != nil {
		page.HTML = v.Module(m.ID).HTML // a published version: exactly the learners' HTML
	} else {
		data, _, err := a.workspace().ReadFile(courseID, folder, "modules/"+m.Folder+"/lesson.md")
		if err != nil {
			return err
		}
		l, _ := workspace.ParseLesson(data)
		page.HTML = renderLessonBody(l.Body, opts)
	}
	if m.HasQuiz {
		data, _, err := a.workspace().ReadFile(courseID, folder, "modules/"+m.Folder+"/quiz.yaml")
		if err != nil {
			return err
		}
		def, ps := content.ParseQuiz(courseID+"/"+folder+"/modules/"+m.Folder+"/quiz.yaml", data)
		page.QuizProblems = ps
		if def != nil && len(ps) == 0 {
			page.Quiz = previewQuiz(*def, opts, lang(c))
		}
	}
	return a.render(c, fiber.StatusOK, "workspace_preview", page, nil)
}

// previewQuiz presents a quiz as an attempt with a fixed seed would, and computes the answer key.
func previewQuiz(d quiz.Definition, opts content.RenderOptions, l string) []previewQuestion {
	inline := func(s string) template.HTML {
		h, err := content.RenderInline(s, opts)
		if err != nil {
			return template.HTML(template.HTMLEscapeString(s)) //nolint:gosec // escaped
		}
		return h
	}
	byID := map[string]quiz.Question{}
	for _, q := range d.Questions {
		byID[q.ID] = q
	}
	var out []previewQuestion
	for _, pq := range quiz.NewLayout(d, 1).Present(d) {
		q := byID[pq.ID]
		p := previewQuestion{PresentedQuestion: pq, TextHTML: inline(pq.Text)}
		for _, o := range pq.Options {
			correct := false
			for _, def := range q.Options {
				if def.ID == o.ID {
					correct = def.Correct
				}
			}
			p.Options = append(p.Options, previewChoice{ID: o.ID, Text: inline(o.Text), Correct: correct})
			if correct {
				p.Key = append(p.Key, inline(o.Text))
			}
		}
		for _, it := range pq.Items {
			p.Items = append(p.Items, inline(it.Text))
		}
		for _, pr := range pq.Prompts {
			p.Prompts = append(p.Prompts, inline(pr.Text))
		}
		for _, ch := range pq.Choices {
			p.Choices = append(p.Choices, inline(ch.Text))
		}
		switch q.Type {
		case quiz.TypeTrueFalse:
			if v, ok := q.TrueFalseAnswer(); ok {
				p.Key = append(p.Key, template.HTML(template.HTMLEscapeString(i18n.T(l, fmt.Sprintf("workspace.quiz.%t", v))))) //nolint:gosec // escaped
			}
		case quiz.TypeOrder:
			for _, it := range q.Items {
				p.Key = append(p.Key, inline(it.Text))
			}
		case quiz.TypeMatch:
			for _, pair := range q.Pairs {
				p.Key = append(p.Key, inline(pair.Prompt)+" → "+inline(pair.Answer))
			}
		case quiz.TypeNumeric:
			if v, ok := q.NumericAnswer(); ok {
				p.Key = append(p.Key, template.HTML(template.HTMLEscapeString(fmt.Sprintf("%g ± %g %s", v, q.Tolerance, q.Unit)))) //nolint:gosec // escaped
			}
		case quiz.TypeText:
			p.Key = append(p.Key, template.HTML(template.HTMLEscapeString(strings.Join(q.Accept, " | ")))) //nolint:gosec // escaped
		}
		out = append(out, p)
	}
	return out
}
