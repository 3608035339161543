package web

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// quizAttemptStart starts an attempt when the rules allow one: a new seed from crypto/rand draws
// the questions and their order, and the layout is stored with the attempt.
func (a *App) quizAttemptStart(c *fiber.Ctx) error {
	m, err := a.quizModuleFromParams(c)
	if err != nil {
		return err
	}
	if _, err := a.closeExpiredAttempts(c, m); err != nil {
		return err
	}
	ctx, u, l, d := c.UserContext(), currentUser(c), lang(c), *m.Quiz
	ext, err := a.db.QuizTimeExtensionOf(ctx, u.ID)
	if err != nil {
		return err
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return err
	}
	seed := int64(binary.LittleEndian.Uint64(b[:]) >> 1)
	layout, err := json.Marshal(quiz.NewLayout(d, seed))
	if err != nil {
		return err
	}
	now := a.db.Now()
	at := &store.QuizAttempt{UserID: u.ID, CourseID: m.Version().CourseID, Version: m.Version().Version,
		ContentHash: m.Version().Hash, ModuleID: m.ID, Seed: seed, Layout: string(layout), StartedAt: now}
	if deadline, ok := quiz.Deadline(now, d, extensionFor(d, ext.Percent)); ok {
		at.Deadline = &deadline
	}
	var open *store.QuizAttempt
	err = a.db.StartQuizAttempt(ctx, at, func(history []store.QuizAttempt) error {
		ok, reason, next := quiz.CanStart(d, attemptSummaries(d, history), now)
		switch {
		case ok:
			return nil
		case errors.Is(reason, quiz.ErrAttemptInProgress):
			for i := range history {
				if history[i].Open() {
					open = &history[i]
				}
			}
			return reason
		case errors.Is(reason, quiz.ErrMustWait):
			return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "quiz.blocked.wait", i18n.FormatDateTime(l, next)))
		}
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, blockedKey(reason)))
	})
	if open != nil {
		// A second click on "start" while an attempt runs: continue that one.
		webSession(c).flash(i18n.T(l, "quiz.flash.resume"))
		return c.Redirect(attemptPath(open.ID, ""), fiber.StatusSeeOther)
	}
	if err != nil {
		return err
	}
	a.log.Info("quiz attempt started", "user_id", u.ID, "attempt_id", at.ID, "course", at.CourseID, "module", at.ModuleID)
	return c.Redirect(attemptPath(at.ID, ""), fiber.StatusSeeOther)
}
