package web

import (
	"encoding/json"
	"html/template"
	"math"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/quiz"
)

// quizStatsPage shows for trainers how the questions of a module's quiz worked: anonymous figures
// per question version (id and content hash), across all versions of the course.
type quizStatsPage struct {
	Course      *content.Version // the newest version with this quiz, for titles
	Module      *content.Module
	ContentLang string
	Min         int
	Items       []itemStatsView
}

// itemStatsView is one question version with its figures.
type itemStatsView struct {
	quiz.ItemStats
	Text     template.HTML
	Type     string
	Versions []string // course versions that ask exactly this question
	Choices  []choiceCount
}

// choiceCount is how often an option (or "true"/"false") was chosen.
type choiceCount struct {
	Label template.HTML
	Key   string // i18n key instead of Label (truefalse)
	Count int
}

// askedQuestion is a question as one or more course versions ask it.
type askedQuestion struct {
	question quiz.Question
	module   *content.Module
	versions []string
}

// quizStatsShow shows the item statistics of a module's quiz.
func (a *App) quizStatsShow(c *fiber.Ctx) error {
	course := a.lib.Catalog().AnyCourse(c.Params("course"))
	moduleID := c.Params("module")
	if course == nil {
		return domain.Errorf(domain.ENOTFOUND, "course not found")
	}
	asked := map[[2]string]*askedQuestion{}
	p := quizStatsPage{Min: quiz.MinAttemptsForStats}
	for _, v := range course.Versions() {
		m := v.Module(moduleID)
		if m == nil || m.Quiz == nil {
			continue
		}
		p.Course, p.Module, p.ContentLang = v, m, contentLang(c, v)
		for _, q := range m.Quiz.Questions {
			key := [2]string{q.ID, m.QuestionHashes[q.ID]}
			if asked[key] == nil {
				asked[key] = &askedQuestion{question: q, module: m}
			}
			asked[key].versions = append(asked[key].versions, v.Version)
		}
	}
	if p.Module == nil {
		return domain.Errorf(domain.ENOTFOUND, "quiz not found")
	}
	rows, err := a.db.QuizAnswerRecords(c.UserContext(), course.ID, moduleID)
	if err != nil {
		return err
	}
	records := make([]quiz.AnswerRecord, 0, len(rows))
	for _, r := range rows {
		var resp quiz.Response
		if err := json.Unmarshal([]byte(r.Response), &resp); err != nil {
			return err
		}
		records = append(records, quiz.AnswerRecord{QuestionID: r.QuestionID, QuestionHash: r.QuestionHash,
			Score: r.Score, Max: r.Max, Chosen: resp.Chosen(), AttemptScore: r.AttemptScore, AttemptMax: r.AttemptMax})
	}
	for _, s := range quiz.ItemStatistics(records) {
		item := itemStatsView{ItemStats: s}
		if aq := asked[[2]string{s.QuestionID, s.QuestionHash}]; aq != nil {
			item.Text, item.Type, item.Versions = aq.module.Inline(aq.question.Text), aq.question.Type, aq.versions
			item.Choices = choiceCounts(aq, s.Choices)
		}
		p.Items = append(p.Items, item)
	}
	return a.render(c, fiber.StatusOK, "quiz_stats", p, nil)
}

// choiceCounts lists every option of the question with how often it was chosen, in quiz order.
func choiceCounts(aq *askedQuestion, counts map[string]int) []choiceCount {
	q := aq.question
	var out []choiceCount
	switch q.Type {
	case quiz.TypeSingle, quiz.TypeMultiple:
		for _, o := range q.Options {
			out = append(out, choiceCount{Label: aq.module.Inline(o.Text), Count: counts[o.ID]})
		}
	case quiz.TypeTrueFalse:
		for _, v := range []string{"true", "false"} {
			out = append(out, choiceCount{Key: "quiz.truefalse." + v, Count: counts[v]})
		}
	}
	if counts == nil {
		return nil
	}
	return slices.Clip(out)
}

// FacilityPercent is the facility index in percent, rounded to whole numbers.
func (i itemStatsView) FacilityPercent() float64 { return math.Round(i.Facility * 100) }
