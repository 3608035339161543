package form

import (
	"net/url"
	"testing"
	"time"
)

func TestAssignmentFormNamesEveryWrongRuleField(t *testing.T) {
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	ok := url.Values{"course_id": {"ki-grundlagen"}, "title": {" KI-Basis "}, "due_kind": {"fixed"}, "due_date": {"2027-01-31"},
		"validity_months": {"24"}, "window_days": {"60"}, "unit_id": {"3", "3", "x", "5"}, "role": {"manager"}}
	f := NewAssignment(ok)
	rule, errs := f.Validate(now, nil)
	if len(errs) != 0 || f.Title != "KI-Basis" || len(f.UnitIDs) != 2 || rule.DueDate == nil || rule.ValidityMonths != 24 || rule.Window != 60 {
		t.Fatalf("a valid form: %+v %+v %v", f, rule, errs)
	}
	past := time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC) // 1 Dec 2026 in Berlin
	for _, tt := range []struct {
		name, field, value, wantField, wantKey string
		keep                                   *time.Time
	}{
		{"no title", "title", "", "title", "assign.err.title", nil},
		{"a date that is no date", "due_date", "31.01.2027", "due_date", "assign.err.date", nil},
		{"a date in the past", "due_date", "2026-12-01", "due_date", "assign.err.past", nil},
		{"the stored past date while editing", "due_date", "2026-12-01", "", "", &past},
		{"an unknown due rule", "due_kind", "someday", "due_kind", "assign.err.kind", nil},
		{"validity over ten years", "validity_months", "121", "validity_months", "assign.err.number", nil},
		{"a window without validity", "validity_months", "", "window_days", "assign.err.window", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := url.Values{}
			for k, vs := range ok {
				v[k] = vs
			}
			v.Set(tt.field, tt.value)
			_, errs := NewAssignment(v).Validate(now, tt.keep)
			if tt.wantField == "" && len(errs) != 0 || tt.wantField != "" && (len(errs) != 1 || errs[tt.wantField] != tt.wantKey) {
				t.Errorf("errors %v, want %s: %s", errs, tt.wantField, tt.wantKey)
			}
		})
	}
	days := NewAssignment(url.Values{"title": {"x"}, "due_kind": {"after_assignment"}, "due_days": {"0"}})
	if _, errs := days.Validate(now, nil); errs["due_days"] != "assign.err.days" {
		t.Errorf("0 days: %v", errs)
	}
}
