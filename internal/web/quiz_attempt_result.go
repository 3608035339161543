package web

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/quiz"
	"github.com/ailit/ailit/internal/store"
)

// quizResultPage shows a submitted attempt: score and pass or fail always; the review per question
// only as far as the quiz's review rules allow (quiz.Visible), and built by quiz.BuildReview, which
// leaves hidden parts empty.
type quizResultPage struct {
	Attempt     *store.QuizAttempt
	Module      *content.Module
	ContentLang string
	PassPercent int
	Show        quiz.ReviewVisibility
	Review      []reviewView
	CanRetry    bool
	RetryAt     time.Time // when a retry is possible later (waiting time)
	NoAttempts  bool
	QuizPath    string
	StartAction string
	CoursePath  string
	Next        *content.Module
	NextPath    string
}

// quizAttemptResult shows the result of a submitted attempt; an open one leads back to its questions.
func (a *App) quizAttemptResult(c *fiber.Ctx) error {
	av, _, err := a.userAttempt(c)
	if err != nil {
		return err
	}
	at, m, d := av.Attempt(), av.Module(), av.Quiz()
	if at.Open() {
		return c.Redirect(attemptPath(at.ID, ""), fiber.StatusSeeOther)
	}
	history, err := a.db.QuizAttemptsOfUser(c.UserContext(), at.UserID, at.CourseID, at.ModuleID)
	if err != nil {
		return err
	}
	responses, err := learning.SavedResponses(at)
	if err != nil {
		return err
	}
	summaries := learning.Summaries(d, history)
	show := quiz.Visible(d, quiz.NewReviewState(d, summaries, learning.Summary(d, at)))
	v := m.Version()
	p := quizResultPage{Attempt: at, Module: m, ContentLang: contentLang(c, v), PassPercent: d.PassPercent, Show: show,
		Review:     reviewViews(quiz.BuildReview(d, av.Layout(), responses, storedResult(at, responses), show)),
		QuizPath:   quizPath(v.CourseID, v.Version, m.ID),
		CoursePath: "/courses/" + v.CourseID + "/v/" + v.Version,
		Next:       m.Next(),
	}
	p.StartAction = p.QuizPath + "/attempts"
	if p.Next != nil {
		p.NextPath = p.CoursePath + "/m/" + p.Next.ID
	}
	ok, reason, next := quiz.CanStart(d, summaries, a.db.Now())
	p.CanRetry, p.RetryAt, p.NoAttempts = ok, next, blockedKey(reason) == "quiz.blocked.noattempts"
	return a.render(c, fiber.StatusOK, "quiz_result", p, nil)
}

// storedResult is the result on record, rebuilt from the stored points (not graded again, so the
// page shows what was recorded even if grading rules change later).
func storedResult(at *store.QuizAttempt, responses map[string]quiz.Response) quiz.Result {
	res := quiz.Result{Score: at.Score, Max: at.Max, Percent: at.Percent, Passed: at.Passed}
	for _, an := range at.Answers {
		res.Questions = append(res.Questions, quiz.QuestionResult{ID: an.QuestionID, Score: an.Score, Max: an.Max,
			Answered: responses[an.QuestionID].Answered()})
	}
	return res
}

// reviewView adds the truefalse answers as "true", "false" or "" for the template, where a *bool
// cannot be told apart from its value.
type reviewView struct {
	quiz.ReviewQuestion
	GivenTF, CorrectTF string
}

func reviewViews(qs []quiz.ReviewQuestion) []reviewView {
	out := make([]reviewView, 0, len(qs))
	for _, q := range qs {
		out = append(out, reviewView{ReviewQuestion: q, GivenTF: boolText(q.GivenBool), CorrectTF: boolText(q.CorrectBool)})
	}
	return out
}

func boolText(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
