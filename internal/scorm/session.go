package scorm

import (
	"strconv"
	"strings"
)

// Phases of a launch (RTE "API instance states").
const (
	PhaseNotInitialized = ""
	PhaseRunning        = "running"
	PhaseTerminated     = "terminated"
)

// State is everything the LMS keeps of one learner's attempt at a package; the store saves it as
// JSON. Values holds what the SCO wrote; read-only elements come from Launch and from the counters.
type State struct {
	Kind         string            `json:"kind"`
	Phase        string            `json:"phase"`
	Values       map[string]string `json:"values"`
	Sessions     int               `json:"sessions"`       // launches that called Initialize
	TotalSeconds float64           `json:"total_seconds"`  // session times of finished sessions
	Entry        string            `json:"entry"`          // cmi.core.entry / cmi.entry of this session
	LastExit     string            `json:"last_exit"`      // cmi.exit of the previous session
	CMI5         *CMI5             `json:"cmi5,omitempty"` // what a cmi5 AU reported (cmi5run.go)
	// Page is the page load of the package that initialized the running session (the adapter's
	// random id), so a late unload beacon of an earlier page cannot end the session of the next.
	Page string `json:"page,omitempty"`
}

// Launch is what the LMS tells the SCO about the learner and the package.
type Launch struct {
	LearnerID    string
	LearnerName  string   // "Last, First" in SCORM 1.2, as the standard asks
	MasteryScore *float64 // from the manifest (see Manifest.MasteryScore)
	LaunchData   string
}

// Session runs API calls against a State: the pure SCORM state machine, authoritative on the
// server. Every method returns the value for the SCO and the error for GetLastError.
type Session struct {
	State  *State
	Launch Launch
	model  *dataModel
	codes  codes
}

// NewState is the state of an attempt nobody has launched yet.
func NewState(kind string) *State {
	return &State{Kind: kind, Values: map[string]string{}}
}

// NewSession wraps a state for one launch. A state saved as terminated (a finished launch) starts
// over as not initialized: a new launch is a new communication session of the same attempt.
func NewSession(st *State, l Launch) *Session {
	if st.Values == nil {
		st.Values = map[string]string{}
	}
	s := &Session{State: st, Launch: l, model: model2004, codes: codes2004}
	if st.Kind == KindSCORM12 {
		s.model, s.codes = model12, codes12
	}
	return s
}

// Relaunch prepares a saved state for a new launch (the learner opened the module again).
func (st *State) Relaunch() {
	if st.Phase == PhaseTerminated {
		st.Phase = PhaseNotInitialized
	}
}

func (s *Session) fail(code int, diagnostic string) (string, Error) {
	return "false", Error{code, diagnostic}
}

func okTrue() (string, Error) { return "true", noError }

// Initialize is LMSInitialize("") / Initialize("").
func (s *Session) Initialize(param string) (string, Error) {
	switch {
	case param != "":
		return s.fail(s.codes.argument, "the parameter must be the empty string")
	case s.State.Phase == PhaseRunning:
		return s.fail(s.codes.initTwice, "Initialize was already called in this launch")
	case s.State.Phase == PhaseTerminated:
		return s.fail(s.codes.initAfterTerm, "the launch was terminated; open the module again")
	}
	s.State.Phase = PhaseRunning
	s.State.Entry = "ab-initio"
	if s.State.Sessions > 0 {
		s.State.Entry = ""
		if s.State.LastExit == "suspend" {
			s.State.Entry = "resume"
		}
	}
	s.State.Sessions++
	// session_time and exit are per session: what the last session wrote is already counted.
	delete(s.State.Values, s.model.sessionTime)
	delete(s.State.Values, s.model.exit)
	return okTrue()
}

// Terminate is LMSFinish("") / Terminate(""): it commits and ends the launch, adding the
// session time to the total time.
func (s *Session) Terminate(param string) (string, Error) {
	switch {
	case param != "":
		return s.fail(s.codes.argument, "the parameter must be the empty string")
	case s.State.Phase == PhaseNotInitialized:
		return s.fail(s.codes.termBeforeInit, "Terminate before Initialize")
	case s.State.Phase == PhaseTerminated:
		return s.fail(s.codes.termAfterTerm, "Terminate was already called")
	}
	s.endSession()
	return okTrue()
}

// Abandon ends a running session the way Terminate does, for a page that was closed without
// LMSFinish (the unload beacon): the data is kept, the session time counted, the mastery score
// applied. Unlike Terminate it leaves the launch open for Initialize, because a package that
// moves from one page to the next in its frame unloads the first page and initializes again on
// the second. It reports whether there was a running session to end.
func (s *Session) Abandon() bool {
	if s.State.Phase != PhaseRunning {
		return false
	}
	s.endSession()
	s.State.Phase = PhaseNotInitialized
	return true
}

// Reloading a package page races its unload beacon: the new page load may initialize before the
// old load's Abandon arrives. So each call names its page load (the adapter's random id; "" for
// callers that name none): a new load ends the session an earlier load left running, and a beacon
// of a load that no longer runs the session ends nothing.

// InitializeFrom is Initialize by the page load page.
func (s *Session) InitializeFrom(page, param string) (string, Error) {
	if s.otherPage(page) && s.State.Phase == PhaseRunning {
		s.Abandon()
	}
	result, e := s.Initialize(param)
	if e.Code == 0 {
		s.State.Page = page
	}
	return result, e
}

// AbandonFrom is the unload beacon of the page load page.
func (s *Session) AbandonFrom(page string) bool { return !s.otherPage(page) && s.Abandon() }

func (s *Session) otherPage(page string) bool {
	return page != "" && s.State.Page != "" && page != s.State.Page
}

func (s *Session) endSession() {
	if secs, ok := s.model.seconds(s.State.Values[s.model.sessionTime]); ok {
		s.State.TotalSeconds += secs
	}
	s.State.LastExit = s.State.Values[s.model.exit]
	s.applyMastery()
	s.State.Phase = PhaseTerminated
}

// Commit is LMSCommit("") / Commit(""). Values are kept by the caller after every successful
// call, so Commit checks the state and applies the mastery score.
func (s *Session) Commit(param string) (string, Error) {
	switch {
	case param != "":
		return s.fail(s.codes.argument, "the parameter must be the empty string")
	case s.State.Phase == PhaseNotInitialized:
		return s.fail(s.codes.commitBeforeInit, "Commit before Initialize")
	case s.State.Phase == PhaseTerminated:
		return s.fail(s.codes.commitAfterTerm, "Commit after Terminate")
	}
	s.applyMastery()
	return okTrue()
}

// GetValue is LMSGetValue / GetValue.
func (s *Session) GetValue(name string) (string, Error) {
	switch s.State.Phase {
	case PhaseNotInitialized:
		return "", Error{s.codes.getBeforeInit, "GetValue before Initialize"}
	case PhaseTerminated:
		return "", Error{s.codes.getAfterTerm, "GetValue after Terminate"}
	}
	if name == "" {
		return "", Error{s.codes.argument, "GetValue needs an element name"}
	}
	if base, ok := strings.CutSuffix(name, "._children"); ok {
		if c, known := s.model.children[base]; known {
			return c, noError
		}
		if base == "cmi.interactions" {
			return map[bool]string{true: interactionChildren12, false: interactionChildren2004}[s.State.Kind == KindSCORM12], noError
		}
		return "", s.keywordError(base, s.codes.noChildren, "has no children")
	}
	if base, ok := strings.CutSuffix(name, "._count"); ok {
		if base == "cmi.interactions" {
			return strconv.Itoa(s.State.interactionCount()), noError
		}
		if s.model.arrays[base] {
			return "0", noError
		}
		return "", s.keywordError(base, s.codes.noCount, "is not an array")
	}
	el, err, handled := s.interaction(name, false)
	if !handled {
		el, err = s.lookup(name)
	}
	if err.Code != 0 {
		return "", err
	}
	if el.access == writeOnly {
		return "", Error{s.codes.writeOnly, name + " is write-only"}
	}
	if el.get != nil {
		v, set := el.get(s)
		if !set && s.codes.notInitialized != 0 {
			return "", Error{s.codes.notInitialized, name + " has no value yet"}
		}
		return v, noError
	}
	v, set := s.State.Values[name]
	if !set {
		if el.initial != "" || s.codes.notInitialized == 0 {
			return el.initial, noError
		}
		return "", Error{s.codes.notInitialized, name + " has no value yet"}
	}
	return v, noError
}

// SetValue is LMSSetValue / SetValue.
func (s *Session) SetValue(name, value string) (string, Error) {
	switch s.State.Phase {
	case PhaseNotInitialized:
		return s.fail(s.codes.setBeforeInit, "SetValue before Initialize")
	case PhaseTerminated:
		return s.fail(s.codes.setAfterTerm, "SetValue after Terminate")
	}
	if name == "" {
		return s.fail(s.codes.argument, "SetValue needs an element name")
	}
	if strings.HasSuffix(name, "._children") || strings.HasSuffix(name, "._count") || strings.HasSuffix(name, "._version") {
		return s.fail(s.codes.keyword, name+" is a keyword and cannot be set")
	}
	el, err, handled := s.interaction(name, true)
	if !handled {
		el, err = s.lookup(name)
	}
	if err.Code != 0 {
		return "false", err
	}
	if el.access == readOnly {
		return s.fail(s.codes.readOnly, name+" is read-only")
	}
	if problem, outOfRange := el.check(value); problem != "" {
		code := s.codes.typeMismatch
		if outOfRange {
			code = s.codes.rang
		}
		if el.tooLong != 0 && strings.Contains(problem, "characters") {
			code = el.tooLong
		}
		return s.fail(code, name+": "+problem)
	}
	s.State.Values[name] = value
	return okTrue()
}

// lookup finds an element: kept by ailit, defined by the standard but not kept (SCORM's "not
// implemented" error, 401 in SCORM 1.2, 402 in 2004: interactions, objectives, …), or undefined.
func (s *Session) lookup(name string) (*element, Error) {
	if el, ok := s.model.elements[name]; ok {
		return el, noError
	}
	for _, prefix := range s.model.unkept {
		if strings.HasPrefix(name, prefix) {
			return nil, Error{s.codes.unkept, name + " is defined by SCORM but not kept by ailit"}
		}
	}
	return nil, Error{s.codes.undefined, name + " is not an element of the data model"}
}

// keywordError is the error of _children or _count on something that has none.
func (s *Session) keywordError(base string, code int, what string) Error {
	if _, err := s.lookup(base); err.Code != 0 && !s.model.arrays[base] {
		if _, known := s.model.children[base]; !known {
			return err
		}
	}
	return Error{code, base + " " + what}
}
