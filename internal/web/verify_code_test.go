package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/record/recordtest"
	"github.com/ailit/ailit/internal/web/webtest"
)

var printedShortCode = regexp.MustCompile(`\b[0-9]+-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]`)

// shortCodeOnPDF downloads the record's PDF as its owner and reads the short code printed on it.
func shortCodeOnPDF(t *testing.T, env *webtest.Env, email, recordID string) string {
	t.Helper()
	c := env.Client(t)
	c.Login(email, pw)
	r := c.Get("/records/" + recordID + ".pdf")
	text, err := recordtest.Text([]byte(r.Body))
	if err != nil {
		t.Fatal(err)
	}
	code := printedShortCode.FindString(text)
	if code == "" || !strings.Contains(text, "Prüfcode") || !strings.Contains(text, env.Config.BaseURL+"/verify") {
		t.Fatalf("the PDF shows no short code with the verification page:\n%s", text)
	}
	return code
}

func TestShortCodeFromThePDFTypedIntoTheFormShowsTheRecord(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	code := shortCodeOnPDF(t, env, "joerg@stadt.example", comp.RecordID)

	clerk := env.Client(t)
	r := clerk.Get("/verify")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `<form method="get" action="/verify"`) || !strings.Contains(r.Body, `name="code"`) {
		t.Fatalf("the form: %d\n%s", r.Status, r.Body)
	}
	typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	typed = strings.Replace(typed, " ", "-", 1) // "4711-k3qz 8m2d x", as a clerk might type it
	r = clerk.Get("/verify?code=" + url.QueryEscape(typed))
	if r.Status != http.StatusSeeOther || r.Location() != verifyPath(t, env, comp) {
		t.Fatalf("code %q: %d to %q, want the record's verification page", typed, r.Status, r.Location())
	}
	r = clerk.Get(r.Location())
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Diese Teilnahmebestätigung ist echt und gültig.") {
		t.Fatalf("verification page after the code: %d\n%s", r.Status, r.Body)
	}
}

func TestMistypedOrForeignShortCodeIsRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	code := shortCodeOnPDF(t, env, "joerg@stadt.example", comp.RecordID)
	typo := []byte(code)
	i := strings.IndexByte(code, '-') + 1
	if typo[i] == 'A' {
		typo[i] = 'B'
	} else {
		typo[i] = 'A'
	}
	// A well-formed code of the same record number that a forger made with another key.
	forger, err := record.NewSigner(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	forged := forger.ShortCode(comp.ID, record.Record{ID: comp.RecordID, CourseID: comp.CourseID, Version: comp.Version})
	clerk := env.Client(t)
	for name, tc := range map[string]struct {
		code   string
		status int
		want   string
	}{
		"typo":      {string(typo), http.StatusUnprocessableEntity, "Der Prüfcode enthält einen Tippfehler"},
		"not code":  {"https://lernen.example/verify/abc", http.StatusUnprocessableEntity, "Das ist kein Prüfcode."},
		"empty":     {"", http.StatusUnprocessableEntity, "Bitte geben Sie den Prüfcode ein."},
		"forged":    {forged, http.StatusNotFound, "Zu diesem Prüfcode gibt es keine gültige Teilnahmebestätigung."},
		"no record": {"999999-" + forged[strings.IndexByte(forged, '-')+1:], 0, ""},
	} {
		r := clerk.Get("/verify?code=" + url.QueryEscape(tc.code))
		if tc.status == 0 {
			if r.Status == http.StatusSeeOther || r.Status == http.StatusOK {
				t.Errorf("%s: %d, want a refusal", name, r.Status)
			}
			continue
		}
		if r.Status != tc.status || !strings.Contains(r.Body, tc.want) || !strings.Contains(r.Body, `id="f-code-error"`) {
			t.Errorf("%s (%q): %d, want %d with %q next to the field\n%s", name, tc.code, r.Status, tc.status, tc.want, r.Body)
		}
		if strings.Contains(r.Body, "Jörg") {
			t.Errorf("%s: the refusal shows the person", name)
		}
	}
}

func TestGuessingShortCodesFromOneAddressIsStopped(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	u := learnerWithName(t, env, "joerg@stadt.example", "Jörg Weiß")
	comp := complete(t, env, u, future())
	code := shortCodeOnPDF(t, env, "joerg@stadt.example", comp.RecordID)
	forger, err := record.NewSigner(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	guess := forger.ShortCode(comp.ID, record.Record{ID: comp.RecordID})
	guesser := env.Client(t)
	for i := range 30 {
		if r := guesser.Get("/verify?code=" + url.QueryEscape(guess)); r.Status != http.StatusNotFound {
			t.Fatalf("guess %d: %d, want 404", i+1, r.Status)
		}
	}
	r := guesser.Get("/verify?code=" + url.QueryEscape(code))
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || !strings.Contains(r.Body, "zu viele unbekannte Prüfcodes") {
		t.Fatalf("after 30 unknown codes: %d, Retry-After %q\n%s", r.Status, r.Header.Get("Retry-After"), r.Body)
	}
}
