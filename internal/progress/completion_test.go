package progress

import (
	"slices"
	"testing"
)

// threeModules: "intro" with a required quiz, "grenzen" without a quiz, "praxis" with an optional quiz.
var threeModules = Spec{
	Modules: []ModuleSpec{
		{ID: "intro", Hash: "h1", HasQuiz: true},
		{ID: "grenzen", Hash: "h2"},
		{ID: "praxis", Hash: "h3", HasQuiz: true},
	},
	RequiredModules: []string{"intro", "grenzen", "praxis"},
	RequiredQuizzes: []string{"intro"},
}

func TestEvaluateAppliesTheCompletionRule(t *testing.T) {
	tests := []struct {
		name           string
		spec           Spec
		done           map[string]Done
		complete       bool
		percent        int
		missingModules []string
		missingQuizzes []string
		states         []ModuleState
		next           string
	}{
		{
			name: "nothing done", spec: threeModules, done: nil,
			percent: 0, missingModules: []string{"intro", "grenzen", "praxis"}, missingQuizzes: []string{"intro"},
			states: []ModuleState{NotStarted, NotStarted, NotStarted}, next: "intro",
		},
		{
			name: "lesson read but required quiz open", spec: threeModules,
			done:    map[string]Done{"intro": {Read: true}},
			percent: 25, missingModules: []string{"grenzen", "praxis"}, missingQuizzes: []string{"intro"},
			states: []ModuleState{Read, NotStarted, NotStarted}, next: "intro",
		},
		{
			name: "quiz passed before reading the lesson", spec: threeModules,
			done:    map[string]Done{"intro": {QuizPassed: true}},
			percent: 25, missingModules: []string{"intro", "grenzen", "praxis"},
			states: []ModuleState{QuizPassed, NotStarted, NotStarted}, next: "intro",
		},
		{
			name: "an optional quiz does not hold the module back", spec: threeModules,
			done:    map[string]Done{"intro": {Read: true, QuizPassed: true}, "praxis": {Read: true}},
			percent: 75, missingModules: []string{"grenzen"},
			states: []ModuleState{Complete, NotStarted, Complete}, next: "grenzen",
		},
		{
			name: "everything required done completes the course", spec: threeModules,
			done:     map[string]Done{"intro": {Read: true, QuizPassed: true}, "grenzen": {Read: true}, "praxis": {Read: true}},
			complete: true, percent: 100,
			states: []ModuleState{Complete, Complete, Complete}, next: "",
		},
		{
			name: "progress on a module the version does not have is ignored", spec: threeModules,
			done:    map[string]Done{"alt": {Read: true, QuizPassed: true}},
			percent: 0, missingModules: []string{"intro", "grenzen", "praxis"}, missingQuizzes: []string{"intro"},
			states: []ModuleState{NotStarted, NotStarted, NotStarted}, next: "intro",
		},
		{
			name: "only listed modules count",
			spec: Spec{Modules: threeModules.Modules, RequiredModules: []string{"grenzen"}},
			done: map[string]Done{"grenzen": {Read: true}}, complete: true, percent: 100,
			states: []ModuleState{NotStarted, Complete, NotStarted}, next: "intro",
		},
		{
			name: "a quiz rule naming a module without quiz asks nothing",
			spec: Spec{Modules: threeModules.Modules, RequiredQuizzes: []string{"grenzen"}},
			done: nil, complete: true, percent: 100,
			states: []ModuleState{NotStarted, NotStarted, NotStarted}, next: "intro",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(tt.spec, tt.done)
			if r.Complete != tt.complete || r.Percent != tt.percent || r.Next != tt.next {
				t.Errorf("complete %v, %d %%, next %q; want %v, %d %%, %q", r.Complete, r.Percent, r.Next, tt.complete, tt.percent, tt.next)
			}
			if !slices.Equal(r.MissingModules, tt.missingModules) || !slices.Equal(r.MissingQuizzes, tt.missingQuizzes) {
				t.Errorf("missing lessons %v, quizzes %v; want %v, %v", r.MissingModules, r.MissingQuizzes, tt.missingModules, tt.missingQuizzes)
			}
			var states []ModuleState
			for _, m := range r.Modules {
				states = append(states, m.State)
			}
			if !slices.Equal(states, tt.states) {
				t.Errorf("module states %v, want %v", states, tt.states)
			}
		})
	}
}

func TestNextAfterGoesForwardThenBackToWhatIsOpen(t *testing.T) {
	tests := []struct {
		name  string
		done  map[string]Done
		after string
		want  string
	}{
		{"next module in order", map[string]Done{"intro": {Read: true, QuizPassed: true}}, "intro", "grenzen"},
		{"skips modules already done", map[string]Done{"intro": {Read: true, QuizPassed: true}, "grenzen": {Read: true}}, "intro", "praxis"},
		{"after the last module back to the first open one", map[string]Done{"intro": {Read: true}, "grenzen": {Read: true}, "praxis": {Read: true}}, "praxis", "intro"},
		{"nothing open", map[string]Done{"intro": {Read: true, QuizPassed: true}, "grenzen": {Read: true}, "praxis": {Read: true}}, "praxis", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Evaluate(threeModules, tt.done).NextAfter(tt.after); got != tt.want {
				t.Errorf("NextAfter(%q) = %q, want %q", tt.after, got, tt.want)
			}
		})
	}
}
