package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// Issue 19: an admin shortens a retention period, runs the dry run, sees the counts and applies
// them, then finds the documents for the staff council; a learner sees in "Meine Daten" when each
// kind of data is deleted.
func TestAdminAppliesARetentionPeriodAndALearnerSeesTheDeletionDates(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "alex.admin@example.org", "admin-password-1", store.RoleAdmin)
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	ended := srv.Store.Now().AddDate(0, 0, -3) // a session that ended three days ago
	if err := srv.Store.TestWriter().Create(&store.WebSession{ID: "ended", SecretHash: []byte("x"), CreatedAt: ended, LastSeenAt: ended, ExpiresAt: ended}).Error; err != nil {
		t.Fatal(err)
	}

	admin := srv.NewTab(t)
	Login(t, admin, "alex.admin@example.org", "admin-password-1")
	ClickLink(t, admin, "Einstellungen")
	ClickLink(t, admin, "Aufbewahrung und Löschung")
	AssertHeading(t, admin, "Aufbewahrung und Löschung")
	AssertText(t, admin, "main", "Art. 5 Abs. 1 Buchst. e DSGVO")
	AssertAccessible(t, admin, "retention periods")
	Screenshot(t, admin, "retention")

	ClickLink(t, admin, "Probelauf: anzeigen, was gelöscht würde")
	AssertText(t, admin, "main", "Zurzeit ist nichts zu löschen.")

	Fill(t, admin, "Frist für „Anmeldesitzungen“ in Tage", "1")
	ClickButton(t, admin, "Fristen speichern")
	AssertText(t, admin, "[role=status]", "Die Fristen sind gespeichert.")
	ClickLink(t, admin, "Probelauf: anzeigen, was gelöscht würde")
	AssertText(t, admin, `td[data-category="sessions"]`, "1")
	AssertText(t, admin, "main", "So viele Einträge würden jetzt gelöscht.")
	AssertAccessible(t, admin, "retention dry run")
	Screenshot(t, admin, "retention-dry-run")
	ClickButton(t, admin, "Jetzt löschen")
	AssertText(t, admin, "[role=status]", "Gelöscht: 1 Einträge.")
	ClickLink(t, admin, "Probelauf: anzeigen, was gelöscht würde")
	AssertText(t, admin, "main", "Zurzeit ist nichts zu löschen.")

	// The council's documents follow the settings just made.
	ClickLink(t, admin, "Einstellungen")
	ClickLink(t, admin, "Unterlagen für Personalrat und Datenschutz")
	AssertHeading(t, admin, "Unterlagen für Personalrat und Datenschutz")
	AssertText(t, admin, "main", "Dienstvereinbarung (Entwurf)")
	AssertAccessible(t, admin, "documents for the staff council")
	Screenshot(t, admin, "privacy-documents")

	// A legal hold on the learner, placed from her account page, is listed with the others.
	Open(t, admin, "/admin/users")
	ClickLink(t, admin, "lea")
	ClickLink(t, admin, "Daten und Löschung")
	AssertText(t, admin, "main", "Daten dieser Person löschen")
	AssertAccessible(t, admin, "a person's data and deletion")
	Fill(t, admin, "Grund", "Az. 4 K 12/26")
	ClickButton(t, admin, "Löschsperre setzen")
	AssertText(t, admin, "[role=status]", "Die Löschsperre ist gesetzt.")
	AssertText(t, admin, "[data-blocked]", "Az. 4 K 12/26")
	Open(t, admin, "/admin/holds")
	AssertText(t, admin, "table", "Az. 4 K 12/26")
	AssertAccessible(t, admin, "legal holds")
	Screenshot(t, admin, "legal-holds")

	lea := srv.NewTab(t)
	Login(t, lea, "lea@example.org", "lea-password-1")
	Open(t, lea, "/account/data")
	AssertText(t, lea, "#retention", "Wann Ihre Daten gelöscht werden")
	AssertText(t, lea, `td[data-category="sessions"]`, "ab ")
	AssertText(t, lea, `td[data-category="quiz_answers"]`, "Keine Daten dieser Art gespeichert")
	AssertText(t, lea, "[data-hold]", "Az. 4 K 12/26")
	AssertAccessible(t, lea, "my data with deletion dates")
	Screenshot(t, lea, "mydata-retention")
}
