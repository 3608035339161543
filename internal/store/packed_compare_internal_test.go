package store

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"
)

// The packed column is a fast path for SQLite: the plain query (scanReportRecords, which
// PostgreSQL and reports as of a past instant use) must give the same records on the same data,
// whatever the member facts hold: equal, different and empty hashes, completions of translations,
// exemptions, texts with separators. The packed records come in parts merged by name (one part per
// core): equal names, names apart only in case or accents, must come in the order of the query.
func TestPackedReportRecordsEqualThePlainQuery(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3)) // three parts, whatever the machine
	ctx := context.Background()
	s, err := Open(ctx, "sqlite://"+filepath.Join(t.TempDir(), "packed.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	unit, err := s.CreateOrgUnit(ctx, nil, "Bauamt")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Anna \x1f Becker", "Ümit \"Ü\" Çelik; Amt", "Bernd", "Zoë", "Carl", "Dana", "Emil",
		"Bernd", "bernd", "Zoe", "Bernd", "Anna", "Émile", "Bernd"}
	var first int64
	for i, name := range names {
		pn := fmt.Sprintf("00%d", i)
		u := &User{Email: fmt.Sprintf("p%d@stadt.example", i), DisplayName: name, OrgUnitID: &unit.ID, PersonnelNumber: &pn}
		if err := s.CreateUser(ctx, u, []string{RoleLearner}); err != nil {
			t.Fatal(err)
		}
		if first == 0 {
			first = u.ID
		}
	}
	due := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, course := range []string{"ki-grundlagen", "ai-act-verwaltung"} {
		a := &Assignment{CourseID: course, Title: course, DueKind: "fixed", DueDate: &due, CreatedBy: first,
			Targets: []AssignmentTarget{{Kind: TargetUnit, OrgUnitID: &unit.ID}}}
		if err := s.SaveAssignment(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SyncAssignment(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
	}
	// The member facts as refreshMemberFacts could leave them, one kind per person.
	done := "2026-03-14 09:30:00+00:00"
	facts := []struct {
		set  string
		args []any
	}{
		{"enrolled_version = '1.2.0', enrolled_hash = 'aaa', started = 1, completed_version = '1.2.0', completed_hash = 'aaa', completed_course = 'ki-grundlagen', completed_at = ?, valid_until = ?", []any{done, "2028-03-14 09:30:00+00:00"}},
		{"enrolled_version = '1.3.0', enrolled_hash = 'bbb', started = 1, completed_version = '1.2.0', completed_hash = 'aaa', completed_course = 'ki-grundlagen', completed_at = ?", []any{done}},
		{"enrolled_version = '1.3.0', enrolled_hash = 'bbb', started = 1", nil},
		{"completed_version = '1.0.0', completed_hash = '.x', completed_course = 'ai-basics', completed_at = ?", []any{done}},
		{"enrolled_hash = 'ccc', completed_hash = ''", nil},
		{"enrolled_hash = 'o''k', completed_hash = 'aaa'", nil},
		{"exempted = 1, exemption_reason = 'Eltern\x1fzeit; bis März'", nil},
	}
	for i, f := range facts {
		sql := "UPDATE assignment_members SET " + f.set + " WHERE user_id = (SELECT id FROM users WHERE email = ?)"
		if err := s.w.Exec(sql, append(f.args, fmt.Sprintf("p%d@stadt.example", i))...).Error; err != nil {
			t.Fatal(err)
		}
	}
	// Published versions: their hashes travel as numbers (hashCodes); ccc and .x are not among them.
	for i, h := range []string{"aaa", "bbb", "o'k"} {
		if err := s.w.Exec("INSERT INTO course_version_hashes (course_id, version, hash, first_seen_at) VALUES (?, ?, ?, ?)",
			"ki-grundlagen", fmt.Sprintf("1.%d.0", i+1), h, done).Error; err != nil {
			t.Fatal(err)
		}
	}
	rules, err := s.assignmentRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fam, err := s.Families(ctx)
	if err != nil {
		t.Fatal(err)
	}
	read := func(packed bool, f ReportFilter) []ReportRecord {
		var out []ReportRecord
		keep := func(r *ReportRecord) error { out = append(out, *r); return nil }
		var err error
		if packed {
			err = s.streamPackedReportRecords(ctx, f, rules, fam, keep)
		} else {
			err = s.scanReportRecords(ctx, f, rules, fam, func(r *ReportRecord) bool { return keep(r) == nil })
		}
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, f := range []ReportFilter{{AllUnits: true}, {Units: []int64{unit.ID}, WithResults: true}} {
		plain, packed := read(false, f), read(true, f)
		if len(plain) != 2*len(names) {
			t.Fatalf("%d records from the plain query, want %d", len(plain), 2*len(names))
		}
		if !reflect.DeepEqual(packed, plain) {
			for i := range plain {
				if i < len(packed) && !reflect.DeepEqual(packed[i], plain[i]) {
					t.Errorf("record %d:\npacked %+v\nplain  %+v", i, packed[i], plain[i])
				}
			}
			t.Fatalf("%d packed records, %d plain ones, not the same", len(packed), len(plain))
		}
	}
}
