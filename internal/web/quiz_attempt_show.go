package web

import (
	"html"
	"html/template"
	"regexp"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/quiz"
)

// quizAttemptPage is what the question page shows. Its questions are built from
// quiz.PresentedQuestion and the learner's own saved answers only, so the page cannot show a
// correct flag, feedback, an explanation or an accepted answer.
type quizAttemptPage struct {
	ID          int64
	Module      *content.Module
	ContentLang string
	Questions   []questionView
	Deadline    *time.Time
	Action      string
	MaxLength   int
}

// questionView is one question as a form: the presented question with the saved answer filled in
// and its texts rendered as inline Markdown.
type questionView struct {
	quiz.PresentedQuestion
	Anchor   string // id of the fieldset, for links from the confirmation page
	TextHTML template.HTML
	Answered bool
	Options  []optionView // single, multiple
	Bool     string       // truefalse: "true", "false" or ""
	Items    []partView   // order
	Prompts  []partView   // match
	Choices  []choiceView // match
	Value    string       // numeric, text
}

type optionView struct {
	ID      string
	HTML    template.HTML
	Checked bool
}

// partView is an order item or a match prompt with its select.
type partView struct {
	Field    string
	HTML     template.HTML
	Selected string // the position ("1" …) or choice id chosen
}

// choiceView is an answer of a match question. Select options hold plain text only.
type choiceView struct {
	ID, Text string
}

// quizAttemptShow shows all questions of an open attempt on one page.
func (a *App) quizAttemptShow(c *fiber.Ctx) error {
	av, questions, err := a.openAttempt(c)
	if av == nil || err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "quiz_attempt", quizAttemptPage{
		ID: av.Attempt().ID, Module: av.Module(), ContentLang: contentLang(c, av.Module().Version()),
		Questions: questions, Deadline: av.Attempt().Deadline, Action: attemptPath(av.Attempt().ID, "/save"),
		MaxLength: quiz.MaxAnswerLength,
	}, nil)
}

// attemptQuestions builds the question views of an attempt with its saved answers.
// openAttempt loads the current user's attempt and its questions for a page that needs it open.
// A closed attempt (submitted, or expired just now) sends the learner to its result: then av is nil
// and err carries the redirect.
func (a *App) openAttempt(c *fiber.Ctx) (*attemptView, []questionView, error) {
	av, expired, err := a.userAttempt(c)
	if err != nil {
		return nil, nil, err
	}
	if !av.Attempt().Open() {
		if expired {
			webSession(c).flash(i18n.T(lang(c), "quiz.flash.expired"))
		}
		return nil, nil, c.Redirect(attemptPath(av.Attempt().ID, "/result"), fiber.StatusSeeOther)
	}
	questions, err := attemptQuestions(av)
	if err != nil {
		return nil, nil, err
	}
	return av, questions, nil
}

func attemptQuestions(av *attemptView) ([]questionView, error) {
	saved, err := learning.SavedResponses(av.Attempt())
	if err != nil {
		return nil, err
	}
	var out []questionView
	for _, p := range av.Layout().Present(av.Quiz()) {
		out = append(out, newQuestionView(av.Module(), p, saved[p.ID]))
	}
	return out, nil
}

func newQuestionView(m *content.Module, p quiz.PresentedQuestion, r quiz.Response) questionView {
	v := questionView{PresentedQuestion: p, Anchor: "question-" + p.ID, TextHTML: m.Inline(p.Text), Answered: r.Answered(), Value: r.Text}
	for _, o := range p.Options {
		v.Options = append(v.Options, optionView{ID: o.ID, HTML: m.Inline(o.Text), Checked: r.Chose(o.ID)})
	}
	if r.Bool != nil {
		v.Bool = "false"
		if *r.Bool {
			v.Bool = "true"
		}
	}
	for _, it := range p.Items {
		pv := partView{Field: it.Field, HTML: m.Inline(it.Text)}
		if pos := r.Position(it.ID); pos > 0 {
			pv.Selected = itoa(int64(pos))
		}
		v.Items = append(v.Items, pv)
	}
	for _, ch := range p.Choices {
		v.Choices = append(v.Choices, choiceView{ID: ch.ID, Text: plainText(m.Inline(ch.Text))})
	}
	for _, pr := range p.Prompts {
		pv := partView{Field: pr.Field, HTML: m.Inline(pr.Text)}
		for _, ch := range p.Choices {
			if matched := r.Matched(pr.ID); matched != "" && matched == ch.Text {
				pv.Selected = ch.ID
			}
		}
		v.Prompts = append(v.Prompts, pv)
	}
	return v
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// plainText turns rendered inline Markdown back into text, for places that take no markup
// (the options of a select).
func plainText(h template.HTML) string {
	return html.UnescapeString(htmlTag.ReplaceAllString(string(h), ""))
}
