package form

import "testing"

func TestCourseNewNamesEveryWrongField(t *testing.T) {
	ok := CourseNew{ID: "ki-im-amt", Title: "KI im Amt", Language: "de", Level: "L1", Audiences: []string{"alle"}, Competences: []string{"KA-GRUND"}}
	if errs := ok.Validate(); len(errs) != 0 {
		t.Fatalf("a valid form has errors: %v", errs)
	}
	tests := []struct {
		name  string
		edit  func(*CourseNew)
		field string
		key   string
	}{
		{"no id", func(f *CourseNew) { f.ID = "" }, "id", "authoring.course.id.required"},
		{"id with capitals", func(f *CourseNew) { f.ID = "KI-Amt" }, "id", "authoring.course.id.invalid"},
		{"id as a path", func(f *CourseNew) { f.ID = "../etc" }, "id", "authoring.course.id.invalid"},
		{"no title", func(f *CourseNew) { f.Title = "" }, "title", "authoring.course.title.required"},
		{"unknown language", func(f *CourseNew) { f.Language = "fr" }, "language", "authoring.course.language.invalid"},
		{"unknown level", func(f *CourseNew) { f.Level = "L4" }, "level", "authoring.course.level.invalid"},
		{"no audience", func(f *CourseNew) { f.Audiences = nil }, "audiences", "authoring.course.audiences.required"},
		{"unknown competence", func(f *CourseNew) { f.Competences = []string{"KA-X"} }, "competences", "authoring.course.competences.required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ok
			tt.edit(&f)
			errs := f.Validate()
			if len(errs) != 1 || errs[tt.field] != tt.key {
				t.Errorf("errors %v, want %s: %s", errs, tt.field, tt.key)
			}
		})
	}
}
