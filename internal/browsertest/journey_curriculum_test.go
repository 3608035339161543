package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/store"
)

// roleCourseJourney is the way a person in a role finds a shipped course for that role: filter the
// catalog, open the course, read one lesson, start one scenario quiz.
type roleCourseJourney struct {
	email, password string
	filter          string   // the address the filter form produces
	found           string   // the count the catalog announces
	title           string   // the course title, linked from the catalog
	facts           []string // what the course page says about level and audience
	lesson          string   // a lesson title, linked from the course page
	lessonMeta      string
	lessonTexts     []string // selector and text pairs on the lesson page
	quiz            string   // the address of a quiz
	firstQuestion   string
	screenshot      string // "" for none
}

// walk runs the journey; every page passes axe.
func (j roleCourseJourney) walk(t *testing.T) {
	t.Helper()
	srv := Start(t, Options{})
	srv.CreateUser(t, j.email, j.password, store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, j.email, j.password)

	if status := Open(t, tab, j.filter); status != 200 {
		t.Fatalf("filtered catalog: status %d", status)
	}
	AssertText(t, tab, "[role=status]", j.found)
	AssertAccessible(t, tab, "filtered catalog "+j.filter)

	ClickLink(t, tab, j.title)
	AssertHeading(t, tab, j.title)
	for _, fact := range j.facts {
		AssertText(t, tab, ".course-facts", fact)
	}
	AssertAccessible(t, tab, "course page "+j.title)

	ClickLink(t, tab, j.lesson)
	AssertText(t, tab, ".lesson__meta", j.lessonMeta)
	for i := 0; i+1 < len(j.lessonTexts); i += 2 {
		AssertText(t, tab, j.lessonTexts[i], j.lessonTexts[i+1])
	}
	AssertAccessible(t, tab, "lesson "+j.lesson)

	Open(t, tab, j.quiz)
	if status := pressEnterOn(t, tab, `form[action$="/attempts"] button`); status != 200 {
		t.Fatalf("starting the quiz: status %d", status)
	}
	AssertText(t, tab, "legend", j.firstQuestion)
	AssertAccessible(t, tab, "scenario quiz "+j.quiz)
	if j.screenshot != "" {
		Screenshot(t, tab, j.screenshot)
	}
}

// TestOversightStaffFindTheL3CourseAndItsScenarioQuiz: a person assigned human oversight filters
// the shipped catalog by level and audience, opens the KI-Aufsicht course, reads a lesson with a
// table and callouts and starts the first scenario quiz. Every page passes axe.
func TestOversightStaffFindTheL3CourseAndItsScenarioQuiz(t *testing.T) {
	roleCourseJourney{
		email: "demir@example.org", password: "demir-password-1",
		// The filter form sends a GET request; this is the address it produces for L3 and "aufsicht".
		filter: "/courses?level=L3&audience=aufsicht", found: "1 Kurs gefunden",
		title:  "KI-Aufsicht – menschliche Aufsicht über Hochrisiko-KI in der Praxis",
		facts:  []string{"L3", "Aufsichtspersonen für Hochrisiko-KI"},
		lesson: "Protokolle, Vorfälle und Meldungen", lessonMeta: "Modul 4 von 4",
		lessonTexts: []string{"article.lesson table", "Tod oder schwerer Schaden", "article.lesson", "Quellen"},
		quiz:        "/courses/ki-aufsicht/v/1.0.0/m/was-aufsicht-bedeutet/quiz", firstQuestion: "Frage 1 von 5:",
		screenshot: "oversight-quiz",
	}.walk(t)
}
