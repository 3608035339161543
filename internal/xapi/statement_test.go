package xapi

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/xapi/lrstest"
)

var (
	lea     = store.User{ID: 7, Email: "lea.berger@stadt.example", DisplayName: "Lea Berger"}
	at      = time.Date(2026, 11, 3, 9, 15, 0, 0, time.UTC)
	later   = at.Add(12*time.Minute + 30*time.Second)
	until   = time.Date(2027, 11, 3, 0, 0, 0, 0, time.UTC)
	builder = Builder{BaseURL: "https://ailit.stadt.example", HomePage: "https://ailit.stadt.example", Actor: config.XAPIActorPseudonym,
		PseudonymKey: []byte("k"), Title: func(key string) string {
			return map[string]string{"ki-grundlagen": "KI-Grundlagen", "policy:dienstanweisung-ki": "Dienstanweisung KI"}[key]
		}}
)

// everyEvent is one statement of each kind ailit sends.
func everyEvent(b Builder) map[string]Event {
	return map[string]Event{
		"enrolled":  b.Enrolled(lea, store.Enrollment{ID: 3, UserID: 7, CourseID: "ki-grundlagen", Version: "1.2.0", ContentHash: "abc", EnrolledAt: at}),
		"completed": b.Completed(lea, store.Completion{RecordID: "R1", UserID: 7, CourseID: "ki-grundlagen", Version: "1.2.0", ContentHash: "abc", CompletedAt: at, ValidUntil: &until}),
		"policy":    b.Completed(lea, store.Completion{RecordID: "R2", UserID: 7, CourseID: "policy:dienstanweisung-ki", Version: "2.0", CompletedAt: at}),
		"session":   b.Completed(lea, store.Completion{RecordID: "R3", UserID: 7, CourseID: "session:ki-werkstatt", Version: "2026-11-03", CompletedAt: at}),
		"external":  b.Completed(lea, store.Completion{RecordID: "R4", UserID: 7, CourseID: "external:zertifikat", Version: "1", CompletedAt: at}),
		"passed":    b.Attempt(lea, store.QuizAttempt{ID: 11, UserID: 7, CourseID: "ki-grundlagen", ModuleID: "03-risiken", Version: "1.2.0", ContentHash: "abc", StartedAt: at, SubmittedAt: &later, Score: 17, Max: 20, Passed: true}),
		"failed":    b.Attempt(lea, store.QuizAttempt{ID: 12, UserID: 7, CourseID: "ki-grundlagen", ModuleID: "03-risiken", Version: "1.2.0", StartedAt: at, SubmittedAt: &later, Score: 5, Max: 20}),
		"expired":   b.Expired(lea, store.Completion{RecordID: "R1", UserID: 7, CourseID: "ki-grundlagen", Version: "1.2.0", CompletedAt: at, ValidUntil: &until}),
	}
}

func asMap(t *testing.T, st Statement) map[string]any {
	t.Helper()
	raw, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEveryStatementFollowsTheXAPIRules(t *testing.T) {
	for name, e := range everyEvent(builder) {
		m := asMap(t, e.Statement)
		if msg := lrstest.Check(m); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
		if m["version"] != "1.0.3" {
			t.Errorf("%s: version %v", name, m["version"])
		}
		ts, err := time.Parse(time.RFC3339Nano, m["timestamp"].(string))
		if err != nil || !strings.HasSuffix(m["timestamp"].(string), "Z") {
			t.Errorf("%s: timestamp %v is not ISO 8601 in UTC: %v", name, m["timestamp"], err)
		}
		if !ts.Equal(e.At) {
			t.Errorf("%s: timestamp %v, event at %v", name, ts, e.At)
		}
		ctx := m["context"].(map[string]any)["extensions"].(map[string]any)
		if ctx["https://ailit.stadt.example/xapi/extensions/course-version"] == nil {
			t.Errorf("%s: no course version in the context: %v", name, ctx)
		}
		if d, ok := m["verb"].(map[string]any)["display"].(map[string]any); !ok || d["de-DE"] == "" || d["en-US"] == "" {
			t.Errorf("%s: verb display %v", name, m["verb"])
		}
	}
}

func TestEachEventHasItsVerbActivityAndResult(t *testing.T) {
	events := everyEvent(Builder{BaseURL: builder.BaseURL, HomePage: builder.HomePage, PseudonymKey: []byte("k"), ShareResults: true, Title: builder.Title})
	tests := []struct {
		event, verb, object, objectType, name, result string
	}{
		{"enrolled", "http://adlnet.gov/expapi/verbs/registered", "https://ailit.stadt.example/xapi/activities/course/ki-grundlagen", TypeCourse, "KI-Grundlagen", ""},
		{"completed", "http://adlnet.gov/expapi/verbs/completed", "https://ailit.stadt.example/xapi/activities/course/ki-grundlagen", TypeCourse, "KI-Grundlagen", `{"completion":true}`},
		{"policy", "http://adlnet.gov/expapi/verbs/completed", "https://ailit.stadt.example/xapi/activities/policy/dienstanweisung-ki", TypeCourse, "Dienstanweisung KI", `{"completion":true}`},
		{"session", "http://adlnet.gov/expapi/verbs/completed", "https://ailit.stadt.example/xapi/activities/session/ki-werkstatt", TypeMeeting, "session:ki-werkstatt", `{"completion":true}`},
		{"external", "http://adlnet.gov/expapi/verbs/completed", "https://ailit.stadt.example/xapi/activities/external/zertifikat", TypeCourse, "external:zertifikat", `{"completion":true}`},
		{"passed", "http://adlnet.gov/expapi/verbs/passed", "https://ailit.stadt.example/xapi/activities/course/ki-grundlagen/quiz/03-risiken", TypeAssessment, "KI-Grundlagen – 03-risiken",
			`{"score":{"scaled":0.85,"raw":17,"min":0,"max":20},"success":true,"duration":"PT12M30S"}`},
		{"failed", "http://adlnet.gov/expapi/verbs/failed", "https://ailit.stadt.example/xapi/activities/course/ki-grundlagen/quiz/03-risiken", TypeAssessment, "KI-Grundlagen – 03-risiken",
			`{"score":{"scaled":0.25,"raw":5,"min":0,"max":20},"success":false,"duration":"PT12M30S"}`},
		{"expired", "https://ailit.stadt.example/xapi/verbs/expired", "https://ailit.stadt.example/xapi/activities/course/ki-grundlagen", TypeCourse, "KI-Grundlagen", ""},
	}
	for _, tt := range tests {
		st := events[tt.event].Statement
		if st.Verb.ID != tt.verb || st.Object.ID != tt.object || st.Object.Definition.Type != tt.objectType || st.Object.Definition.Name["de-DE"] != tt.name {
			t.Errorf("%s: verb %s, object %s (%s, %q)", tt.event, st.Verb.ID, st.Object.ID, st.Object.Definition.Type, st.Object.Definition.Name["de-DE"])
		}
		result := ""
		if st.Result != nil {
			raw, _ := json.Marshal(st.Result)
			result = string(raw)
		}
		if result != tt.result {
			t.Errorf("%s: result %s, want %s", tt.event, result, tt.result)
		}
	}
	quiz := events["passed"].Statement.Context
	if quiz.ContextActivities == nil || quiz.ContextActivities.Parent[0].ID != "https://ailit.stadt.example/xapi/activities/course/ki-grundlagen" {
		t.Errorf("the quiz statement does not name its course as parent: %+v", quiz.ContextActivities)
	}
	reg := events["enrolled"].Statement.Context.Registration
	for _, name := range []string{"completed", "passed", "failed", "expired"} {
		if got := events[name].Statement.Context.Registration; got != reg || len(reg) != 36 {
			t.Errorf("%s: registration %q, the enrolment's is %q", name, got, reg)
		}
	}
	if r := events["policy"].Statement.Context.Registration; r != "" {
		t.Errorf("a policy confirmation has the registration %q of a course enrolment", r)
	}
	if v := events["expired"].Statement.Context.Extensions["https://ailit.stadt.example/xapi/extensions/valid-until"]; v != "2027-11-03T00:00:00.000Z" {
		t.Errorf("expired statement valid-until %v", v)
	}
}

func TestScoresLeaveOnlyAtThePrivacyLevelResults(t *testing.T) {
	for name, e := range everyEvent(builder) { // builder.ShareResults is false
		raw, _ := json.Marshal(e.Statement)
		if strings.Contains(string(raw), `"score"`) || strings.Contains(string(raw), `"raw"`) {
			t.Errorf("%s carries a score at a privacy level below results: %s", name, raw)
		}
	}
	if r := everyEvent(builder)["failed"].Statement.Result; r == nil || r.Success == nil || *r.Success {
		t.Errorf("without the score the failed statement still says it failed: %+v", r)
	}
}

func TestThePseudonymousActorNeverNamesThePerson(t *testing.T) {
	want := report.Pseudonym([]byte("k"), "7")
	for name, e := range everyEvent(builder) {
		raw, _ := json.Marshal(e.Statement)
		for _, secret := range []string{"lea", "berger", "@"} {
			if strings.Contains(strings.ToLower(string(raw)), secret) {
				t.Errorf("%s contains %q: %s", name, secret, raw)
			}
		}
		if a := e.Statement.Actor; a.Account.Name != want || a.Name != "" || a.Account.HomePage != "https://ailit.stadt.example" {
			t.Errorf("%s: actor %+v is not the report pseudonym %s", name, a, want)
		}
	}
	named := builder
	named.Actor = config.XAPIActorName
	a := named.Enrolled(lea, store.Enrollment{ID: 3, CourseID: "ki-grundlagen", EnrolledAt: at}).Statement.Actor
	if a.Account.Name != "lea.berger@stadt.example" || a.Name != "Lea Berger" || a.Account.HomePage != "https://ailit.stadt.example" {
		t.Errorf("named actor %+v", a)
	}
}

func TestStatementIDsAreStablePerEventAndDifferBetweenEvents(t *testing.T) {
	first, again := everyEvent(builder), everyEvent(builder)
	seen := map[string]string{}
	for name, e := range first {
		if again[name].Statement.ID != e.Statement.ID {
			t.Errorf("%s: id changed from %s to %s", name, e.Statement.ID, again[name].Statement.ID)
		}
		if other, dup := seen[e.Statement.ID]; dup {
			t.Errorf("%s and %s share the id %s", name, other, e.Statement.ID)
		}
		seen[e.Statement.ID] = name
		if e.Statement.ID[14] != '5' {
			t.Errorf("%s: %s is not a UUID v5", name, e.Statement.ID)
		}
	}
	if StatementID("https://a.example", "completion:R1") == StatementID("https://b.example", "completion:R1") {
		t.Error("two instances give the same record number the same statement id")
	}
}

func TestDurationsAreISO8601(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "PT0S"}, {45 * time.Second, "PT45S"}, {12*time.Minute + 30*time.Second, "PT12M30S"},
		{time.Hour, "PT1H"}, {26*time.Hour + 5*time.Second, "PT26H5S"}, {-time.Minute, "PT0S"}, {1499 * time.Millisecond, "PT1S"},
	}
	for _, tt := range tests {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v) = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestARevokedCompletionVoidsItsCompletedStatement(t *testing.T) {
	revoked := at.Add(48 * time.Hour)
	c := store.Completion{RecordID: "R1", UserID: 7, CourseID: "ki-grundlagen", Version: "1.2.0", CompletedAt: at, RevokedAt: &revoked}
	completed, voided := builder.Completed(lea, c), builder.Revoked(lea, c)
	st := voided.Statement
	if st.Verb.ID != "http://adlnet.gov/expapi/verbs/voided" || st.Object.ObjectType != "StatementRef" || st.Object.ID != completed.Statement.ID {
		t.Fatalf("voiding statement %+v does not point at the completed statement %s", st, completed.Statement.ID)
	}
	if st.ID == completed.Statement.ID || st.Context != nil || st.Timestamp != "2026-11-05T09:15:00.000Z" {
		t.Errorf("voiding statement id %s, context %+v, timestamp %s", st.ID, st.Context, st.Timestamp)
	}
	if msg := lrstest.Check(asMap(t, st)); msg != "" {
		t.Error(msg)
	}
	with := st
	with.Context = &Context{Platform: "ailit"}
	if msg := lrstest.Check(asMap(t, with)); msg == "" {
		t.Error("the test LRS accepts a voiding statement with a context")
	}
}
