package content

import (
	"os"
	"strings"
	"testing"
)

// The courses shipped with ailit must always validate.
func TestShippedCoursesAreValid(t *testing.T) {
	const dir = "../../courses"
	entries, _ := os.ReadDir(dir)
	hasCourse := false
	for _, e := range entries {
		hasCourse = hasCourse || (e.IsDir() && !strings.HasPrefix(e.Name(), "."))
	}
	if !hasCourse {
		t.Skip("no courses in " + dir)
	}
	if ps := problemStrings(t, dir); len(ps) > 0 {
		t.Fatalf("%d problems in the shipped courses:\n%s", len(ps), strings.Join(ps, "\n"))
	}
}
