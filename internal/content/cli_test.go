package content

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestValidateCommand(t *testing.T) {
	var out bytes.Buffer
	if code := ValidateCommand(&out, "testdata/courses", false); code != 0 || out.String() != "OK: 2 versions checked, no problems.\n" {
		t.Errorf("valid courses: exit %d, output %q", code, out.String())
	}

	dir := copyCourses(t)
	editFile(t, dir, "ki-grundlagen/1.1.0/course.yaml", "level: L1", "level: L9")
	out.Reset()
	code := ValidateCommand(&out, dir, false)
	want := "ki-grundlagen/1.1.0/course.yaml:9:8: level \"L9\" must be one of: L1, L2, L3\n" +
		"1 problems; 1 of 2 versions cannot be served.\n"
	if code != 1 || out.String() != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out.String(), want)
	}

	out.Reset()
	if code := ValidateCommand(&out, dir, true); code != 1 {
		t.Errorf("--json exit %d", code)
	}
	var got struct {
		Problems []Problem
		Summary  string
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got.Problems) != 1 || got.Problems[0].Line != 9 || got.Problems[0].Col != 8 {
		t.Errorf("--json output %s (%v)", out.String(), err)
	}

	out.Reset()
	if code := ValidateCommand(&out, dir+"/nope", false); code != 1 {
		t.Errorf("missing folder: exit %d", code)
	}
}

func TestListCommand(t *testing.T) {
	dir := copyCourses(t)
	editFile(t, dir, "ki-grundlagen/1.1.0/course.yaml", "level: L1", "level: L9")
	var out bytes.Buffer
	ListCommand(&out, dir)
	want := "COURSE         VERSION  STATUS     TITLE\n" +
		"ki-grundlagen  1.0.0    published  KI-Grundlagen für alle Beschäftigten\n" +
		"ki-grundlagen  1.1.0    broken     KI-Grundlagen für alle Beschäftigten\n" +
		"1 broken versions: run `ailit courses validate " + dir + "` to see why.\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
