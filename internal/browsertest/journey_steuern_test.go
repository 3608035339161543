package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// TestProcurementOfficerFindsTheGovernanceCourseBySearchAndStartsItsQuiz: a procurement officer
// (the catalog has no audience code for procurement) searches the shipped catalog for
// "Vergabestelle", opens the L3 course KI steuern und beschaffen, reads the module on tender and
// contract with its requirements table and sources, and starts its scenario quiz. Every page
// passes axe.
func TestProcurementOfficerFindsTheGovernanceCourseBySearchAndStartsItsQuiz(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "yilmaz@example.org", "yilmaz-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "yilmaz@example.org", "yilmaz-password-1")

	// The search form sends a GET request; this is the address it produces for the search word.
	if status := Open(t, tab, "/courses?q=Vergabestelle&level=L3"); status != 200 {
		t.Fatalf("catalog search: status %d", status)
	}
	AssertAccessible(t, tab, "catalog searched for Vergabestelle")

	ClickLink(t, tab, "KI steuern und beschaffen – Entscheidung, KI-Register, Vergabe und Einführung")
	AssertHeading(t, tab, "KI steuern und beschaffen – Entscheidung, KI-Register, Vergabe und Einführung")
	AssertText(t, tab, ".course-facts", "L3")
	AssertText(t, tab, ".course-facts", "Führungskräfte")
	AssertText(t, tab, ".course-facts", "IT und Entwicklung")
	AssertAccessible(t, tab, "governance course page")

	ClickLink(t, tab, "Ausschreibung und Vertrag – und wann die Behörde selbst Anbieterin wird")
	AssertText(t, tab, ".lesson__meta", "Modul 3 von 4")
	AssertText(t, tab, "article.lesson table", "Zugang zu den Protokollen")
	AssertText(t, tab, "article.lesson", "Mustervertragsklauseln")
	AssertText(t, tab, "article.lesson", "Quellen")
	AssertAccessible(t, tab, "lesson with the requirements table")

	Open(t, tab, "/courses/ki-steuern-und-beschaffen/v/1.0.0/m/ausschreibung-und-vertrag/quiz")
	if status := pressEnterOn(t, tab, `form[action$="/attempts"] button`); status != 200 {
		t.Fatalf("starting the quiz: status %d", status)
	}
	AssertText(t, tab, "legend", "Frage 1 von 5:")
	AssertAccessible(t, tab, "governance scenario quiz questions")
	Screenshot(t, tab, "governance-quiz")
}
