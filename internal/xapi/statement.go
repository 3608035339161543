// Package xapi turns ailit's records into xAPI 1.0.3 statements (IEEE 9274.1.1) and sends them to a
// learning record store. Building is pure (this file and events.go); sending goes through the
// xapi_statements queue with retry and backoff (sender.go), so an LRS that is down loses nothing,
// and every statement id is derived from its event, so a retry never makes a duplicate.
package xapi

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Version is the xAPI version sent in X-Experience-API-Version and in every statement.
const Version = "1.0.3"

// Statement is an xAPI statement with the properties ailit uses.
type Statement struct {
	ID        string   `json:"id"`
	Actor     Agent    `json:"actor"`
	Verb      Verb     `json:"verb"`
	Object    Activity `json:"object"`
	Result    *Result  `json:"result,omitempty"`
	Context   *Context `json:"context,omitempty"`
	Timestamp string   `json:"timestamp"`
	Version   string   `json:"version"`
}

// Agent is the actor, always identified by an account (never mbox: no e-mail leaves as an id).
type Agent struct {
	ObjectType string  `json:"objectType"`
	Name       string  `json:"name,omitempty"`
	Account    Account `json:"account"`
}

// Account identifies a person within a system: homePage names the system.
type Account struct {
	HomePage string `json:"homePage"`
	Name     string `json:"name"`
}

// Verb is what happened, with a display text per language.
type Verb struct {
	ID      string            `json:"id"`
	Display map[string]string `json:"display"`
}

// Activity is the object: a course, a quiz or another measure.
type Activity struct {
	ObjectType string              `json:"objectType"`
	ID         string              `json:"id"`
	Definition *ActivityDefinition `json:"definition,omitempty"`
}

// ActivityDefinition names the activity and its type.
type ActivityDefinition struct {
	Name map[string]string `json:"name,omitempty"`
	Type string            `json:"type,omitempty"`
}

// Result is the outcome; Score only where the privacy level lets results leave.
type Result struct {
	Score      *Score `json:"score,omitempty"`
	Success    *bool  `json:"success,omitempty"`
	Completion *bool  `json:"completion,omitempty"`
	Duration   string `json:"duration,omitempty"`
}

// Score is the quiz score: scaled in [-1, 1], raw within [min, max].
type Score struct {
	Scaled float64 `json:"scaled"`
	Raw    float64 `json:"raw"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Context carries the platform, language, parent course and the version and content hash.
type Context struct {
	Registration      string             `json:"registration,omitempty"`
	Platform          string             `json:"platform,omitempty"`
	Language          string             `json:"language,omitempty"`
	ContextActivities *ContextActivities `json:"contextActivities,omitempty"`
	Extensions        map[string]any     `json:"extensions,omitempty"`
}

// ContextActivities relate the object to other activities (a quiz to its course).
type ContextActivities struct {
	Parent []Activity `json:"parent,omitempty"`
}

// Verbs ailit sends, from the ADL vocabulary. "Expired" has no ADL verb (ADL's "abandoned" means
// a session left unfinished, which is not what happened), so Builder.expiredVerb is an ailit IRI
// under the base URL, documented in docs/integration.md.
var (
	VerbRegistered = Verb{ID: "http://adlnet.gov/expapi/verbs/registered", Display: map[string]string{"de-DE": "angemeldet", "en-US": "registered"}}
	VerbCompleted  = Verb{ID: "http://adlnet.gov/expapi/verbs/completed", Display: map[string]string{"de-DE": "abgeschlossen", "en-US": "completed"}}
	VerbPassed     = Verb{ID: "http://adlnet.gov/expapi/verbs/passed", Display: map[string]string{"de-DE": "bestanden", "en-US": "passed"}}
	VerbFailed     = Verb{ID: "http://adlnet.gov/expapi/verbs/failed", Display: map[string]string{"de-DE": "nicht bestanden", "en-US": "failed"}}
	VerbVoided     = Verb{ID: "http://adlnet.gov/expapi/verbs/voided", Display: map[string]string{"de-DE": "widerrufen", "en-US": "voided"}}
)

// Activity types (ADL vocabulary).
const (
	TypeCourse     = "http://adlnet.gov/expapi/activities/course"
	TypeAssessment = "http://adlnet.gov/expapi/activities/assessment"
	TypeMeeting    = "http://adlnet.gov/expapi/activities/meeting"
)

// Timestamp formats t as xAPI wants it: RFC 3339 (an ISO 8601 profile) in UTC with milliseconds.
func Timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// Duration formats d as an ISO 8601 duration ("PT1H2M3S", "PT0S"), whole seconds.
func Duration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	s := int64(d.Round(time.Second) / time.Second)
	h, m, sec := s/3600, s/60%60, s%60
	var b strings.Builder
	b.WriteString("PT")
	if h > 0 {
		fmt.Fprintf(&b, "%dH", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if sec > 0 || (h == 0 && m == 0) {
		fmt.Fprintf(&b, "%dS", sec)
	}
	return b.String()
}

// namespace is the UUID v5 namespace of ailit's statement ids (a fixed random UUID), so the same
// event key always gives the same id on every instance.
var namespace = [16]byte{0x6b, 0x1c, 0x5e, 0x3a, 0x92, 0x4d, 0x4f, 0x1e, 0xa8, 0x0b, 0x27, 0x3f, 0xc4, 0x55, 0x91, 0xd2}

// StatementID is the UUID v5 (RFC 9562) of an event key within homePage: the same event always
// gets the same id, so the LRS stores it once however often it is sent.
func StatementID(homePage, eventKey string) string {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write([]byte(homePage + "\x00" + eventKey))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	x := hex.EncodeToString(u)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}
