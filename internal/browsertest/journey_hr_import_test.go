package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ailit/ailit/internal/store"
)

// Issue 22: after the full HR list, an admin uploads the list of one department. As a full list it
// would deactivate 59 of 65 people: the preview warns, "Übernehmen" needs the number typed, a
// wrong number changes nothing. The same file "nur ergänzen und aktualisieren" deactivates nobody.
func TestAdminImportsOneDepartmentWithoutDeactivatingEverybodyElse(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "alex.admin@stadt.example", "admin-password-1", store.RoleAdmin)
	tab := srv.NewTab(t)
	Login(t, tab, "alex.admin@stadt.example", "admin-password-1")
	adminImportsHRList(t, tab)

	sample, err := os.ReadFile(filepath.Join("testdata", "hr-export-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	department := filepath.Join(t.TempDir(), "bauamt.csv")
	if err := os.WriteFile(department, []byte(strings.Join(strings.SplitAfter(string(sample), "\n")[:6], "")), 0o600); err != nil {
		t.Fatal(err)
	}
	choose := func(mode string) {
		t.Helper()
		Open(t, tab, "/admin/import")
		if err := chromedp.Do(tab, chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{department})); err != nil {
			t.Fatalf("choosing the file: %v", err)
		}
		Check(t, tab, mode)
		ClickButton(t, tab, "Prüfen (noch nichts übernehmen)")
	}

	choose("Die vollständige Personalliste")
	AssertText(t, tab, "main", "59 von 65 aktiven Personen würden deaktiviert")
	AssertAccessible(t, tab, "import mass deactivation")
	if status := ClickButton(t, tab, "Übernehmen"); status != 422 {
		t.Errorf("applying without the number: status %d, want 422", status)
	}
	AssertText(t, tab, ".kern-error", "Bitte geben Sie genau 59 ein")
	AssertAccessible(t, tab, "import confirmation refused")
	Screenshot(t, tab, "import-confirm-deactivations")
	if u, err := srv.Store.UserByEmail(context.Background(), "nguyen.schmidt@stadt.example"); err != nil || !u.Active {
		t.Fatalf("a refused confirmation deactivated people: %v", err)
	}

	choose("Nur einen Teil: nur ergänzen und aktualisieren")
	AssertText(t, tab, "[role=status]", "0 deaktiviert")
	AssertText(t, tab, "main", "niemand wird deaktiviert")
	ClickButton(t, tab, "Übernehmen")
	AssertText(t, tab, "[role=status]", "Import übernommen: 0 neu, 0 geändert, 0 umgesetzt, 0 deaktiviert")

	choose("Die vollständige Personalliste")
	Fill(t, tab, "Zahl der Personen, die deaktiviert werden", "59")
	ClickButton(t, tab, "Übernehmen")
	AssertText(t, tab, "[role=status]", "59 deaktiviert")
}
