package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// TestStaffCouncilFindsTheCoDeterminationCourseAndItsChecklist: a data protection officer (or a
// member of the staff council) filters the shipped catalog by level and audience, opens KI
// mitbestimmen, reads the checklist for a Dienstvereinbarung, which points to the draft ailit
// generates, and starts its scenario quiz. Every page passes axe.
func TestStaffCouncilFindsTheCoDeterminationCourseAndItsChecklist(t *testing.T) {
	srv := Start(t, Options{})
	srv.CreateUser(t, "pr@example.org", "personalrat-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "pr@example.org", "personalrat-password-1")

	if status := Open(t, tab, "/courses?level=L2&audience=dsb-isb"); status != 200 {
		t.Fatalf("filtered catalog: status %d", status)
	}
	AssertText(t, tab, "[role=status]", "1 Kurs gefunden")
	AssertAccessible(t, tab, "catalog filtered by L2 and data protection officers")

	ClickLink(t, tab, "KI mitbestimmen – Personalrat und Datenschutz bei der Einführung von KI")
	AssertHeading(t, tab, "KI mitbestimmen – Personalrat und Datenschutz bei der Einführung von KI")
	AssertText(t, tab, ".course-facts", "L2")
	AssertText(t, tab, ".course-facts", "Datenschutz- und Informationssicherheitsbeauftragte")
	AssertAccessible(t, tab, "co-determination course page")

	ClickLink(t, tab, "Checkliste für eine Dienstvereinbarung")
	AssertText(t, tab, ".lesson__meta", "Modul 4 von 4")
	AssertText(t, tab, "article.lesson", "Unterlagen für Personalrat und Datenschutz")
	AssertText(t, tab, "article.lesson", "Quellen")
	AssertAccessible(t, tab, "checklist lesson")

	Open(t, tab, "/courses/ki-mitbestimmen/v/1.0.0/m/checkliste-dienstvereinbarung/quiz")
	if status := pressEnterOn(t, tab, `form[action$="/attempts"] button`); status != 200 {
		t.Fatalf("starting the quiz: status %d", status)
	}
	AssertText(t, tab, "legend", "Frage 1 von 6:")
	AssertAccessible(t, tab, "co-determination scenario quiz")
}
