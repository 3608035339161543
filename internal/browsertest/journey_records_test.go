package browsertest

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
)

// TestLearnerSeesTheirDataAndAnyoneVerifiesTheRecord walks "My data" as the learner, then checks
// the public verification page as an anonymous visitor: genuine, altered and revoked, each with an
// axe scan.
func TestLearnerSeesTheirDataAndAnyoneVerifiesTheRecord(t *testing.T) {
	srv := Start(t, Options{})
	u := srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	valid := time.Now().AddDate(2, 0, 0).UTC()
	comp := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "0123abcd", ValidUntil: &valid}
	err := srv.Store.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.RecordCompletion(comp)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	tab := srv.NewTab(t)
	Login(t, tab, "lea@example.org", "lea-password-1")
	Open(t, tab, "/account")
	ClickLink(t, tab, "Meine gespeicherten Daten ansehen und herunterladen")
	AssertHeading(t, tab, "Meine Daten")
	AssertText(t, tab, "#completions + .kern-table-responsive", comp.RecordID)
	AssertAccessible(t, tab, "my data")
	Screenshot(t, tab, "my-data")

	verify := verifyURLOf(t, srv)
	visitor := srv.NewTab(t)
	Open(t, visitor, verify)
	AssertHeading(t, visitor, "Teilnahmebestätigung prüfen")
	AssertText(t, visitor, ".verify-result", "gültig")
	AssertText(t, visitor, ".verify-details", "Name auf Wunsch der Betreiberin ausgeblendet")
	AssertAccessible(t, visitor, "verification: valid")
	Screenshot(t, visitor, "verify-valid")

	if status := Open(t, visitor, "/verify/"+comp.RecordID+"?s=verfaelscht"); status != 404 {
		t.Fatalf("altered signature: status %d, want 404", status)
	}
	AssertText(t, visitor, ".verify-result", "nicht gültig")
	AssertNotVisible(t, visitor, ".verify-details")
	AssertAccessible(t, visitor, "verification: not valid")
	Screenshot(t, visitor, "verify-invalid")

	// The same completion as an Open Badge: the learner downloads it, a clerk pastes it.
	c := srv.Client(t)
	c.Login("lea@example.org", "lea-password-1")
	token := c.Get("/records/" + comp.RecordID + "/badge.jwt").Body
	Open(t, visitor, "/verify-badge")
	AssertHeading(t, visitor, "Open Badge prüfen")
	AssertAccessible(t, visitor, "badge verification form")
	Fill(t, visitor, "Open Badge (Text der Datei)", token)
	ClickButton(t, visitor, "Prüfen")
	AssertText(t, visitor, ".verify-result", "Echt: von dieser Plattform ausgestellt und unverändert")
	AssertAccessible(t, visitor, "badge verification: genuine")
	Screenshot(t, visitor, "verify-badge")

	if err := srv.Store.RevokeCompletion(context.Background(), comp.ID, "irrtümlich erfasst"); err != nil {
		t.Fatal(err)
	}
	Open(t, visitor, verify)
	AssertText(t, visitor, ".verify-result", "widerrufen")
	AssertText(t, visitor, ".verify-details", "irrtümlich erfasst")
	AssertAccessible(t, visitor, "verification: revoked")
	Screenshot(t, visitor, "verify-revoked")
}

// verifyURLOf reads the verification address from the learner's data download, as the learner
// would find it there or on the PDF, and returns its path and query.
func verifyURLOf(t *testing.T, srv *Server) string {
	t.Helper()
	c := srv.Client(t)
	c.Login("lea@example.org", "lea-password-1")
	var d struct {
		Completions []struct {
			VerifyURL string `json:"verify_url"`
		} `json:"completions"`
	}
	if err := json.Unmarshal([]byte(c.Get("/account/data.json").Body), &d); err != nil || len(d.Completions) != 1 {
		t.Fatalf("data download: %v, %+v", err, d)
	}
	u, err := url.Parse(d.Completions[0].VerifyURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.RequestURI()
}
