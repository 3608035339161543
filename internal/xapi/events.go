package xapi

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// Builder turns stored records into statements. It is pure: everything it needs is in its fields.
type Builder struct {
	BaseURL      string                  // activity and extension IRIs live under it
	HomePage     string                  // actor.account.homePage
	Actor        string                  // config.XAPIActorPseudonym or config.XAPIActorName
	PseudonymKey []byte                  // report.Pseudonym's key, so the LRS and reports use the same pseudonym
	ShareResults bool                    // privacy level "results": quiz scores may leave
	Title        func(key string) string // title of a measure key ("" when unknown)
}

// Event is one statement to queue: the statement and what the queue row needs.
type Event struct {
	Key       string // stable event key, the source of the statement id
	Verb      string // short verb name for the admin page
	UserID    int64
	At        time.Time
	Statement Statement
}

// Extension IRIs ailit puts into the context.
func (b Builder) extCourseVersion() string { return b.BaseURL + "/xapi/extensions/course-version" }
func (b Builder) extContentHash() string   { return b.BaseURL + "/xapi/extensions/content-hash" }
func (b Builder) extValidUntil() string    { return b.BaseURL + "/xapi/extensions/valid-until" }

// ExpiredVerb is the verb of "the completion's validity ended".
func (b Builder) ExpiredVerb() Verb {
	return Verb{ID: b.BaseURL + "/xapi/verbs/expired", Display: map[string]string{"de-DE": "Gültigkeit abgelaufen", "en-US": "expired"}}
}

// actor names u by the pseudonym (default) or by e-mail and name.
func (b Builder) actor(u store.User) Agent {
	if b.Actor == config.XAPIActorName {
		return Agent{ObjectType: "Agent", Name: u.DisplayName, Account: Account{HomePage: b.HomePage, Name: u.Email}}
	}
	return Agent{ObjectType: "Agent", Account: Account{HomePage: b.HomePage, Name: report.Pseudonym(b.PseudonymKey, strconv.FormatInt(u.ID, 10))}}
}

// activity is the measure a stored key names: /xapi/activities/course/<id> for a course,
// /xapi/activities/<kind>/<id> for the other kinds. Built from ids, never database rows, so the
// IRI stays the same across releases.
func (b Builder) activity(key string) Activity {
	kind := measure.KindOfKey(key)
	id := key
	if _, rest, ok := strings.Cut(key, ":"); ok {
		id = rest
	}
	typ := TypeCourse
	if kind == measure.Session {
		typ = TypeMeeting
	}
	name := key
	if b.Title != nil {
		if t := b.Title(key); t != "" {
			name = t
		}
	}
	return Activity{ObjectType: "Activity", ID: b.BaseURL + "/xapi/activities/" + string(kind) + "/" + url.PathEscape(id),
		Definition: &ActivityDefinition{Name: map[string]string{"de-DE": name}, Type: typ}}
}

func (b Builder) context(version, hash string, extra map[string]any) *Context {
	ext := map[string]any{b.extCourseVersion(): version}
	if hash != "" {
		ext[b.extContentHash()] = hash
	}
	for k, v := range extra {
		ext[k] = v
	}
	return &Context{Platform: "ailit", Language: "de-DE", Extensions: ext}
}

// event completes st for the event key; courseKey is the measure the event is about.
func (b Builder) event(key, verbName, courseKey string, u store.User, at time.Time, st Statement) Event {
	st.ID = StatementID(b.HomePage, key)
	st.Actor = b.actor(u)
	st.Timestamp = Timestamp(at)
	st.Version = Version
	if st.Context != nil && measure.IsCourseKey(courseKey) {
		// One registration per person and course (there is one enrolment each), as cmi5 asks, so
		// the LRS can group the enrolment, attempts and completion of one participation.
		st.Context.Registration = StatementID(b.HomePage, "registration:"+strconv.FormatInt(u.ID, 10)+":"+courseKey)
	}
	return Event{Key: key, Verb: verbName, UserID: u.ID, At: at.UTC(), Statement: st}
}

// Enrolled: the person was registered for a course.
func (b Builder) Enrolled(u store.User, e store.Enrollment) Event {
	return b.event("enrollment:"+strconv.FormatInt(e.ID, 10), "registered", e.CourseID, u, e.EnrolledAt, Statement{
		Verb: VerbRegistered, Object: b.activity(e.CourseID), Context: b.context(e.Version, e.ContentHash, nil)})
}

// Completed: a course or another measure (policy confirmed, session attended, external evidence
// accepted) was completed; all are rows of the completions table.
func (b Builder) Completed(u store.User, c store.Completion) Event {
	var extra map[string]any
	if c.ValidUntil != nil {
		extra = map[string]any{b.extValidUntil(): Timestamp(*c.ValidUntil)}
	}
	done := true
	return b.event("completion:"+c.RecordID, "completed", c.CourseID, u, c.CompletedAt, Statement{
		Verb: VerbCompleted, Object: b.activity(c.CourseID), Result: &Result{Completion: &done},
		Context: b.context(c.Version, c.ContentHash, extra)})
}

// Expired: the completion's validity ended at its valid_until (the person needs to renew it).
func (b Builder) Expired(u store.User, c store.Completion) Event {
	return b.event("expired:"+c.RecordID, "expired", c.CourseID, u, *c.ValidUntil, Statement{
		Verb: b.ExpiredVerb(), Object: b.activity(c.CourseID),
		Context: b.context(c.Version, c.ContentHash, map[string]any{b.extValidUntil(): Timestamp(*c.ValidUntil)})})
}

// Revoked: the completion was revoked (a record issued in error). xAPI statements cannot be
// changed or deleted; the "voided" verb with a StatementRef to the completed statement tells the
// LRS to disregard it (xAPI Data 2.3.2). It carries no context, as the specification asks.
func (b Builder) Revoked(u store.User, c store.Completion) Event {
	at := c.CompletedAt
	if c.RevokedAt != nil {
		at = *c.RevokedAt
	}
	return b.event("revoked:"+c.RecordID, "voided", c.CourseID, u, at, Statement{
		Verb: VerbVoided, Object: Activity{ObjectType: "StatementRef", ID: StatementID(b.HomePage, "completion:"+c.RecordID)}})
}

// Attempt: a submitted quiz attempt, passed or failed. The score goes only with ShareResults.
func (b Builder) Attempt(u store.User, a store.QuizAttempt) Event {
	course := b.activity(a.CourseID)
	quiz := Activity{ObjectType: "Activity", ID: course.ID + "/quiz/" + url.PathEscape(a.ModuleID),
		Definition: &ActivityDefinition{Name: map[string]string{"de-DE": course.Definition.Name["de-DE"] + " – " + a.ModuleID}, Type: TypeAssessment}}
	verb, name := VerbFailed, "failed"
	if a.Passed {
		verb, name = VerbPassed, "passed"
	}
	success := a.Passed
	res := &Result{Success: &success}
	at := a.StartedAt
	if a.SubmittedAt != nil {
		at = *a.SubmittedAt
		res.Duration = Duration(at.Sub(a.StartedAt))
	}
	if b.ShareResults && a.Max > 0 {
		res.Score = &Score{Scaled: math.Round(a.Score/a.Max*10000) / 10000, Raw: a.Score, Min: 0, Max: a.Max}
	}
	ctx := b.context(a.Version, a.ContentHash, nil)
	ctx.ContextActivities = &ContextActivities{Parent: []Activity{{ObjectType: "Activity", ID: course.ID}}}
	return b.event("attempt:"+strconv.FormatInt(a.ID, 10), name, a.CourseID, u, at, Statement{Verb: verb, Object: quiz, Result: res, Context: ctx})
}

// Events builds the statements of everything in ev, skipping people no longer known (deleted).
func (b Builder) Events(ev store.XAPIEvents) []Event {
	var out []Event
	for _, e := range ev.Enrollments {
		if u, ok := ev.Users[e.UserID]; ok {
			out = append(out, b.Enrolled(u, e))
		}
	}
	for _, c := range ev.Completions {
		if u, ok := ev.Users[c.UserID]; ok {
			out = append(out, b.Completed(u, c))
		}
	}
	for _, a := range ev.Attempts {
		if u, ok := ev.Users[a.UserID]; ok {
			out = append(out, b.Attempt(u, a))
		}
	}
	for _, c := range ev.Revoked {
		if u, ok := ev.Users[c.UserID]; ok {
			out = append(out, b.Revoked(u, c))
		}
	}
	for _, c := range ev.Expired {
		if u, ok := ev.Users[c.UserID]; ok && c.ValidUntil != nil {
			out = append(out, b.Expired(u, c))
		}
	}
	return out
}
