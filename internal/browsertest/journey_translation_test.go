package browsertest

import (
	"context"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// Issue 21: a colleague who works in English is assigned the German basics course. The dashboard
// sends them to the English translation, whose page offers the German original; the German page
// points back to English. Completing the English course satisfies the German assignment. Axe on
// every page.
func TestEnglishSpeakingLearnerTakesTheTranslationOfTheAssignedCourse(t *testing.T) {
	srv := Start(t, Options{})
	ctx := context.Background()
	john := srv.CreateUser(t, "john.miller@stadt.example", "learning-in-english-1", store.RoleLearner)
	if err := srv.Store.SetLanguage(ctx, john.ID, "en"); err != nil {
		t.Fatal(err)
	}
	a := &store.Assignment{CourseID: "ki-grundlagen", Title: "KI-Grundlagen – Pflichtschulung nach Art. 4 KI-Verordnung",
		DueKind: "after_assignment", DueDays: 60, CreatedBy: john.ID, Targets: []store.AssignmentTarget{{Kind: store.TargetUser, UserID: &john.ID}}}
	if err := srv.Store.SaveAssignment(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Store.SyncAssignment(ctx, a, nil); err != nil {
		t.Fatal(err)
	}

	tab := srv.NewTab(t)
	Login(t, tab, "john.miller@stadt.example", "learning-in-english-1")
	AssertText(t, tab, ".assigned-list", "not started")
	ClickLink(t, tab, "KI-Grundlagen – Pflichtschulung nach Art. 4 KI-Verordnung")
	if p := Path(t, tab); p != "/courses/ai-basics" {
		t.Fatalf("the assignment leads to %s, want the English translation", p)
	}
	AssertHeading(t, tab, "AI basics for all staff")
	AssertText(t, tab, "#course-languages", "This course is also available in another language")
	AssertAccessible(t, tab, "English translation with the language switch")
	Screenshot(t, tab, "course-translation-switch")

	ClickLink(t, tab, "KI-Grundlagen für alle Beschäftigten (German)")
	AssertHeading(t, tab, "KI-Grundlagen für alle Beschäftigten")
	AssertText(t, tab, "#course-preferred", "This course is also available in English")
	AssertAccessible(t, tab, "German original for an English reader")
	ClickLink(t, tab, "AI basics for all staff")
	AssertHeading(t, tab, "AI basics for all staff")

	v := srv.Library.Catalog().Course("ai-basics").Latest()
	err := srv.Store.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.RecordCompletion(&store.Completion{UserID: john.ID, CourseID: "ai-basics", Version: v.Version, ContentHash: v.Hash})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	Open(t, tab, "/")
	AssertText(t, tab, ".assigned-list", "completed")
	AssertAccessible(t, tab, "dashboard with the assignment completed in English")
}
