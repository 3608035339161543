package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/store"
)

// TestClerkTypesTheShortCodeFromAPaperRecord: a clerk with a printed record opens the
// verification page, mistypes the short code once, is told so next to the field, corrects it and
// sees the record; each page with an axe scan.
func TestClerkTypesTheShortCodeFromAPaperRecord(t *testing.T) {
	srv := Start(t, Options{})
	u := srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	valid := time.Now().AddDate(2, 0, 0).UTC().Truncate(time.Second)
	comp := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "0123abcd",
		CompletedAt: time.Now().UTC().Truncate(time.Second), ValidUntil: &valid}
	err := srv.Store.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.RecordCompletion(comp)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	signer, err := record.LoadOrCreateSigner(srv.Config.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	code := signer.ShortCode(comp.ID, record.Record{ID: comp.RecordID, CourseID: comp.CourseID, Version: comp.Version,
		ContentHash: comp.ContentHash, CompletedAt: comp.CompletedAt, ValidUntil: valid})

	clerk := srv.NewTab(t)
	Open(t, clerk, "/verify")
	AssertHeading(t, clerk, "Teilnahmebestätigung mit Prüfcode prüfen")
	AssertAccessible(t, clerk, "short code form")
	typo := []byte(code)
	typo[len(typo)-3] = map[bool]byte{true: 'A', false: 'B'}[typo[len(typo)-3] != 'A']
	Fill(t, clerk, "Prüfcode", string(typo))
	if status := ClickButton(t, clerk, "Prüfen"); status != 422 {
		t.Fatalf("mistyped code: status %d, want 422", status)
	}
	AssertText(t, clerk, "#f-code-error", "Tippfehler")
	AssertAccessible(t, clerk, "short code form with a typo")
	Screenshot(t, clerk, "verify-code-typo")

	Fill(t, clerk, "Prüfcode", code)
	if status := ClickButton(t, clerk, "Prüfen"); status != 200 {
		t.Fatalf("right code: status %d, want 200 (the record's page)", status)
	}
	AssertHeading(t, clerk, "Teilnahmebestätigung prüfen")
	AssertText(t, clerk, ".verify-result", "gültig")
	AssertText(t, clerk, ".verify-details", "ki-grundlagen")
}
