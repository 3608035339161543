package web

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// quizAttemptSave stores the answers of the whole question form. Either every answer is stored or,
// when any field does not fit the attempt (a tampered or stale form), none is: 400 with a message.
// The button "Abgeben" sends next=confirm and leads to the confirmation page. The page's script
// sends the same form on every change with Accept: application/json and gets JSON back.
func (a *App) quizAttemptSave(c *fiber.Ctx) error {
	l := lang(c)
	av, expired, err := a.userAttempt(c)
	if err != nil {
		return err
	}
	if expired {
		return a.quizClosed(c, av)
	}
	if !av.Attempt().Open() {
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "quiz.error.submitted"))
	}
	values := postValues(c)
	answers, err := decodeAnswers(av, values)
	if err != nil {
		a.log.Info("quiz form rejected", "user_id", av.Attempt().UserID, "attempt_id", av.Attempt().ID, "error", err)
		return domain.Errorf(domain.EINVALID, "%s", i18n.T(l, "quiz.error.form"))
	}
	if err := a.db.SaveQuizAnswers(c.UserContext(), av.Attempt().ID, av.Attempt().UserID, answers); err != nil {
		if domain.ErrorCode(err) == domain.ECONFLICT {
			return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "quiz.error.submitted"))
		}
		return err
	}
	saved := formatTime(l, a.db.Now())
	if strings.Contains(c.Get(fiber.HeaderAccept), fiber.MIMEApplicationJSON) {
		return c.JSON(fiber.Map{"message": i18n.T(l, "quiz.autosaved", saved)})
	}
	if c.FormValue("next") == "confirm" {
		return c.Redirect(attemptPath(av.Attempt().ID, "/confirm"), fiber.StatusSeeOther)
	}
	webSession(c).flash(i18n.T(l, "quiz.flash.saved", saved))
	return c.Redirect(attemptPath(av.Attempt().ID, ""), fiber.StatusSeeOther)
}

// postValues returns the form fields of a POST body, with repeated fields (checkboxes) kept.
func postValues(c *fiber.Ctx) map[string][]string {
	values := map[string][]string{}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		values[string(k)] = append(values[string(k)], string(v))
	})
	return values
}

// decodeAnswers reads the answer to every question of the attempt from the form. A question field
// ("q-…") that belongs to no question of the attempt is an error, like a value that was not offered.
func decodeAnswers(av *attemptView, values map[string][]string) ([]store.QuizAnswer, error) {
	presented := av.Layout().Present(av.Quiz())
	for name := range values {
		if !strings.HasPrefix(name, "q-") {
			continue
		}
		known := false
		for _, p := range presented {
			field := quiz.FieldName(p.ID)
			known = known || name == field || strings.HasPrefix(name, field+".")
		}
		if !known {
			return nil, &quiz.ResponseError{Field: name, Err: quiz.ErrUnknownField}
		}
	}
	var answers []store.QuizAnswer
	for _, p := range presented {
		q, ok := questionOf(av.Quiz(), p.ID)
		if !ok {
			return nil, errors.New("presented question missing from the quiz")
		}
		r, err := quiz.DecodeResponse(q, p, values)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		answers = append(answers, store.QuizAnswer{QuestionID: q.ID, QuestionHash: av.Module().QuestionHashes[q.ID], Response: string(b)})
	}
	return answers, nil
}

func questionOf(d quiz.Definition, id string) (quiz.Question, bool) {
	for _, q := range d.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return quiz.Question{}, false
}

// formatTime is the time of day, for "saved at".
func formatTime(l string, t time.Time) string {
	if l == "en" {
		return t.In(i18n.Berlin).Format("15:04")
	}
	return t.In(i18n.Berlin).Format("15:04") + " Uhr"
}
