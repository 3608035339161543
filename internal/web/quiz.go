package web

import (
	"context"
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// Quiz pages: the pure engine in internal/quiz draws, presents, grades and reviews, the learning
// service (internal/learning) starts, submits and lazily closes attempts past their deadline;
// these handlers read forms and render. Every attempt handler loads the attempt through
// userAttempt, which finds only the current user's attempts.

// quizPath is the quiz page of a module (the lesson page links to it).
func quizPath(courseID, version, moduleID string) string {
	return "/courses/" + courseID + "/v/" + version + "/m/" + moduleID + "/quiz"
}

func attemptPath(id int64, suffix string) string {
	return "/quiz/attempts/" + strconv.FormatInt(id, 10) + suffix
}

// quizModuleFromParams is the served quiz module named by the :course, :version and :module route
// parameters.
func (a *App) quizModuleFromParams(c *fiber.Ctx) (*content.Module, error) {
	return a.learn.QuizModule(c.Params("course"), c.Params("version"), c.Params("module"))
}

// attemptView is the learning service's attempt as every attempt page needs it.
type attemptView struct{ at *learning.Attempt }

func (av *attemptView) Attempt() *store.QuizAttempt { return av.at.Stored }
func (av *attemptView) Module() *content.Module     { return av.at.Module }
func (av *attemptView) Layout() quiz.Layout         { return av.at.Layout }
func (av *attemptView) Quiz() quiz.Definition       { return *av.at.Module.Quiz }

// userAttempt loads the current user's attempt named by :id (learning.AttemptOf: closed first when
// its deadline has passed; expired reports that this request did so).
func (a *App) userAttempt(c *fiber.Ctx) (av *attemptView, expired bool, err error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return nil, false, domain.Errorf(domain.ENOTFOUND, "quiz attempt not found")
	}
	at, expired, err := a.learn.AttemptOf(c.UserContext(), currentUser(c).ID, id)
	if err != nil {
		return nil, false, err
	}
	return viewOf(at), expired, nil
}

func viewOf(at *learning.Attempt) *attemptView {
	return &attemptView{at}
}

// submitAttempt grades the attempt's saved answers and stores the result (learning.SubmitAttempt);
// av then holds the attempt as stored.
func (a *App) submitAttempt(ctx context.Context, av *attemptView, auto bool) error {
	stored, err := a.learn.SubmitAttempt(ctx, av.at, auto)
	if err != nil {
		return err
	}
	av.at.Stored = stored
	return nil
}

// quizClosed answers a save or submit that came after the deadline: the attempt has been graded
// with what was saved before, and the page says so and links to the result.
func (a *App) quizClosed(c *fiber.Ctx, av *attemptView) error {
	return a.render(c, fiber.StatusConflict, "quiz_closed", av, nil)
}

// formatDecimal shows points and percentages with at most two decimals, with a decimal comma in
// German ("2,5"), as the template function decimal.
func formatDecimal(lang string, f float64) string {
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
