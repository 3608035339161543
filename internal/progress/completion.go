// Package progress is the pure logic of learning progress: which modules a learner has done, whether
// a course version is complete and what is missing, how long a completion is valid, and what a new
// release of a course means for people who are enrolled in an older one (the change policy). It
// knows nothing of HTTP or the database; time comes in as an argument.
package progress

import "slices"

// Spec is what one course version asks of a learner, taken from its manifest.
type Spec struct {
	Modules         []ModuleSpec // in course order
	RequiredModules []string     // module ids whose lesson must be read
	RequiredQuizzes []string     // module ids whose quiz must be passed
	ValidityMonths  int          // 0: a completion never expires
}

// ModuleSpec is one module of a version.
type ModuleSpec struct {
	ID      string
	Hash    string
	HasQuiz bool
}

// Done is what a learner did in one module.
type Done struct {
	Read       bool
	QuizPassed bool
}

// ModuleState is how far a learner is in one module.
type ModuleState string

// Module states, in the order a learner usually goes through them.
const (
	NotStarted ModuleState = "not_started"
	Read       ModuleState = "read"        // the lesson is read, a required quiz is still open
	QuizPassed ModuleState = "quiz_passed" // the quiz is passed, the lesson is not marked read
	Complete   ModuleState = "done"        // everything the module asks for is done
)

// ModuleStatus is the state of one module for the course page.
type ModuleStatus struct {
	ID             string
	State          ModuleState
	Required       bool // the lesson or the quiz counts for completion
	QuizRequired   bool
	ReadDone       bool
	QuizPassedDone bool
}

// Result is the evaluation of a learner's progress in one course version.
type Result struct {
	Complete       bool
	Percent        int      // 0–100: required steps (lessons read, quizzes passed) done, rounded down
	MissingModules []string // required lessons not yet read, in course order
	MissingQuizzes []string // required quizzes not yet passed, in course order
	Modules        []ModuleStatus
	Next           string // the first module in course order that is not done; "" when all are
}

// Evaluate applies the completion rule of spec to what the learner did (module id → Done).
// Progress on modules the spec does not have is ignored.
func Evaluate(spec Spec, done map[string]Done) Result {
	var r Result
	r.Modules = make([]ModuleStatus, 0, len(spec.Modules))
	readRules, quizRules := setOf(spec.RequiredModules), setOf(spec.RequiredQuizzes)
	steps, stepsDone := 0, 0
	for _, m := range spec.Modules {
		d := done[m.ID]
		readRequired := readRules[m.ID]
		quizRequired := m.HasQuiz && quizRules[m.ID]
		if readRequired {
			steps++
			if d.Read {
				stepsDone++
			} else {
				r.MissingModules = append(r.MissingModules, m.ID)
			}
		}
		if quizRequired {
			steps++
			if d.QuizPassed {
				stepsDone++
			} else {
				r.MissingQuizzes = append(r.MissingQuizzes, m.ID)
			}
		}
		st := ModuleStatus{ID: m.ID, Required: readRequired || quizRequired, QuizRequired: quizRequired,
			ReadDone: d.Read, QuizPassedDone: d.QuizPassed && m.HasQuiz}
		st.State = moduleState(d, quizRequired)
		if st.State != Complete && r.Next == "" {
			r.Next = m.ID
		}
		r.Modules = append(r.Modules, st)
	}
	r.Complete = len(r.MissingModules) == 0 && len(r.MissingQuizzes) == 0
	r.Percent = 100
	if steps > 0 {
		r.Percent = stepsDone * 100 / steps
	}
	return r
}

func setOf(ids []string) map[string]bool {
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set
}

// moduleState: a module is done when its lesson is read and, when its quiz counts for completion,
// the quiz is passed. An optional quiz does not hold a module back.
func moduleState(d Done, quizRequired bool) ModuleState {
	switch {
	case d.Read && (d.QuizPassed || !quizRequired):
		return Complete
	case d.Read:
		return Read
	case d.QuizPassed:
		return QuizPassed
	}
	return NotStarted
}

// NextAfter returns where a learner goes after finishing module id: the next module in course order
// that is not done, looking first after id and then from the start; "" when every module is done.
func (r Result) NextAfter(id string) string {
	at := slices.IndexFunc(r.Modules, func(m ModuleStatus) bool { return m.ID == id })
	for i := at + 1; i < len(r.Modules); i++ {
		if r.Modules[i].State != Complete {
			return r.Modules[i].ID
		}
	}
	return r.Next
}
