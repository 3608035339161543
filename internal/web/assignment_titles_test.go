package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

func TestAssignmentPagesNameCoursesByTitle(t *testing.T) {
	t.Parallel()
	f := newOrgFixture(t)
	id := f.assignBoth(t)
	f.env.CreateUser(t, "admin@stadt.example", pw, store.RoleAdmin)
	admin := f.client(t, "admin@stadt.example")
	list := admin.Get("/admin/assignments").Body
	for _, want := range []string{`<option value="ki-grundlagen">KI-Grundlagen für alle Beschäftigten</option>`,
		`<td class="kern-table__cell">KI-Grundlagen für alle Beschäftigten</td>`} {
		if !strings.Contains(list, want) {
			t.Errorf("the assignments page lacks %q", want)
		}
	}
	if strings.Contains(list, `>ki-grundlagen<`) {
		t.Error("the assignments page shows the course id")
	}
	detail := admin.Get("/admin/assignments/" + strconv.FormatInt(id, 10)).Body
	if !strings.Contains(detail, `<a class="kern-link" href="/courses/ki-grundlagen">KI-Grundlagen für alle Beschäftigten</a>`) {
		t.Error("the assignment page does not name its course by title")
	}
}
