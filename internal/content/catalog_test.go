package content

import (
	"slices"
	"testing"
	"time"
)

func loadExample(t *testing.T, dir string) *Catalog {
	t.Helper()
	cat, report, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) > 0 {
		t.Fatalf("problems: %v", report.Problems)
	}
	return cat
}

func TestCatalogVersionsModulesAndDrafts(t *testing.T) {
	dir := copyCourses(t)
	// A draft folder and a status: draft version load, but learners never see them.
	if err := copyDir(dir, "ki-grundlagen/1.1.0", "ki-grundlagen/draft"); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "ki-grundlagen/draft/course.yaml", "version: 1.1.0", "version: 1.2.0\nstatus: draft")
	editFile(t, dir, "ki-grundlagen/draft/CHANGELOG.md", "## 1.1.0", "## 1.2.0 (bald)\n\n## 1.1.0")
	cat := loadExample(t, dir)

	course := cat.Course("ki-grundlagen")
	var versions []string
	for _, v := range course.Versions() {
		versions = append(versions, v.Version)
	}
	if !slices.Equal(versions, []string{"1.0.0", "1.1.0"}) || course.Latest().Version != "1.1.0" {
		t.Errorf("published versions = %v, latest %s", versions, course.Latest().Version)
	}
	if d := course.Draft("draft"); d == nil || !d.Draft || d.Version != "1.2.0" || cat.Version("ki-grundlagen", "1.2.0") != nil {
		t.Error("the draft must be loaded, flagged and hidden from learners")
	}

	v := cat.Version("ki-grundlagen", "1.1.0")
	m := v.Module("chancen-und-grenzen")
	if m.Title != "Chancen und Grenzen" || m.Minutes != 10 || m.Prev().ID != "was-ist-ki" || m.Next().ID != "ki-im-buergerbuero" {
		t.Errorf("module %q, %d min, prev %v, next %v", m.Title, m.Minutes, m.Prev(), m.Next())
	}
	if v.Modules[0].Prev() != nil || v.Modules[2].Next() != nil || m.Version() != v {
		t.Error("first/last module navigation is wrong")
	}
	if v.ReadingMinutes() != 28 {
		t.Errorf("reading time = %d, want 28", v.ReadingMinutes())
	}
	if got := v.RequiredQuizzes(); !slices.Equal(got, []string{"was-ist-ki"}) {
		t.Errorf("required quizzes = %v", got)
	}
	if got := v.RequiredModules(); len(got) != 3 {
		t.Errorf("required modules = %v", got)
	}
	q := v.Modules[0].Quiz.Questions[2]
	if answer, ok := q.TrueFalseAnswer(); !ok || answer {
		t.Errorf("truefalse answer = %v, %v", answer, ok)
	}
	if n, ok := v.Modules[0].Quiz.Questions[5].NumericAnswer(); !ok || n != 2024 {
		t.Errorf("numeric answer = %v, %v", n, ok)
	}
	if v.Modules[0].QuestionHashes["ki-fehlerfrei"] != q.Hash() {
		t.Error("question hash missing")
	}
	if m := v.Manifest; m.Title != "KI-Grundlagen für alle Beschäftigten" || m.Authors[0].Organisation != "Stadt Jena" ||
		m.ValidityMonths != 24 || !m.LegalStatusAsOf.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) || m.Change != ChangeMinor {
		t.Errorf("manifest = %+v", m)
	}
}

func TestReviewOverdueFromTheDayAfterReviewDue(t *testing.T) {
	v := &Version{Manifest: Manifest{ReviewDue: time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)}}
	berlin := time.FixedZone("CEST", 2*3600)
	if v.ReviewOverdue(time.Date(2027, 5, 1, 23, 30, 0, 0, berlin)) {
		t.Error("overdue on the due date itself")
	}
	if !v.ReviewOverdue(time.Date(2027, 5, 2, 0, 30, 0, 0, berlin)) {
		t.Error("not overdue the day after")
	}
}

func TestDiffBetweenReleases(t *testing.T) {
	dir := copyCourses(t)
	editFile(t, dir, "ki-grundlagen/1.1.0/modules/01-was-ist-ki/quiz.yaml", "immer richtig", "stets richtig")
	editFile(t, dir, "ki-grundlagen/1.1.0/modules/01-was-ist-ki/quiz.yaml", "pass_percent: 60", "pass_percent: 70")
	cat := loadExample(t, dir)
	d := Diff(cat.Version("ki-grundlagen", "1.0.0"), cat.Version("ki-grundlagen", "1.1.0"))
	want := VersionDiff{
		ModulesAdded:     []string{"ki-im-buergerbuero"},
		ModulesChanged:   []string{"was-ist-ki"},
		QuizzesAdded:     []string{"ki-im-buergerbuero"},
		QuizzesChanged:   []string{"was-ist-ki"},
		QuestionsAdded:   []QuestionRef{{"ki-im-buergerbuero", "chatbot-kennzeichnen"}},
		QuestionsChanged: []QuestionRef{{"was-ist-ki", "ki-fehlerfrei"}},
	}
	if !diffEqual(d, want) {
		t.Errorf("diff = %+v\nwant %+v", d, want)
	}
	if v := cat.Version("ki-grundlagen", "1.0.0"); !Diff(v, v).Empty() {
		t.Error("a version differs from itself")
	}
}

func diffEqual(a, b VersionDiff) bool {
	return slices.Equal(a.ModulesAdded, b.ModulesAdded) && slices.Equal(a.ModulesRemoved, b.ModulesRemoved) &&
		slices.Equal(a.ModulesChanged, b.ModulesChanged) && slices.Equal(a.QuizzesAdded, b.QuizzesAdded) &&
		slices.Equal(a.QuizzesRemoved, b.QuizzesRemoved) && slices.Equal(a.QuizzesChanged, b.QuizzesChanged) &&
		slices.Equal(a.QuestionsAdded, b.QuestionsAdded) && slices.Equal(a.QuestionsRemoved, b.QuestionsRemoved) &&
		slices.Equal(a.QuestionsChanged, b.QuestionsChanged)
}

func TestFilterCourses(t *testing.T) {
	dir := copyCourses(t)
	if err := copyDir(dir, "ki-grundlagen/1.0.0", "fuehrung-und-ki/1.0.0"); err != nil {
		t.Fatal(err)
	}
	m := "fuehrung-und-ki/1.0.0/course.yaml"
	editFile(t, dir, m, "id: ki-grundlagen", "id: fuehrung-und-ki")
	editFile(t, dir, m, "title: KI-Grundlagen für alle Beschäftigten", "title: KI-Einführung für Führungskräfte")
	editFile(t, dir, m, "level: L1", "level: L3")
	editFile(t, dir, m, "[alle]", "[fuehrung]")
	editFile(t, dir, m, "[KA-GRUND, KA-KRIT]", "[KA-STEUER]")
	editFile(t, dir, m, "duration_minutes: 30", "duration_minutes: 90")
	cat := loadExample(t, dir)
	tests := []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{"fuehrung-und-ki", "ki-grundlagen"}},
		{Filter{Query: "FÜHRUNGSKRÄFTE"}, []string{"fuehrung-und-ki"}},
		{Filter{Query: "fuehrungskraefte einfuehrung"}, []string{"fuehrung-und-ki"}},
		{Filter{Query: "beschäftigten"}, []string{"ki-grundlagen"}},
		{Filter{Query: "grenzen liegen"}, []string{"fuehrung-und-ki", "ki-grundlagen"}}, // words from the summary
		{Filter{Level: "L3"}, []string{"fuehrung-und-ki"}},
		{Filter{Audience: "alle"}, []string{"ki-grundlagen"}},
		{Filter{Competence: "KA-KRIT"}, []string{"ki-grundlagen"}},
		{Filter{Language: "en"}, nil},
		{Filter{MaxMinutes: 60}, []string{"ki-grundlagen"}},
		{Filter{Level: "L3", Query: "grundlagen"}, nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range cat.Filter(tt.f) {
			got = append(got, c.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Filter(%+v) = %v, want %v", tt.f, got, tt.want)
		}
	}
}
