package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

const pw = "richtig-geheim-42"

func TestLoginWithRightPasswordShowsStartPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	c := env.Client(t)
	c.Login("Anna@Stadt.example", pw)
	r := c.Get("/")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "Willkommen, anna") {
		t.Fatalf("start page after login: %d\n%s", r.Status, r.Body)
	}
}

func TestLoginFailureLooksTheSameForUnknownEmailAndWrongPassword(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	var bodies []string
	for _, email := range []string{"anna@stadt.example", "niemand@stadt.example"} {
		c := env.Client(t)
		c.Get("/login")
		r := c.Post("/login", url.Values{"email": {email}, "password": {"falsch-falsch"}})
		if r.Status != http.StatusUnauthorized || !strings.Contains(r.Body, "E-Mail-Adresse oder Passwort ist nicht richtig.") {
			t.Fatalf("%s: status %d\n%s", email, r.Status, r.Body)
		}
		bodies = append(bodies, strings.ReplaceAll(r.Body, email, ""))
	}
	strip := func(s string) string { return csrfValue.ReplaceAllString(s, "") }
	if strip(bodies[0]) != strip(bodies[1]) {
		t.Error("the page for a wrong password differs from the page for an unknown email")
	}
}

func TestLoginWithEmptyFieldsShowsMessagesNextToTheFields(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	c.Get("/login")
	r := c.Post("/login", url.Values{"email": {""}, "password": {""}})
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.Status)
	}
	for _, want := range []string{`id="f-email-error"`, "Bitte geben Sie Ihre E-Mail-Adresse ein.", `aria-invalid="true"`, `id="f-password-error"`} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestLoginRotatesTheSessionID(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	c := env.Client(t)
	c.Get("/login")
	before := c.Cookie("ailit_session")
	if before == "" {
		t.Fatal("no session cookie before login")
	}
	c.Post("/login", url.Values{"email": {"anna@stadt.example"}, "password": {pw}})
	after := c.Cookie("ailit_session")
	if after == "" || after == before {
		t.Fatal("session cookie was not replaced at login")
	}
	// The pre-login cookie (e.g. planted by an attacker) does not carry the login.
	attacker := env.Client(t)
	attacker.SetCookie("ailit_session", before)
	if r := attacker.Get("/"); r.Status != http.StatusSeeOther {
		t.Fatalf("old session id still works after login: %d", r.Status)
	}
}

func TestLogoutEverywhereEndsAllSessionsOfTheUser(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	laptop, phone := env.Client(t), env.Client(t)
	laptop.Login("anna@stadt.example", pw)
	phone.Login("anna@stadt.example", pw)
	r := laptop.Get("/account")
	if !strings.Contains(r.Body, "Aktive Anmeldungen: 2") {
		t.Fatalf("account page does not list both sessions:\n%s", r.Body)
	}
	r = laptop.Post("/account/sessions/revoke", nil)
	if r.Status != http.StatusSeeOther || r.Location() != "/login?ended=all" {
		t.Fatalf("revoke: %d %s", r.Status, r.Location())
	}
	for name, c := range map[string]*webtest.Client{"laptop": laptop, "phone": phone} {
		if r := c.Get("/account"); r.Status != http.StatusSeeOther {
			t.Errorf("%s still logged in after logout everywhere: %d", name, r.Status)
		}
	}
}

func TestChangingThePasswordEndsOtherSessionsAndKeepsThisOne(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	here, other := env.Client(t), env.Client(t)
	here.Login("anna@stadt.example", pw)
	other.Login("anna@stadt.example", pw)
	here.Get("/account")
	r := here.Post("/account/password", url.Values{"current": {pw}, "new": {"neues-passwort-1"}, "repeat": {"neues-passwort-1"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("change password: %d\n%s", r.Status, r.Body)
	}
	if r := here.Get("/account"); r.Status != http.StatusOK || !strings.Contains(r.Body, "Ihr Passwort wurde geändert") {
		t.Fatalf("this session should stay logged in with a confirmation: %d", r.Status)
	}
	if r := other.Get("/account"); r.Status != http.StatusSeeOther {
		t.Fatalf("other session survived the password change: %d", r.Status)
	}
	fresh := env.Client(t)
	fresh.Login("anna@stadt.example", "neues-passwort-1")
}

func TestChangingThePasswordWithWrongCurrentPasswordShowsFieldError(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	c := env.Client(t)
	c.Login("anna@stadt.example", pw)
	c.Get("/account")
	r := c.Post("/account/password", url.Values{"current": {"falsch"}, "new": {"kurz"}, "repeat": {"kurz"}})
	for _, want := range []string{"Das aktuelle Passwort ist nicht richtig.", "mindestens 10 Zeichen"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("missing message %q", want)
		}
	}
}

func TestStateChangeWithoutCSRFTokenIsRejected(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	c := env.Client(t)
	c.Login("anna@stadt.example", pw)
	for _, token := range []string{"", "gefaelscht"} {
		r := c.Post("/account/sessions/revoke", url.Values{"_csrf": {token}})
		if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "Das Formular ist abgelaufen") {
			t.Fatalf("token %q: status %d", token, r.Status)
		}
	}
	n, _ := env.Store.SessionsOfUser(context.Background(), 1)
	if len(n) != 1 {
		t.Fatalf("sessions after rejected requests: %d, want 1", len(n))
	}
}

func TestStateChangeFromAnotherOriginIsRejected(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := env.Client(t)
	c.Get("/login")
	req := postForm("/login", url.Values{"_csrf": {c.CSRF}, "email": {"x@y.z"}, "password": {"p"}})
	req.Header.Set("Origin", "https://evil.example")
	if r := c.Do(req); r.Status != http.StatusForbidden {
		t.Fatalf("cross-origin POST: status %d, want 403", r.Status)
	}
}

func TestAdminPagesNeedTheAdminRole(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "lea@stadt.example", pw, "learner", "trainer", "manager")
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	anon := env.Client(t)
	if r := anon.Get("/admin/users"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location(), "/login?next=") {
		t.Fatalf("anonymous: %d %s", r.Status, r.Location())
	}
	lea := env.Client(t)
	lea.Login("lea@stadt.example", pw)
	for _, path := range []string{"/admin/users", "/admin/users/new", "/admin/users/1"} {
		if r := lea.Get(path); r.Status != http.StatusForbidden || !strings.Contains(r.Body, "Kein Zugriff") {
			t.Errorf("non-admin GET %s: %d", path, r.Status)
		}
	}
	if r := lea.Post("/admin/users", url.Values{"email": {"x@stadt.example"}, "display_name": {"X"}, "roles": {"admin"}}); r.Status != http.StatusForbidden {
		t.Errorf("non-admin could create a user: %d", r.Status)
	}
	alex := env.Client(t)
	alex.Login("alex@stadt.example", pw)
	if r := alex.Get("/admin/users"); r.Status != http.StatusOK || !strings.Contains(r.Body, "lea@stadt.example") {
		t.Errorf("admin list: %d", r.Status)
	}
}

func TestAdminCreatesTrainerWhoCanLogIn(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	admin := env.Client(t)
	admin.Login("alex@stadt.example", pw)
	admin.Get("/admin/users/new")
	r := admin.Post("/admin/users", url.Values{"email": {"toni@stadt.example"}, "display_name": {"Toni Trainer"}, "roles": {"trainer", "learner"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d\n%s", r.Status, r.Body)
	}
	m := generatedPassword.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatal("the generated password is not shown")
	}
	toni := env.Client(t)
	toni.Login("toni@stadt.example", m[1])
	if r := toni.Get("/account"); !strings.Contains(r.Body, "Lehrende") {
		t.Fatal("new user's account does not show the trainer role")
	}
	// The same email again is refused with a message at the field.
	admin.Get("/admin/users/new")
	r = admin.Post("/admin/users", url.Values{"email": {"TONI@stadt.example"}, "display_name": {"Toni 2"}, "roles": {"learner"}})
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Es gibt bereits ein Konto") {
		t.Fatalf("duplicate: %d", r.Status)
	}
}

func TestDeactivatedUserIsLoggedOutAndCannotLogIn(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	lea := env.CreateUser(t, "lea@stadt.example", pw, "learner")
	leaClient := env.Client(t)
	leaClient.Login("lea@stadt.example", pw)
	admin := env.Client(t)
	admin.Login("alex@stadt.example", pw)
	admin.Get("/admin/users/2")
	r := admin.Post("/admin/users/2", url.Values{"display_name": {"Lea"}, "roles": {"learner"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("deactivate: %d\n%s", r.Status, r.Body)
	}
	if r := leaClient.Get("/"); r.Status != http.StatusSeeOther {
		t.Fatal("deactivated user still logged in")
	}
	c := env.Client(t)
	c.Get("/login")
	if r := c.Post("/login", url.Values{"email": {"lea@stadt.example"}, "password": {pw}}); r.Status != http.StatusUnauthorized {
		t.Fatalf("deactivated user could log in: %d", r.Status)
	}
	u, _ := env.Store.UserByID(context.Background(), lea.ID)
	if u.Active {
		t.Fatal("user still active in the database")
	}
}

func TestAdminCannotRemoveOwnAdminRole(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	admin := env.Client(t)
	admin.Login("alex@stadt.example", pw)
	admin.Get("/admin/users/1")
	r := admin.Post("/admin/users/1", url.Values{"display_name": {"Alex"}, "roles": {"learner"}, "active": {"1"}})
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "nicht selbst entziehen") {
		t.Fatalf("status %d", r.Status)
	}
}
