package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

const hrHeader = "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\n"

// importFile parses data and applies it as a full list.
func importFile(t *testing.T, s *store.Store, data string) *importer.Plan {
	t.Helper()
	rows, errs, err := importer.Parse(strings.NewReader(hrHeader + data))
	if err != nil || len(errs) > 0 {
		t.Fatalf("parse: %v %v", err, errs)
	}
	plan, err := s.ApplyImport(context.Background(), rows, errs, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// newEvents returns the types and payloads of the evidence entries after seq, oldest first.
func newEvents(t *testing.T, s *store.Store, after int64) []string {
	t.Helper()
	var out []string
	for _, e := range allEvents(t, s) {
		if e.Seq > after {
			out = append(out, e.Type+" "+e.Payload)
		}
	}
	return out
}

func lastSeq(t *testing.T, s *store.Store) int64 {
	t.Helper()
	es := allEvents(t, s)
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].Seq
}

func TestImportRecordsRolesOnlyWhenTheyChangeAndKeepsAdminAndManagers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := mustPerson(t, s, "ada@x.de", nil, store.RoleAdmin)
		seq := lastSeq(t, s)
		importFile(t, s, "100;Admin;Ada;ada@x.de;Stadt;learner\n"+
			"101;Berg;Anna;anna@x.de;Stadt/Amt A;learner,manager\n"+
			"102;Kurz;Cem;cem@x.de;Stadt/Amt B;learner\n")
		got := newEvents(t, s, seq)
		want := []string{
			`user.roles_changed {"previous":[],"roles":["learner","manager"]}`,
			`user.roles_changed {"previous":[],"roles":["learner"]}`,
			`user.roles_changed {"previous":["admin"],"roles":["learner","admin"]}`,
			`hr.imported {"created":2,"deactivated":0,"mode":"full","moved":1,"units":3,"updated":1}`,
		}
		if !slices.Equal(got, want) {
			t.Fatalf("evidence of the first import:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if a, _ := s.UserByID(ctx, admin.ID); !a.HasRole(store.RoleAdmin) || !a.HasRole(store.RoleLearner) {
			t.Errorf("the admin's roles after the import: %+v", a.Roles)
		}
		anna, _ := s.UserByEmail(ctx, "anna@x.de")
		if units, _ := s.ManagerUnitsOf(ctx, anna.ID); !slices.Equal(units, []int64{*anna.OrgUnitID}) {
			t.Errorf("Anna manages %v, want her new unit %d", units, *anna.OrgUnitID)
		}

		// A new name is an update, but the roles stay: no roles entry, only the summary.
		seq = lastSeq(t, s)
		plan := importFile(t, s, "100;Admin;Ada;ada@x.de;Stadt;learner\n"+
			"101;Berg;Anna;anna@x.de;Stadt/Amt A;learner,manager\n"+
			"102;Kurz-Roth;Cem;cem@x.de;Stadt/Amt B;learner\n")
		got = newEvents(t, s, seq)
		want = []string{`hr.imported {"created":0,"deactivated":0,"mode":"full","moved":0,"units":0,"updated":1}`}
		if len(plan.Updates) != 1 || !slices.Equal(got, want) {
			t.Fatalf("a renaming: %d updates, evidence %v, want %v", len(plan.Updates), got, want)
		}
		cem, _ := s.UserByEmail(ctx, "cem@x.de")
		if cem.DisplayName != "Cem Kurz-Roth" || !slices.Equal(cem.RoleNames(), []string{store.RoleLearner}) {
			t.Errorf("Cem after the renaming: %q %v", cem.DisplayName, cem.RoleNames())
		}

		// Cem becomes a manager: one roles entry, and he manages his unit.
		seq = lastSeq(t, s)
		importFile(t, s, "100;Admin;Ada;ada@x.de;Stadt;learner\n"+
			"101;Berg;Anna;anna@x.de;Stadt/Amt A;learner,manager\n"+
			"102;Kurz-Roth;Cem;cem@x.de;Stadt/Amt B;manager\n")
		got = newEvents(t, s, seq)
		want = []string{
			`user.roles_changed {"previous":["learner"],"roles":["manager"]}`,
			`hr.imported {"created":0,"deactivated":0,"mode":"full","moved":0,"units":0,"updated":1}`,
		}
		if !slices.Equal(got, want) {
			t.Fatalf("a new manager: evidence %v, want %v", got, want)
		}
		if units, _ := s.ManagerUnitsOf(ctx, cem.ID); !slices.Equal(units, []int64{*cem.OrgUnitID}) {
			t.Errorf("Cem manages %v, want his unit %d", units, *cem.OrgUnitID)
		}

		// The same file again writes no evidence, but a manager's link removed by hand comes back.
		if err := s.RemoveManagerUnit(ctx, anna.ID, *anna.OrgUnitID); err != nil {
			t.Fatal(err)
		}
		seq = lastSeq(t, s)
		if plan := importFile(t, s, "100;Admin;Ada;ada@x.de;Stadt;learner\n"+
			"101;Berg;Anna;anna@x.de;Stadt/Amt A;learner,manager\n"+
			"102;Kurz-Roth;Cem;cem@x.de;Stadt/Amt B;manager\n"); !plan.Empty() || len(newEvents(t, s, seq)) != 0 {
			t.Fatalf("the same file again: plan %+v, evidence %v", plan, newEvents(t, s, seq))
		}
		if units, _ := s.ManagerUnitsOf(ctx, anna.ID); !slices.Equal(units, []int64{*anna.OrgUnitID}) {
			t.Errorf("after the same file again Anna manages %v, want %d", units, *anna.OrgUnitID)
		}
	})
}
