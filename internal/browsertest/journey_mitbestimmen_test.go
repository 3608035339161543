package browsertest

import "testing"

// TestStaffCouncilFindsTheCoDeterminationCourseAndItsChecklist: a data protection officer (or a
// member of the staff council) filters the shipped catalog by level and audience, opens KI
// mitbestimmen, reads the checklist for a Dienstvereinbarung, which points to the draft ailit
// generates, and starts its scenario quiz. Every page passes axe.
func TestStaffCouncilFindsTheCoDeterminationCourseAndItsChecklist(t *testing.T) {
	roleCourseJourney{
		email: "pr@example.org", password: "personalrat-password-1",
		filter: "/courses?level=L2&audience=dsb-isb", found: "1 Kurs gefunden",
		title:  "KI mitbestimmen – Personalrat und Datenschutz bei der Einführung von KI",
		facts:  []string{"L2", "Datenschutz- und Informationssicherheitsbeauftragte"},
		lesson: "Checkliste für eine Dienstvereinbarung", lessonMeta: "Modul 4 von 4",
		lessonTexts: []string{"article.lesson", "Unterlagen für Personalrat und Datenschutz", "article.lesson", "Quellen"},
		quiz:        "/courses/ki-mitbestimmen/v/1.0.0/m/checkliste-dienstvereinbarung/quiz", firstQuestion: "Frage 1 von 6:",
	}.walk(t)
}
