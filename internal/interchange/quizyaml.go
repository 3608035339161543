package interchange

import (
	"bytes"
	"fmt"

	"github.com/goccy/go-yaml"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

// The written quiz.yaml leaves out empty fields, so it reads like one a trainer wrote.
type yamlQuiz struct {
	PassPercent      int            `yaml:"pass_percent"`
	Attempts         int            `yaml:"attempts"`
	WaitMinutes      int            `yaml:"wait_minutes,omitempty"`
	TimeLimitMinutes int            `yaml:"time_limit_minutes,omitempty"`
	Draw             int            `yaml:"draw,omitempty"`
	Shuffle          bool           `yaml:"shuffle"`
	Review           quiz.Review    `yaml:"review"`
	Questions        []yamlQuestion `yaml:"questions"`
}

type yamlQuestion struct {
	ID            string       `yaml:"id"`
	Type          string       `yaml:"type"`
	Points        float64      `yaml:"points,omitempty"`
	Text          string       `yaml:"text"`
	Options       []yamlOption `yaml:"options,omitempty"`
	Answer        *yamlAnswer  `yaml:"answer,omitempty"`
	FeedbackTrue  string       `yaml:"feedback_true,omitempty"`
	FeedbackFalse string       `yaml:"feedback_false,omitempty"`
	Items         []quiz.Item  `yaml:"items,omitempty"`
	Pairs         []quiz.Pair  `yaml:"pairs,omitempty"`
	Distractors   []string     `yaml:"distractors,omitempty"`
	Tolerance     float64      `yaml:"tolerance,omitempty"`
	Unit          string       `yaml:"unit,omitempty"`
	Accept        []string     `yaml:"accept,omitempty"`
	CaseSensitive bool         `yaml:"case_sensitive,omitempty"`
	Explanation   string       `yaml:"explanation,omitempty"`
}

type yamlOption struct {
	ID       string `yaml:"id"`
	Text     string `yaml:"text"`
	Correct  bool   `yaml:"correct,omitempty"`
	Feedback string `yaml:"feedback,omitempty"`
}

// yamlAnswer holds a bool or a number; a pointer so that answer: false is still written.
type yamlAnswer struct{ v any }

func (a *yamlAnswer) MarshalYAML() (any, error) { return a.v, nil }

// QuizYAML writes a definition as quiz.yaml and checks the result with ailit's own validator, so a
// file that is written can also be served.
func QuizYAML(d quiz.Definition) ([]byte, error) {
	out := yamlQuiz{PassPercent: d.PassPercent, Attempts: d.Attempts, WaitMinutes: d.WaitMinutes, TimeLimitMinutes: d.TimeLimitMinutes,
		Draw: d.Draw, Shuffle: d.Shuffle, Review: d.Review}
	if out.Review.Show == nil {
		out.Review = quiz.Review{Show: []string{quiz.ShowCorrectness, quiz.ShowFeedback, quiz.ShowExplanation, quiz.ShowCorrectAnswer}, When: quiz.WhenImmediately}
	}
	for _, q := range d.Questions {
		yq := yamlQuestion{
			ID: q.ID, Type: q.Type, Points: q.Points, Text: q.Text, Explanation: q.Explanation,
			FeedbackTrue: q.FeedbackTrue, FeedbackFalse: q.FeedbackFalse, Items: q.Items, Pairs: q.Pairs,
			Distractors: q.Distractors, Tolerance: q.Tolerance, Unit: q.Unit, Accept: q.Accept, CaseSensitive: q.CaseSensitive,
		}
		for _, o := range q.Options {
			yq.Options = append(yq.Options, yamlOption(o))
		}
		if q.Value != nil {
			yq.Answer = &yamlAnswer{q.Value}
		}
		out.Questions = append(out.Questions, yq)
	}
	data, err := yaml.MarshalWithOptions(out, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	if _, ps := content.ParseQuiz("quiz.yaml", data); len(ps) > 0 {
		var b bytes.Buffer
		for _, p := range ps {
			fmt.Fprintln(&b, p.String())
		}
		return nil, fmt.Errorf("the converted quiz does not pass ailit's validator:\n%s", b.String())
	}
	return data, nil
}
