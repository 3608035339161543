package web

import (
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/store"
)

// myData is everything stored about the learner (GDPR Art. 15), shaped for people: the "My data"
// page shows it and the JSON download is exactly this. Secrets are left out on purpose: the
// password hash and the session secrets would help an attacker and tell the person nothing.
type myData struct {
	GeneratedAt       time.Time         `json:"generated_at"`
	Account           myAccount         `json:"account"`
	Sessions          []mySession       `json:"sessions"`
	Enrollments       []myEnrollment    `json:"enrollments"`
	QuizAttempts      []myAttempt       `json:"quiz_attempts"`
	QuizTimeExtension *myTimeExtension  `json:"quiz_time_extension"`
	Completions       []myCompletion    `json:"completions"`
	EvidenceEvents    []myEvidenceEvent `json:"evidence_events"`
	Organisation      myOrganisation    `json:"organisation"`
	Assignments       []myAssignment    `json:"assignments"`
	Emails            []myEmail         `json:"emails"`
	ReportAccess      []myReportAccess  `json:"report_access"` // reports this person viewed or exported
	Identities        []myIdentity      `json:"identities"`    // links to identity providers (single sign-on)
	Retention         []myRetention     `json:"retention"`     // when each kind of data is deleted
	LegalHolds        []myLegalHold     `json:"legal_holds"`   // holds that suspend deleting this person's data
	// Measures beyond online courses (mydata_measures.go).
	SessionRegistrations []mySessionRegistration `json:"session_registrations"`
	EvidenceUploads      []myEvidenceUpload      `json:"evidence_uploads"`
	AISystemRoles        []myAISystemRole        `json:"ai_system_roles"` // roles for AI systems (AI inventory)
	XAPIStatements       []myXAPIStatement       `json:"xapi_statements"` // statements for the learning record store (mydata_xapi.go)
	Notes                map[string]string       `json:"notes"`
}

type myReportAccess struct {
	Kind      string    `json:"kind"`
	Format    string    `json:"format"`
	Filters   string    `json:"filters"`
	RowCount  int64     `json:"row_count"`
	CreatedAt time.Time `json:"created_at"`
}

// myAISystemRole is a role the person takes for an AI system beyond "user".
type myAISystemRole struct {
	System string `json:"system"`
	Role   string `json:"role"`
	Source string `json:"source"` // "admin": named by an administrator; "sso": from an SSO group
}

// myIdentity is a link to the person's account at an identity provider (single sign-on).
type myIdentity struct {
	Provider    string    `json:"provider"`   // "oidc" or "ldap"
	Subject     string    `json:"subject"`    // the stable id the provider gives the account
	LoginName   string    `json:"login_name"` // the name typed at an LDAP login; empty for OIDC
	CreatedAt   time.Time `json:"created_at"`
	LastLoginAt time.Time `json:"last_login_at"`
}

type myAccount struct {
	ID                int64      `json:"id"`
	Email             string     `json:"email"`
	DisplayName       string     `json:"display_name"`
	Roles             []string   `json:"roles"`
	Active            bool       `json:"active"`
	Language          string     `json:"language"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
	PasswordChangedAt *time.Time `json:"password_changed_at"`
	HasPassword       bool       `json:"has_password"` // false for accounts that log in only via single sign-on
}

type mySession struct {
	Device     string    `json:"device"`
	UserAgent  string    `json:"user_agent"`
	IP         string    `json:"ip"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
}

type myEnrollment struct {
	CourseID       string       `json:"course_id"`
	CourseTitle    string       `json:"course_title"`
	Version        string       `json:"version"`
	ContentHash    string       `json:"content_hash"`
	Source         string       `json:"source"`
	EnrolledAt     time.Time    `json:"enrolled_at"`
	LastActivityAt time.Time    `json:"last_activity_at"`
	Progress       []myProgress `json:"lesson_progress"`
}

type myProgress struct {
	ModuleID     string     `json:"module_id"`
	ModuleHash   string     `json:"module_hash"`
	DoneAt       *time.Time `json:"done_at"`
	QuizPassedAt *time.Time `json:"quiz_passed_at"`
}

type myAttempt struct {
	ID            int64      `json:"id"`
	CourseID      string     `json:"course_id"`
	Version       string     `json:"version"`
	ModuleID      string     `json:"module_id"`
	Status        string     `json:"status"`
	StartedAt     time.Time  `json:"started_at"`
	SubmittedAt   *time.Time `json:"submitted_at"`
	Deadline      *time.Time `json:"deadline"`
	AutoSubmitted bool       `json:"auto_submitted"`
	Score         float64    `json:"score"`
	Max           float64    `json:"max"`
	Percent       float64    `json:"percent"`
	Passed        bool       `json:"passed"`
	Answers       []myAnswer `json:"answers"`
}

type myAnswer struct {
	QuestionID string    `json:"question_id"`
	Response   string    `json:"response"`
	Score      float64   `json:"score"`
	Max        float64   `json:"max"`
	UpdatedAt  time.Time `json:"updated_at"`
}

type myTimeExtension struct {
	Percent   int       `json:"percent"`
	Reason    string    `json:"reason"`
	UpdatedAt time.Time `json:"updated_at"`
}

type myCompletion struct {
	RecordID     string        `json:"record_id"`
	CourseID     string        `json:"course_id"`
	CourseTitle  string        `json:"course_title"`
	Version      string        `json:"version"`
	ContentHash  string        `json:"content_hash"`
	CompletedAt  time.Time     `json:"completed_at"`
	ValidUntil   *time.Time    `json:"valid_until"`
	RevokedAt    *time.Time    `json:"revoked_at"`
	RevokeReason string        `json:"revoke_reason,omitempty"`
	Status       record.Status `json:"status"`
	VerifyURL    string        `json:"verify_url"`
}

type myOrganisation struct {
	OrgUnit      string   `json:"org_unit"`      // "" when not placed in the organisation
	ManagedUnits []string `json:"managed_units"` // units the person manages
}

// myAssignment is one assignment the person is or was in the audience of, or exempted from.
type myAssignment struct {
	Title           string     `json:"title"`
	CourseID        string     `json:"course_id"`
	AddressedByName bool       `json:"addressed_by_name"`
	JoinedAt        *time.Time `json:"joined_at"`
	LeftAt          *time.Time `json:"left_at"`
	ExemptionReason string     `json:"exemption_reason,omitempty"`
	ExemptedAt      *time.Time `json:"exempted_at"`
}

type myEmail struct {
	Kind      string     `json:"kind"`
	To        string     `json:"to"`
	Subject   string     `json:"subject"`
	Body      string     `json:"body"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at"`
}

type myEvidenceEvent struct {
	Seq       int64           `json:"seq"`
	Type      string          `json:"type"`
	CreatedAt time.Time       `json:"created_at"`
	Payload   json.RawMessage `json:"payload"`
	Hash      string          `json:"hash"`
}

// loadMyData collects the current user's data.
func (a *App) loadMyData(c *fiber.Ctx) (*myData, error) {
	u := currentUser(c)
	l := lang(c)
	d, err := a.db.PersonalDataOf(c.UserContext(), u.ID)
	if err != nil {
		return nil, err
	}
	now := a.db.Now()
	out := &myData{
		GeneratedAt: now,
		Account: myAccount{ID: d.User.ID, Email: d.User.Email, DisplayName: d.User.DisplayName, Roles: d.User.RoleNames(),
			Active: d.User.Active, Language: d.User.Language, CreatedAt: d.User.CreatedAt, UpdatedAt: d.User.UpdatedAt,
			PasswordChangedAt: d.User.PasswordChangedAt, HasPassword: d.User.PasswordHash != ""},
		Sessions: []mySession{}, Enrollments: []myEnrollment{}, QuizAttempts: []myAttempt{},
		Completions: []myCompletion{}, EvidenceEvents: []myEvidenceEvent{}, Assignments: []myAssignment{}, Emails: []myEmail{},
		Organisation: myOrganisation{ManagedUnits: []string{}},
		Notes: map[string]string{"password": "stored only as a one-way hash (argon2id); not included",
			"sessions": "the session secrets are stored only as hashes; not included"},
	}
	if out.Account.Roles == nil {
		out.Account.Roles = []string{}
	}
	for _, s := range d.Sessions {
		out.Sessions = append(out.Sessions, mySession{Device: describeUserAgent(s.UserAgent), UserAgent: s.UserAgent, IP: s.IP,
			CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt})
	}
	for _, e := range d.Enrollments {
		me := myEnrollment{CourseID: e.CourseID, CourseTitle: a.courseTitle(e.CourseID, e.Version), Version: e.Version,
			ContentHash: e.ContentHash, Source: e.Source, EnrolledAt: e.EnrolledAt, LastActivityAt: e.LastActivityAt, Progress: []myProgress{}}
		for _, p := range d.Progress[e.ID] {
			me.Progress = append(me.Progress, myProgress{ModuleID: p.ModuleID, ModuleHash: p.ModuleHash, DoneAt: p.DoneAt, QuizPassedAt: p.QuizPassedAt})
		}
		out.Enrollments = append(out.Enrollments, me)
	}
	for _, at := range d.QuizAttempts {
		ma := myAttempt{ID: at.ID, CourseID: at.CourseID, Version: at.Version, ModuleID: at.ModuleID, Status: at.Status,
			StartedAt: at.StartedAt, SubmittedAt: at.SubmittedAt, Deadline: at.Deadline, AutoSubmitted: at.AutoSubmitted,
			Score: at.Score, Max: at.Max, Percent: at.Percent, Passed: at.Passed, Answers: []myAnswer{}}
		for _, an := range at.Answers {
			ma.Answers = append(ma.Answers, myAnswer{QuestionID: an.QuestionID, Response: an.Response, Score: an.Score, Max: an.Max, UpdatedAt: an.UpdatedAt})
		}
		out.QuizAttempts = append(out.QuizAttempts, ma)
	}
	if x := d.QuizTimeExtension; x != nil {
		out.QuizTimeExtension = &myTimeExtension{Percent: x.Percent, Reason: x.Reason, UpdatedAt: x.UpdatedAt}
	}
	for i := range d.Completions {
		comp := &d.Completions[i]
		r := a.recordOf(l, comp, u.DisplayName)
		out.Completions = append(out.Completions, myCompletion{RecordID: comp.RecordID, CourseID: comp.CourseID,
			CourseTitle: r.CourseTitle, Version: comp.Version, ContentHash: comp.ContentHash, CompletedAt: comp.CompletedAt,
			ValidUntil: comp.ValidUntil, RevokedAt: comp.RevokedAt, RevokeReason: comp.RevokeReason,
			Status: r.StatusAt(now), VerifyURL: a.entryOf(comp.ID, r).URL})
	}
	for _, e := range d.Evidence {
		out.EvidenceEvents = append(out.EvidenceEvents, myEvidenceEvent{Seq: e.Seq, Type: e.Type, CreatedAt: e.CreatedAt,
			Payload: json.RawMessage(e.Payload), Hash: e.Hash})
	}
	addOrganisation(out, d)
	addMeasures(out, d)
	addXAPI(out, d)
	out.ReportAccess = []myReportAccess{}
	for _, r := range d.ReportAccess {
		out.ReportAccess = append(out.ReportAccess, myReportAccess{Kind: r.Kind, Format: r.Format, Filters: r.Filters, RowCount: r.RowCount, CreatedAt: r.CreatedAt})
	}
	out.Identities = []myIdentity{}
	for _, id := range d.Identities {
		out.Identities = append(out.Identities, myIdentity{Provider: id.Provider, Subject: id.Subject, LoginName: id.LoginName,
			CreatedAt: id.CreatedAt, LastLoginAt: id.LastLoginAt})
	}
	policy, err := a.db.RetentionPolicy(c.UserContext())
	if err != nil {
		return nil, err
	}
	out.Retention = retentionOf(policy, d)
	out.LegalHolds = []myLegalHold{}
	for _, h := range d.LegalHolds {
		out.LegalHolds = append(out.LegalHolds, myLegalHold{Reason: h.Reason, CreatedAt: h.CreatedAt, ReleasedAt: h.ReleasedAt})
	}
	out.AISystemRoles = []myAISystemRole{}
	for _, r := range d.AISystemRoles {
		out.AISystemRoles = append(out.AISystemRoles, myAISystemRole{System: r.SystemName, Role: r.Role, Source: r.Source})
	}
	return out, nil
}

// addOrganisation adds the person's units, assignments and e-mails.
func addOrganisation(out *myData, d *store.PersonalData) {
	if id := d.User.OrgUnitID; id != nil {
		out.Organisation.OrgUnit = d.OrgUnits[*id].Name
	}
	for _, m := range d.ManagedUnits {
		out.Organisation.ManagedUnits = append(out.Organisation.ManagedUnits, d.OrgUnits[m.OrgUnitID].Name)
	}
	byID := map[int64]*myAssignment{}
	assignment := func(id int64) *myAssignment {
		if byID[id] == nil {
			a := d.Assignments[id]
			byID[id] = &myAssignment{Title: a.Title, CourseID: a.CourseID}
		}
		return byID[id]
	}
	for _, t := range d.AssignmentTargets {
		assignment(t.AssignmentID).AddressedByName = true
	}
	for _, m := range d.AssignmentMembers {
		a := assignment(m.AssignmentID)
		a.JoinedAt, a.LeftAt = &m.JoinedAt, m.LeftAt
	}
	for _, e := range d.AssignmentExemptions {
		a := assignment(e.AssignmentID)
		a.ExemptionReason, a.ExemptedAt = e.Reason, &e.CreatedAt
	}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		out.Assignments = append(out.Assignments, *byID[id])
	}
	for _, m := range d.Emails {
		out.Emails = append(out.Emails, myEmail{Kind: m.Kind, To: m.ToAddress, Subject: m.Subject, Body: m.Body, CreatedAt: m.CreatedAt, SentAt: m.SentAt})
	}
}

// myDataShow lists everything stored about the learner.
func (a *App) myDataShow(c *fiber.Ctx) error {
	d, err := a.loadMyData(c)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return a.render(c, fiber.StatusOK, "mydata", d, nil)
}

// myDataJSON sends the same data as a JSON download.
func (a *App) myDataJSON(c *fiber.Ctx) error {
	d, err := a.loadMyData(c)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+i18n.T(lang(c), "mydata.filename.json")+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b)
}
