package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// Issue 2: an administrator creates an account for a trainer, who logs in with the generated
// password, changes it, logs out everywhere and can then log in only with the new password.
func TestAdminCreatesTrainerWhoChangesTheGeneratedPassword(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "alex.admin@example.org", "admin-password-1", store.RoleAdmin)

	password := adminCreatesTrainer(t, srv)
	trainerChangesPassword(t, srv, password)
}

// adminCreatesTrainer returns the generated password the admin sees.
func adminCreatesTrainer(t *testing.T, srv *Server) string {
	t.Helper()
	tab := srv.NewTab(t)
	Open(t, tab, "/")
	AssertHeading(t, tab, "Anmelden")
	Fill(t, tab, "E-Mail-Adresse", "alex.admin@example.org")
	Fill(t, tab, "Passwort", "admin-password-1")
	PressEnter(t, tab, "Passwort")
	AssertHeading(t, tab, "Willkommen, alex.admin")
	AssertAccessible(t, tab, "start page (admin)")
	Screenshot(t, tab, "start-admin")

	ClickLink(t, tab, "Benutzerverwaltung")
	AssertHeading(t, tab, "Benutzerverwaltung")
	AssertText(t, tab, "table", "alex.admin@example.org")
	AssertAccessible(t, tab, "user administration")
	Screenshot(t, tab, "users")

	ClickLink(t, tab, "Neues Konto anlegen")
	AssertHeading(t, tab, "Neues Konto")
	AssertAccessible(t, tab, "new user form")

	if status := ClickButton(t, tab, "Speichern"); status != 422 {
		t.Errorf("saving the empty form: status %d, want 422", status)
	}
	AssertText(t, tab, "[role=alert]", "Bitte korrigieren Sie die markierten Angaben")
	AssertText(t, tab, ".kern-error", "Bitte geben Sie Ihre E-Mail-Adresse ein.")
	AssertText(t, tab, ".kern-error", "Bitte geben Sie einen Namen ein.")
	AssertFocused(t, tab, "#error-summary")
	AssertAccessible(t, tab, "new user form with errors")
	Screenshot(t, tab, "user-form-errors")

	Fill(t, tab, "E-Mail-Adresse", "toni.trainer@example.org")
	Fill(t, tab, "Name", "Toni Trainer")
	Uncheck(t, tab, "Lernende") // ticked by default
	Check(t, tab, "Lehrende")
	ClickButton(t, tab, "Speichern")
	AssertHeading(t, tab, "Konto angelegt")
	AssertText(t, tab, "main", "Toni Trainer (toni.trainer@example.org)")
	AssertText(t, tab, "[role=status]", "Erzeugtes Startpasswort")
	AssertAccessible(t, tab, "account created")
	Screenshot(t, tab, "user-created")
	shown := Texts(t, tab, "code.password")
	if len(shown) != 1 || len(shown[0]) < 10 {
		t.Fatalf("generated password shown as %q, want one of at least 10 characters", shown)
	}

	Logout(t, tab)
	return shown[0]
}

func trainerChangesPassword(t *testing.T, srv *Server, password string) {
	t.Helper()
	const newPassword = "neues-trainer-passwort-1"
	tab := srv.NewTab(t)
	Login(t, tab, "toni.trainer@example.org", password)
	AssertHeading(t, tab, "Willkommen, Toni Trainer")
	AssertNotVisible(t, tab, `a[href="/admin/users"]`)

	ClickLink(t, tab, "Zum Konto")
	AssertHeading(t, tab, "Mein Konto")
	if roles := Texts(t, tab, "dd"); len(roles) != 3 || roles[2] != "Lehrende" {
		t.Errorf("account shows %q, want the role Lehrende only", roles)
	}
	AssertAccessible(t, tab, "my account")
	Screenshot(t, tab, "account")

	Fill(t, tab, "Aktuelles Passwort", password)
	Fill(t, tab, "Neues Passwort", newPassword)
	Fill(t, tab, "Neues Passwort wiederholen", newPassword)
	ClickButton(t, tab, "Passwort ändern")
	AssertText(t, tab, "[role=status]", "Ihr Passwort wurde geändert.")
	AssertAccessible(t, tab, "my account after the password change")

	ClickButton(t, tab, "Überall abmelden")
	if p := Path(t, tab); p != "/login?ended=all" {
		t.Errorf("after logging out everywhere the browser is on %s", p)
	}
	AssertHeading(t, tab, "Anmelden")
	AssertText(t, tab, "[role=status]", "Sie wurden auf allen Geräten abgemeldet.")
	AssertAccessible(t, tab, "login page after logging out everywhere")
	Screenshot(t, tab, "logged-out-everywhere")

	SubmitLogin(t, tab, "toni.trainer@example.org", password)
	AssertText(t, tab, "[role=alert]", "E-Mail-Adresse oder Passwort ist nicht richtig.")
	AssertNotVisible(t, tab, ".site-nav")

	Login(t, tab, "toni.trainer@example.org", newPassword)
	AssertHeading(t, tab, "Willkommen, Toni Trainer")
}
