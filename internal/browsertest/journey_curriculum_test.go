package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// TestOversightStaffFindTheL3CourseAndItsScenarioQuiz: a person assigned human oversight filters
// the shipped catalog by level and audience, opens the KI-Aufsicht course, reads a lesson with a
// table and callouts and starts the first scenario quiz. Every page passes axe.
func TestOversightStaffFindTheL3CourseAndItsScenarioQuiz(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "demir@example.org", "demir-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "demir@example.org", "demir-password-1")

	// The filter form sends a GET request; this is the address it produces for L3 and "aufsicht".
	if status := Open(t, tab, "/courses?level=L3&audience=aufsicht"); status != 200 {
		t.Fatalf("filtered catalog: status %d", status)
	}
	AssertText(t, tab, "[role=status]", "1 Kurs gefunden")
	AssertAccessible(t, tab, "catalog filtered by L3 and oversight staff")

	ClickLink(t, tab, "KI-Aufsicht – menschliche Aufsicht über Hochrisiko-KI in der Praxis")
	AssertHeading(t, tab, "KI-Aufsicht – menschliche Aufsicht über Hochrisiko-KI in der Praxis")
	AssertText(t, tab, ".course-facts", "L3")
	AssertText(t, tab, ".course-facts", "Aufsichtspersonen für Hochrisiko-KI")
	AssertAccessible(t, tab, "oversight course page")

	ClickLink(t, tab, "Protokolle, Vorfälle und Meldungen")
	AssertText(t, tab, ".lesson__meta", "Modul 4 von 4")
	AssertText(t, tab, "article.lesson table", "Tod oder schwerer Schaden")
	AssertText(t, tab, "article.lesson", "Quellen")
	AssertAccessible(t, tab, "lesson with a table and callouts")

	Open(t, tab, "/courses/ki-aufsicht/v/1.0.0/m/was-aufsicht-bedeutet/quiz")
	if status := pressEnterOn(t, tab, `form[action$="/attempts"] button`); status != 200 {
		t.Fatalf("starting the quiz: status %d", status)
	}
	AssertText(t, tab, "legend", "Frage 1 von 5:")
	AssertAccessible(t, tab, "scenario quiz questions")
	Screenshot(t, tab, "oversight-quiz")
}
