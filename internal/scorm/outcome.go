package scorm

import "strconv"

// Outcome is what an attempt means for the module: completion, success and score as the SCO
// reported them (after the LMS applied the mastery score).
type Outcome struct {
	Completed bool     // the SCO reports completion: 1.2 passed or completed, 2004 completion_status completed
	Passed    bool     // 1.2 lesson_status passed, 2004 success_status passed
	Failed    bool     // 1.2 lesson_status failed, 2004 success_status failed
	Score     *float64 // scaled to 0–1: 2004 score.scaled, 1.2 score.raw within min–max (default 0–100)
	Status    string   // the status as the SCO reported it, for display
}

// ModuleDone reports whether the attempt completes the module: the package is completed or
// passed and not failed. A package that reports "failed" leaves the module open for another try.
func (o Outcome) ModuleDone() bool { return (o.Completed || o.Passed) && !o.Failed }

// Outcome reads the outcome of a state; moveOn is the cmi5 AU's criterion (ignored for SCORM).
func (st *State) Outcome(moveOn ...string) Outcome {
	var o Outcome
	if st.Kind == KindCMI5 {
		return st.cmi5Outcome(append(moveOn, "NotApplicable")[0])
	}
	if st.Kind == KindSCORM12 {
		o.Status = st.Values["cmi.core.lesson_status"]
		o.Passed = o.Status == "passed"
		o.Failed = o.Status == "failed"
		o.Completed = o.Passed || o.Status == "completed"
		if raw, ok := parseReal(st.Values["cmi.core.score.raw"]); ok {
			lo, hi := 0.0, 100.0
			if v, ok := parseReal(st.Values["cmi.core.score.min"]); ok {
				lo = v
			}
			if v, ok := parseReal(st.Values["cmi.core.score.max"]); ok {
				hi = v
			}
			if hi > lo {
				scaled := (raw - lo) / (hi - lo)
				o.Score = &scaled
			}
		}
		return o
	}
	o.Status = st.Values["cmi.completion_status"]
	o.Completed = o.Status == "completed"
	success := st.Values["cmi.success_status"]
	o.Passed, o.Failed = success == "passed", success == "failed"
	if success != "" && success != "unknown" {
		o.Status += " " + success
	}
	if v, ok := parseReal(st.Values["cmi.score.scaled"]); ok {
		o.Score = &v
	}
	return o
}

// applyMastery is the LMS's part of the status: with a mastery score from the manifest and a score
// from the SCO, SCORM 1.2 sets lesson_status to passed or failed (RTE §3.4.2, cmi.core.lesson_status)
// and SCORM 2004 evaluates success_status against the scaled passing score (RTE §4.2.22).
func (s *Session) applyMastery() {
	ms := s.Launch.MasteryScore
	if ms == nil {
		return
	}
	v := s.State.Values
	if s.State.Kind == KindSCORM12 {
		raw, ok := parseReal(v["cmi.core.score.raw"])
		if !ok {
			return
		}
		if raw >= *ms {
			v["cmi.core.lesson_status"] = "passed"
		} else {
			v["cmi.core.lesson_status"] = "failed"
		}
		return
	}
	scaled, ok := parseReal(v["cmi.score.scaled"])
	if !ok {
		return
	}
	v["cmi.success_status"] = map[bool]string{true: "passed", false: "failed"}[scaled >= *ms]
}

// FormatScore shows a scaled score as a percentage for the learner.
func FormatScore(scaled float64) string {
	return strconv.FormatFloat(scaled*100, 'f', 0, 64) + " %"
}
