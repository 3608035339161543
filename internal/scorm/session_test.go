package scorm

import "testing"

type call struct {
	method, a, b string
	want         string
	code         int
}

func run(t *testing.T, s *Session, calls []call) {
	t.Helper()
	for i, c := range calls {
		var got string
		var err Error
		switch c.method {
		case "Initialize":
			got, err = s.Initialize(c.a)
		case "Terminate":
			got, err = s.Terminate(c.a)
		case "Commit":
			got, err = s.Commit(c.a)
		case "GetValue":
			got, err = s.GetValue(c.a)
		case "SetValue":
			got, err = s.SetValue(c.a, c.b)
		}
		if got != c.want || err.Code != c.code {
			t.Errorf("call %d %s(%q, %q) = %q, error %d (%s); want %q, error %d", i, c.method, c.a, c.b, got, err.Code, err.Diagnostic, c.want, c.code)
		}
	}
}

var learner = Launch{LearnerID: "u-17", LearnerName: "Muster, Erika"}

func TestSCORM12CallsOfAuthoringTools(t *testing.T) {
	s := NewSession(NewState(KindSCORM12), learner)
	run(t, s, []call{
		{"GetValue", "cmi.core.lesson_status", "", "", 301},
		{"SetValue", "cmi.core.lesson_status", "passed", "false", 301},
		{"Commit", "", "", "false", 301},
		{"Terminate", "", "", "false", 301},
		{"Initialize", "x", "", "false", 201},
		{"Initialize", "", "", "true", 0},
		{"Initialize", "", "", "false", 101},
		{"GetValue", "cmi.core.student_id", "", "u-17", 0},
		{"GetValue", "cmi.core.student_name", "", "Muster, Erika", 0},
		{"GetValue", "cmi.core.entry", "", "ab-initio", 0},
		{"GetValue", "cmi.core.lesson_status", "", "not attempted", 0},
		{"GetValue", "cmi.core.lesson_location", "", "", 0},
		{"GetValue", "cmi.core._children", "", "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time", 0},
		{"GetValue", "cmi.core.score._children", "", "raw,min,max", 0},
		{"GetValue", "cmi.core.student_id._children", "", "", 202},
		{"GetValue", "cmi.interactions._count", "", "0", 0},
		{"GetValue", "cmi.core._count", "", "", 203},
		{"GetValue", "cmi._version", "", "3.4", 0},
		{"GetValue", "cmi.core.exit", "", "", 404},
		{"GetValue", "cmi.core.session_time", "", "", 404},
		{"GetValue", "cmi.nonsense", "", "", 201},
		{"GetValue", "cmi.interactions.0.id", "", "", 404},
		{"SetValue", "cmi.interactions.0.correct_responses.0.pattern", "a", "false", 401},
		{"SetValue", "cmi.core.student_id", "x", "false", 403},
		{"SetValue", "cmi.core._children", "x", "false", 402},
		{"SetValue", "cmi.core.lesson_status", "not attempted", "false", 405},
		{"SetValue", "cmi.core.lesson_status", "bestanden", "false", 405},
		{"SetValue", "cmi.core.score.raw", "101", "false", 405},
		{"SetValue", "cmi.core.score.raw", "achtzig", "false", 405},
		{"SetValue", "cmi.core.session_time", "1:00", "false", 405},
		{"SetValue", "cmi.core.lesson_location", string(make([]byte, 256)), "false", 405},
		{"SetValue", "cmi.core.lesson_location", "seite-3", "true", 0},
		{"SetValue", "cmi.suspend_data", "a=1;b=2", "true", 0},
		{"SetValue", "cmi.core.score.raw", "85", "true", 0},
		{"SetValue", "cmi.core.score.raw", "", "true", 0},
		{"SetValue", "cmi.core.score.raw", "85.5", "true", 0},
		{"SetValue", "cmi.core.lesson_status", "passed", "true", 0},
		{"SetValue", "cmi.core.session_time", "0000:12:30.5", "true", 0},
		{"SetValue", "cmi.core.exit", "suspend", "true", 0},
		{"GetValue", "cmi.core.lesson_location", "", "seite-3", 0},
		{"Commit", "", "", "true", 0},
		{"Terminate", "", "", "true", 0},
		{"GetValue", "cmi.core.lesson_location", "", "", 301},
		{"Terminate", "", "", "false", 301},
	})
	o := s.State.Outcome()
	if !o.ModuleDone() || !o.Passed || o.Score == nil || *o.Score != 0.855 {
		t.Errorf("outcome = %+v, want passed with score 0.855", o)
	}
	// A new launch of the same attempt resumes.
	s.State.Relaunch()
	s = NewSession(s.State, learner)
	run(t, s, []call{
		{"Initialize", "", "", "true", 0},
		{"GetValue", "cmi.core.entry", "", "resume", 0},
		{"GetValue", "cmi.core.lesson_location", "", "seite-3", 0},
		{"GetValue", "cmi.suspend_data", "", "a=1;b=2", 0},
		{"GetValue", "cmi.core.total_time", "", "0000:12:30.50", 0},
	})
}

func TestSCORM12MasteryScoreDecidesPassedOrFailed(t *testing.T) {
	for _, tc := range []struct {
		raw, want string
	}{{"79", "failed"}, {"80", "passed"}} {
		ms := 80.0
		s := NewSession(NewState(KindSCORM12), Launch{MasteryScore: &ms})
		run(t, s, []call{
			{"Initialize", "", "", "true", 0},
			{"GetValue", "cmi.student_data.mastery_score", "", "80", 0},
			{"SetValue", "cmi.core.lesson_status", "completed", "true", 0},
			{"SetValue", "cmi.core.score.raw", tc.raw, "true", 0},
			{"Terminate", "", "", "true", 0},
		})
		if got := s.State.Values["cmi.core.lesson_status"]; got != tc.want {
			t.Errorf("raw %s: lesson_status = %q, want %q", tc.raw, got, tc.want)
		}
		if done := s.State.Outcome().ModuleDone(); done != (tc.want == "passed") {
			t.Errorf("raw %s: module done = %v", tc.raw, done)
		}
	}
}

func TestSCORM2004CallsAndErrorCodes(t *testing.T) {
	s := NewSession(NewState(KindSCORM2004), learner)
	run(t, s, []call{
		{"GetValue", "cmi.location", "", "", 122},
		{"SetValue", "cmi.location", "x", "false", 132},
		{"Commit", "", "", "false", 142},
		{"Terminate", "", "", "false", 112},
		{"Initialize", "", "", "true", 0},
		{"Initialize", "", "", "false", 103},
		{"GetValue", "", "", "", 201},
		{"GetValue", "cmi.learner_id", "", "u-17", 0},
		{"GetValue", "cmi.completion_status", "", "unknown", 0},
		{"GetValue", "cmi.entry", "", "ab-initio", 0},
		{"GetValue", "cmi.location", "", "", 403},
		{"GetValue", "cmi.score.raw", "", "", 403},
		{"GetValue", "cmi.scaled_passing_score", "", "", 403},
		{"GetValue", "cmi.exit", "", "", 405},
		{"GetValue", "cmi.bogus", "", "", 401},
		{"GetValue", "cmi.interactions.0.correct_responses.0.pattern", "", "", 402},
		{"GetValue", "cmi.learner_id._children", "", "", 301},
		{"GetValue", "cmi.score._children", "", "scaled,raw,min,max", 0},
		{"SetValue", "cmi.score._children", "x", "false", 404},
		{"SetValue", "cmi.learner_id", "x", "false", 404},
		{"SetValue", "cmi.completion_status", "fertig", "false", 406},
		{"SetValue", "cmi.score.scaled", "1.5", "false", 407},
		{"SetValue", "cmi.score.scaled", "abc", "false", 406},
		{"SetValue", "cmi.session_time", "12 Minuten", "false", 406},
		{"SetValue", "cmi.suspend_data", string(make([]rune, 64001)), "false", 351},
		{"SetValue", "cmi.location", "kapitel-2", "true", 0},
		{"SetValue", "cmi.suspend_data", "{\"seite\":2}", "true", 0},
		{"SetValue", "cmi.score.scaled", "0.9", "true", 0},
		{"SetValue", "cmi.completion_status", "completed", "true", 0},
		{"SetValue", "cmi.success_status", "passed", "true", 0},
		{"SetValue", "cmi.session_time", "PT1H2M3.5S", "true", 0},
		{"SetValue", "cmi.exit", "suspend", "true", 0},
		{"SetValue", "adl.nav.request", "continue", "true", 0},
		{"Commit", "", "", "true", 0},
		{"Terminate", "", "", "true", 0},
		{"GetValue", "cmi.location", "", "", 123},
		{"SetValue", "cmi.location", "x", "false", 133},
		{"Commit", "", "", "false", 143},
		{"Terminate", "", "", "false", 113},
		{"Initialize", "", "", "false", 104},
	})
	if o := s.State.Outcome(); !o.ModuleDone() || *o.Score != 0.9 {
		t.Errorf("outcome = %+v", o)
	}
	s.State.Relaunch()
	s = NewSession(s.State, learner)
	run(t, s, []call{
		{"Initialize", "", "", "true", 0},
		{"GetValue", "cmi.entry", "", "resume", 0},
		{"GetValue", "cmi.location", "", "kapitel-2", 0},
		{"GetValue", "cmi.total_time", "", "PT1H2M3.50S", 0},
	})
}

func TestAbandonEndsARunningLaunchLikeTerminate(t *testing.T) {
	s := NewSession(NewState(KindSCORM12), learner)
	if s.Abandon() {
		t.Error("abandoned a launch that never started")
	}
	s.Initialize("")
	s.SetValue("cmi.core.lesson_status", "completed")
	s.SetValue("cmi.core.exit", "suspend")
	if !s.Abandon() || s.State.Phase != PhaseNotInitialized || !s.State.Outcome().ModuleDone() {
		t.Errorf("state after abandon = %+v", s.State)
	}
	// The next page of the package initializes again and resumes.
	run(t, s, []call{{"Initialize", "", "", "true", 0}, {"GetValue", "cmi.core.entry", "", "resume", 0},
		{"GetValue", "cmi.core.lesson_status", "", "completed", 0}})
}

func TestErrorStrings(t *testing.T) {
	for _, tc := range []struct {
		kind string
		code int
		want string
	}{
		{KindSCORM12, 0, "No error"}, {KindSCORM12, 301, "Not initialized"}, {KindSCORM12, 405, "Incorrect data type"},
		{KindSCORM2004, 406, "Data Model Element Type Mismatch"}, {KindSCORM2004, 113, "Termination After Termination"},
		{KindSCORM2004, 999, ""},
	} {
		if got := ErrorString(tc.kind, tc.code); got != tc.want {
			t.Errorf("ErrorString(%s, %d) = %q, want %q", tc.kind, tc.code, got, tc.want)
		}
	}
}

func TestInteractionsAreKeptInOrderWithTheirTypes(t *testing.T) {
	s := NewSession(NewState(KindSCORM12), learner)
	run(t, s, []call{
		{"Initialize", "", "", "true", 0},
		{"GetValue", "cmi.interactions._children", "", "id,objectives,time,type,correct_responses,weighting,student_response,result,latency", 0},
		{"GetValue", "cmi.interactions._count", "", "0", 0},
		{"SetValue", "cmi.interactions.1.id", "frage-2", "false", 201},
		{"SetValue", "cmi.interactions.0.result", "correct", "false", 201},
		{"SetValue", "cmi.interactions.0.id", "frage 1", "false", 405},
		{"SetValue", "cmi.interactions.0.id", "frage-1", "true", 0},
		{"SetValue", "cmi.interactions.0.type", "choice", "true", 0},
		{"SetValue", "cmi.interactions.0.type", "essay", "false", 405},
		{"SetValue", "cmi.interactions.0.student_response", "b", "true", 0},
		{"SetValue", "cmi.interactions.0.result", "wrong", "true", 0},
		{"SetValue", "cmi.interactions.0.result", "0.5", "true", 0},
		{"SetValue", "cmi.interactions.0.time", "25:00:00", "false", 405},
		{"SetValue", "cmi.interactions.0.latency", "0000:00:12", "true", 0},
		{"SetValue", "cmi.interactions.0.farbe", "rot", "false", 201},
		{"GetValue", "cmi.interactions._count", "", "1", 0},
		{"GetValue", "cmi.interactions.0.result", "", "", 404},
	})
	s = NewSession(NewState(KindSCORM2004), learner)
	run(t, s, []call{
		{"Initialize", "", "", "true", 0},
		{"SetValue", "cmi.interactions.0.result", "correct", "false", 408},
		{"SetValue", "cmi.interactions.2.id", "q3", "false", 351},
		{"SetValue", "cmi.interactions.0.id", "q1", "true", 0},
		{"SetValue", "cmi.interactions.0.result", "wrong", "false", 406},
		{"SetValue", "cmi.interactions.0.result", "incorrect", "true", 0},
		{"SetValue", "cmi.interactions.0.timestamp", "2026-12-03T08:15:00Z", "true", 0},
		{"SetValue", "cmi.interactions.0.timestamp", "gestern", "false", 406},
		{"GetValue", "cmi.interactions.0.result", "", "incorrect", 0},
		{"GetValue", "cmi.interactions.0.latency", "", "", 403},
		{"GetValue", "cmi.interactions.1.id", "", "", 301},
		{"GetValue", "cmi.interactions._count", "", "1", 0},
	})
}

// A reloaded page initializes before the old page's unload beacon arrives: the new load runs the
// session, the late beacon ends nothing, and the current load's own beacon ends it.
func TestANewPageLoadTakesTheSessionOverAndALateBeaconEndsNothing(t *testing.T) {
	s := NewSession(NewState(KindSCORM12), learner)
	if got, err := s.InitializeFrom("alt", ""); got != "true" || err.Code != 0 {
		t.Fatalf("first load: %q %+v", got, err)
	}
	if got, err := s.InitializeFrom("neu", ""); got != "true" || err.Code != 0 {
		t.Fatalf("the reloaded page could not initialize: %q %+v", got, err)
	}
	if s.AbandonFrom("alt") {
		t.Error("the old load's beacon ended the new load's session")
	}
	if got, err := s.SetValue("cmi.core.lesson_location", "fall-2"); got != "true" || err.Code != 0 {
		t.Errorf("the new load's session does not run: %q %+v", got, err)
	}
	if got, err := s.InitializeFrom("neu", ""); got != "false" || err.Code != 101 {
		t.Errorf("the same load initializing twice: %q %d, want the standard's error 101", got, err.Code)
	}
	if !s.AbandonFrom("neu") {
		t.Error("the current load's beacon did not end its session")
	}
}
