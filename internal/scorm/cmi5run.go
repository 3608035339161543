package scorm

import (
	"encoding/json"
	"fmt"
	"strings"
)

// cmi5 verbs (cmi5 spec §9.3) the LMS acts on.
const (
	verbInitialized = "http://adlnet.gov/expapi/verbs/initialized"
	verbCompleted   = "http://adlnet.gov/expapi/verbs/completed"
	verbPassed      = "http://adlnet.gov/expapi/verbs/passed"
	verbFailed      = "http://adlnet.gov/expapi/verbs/failed"
	verbTerminated  = "http://adlnet.gov/expapi/verbs/terminated"
)

// CMI5 is the part of a State that a cmi5 AU writes: its statements' outcome and its documents
// in the State API. ailit is not an LRS: it keeps what the module's completion needs and the
// AU's own state documents, and answers the rest of the xAPI with an error.
type CMI5 struct {
	Registration string            `json:"registration"`
	AuthHash     string            `json:"auth_hash,omitempty"` // SHA-256 of the fetched auth token
	Fetched      bool              `json:"fetched"`
	Completed    bool              `json:"completed"`
	Passed       bool              `json:"passed"`
	Failed       bool              `json:"failed"`
	Score        *float64          `json:"score,omitempty"`
	Documents    map[string]string `json:"documents,omitempty"` // State API: stateId → document
	Statements   int               `json:"statements"`
}

// statement is the part of an xAPI statement the LMS reads.
type statement struct {
	Verb struct {
		ID string `json:"id"`
	} `json:"verb"`
	Result *struct {
		Success    *bool `json:"success"`
		Completion *bool `json:"completion"`
		Score      *struct {
			Scaled *float64 `json:"scaled"`
		} `json:"score"`
	} `json:"result"`
	Context *struct {
		Registration string `json:"registration"`
	} `json:"context"`
}

// ApplyStatements reads one statement or an array of statements sent by the AU and records
// completion, success and score (cmi5 spec §9.3: completed, passed, failed). It refuses, without
// recording anything, statements that are not JSON, have no verb or name another registration.
func (st *State) ApplyStatements(body []byte) (int, error) {
	var list []statement
	trimmed := strings.TrimSpace(string(body))
	if strings.HasPrefix(trimmed, "[") {
		if err := json.Unmarshal(body, &list); err != nil {
			return 0, fmt.Errorf("the statements are not valid JSON: %v", err)
		}
	} else {
		var one statement
		if err := json.Unmarshal(body, &one); err != nil {
			return 0, fmt.Errorf("the statement is not valid JSON: %v", err)
		}
		list = []statement{one}
	}
	c := st.cmi5()
	for i, s := range list {
		if s.Verb.ID == "" {
			return 0, fmt.Errorf("statement %d has no verb", i)
		}
		if s.Context == nil || s.Context.Registration != c.Registration {
			return 0, fmt.Errorf("statement %d does not carry the registration of this launch", i)
		}
	}
	for _, s := range list {
		c.Statements++
		switch s.Verb.ID {
		case verbCompleted:
			c.Completed = true
		case verbPassed:
			c.Passed, c.Failed = true, false
		case verbFailed:
			c.Failed = !c.Passed
		}
		if s.Result != nil && s.Result.Score != nil && s.Result.Score.Scaled != nil {
			v := *s.Result.Score.Scaled
			c.Score = &v
		}
	}
	return len(list), nil
}

func (st *State) cmi5() *CMI5 {
	if st.CMI5 == nil {
		st.CMI5 = &CMI5{}
	}
	return st.CMI5
}

// cmi5Outcome applies the AU's moveOn (cmi5 spec §10, moveOn criteria) to what it reported.
func (st *State) cmi5Outcome(moveOn string) Outcome {
	c := st.cmi5()
	o := Outcome{Completed: c.Completed, Passed: c.Passed, Failed: c.Failed && !c.Passed, Score: c.Score}
	switch {
	case c.Passed && c.Completed:
		o.Status = "completed passed"
	case c.Passed:
		o.Status = "passed"
	case c.Completed:
		o.Status = "completed"
	case c.Failed:
		o.Status = "failed"
	}
	met := false
	switch moveOn {
	case "Completed":
		met = c.Completed
	case "Passed":
		met = c.Passed
	case "CompletedAndPassed":
		met = c.Completed && c.Passed
	case "CompletedOrPassed":
		met = c.Completed || c.Passed
	case "NotApplicable":
		met = c.Statements > 0 // satisfied as soon as the AU was launched and reported
	}
	o.Completed, o.Failed = met, !met && o.Failed
	o.Passed = o.Passed && met
	return o
}

// LaunchData is the LMS.LaunchData document of the State API (cmi5 spec §10.2).
func LaunchData(registration, moveOn string, masteryScore *float64, returnURL string) []byte {
	d := map[string]any{
		"contextTemplate": map[string]any{"registration": registration,
			"extensions": map[string]any{"https://w3id.org/xapi/cmi5/context/extensions/sessionid": registration}},
		"launchMode": "Normal",
		"moveOn":     moveOn,
		"returnURL":  returnURL,
	}
	if masteryScore != nil {
		d["masteryScore"] = *masteryScore
	}
	b, _ := json.Marshal(d)
	return b
}
