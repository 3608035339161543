package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// copyCourseAs copies version folder of course from into a new course id in dir.
func copyCourseAs(t *testing.T, dir, from, version, id string) {
	t.Helper()
	dst := filepath.Join(dir, id, version)
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(dir, from, version))); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, id+"/"+version+"/course.yaml", "id: "+from, "id: "+id)
}

func TestVersionsWithEqualFilesShareTheirParsedQuizzesAndRenderedTexts(t *testing.T) {
	dir := copyCourses(t)
	copyCourseAs(t, dir, "ki-grundlagen", "1.1.0", "ki-grundlagen-kopie")
	// A third copy whose quiz is broken: its problem must name its own file, not the first one's.
	copyCourseAs(t, dir, "ki-grundlagen", "1.1.0", "ki-grundlagen-kaputt")
	editFile(t, dir, "ki-grundlagen-kaputt/1.1.0/modules/01-was-ist-ki/quiz.yaml", "pass_percent:", "pass_percent: 150\nx_pass_percent:")

	cat, report, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := cat.Version("ki-grundlagen", "1.1.0"), cat.Version("ki-grundlagen-kopie", "1.1.0")
	if a == nil || b == nil {
		t.Fatalf("versions not served: %v", report.Problems)
	}
	qa, qb := a.Module("was-ist-ki"), b.Module("was-ist-ki")
	if qa == nil || qb == nil || qa.Quiz == nil {
		t.Fatalf("modules: %+v %+v", qa, qb)
	}
	if qa.Quiz != qb.Quiz {
		t.Error("the same quiz file in two versions was parsed into two definitions")
	}
	if reflect.ValueOf(qa.QuestionHashes).UnsafePointer() != reflect.ValueOf(qb.QuestionHashes).UnsafePointer() ||
		reflect.ValueOf(qa.texts).UnsafePointer() != reflect.ValueOf(qb.texts).UnsafePointer() {
		t.Error("the same quiz file in two versions keeps two maps of question hashes or rendered texts")
	}
	if qa.version == qb.version || qb.Version().CourseID != "ki-grundlagen-kopie" {
		t.Error("the modules themselves must stay apart: each belongs to its own version")
	}
	equal := 0 // lessons with links to their own files render differently in each course
	for i := range a.Modules {
		ha, hb := a.Modules[i].HTML, b.Modules[i].HTML
		if ha == hb && len(ha) > 0 {
			equal++
			if unsafe.StringData(string(ha)) != unsafe.StringData(string(hb)) {
				t.Errorf("module %s: equal lesson HTML kept twice", a.Modules[i].ID)
			}
		}
	}
	if equal == 0 {
		t.Fatal("no lesson renders the same in both courses; the test checks nothing")
	}
	var own bool
	for _, p := range report.Problems {
		if strings.HasPrefix(p.Path, "ki-grundlagen-kaputt/1.1.0/modules/01-was-ist-ki/quiz.yaml") {
			own = true
		}
		if strings.HasPrefix(p.Path, "ki-grundlagen/") || strings.HasPrefix(p.Path, "ki-grundlagen-kopie/") {
			t.Errorf("a problem of the broken copy is reported for another course: %v", p)
		}
	}
	if !own {
		t.Errorf("the broken quiz is not reported with its own path: %v", report.Problems)
	}
}
