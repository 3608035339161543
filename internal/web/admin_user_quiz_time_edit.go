package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// quizTimePage is the admin page for a person's extra time in timed quizzes (WCAG 2.2.1).
type quizTimePage struct {
	User    *store.User
	Form    form.QuizTime
	Current store.QuizTimeExtension
	Max     int
	Action  string
}

// adminUserQuizTimeEdit shows the extension form.
func (a *App) adminUserQuizTimeEdit(c *fiber.Ctx) error {
	id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
	u, err := a.db.UserByID(c.UserContext(), id)
	if err != nil {
		return err
	}
	ext, err := a.db.QuizTimeExtensionOf(c.UserContext(), id)
	if err != nil {
		return err
	}
	f := form.QuizTime{Percent: strconv.Itoa(ext.Percent), Reason: ext.Reason}
	return a.renderQuizTime(c, fiber.StatusOK, u, ext, f, nil)
}

func (a *App) renderQuizTime(c *fiber.Ctx, status int, u *store.User, ext store.QuizTimeExtension, f form.QuizTime, errs map[string]string) error {
	return a.render(c, status, "admin_user_quiz_time", quizTimePage{User: u, Form: f, Current: ext,
		Max: form.MaxQuizTimeExtension, Action: "/admin/users/" + itoa(u.ID) + "/quiz-time"}, errs)
}
