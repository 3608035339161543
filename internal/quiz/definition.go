// Package quiz is the pure quiz engine: question definitions as trainers write them in quiz.yaml,
// drawing and shuffling an attempt from a seed, grading, and review visibility. It knows nothing
// about HTTP or the database, so every rule here is tested with plain table tests.
package quiz

// Definition is one quiz.yaml file. The YAML field names are the spec in docs/course-format.md.
type Definition struct {
	PassPercent      int        `yaml:"pass_percent" json:"pass_percent"`
	Attempts         int        `yaml:"attempts" json:"attempts"`                     // 0 = unlimited
	WaitMinutes      int        `yaml:"wait_minutes" json:"wait_minutes"`             // between attempts
	TimeLimitMinutes int        `yaml:"time_limit_minutes" json:"time_limit_minutes"` // 0 = none
	Draw             int        `yaml:"draw" json:"draw"`                             // 0 = all questions
	Shuffle          bool       `yaml:"shuffle" json:"shuffle"`
	Review           Review     `yaml:"review" json:"review"`
	Questions        []Question `yaml:"questions" json:"questions"`
}

// Review says what a learner sees after an attempt, and from when.
type Review struct {
	Show []string `yaml:"show" json:"show"` // ShowCorrectness, ShowFeedback, ShowExplanation, ShowCorrectAnswer
	When string   `yaml:"when" json:"when"` // WhenImmediately, WhenAfterPass, WhenAfterLastAttempt
}

// Review "show" values.
const (
	ShowCorrectness   = "correctness"
	ShowFeedback      = "feedback"
	ShowExplanation   = "explanation"
	ShowCorrectAnswer = "correct_answer"
)

// Review "when" values.
const (
	WhenImmediately      = "immediately"
	WhenAfterPass        = "after_pass"
	WhenAfterLastAttempt = "after_last_attempt"
)

// Question types.
const (
	TypeSingle    = "single"
	TypeMultiple  = "multiple"
	TypeTrueFalse = "truefalse"
	TypeOrder     = "order"
	TypeMatch     = "match"
	TypeNumeric   = "numeric"
	TypeText      = "text"
)

// Question is one question of the pool. Which fields apply depends on Type (see the spec).
type Question struct {
	ID          string  `yaml:"id" json:"id"`
	Type        string  `yaml:"type" json:"type"`
	Points      float64 `yaml:"points" json:"points"` // 0 means the default of 1
	Text        string  `yaml:"text" json:"text"`
	Explanation string  `yaml:"explanation" json:"explanation"`

	Options []Option `yaml:"options" json:"options"` // single, multiple

	FeedbackTrue  string `yaml:"feedback_true" json:"feedback_true"`   // truefalse
	FeedbackFalse string `yaml:"feedback_false" json:"feedback_false"` // truefalse

	Items []Item `yaml:"items" json:"items"` // order: listed in the correct order

	Pairs       []Pair   `yaml:"pairs" json:"pairs"`             // match
	Distractors []string `yaml:"distractors" json:"distractors"` // match: extra wrong answers

	// Value holds `answer:` for truefalse (bool) and numeric (number); see TrueFalseAnswer and
	// NumericAnswer. It is one field because YAML uses the same key for both.
	Value     any     `yaml:"answer" json:"answer"`
	Tolerance float64 `yaml:"tolerance" json:"tolerance"` // numeric
	Unit      string  `yaml:"unit" json:"unit"`           // numeric

	Accept        []string `yaml:"accept" json:"accept"`                 // text
	CaseSensitive bool     `yaml:"case_sensitive" json:"case_sensitive"` // text
}

// Option is a choice in a single or multiple question.
type Option struct {
	ID       string `yaml:"id" json:"id"`
	Text     string `yaml:"text" json:"text"`
	Correct  bool   `yaml:"correct" json:"correct"`
	Feedback string `yaml:"feedback" json:"feedback"`
}

// Item is one element of an order question.
type Item struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
}

// Pair is one prompt of a match question with its correct answer.
type Pair struct {
	ID     string `yaml:"id" json:"id"`
	Prompt string `yaml:"prompt" json:"prompt"`
	Answer string `yaml:"answer" json:"answer"`
}

// MaxPoints is the points a question is worth.
func (q Question) MaxPoints() float64 {
	if q.Points <= 0 {
		return 1
	}
	return q.Points
}

// TrueFalseAnswer returns the `answer:` of a truefalse question and whether it is a boolean.
func (q Question) TrueFalseAnswer() (value, ok bool) {
	b, ok := q.Value.(bool)
	return b, ok
}

// NumericAnswer returns the `answer:` of a numeric question and whether it is a number.
func (q Question) NumericAnswer() (float64, bool) {
	switch v := q.Value.(type) {
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}
