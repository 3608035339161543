package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/record/recordtest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

const courseTitle = "KI-Grundlagen für alle Beschäftigten"

// learnerWithName creates a learner whose display name is name.
func learnerWithName(t *testing.T, env *webtest.Env, email, name string) *store.User {
	t.Helper()
	u := env.CreateUser(t, email, pw, store.RoleLearner)
	if err := env.Store.UpdateUser(context.Background(), u.ID, name, []string{store.RoleLearner}, true); err != nil {
		t.Fatal(err)
	}
	u.DisplayName = name
	return u
}

// complete records a completion of ki-grundlagen 1.0.0 for u, valid until validUntil (nil: no expiry).
func complete(t *testing.T, env *webtest.Env, u *store.User, validUntil *time.Time) *store.Completion {
	t.Helper()
	c := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: strings.Repeat("ab", 32),
		CompletedAt: time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC), ValidUntil: validUntil}
	if _, err := env.Store.AddCompletion(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// verifyPath is the path of the verification URL printed on the record's PDF, signed with the
// app's key from the data directory.
func verifyPath(t *testing.T, env *webtest.Env, c *store.Completion) string {
	t.Helper()
	signer, err := record.LoadOrCreateSigner(env.Config.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	r := record.Record{ID: c.RecordID, CourseID: c.CourseID, Version: c.Version, ContentHash: c.ContentHash, CompletedAt: c.CompletedAt}
	if c.ValidUntil != nil {
		r.ValidUntil = *c.ValidUntil
	}
	u, err := url.Parse(signer.VerifyURL(env.Config.BaseURL, r))
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}

func future() *time.Time { t := time.Now().AddDate(2, 0, 0).UTC(); return &t }

func TestRecordPDFOfOwnCompletionCarriesNameCourseAndVersion(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	c := env.Client(t)
	c.Login("joerg@stadt.example", pw)
	r := c.Get("/records/" + comp.RecordID + ".pdf")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("status %d, headers %v", r.Status, r.Header)
	}
	text, err := recordtest.Text([]byte(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	text = strings.ReplaceAll(text, "\n", " ")
	for _, want := range []string{"Teilnahmebestätigung", "Jörg Weiß", courseTitle, "1.0.0", "14.03.2026", comp.RecordID,
		"Ihre Verwaltung", "Art. 4 der Verordnung (EU) 2024/1689", "/verify Prüfcode "} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(r.Body, verifyPath(t, env, comp)) {
		t.Error("the PDF does not link to the long verification URL")
	}
}

func TestRecordPDFOfAnotherPersonOrUnknownIDIsNotFound(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	anna := learnerWithName(t, env, "anna@stadt.example", "Anna Berg")
	learnerWithName(t, env, "ben@stadt.example", "Ben Kraus")
	comp := complete(t, env, anna, future())
	ben := env.Client(t)
	ben.Login("ben@stadt.example", pw)
	for _, path := range []string{"/records/" + comp.RecordID + ".pdf", "/records/gibtesnicht.pdf"} {
		if r := ben.Get(path); r.Status != http.StatusNotFound || strings.Contains(r.Body, "%PDF") {
			t.Errorf("%s: status %d, want 404 without a PDF", path, r.Status)
		}
	}
	if r := env.Client(t).Get("/records/" + comp.RecordID + ".pdf"); r.Status != http.StatusSeeOther {
		t.Errorf("anonymous: status %d, want a redirect to the login", r.Status)
	}
}

func TestRecordPDFOfRevokedCompletionIsRefused(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	anna := learnerWithName(t, env, "anna@stadt.example", "Anna Berg")
	comp := complete(t, env, anna, future())
	if err := env.Store.RevokeCompletion(context.Background(), comp.ID, "irrtümlich erfasst"); err != nil {
		t.Fatal(err)
	}
	c := env.Client(t)
	c.Login("anna@stadt.example", pw)
	r := c.Get("/records/" + comp.RecordID + ".pdf")
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "wurde widerrufen") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
}

func TestVerificationPageShowsTheDetailsOfAGenuineRecordWithoutTheName(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	r := env.Client(t).Get(verifyPath(t, env, comp)) // anyone, no login
	if r.Status != http.StatusOK {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
	for _, want := range []string{"Ergebnis der Prüfung: gültig", "echt und gültig", courseTitle, "1.0.0", "14.03.2026",
		comp.RecordID, comp.ContentHash, "Name auf Wunsch der Betreiberin ausgeblendet", "Initialen: J. W."} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("verification page lacks %q", want)
		}
	}
	if strings.Contains(r.Body, "Jörg") || strings.Contains(r.Body, "Weiß") {
		t.Error("the name is shown although the operator did not allow it")
	}
	if r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("X-Robots-Tag") != "noindex" {
		t.Errorf("headers: %v", r.Header)
	}
}

func TestVerificationPageShowsTheNameWhenTheOperatorAllowsIt(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) { c.VerifyShowName = true }})
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	r := env.Client(t).Get(verifyPath(t, env, comp))
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Jörg Weiß") || strings.Contains(r.Body, "ausgeblendet") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
}

func TestVerificationOfForgedOrAlteredURLsSaysNotValidAndShowsNothing(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) { c.VerifyShowName = true }})
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	other := complete(t, env, learnerWithName(t, env, "anna@stadt.example", "Anna Berg"), future())
	genuine := verifyPath(t, env, comp)
	id, sig := comp.RecordID, genuine[strings.Index(genuine, "?s=")+3:]
	foreignKey, _ := record.LoadOrCreateSigner(t.TempDir())
	forged := foreignKey.Sign(record.Record{ID: id, CourseID: comp.CourseID, Version: comp.Version, ContentHash: comp.ContentHash,
		CompletedAt: comp.CompletedAt, ValidUntil: *comp.ValidUntil})
	cases := map[string]string{
		"altered signature":             "/verify/" + id + "?s=" + flipLast(sig[:5]) + sig[5:],
		"no signature":                  "/verify/" + id,
		"another record's signature":    "/verify/" + id + "?s=" + verifyPath(t, env, other)[len("/verify/"+other.RecordID+"?s="):],
		"altered id, genuine signature": "/verify/" + flipLast(id) + "?s=" + sig,
		"unknown id":                    "/verify/aaaaaaaaaaaaaaaaaaaaaaaa?s=" + sig,
		"signed with another key":       "/verify/" + id + "?s=" + forged,
		"overlong id":                   "/verify/" + strings.Repeat("a", 200) + "?s=" + sig,
	}
	var pages []string
	for name, path := range cases {
		r := env.Client(t).Get(path)
		if r.Status != http.StatusNotFound || !strings.Contains(r.Body, "Ergebnis der Prüfung: nicht gültig") {
			t.Errorf("%s: status %d, want 404 saying not valid", name, r.Status)
		}
		for _, secret := range []string{"Jörg", "Anna", courseTitle, "1.0.0", "14.03.2026", comp.ContentHash, "Initialen"} {
			if strings.Contains(r.Body, secret) {
				t.Errorf("%s: the page shows %q", name, secret)
			}
		}
		// The pages differ only in the path echoed in the language switch and the CSRF token.
		u, _ := url.Parse(path)
		pages = append(pages, csrfValue.ReplaceAllString(strings.ReplaceAll(r.Body, u.Path, ""), ""))
	}
	for i := range pages {
		if pages[i] != pages[0] {
			t.Fatal("the not-valid pages differ: an unknown id must look like a wrong signature")
		}
	}
}

func TestVerificationShowsExpiredAndRevokedRecords(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	past := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	expired := complete(t, env, u, &past)
	r := env.Client(t).Get(verifyPath(t, env, expired))
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Ergebnis der Prüfung: abgelaufen") ||
		!strings.Contains(r.Body, "Auffrischung war am 31.01.2026 fällig") {
		t.Errorf("expired: status %d\n%s", r.Status, r.Body)
	}

	if err := env.Store.RevokeCompletion(context.Background(), expired.ID, "Teilnahme irrtümlich erfasst"); err != nil {
		t.Fatal(err)
	}
	r = env.Client(t).Get(verifyPath(t, env, expired))
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Ergebnis der Prüfung: widerrufen") ||
		!strings.Contains(r.Body, "Teilnahme irrtümlich erfasst") || !strings.Contains(r.Body, "Widerrufen am") ||
		!strings.Contains(r.Body, courseTitle) {
		t.Errorf("revoked: status %d\n%s", r.Status, r.Body)
	}
}

func TestMyDataDownloadContainsOwnDataAndNothingOfOthers(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	anna := learnerWithName(t, env, "anna@stadt.example", "Anna Berg")
	ben := learnerWithName(t, env, "ben@stadt.example", "Ben Kraus")
	mine := complete(t, env, anna, future())
	theirs := complete(t, env, ben, nil)
	placeInOrganisation(t, env, anna, ben)
	c := env.Client(t)
	c.Login("anna@stadt.example", pw)
	r := c.Get("/account/data.json")
	if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") ||
		!strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, headers %v", r.Status, r.Header)
	}
	var got struct {
		Account struct {
			Email string   `json:"email"`
			Roles []string `json:"roles"`
		} `json:"account"`
		Sessions    []struct{ Device string } `json:"sessions"`
		Completions []struct {
			RecordID  string `json:"record_id"`
			Status    string `json:"status"`
			VerifyURL string `json:"verify_url"`
		} `json:"completions"`
		EvidenceEvents []struct{ Type string } `json:"evidence_events"`
		Organisation   struct {
			OrgUnit string `json:"org_unit"`
		} `json:"organisation"`
		Assignments []struct {
			Title           string `json:"title"`
			ExemptionReason string `json:"exemption_reason"`
		} `json:"assignments"`
		Emails []struct {
			Subject string `json:"subject"`
		} `json:"emails"`
	}
	if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
		t.Fatalf("%v\n%s", err, r.Body)
	}
	if got.Account.Email != "anna@stadt.example" || len(got.Account.Roles) != 1 || len(got.Sessions) != 1 {
		t.Errorf("account or sessions: %+v", got)
	}
	if len(got.Completions) != 1 || got.Completions[0].RecordID != mine.RecordID || got.Completions[0].Status != "valid" ||
		!strings.Contains(got.Completions[0].VerifyURL, "/verify/"+mine.RecordID+"?s=") {
		t.Errorf("completions: %+v", got.Completions)
	}
	if len(got.EvidenceEvents) != 2 {
		t.Errorf("evidence events: %+v, want the role grant and the completion", got.EvidenceEvents)
	}
	if got.Organisation.OrgUnit != "Bürgeramt" || len(got.Assignments) != 1 || got.Assignments[0].Title != "Pflichtschulung 2026" ||
		got.Assignments[0].ExemptionReason != "" || len(got.Emails) != 1 || got.Emails[0].Subject != "Frist für Anna" {
		t.Errorf("organisation, assignments or e-mails: %+v %+v %+v", got.Organisation, got.Assignments, got.Emails)
	}
	for _, foreign := range []string{"ben@stadt.example", "Ben Kraus", theirs.RecordID, "Elternzeit", "Frist für Ben"} {
		if strings.Contains(r.Body, foreign) {
			t.Errorf("the download contains another person's data: %q", foreign)
		}
	}
	for _, secret := range []string{"argon2id$", "password_hash", "secret_hash"} {
		if strings.Contains(r.Body, secret) {
			t.Errorf("the download contains %q", secret)
		}
	}
}

// placeInOrganisation puts anna into a unit and both into an assignment from which ben is
// exempted, and queues an e-mail to each.
func placeInOrganisation(t *testing.T, env *webtest.Env, anna, ben *store.User) {
	t.Helper()
	now := time.Now().UTC()
	db := env.Store.TestWriter()
	unit := &store.OrgUnit{Name: "Bürgeramt", Path: "/1/", CreatedAt: now}
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "Pflichtschulung 2026", DueKind: "none", CreatedBy: ben.ID, CreatedAt: now, UpdatedAt: now}
	for _, err := range []error{
		db.Create(unit).Error,
		db.Model(&store.User{}).Where("id = ?", anna.ID).Update("org_unit_id", unit.ID).Error,
		db.Create(a).Error,
		db.Create(&store.AssignmentMember{AssignmentID: a.ID, UserID: anna.ID, JoinedAt: now}).Error,
		db.Create(&store.AssignmentMember{AssignmentID: a.ID, UserID: ben.ID, JoinedAt: now}).Error,
		db.Create(&store.AssignmentExemption{AssignmentID: a.ID, UserID: ben.ID, Reason: "Elternzeit", CreatedBy: anna.ID, CreatedAt: now}).Error,
		db.Create(&store.OutboxMessage{DedupeKey: "a", Kind: "due", UserID: &anna.ID, ToAddress: anna.Email, Subject: "Frist für Anna", NextAttemptAt: now, CreatedAt: now}).Error,
		db.Create(&store.OutboxMessage{DedupeKey: "b", Kind: "due", UserID: &ben.ID, ToAddress: ben.Email, Subject: "Frist für Ben", NextAttemptAt: now, CreatedAt: now}).Error,
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestMyDataPageListsRecordsAndIsLinkedFromTheAccount(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	anna := learnerWithName(t, env, "anna@stadt.example", "Anna Berg")
	comp := complete(t, env, anna, future())
	c := env.Client(t)
	c.Login("anna@stadt.example", pw)
	if r := c.Get("/account"); !strings.Contains(r.Body, `href="/account/data"`) {
		t.Error("the account page does not link to My data")
	}
	r := c.Get("/account/data")
	for _, want := range []string{"Meine Daten", "anna@stadt.example", courseTitle, comp.RecordID, `href="/records/` + comp.RecordID + `.pdf"`,
		`href="/account/data.json"`, `href="/account/transcript.pdf"`, "completion.recorded", "Angemeldete Geräte"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("My data lacks %q", want)
		}
	}
}

func TestTranscriptPDFListsEveryRecordOfThePerson(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	anna := learnerWithName(t, env, "anna@stadt.example", "Nguyễn Thị Anh")
	comp := complete(t, env, anna, future())
	c := env.Client(t)
	c.Login("anna@stadt.example", pw)
	c.Header.Set("Accept-Language", "en")
	r := c.Get("/account/transcript.pdf")
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("status %d", r.Status)
	}
	text, _ := recordtest.Text([]byte(r.Body))
	for _, want := range []string{"Overview of records of participation", "Nguyễn Thị Anh", courseTitle, comp.RecordID, "valid"} {
		if !strings.Contains(text, want) {
			t.Errorf("transcript lacks %q:\n%s", want, text)
		}
	}
}

// flipLast changes the last character of s to a different one of the same alphabet, so the
// alteration never happens to leave s unchanged.
func flipLast(s string) string {
	last := s[len(s)-1]
	repl := byte('a')
	if last == 'a' {
		repl = 'b'
	}
	return s[:len(s)-1] + string(repl)
}
