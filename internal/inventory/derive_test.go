package inventory_test

import (
	"reflect"
	"testing"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
)

func ref(s string) measure.Ref {
	r, err := measure.Parse(s)
	if err != nil {
		panic(err)
	}
	return r
}

var (
	useKI   = inventory.Rule{Role: inventory.RoleUser, Measure: ref("course:ki-sicher-nutzen"), ValidityMonths: 24, DueDays: 90}
	policy  = inventory.Rule{Role: inventory.RoleUser, Measure: ref("policy:dienstanweisung-ki"), DueDays: 30}
	actKI   = inventory.Rule{Role: inventory.RoleOversight, Measure: ref("course:ai-act-verwaltung"), ValidityMonths: 12, DueDays: 60}
	decide  = inventory.Rule{Role: inventory.RoleDecisionMaker, Measure: ref("course:ki-sicher-nutzen"), DueDays: 90}
	adminWS = inventory.Rule{Role: inventory.RoleAdministrator, Measure: ref("session:ki-beschaffung"), DueDays: 90}
)

func TestDeriveGivesEachRuleTheAudienceOfItsRole(t *testing.T) {
	tests := []struct {
		name    string
		status  inventory.Status
		units   []int64
		holders []inventory.Holder
		rules   []inventory.Rule
		want    []inventory.Audience
	}{
		{"users are the using units", inventory.StatusInUse, []int64{7, 3, 7}, nil,
			[]inventory.Rule{useKI}, []inventory.Audience{{UnitIDs: []int64{3, 7}}}},
		{"named users join the units", inventory.StatusPilot, []int64{3},
			[]inventory.Holder{{UserID: 42, Role: inventory.RoleUser}},
			[]inventory.Rule{useKI}, []inventory.Audience{{UnitIDs: []int64{3}, UserIDs: []int64{42}}}},
		{"oversight is only the named people", inventory.StatusInUse, []int64{3},
			[]inventory.Holder{{UserID: 9, Role: inventory.RoleOversight}, {UserID: 5, Role: inventory.RoleOversight}, {UserID: 9, Role: inventory.RoleOversight}},
			[]inventory.Rule{useKI, actKI}, []inventory.Audience{{UnitIDs: []int64{3}}, {UserIDs: []int64{5, 9}}}},
		{"a role nobody holds has an empty audience", inventory.StatusInUse, []int64{3}, nil,
			[]inventory.Rule{decide, adminWS}, []inventory.Audience{{}, {}}},
		{"a planned system requires nothing yet", inventory.StatusPlanned, []int64{3},
			[]inventory.Holder{{UserID: 9, Role: inventory.RoleOversight}},
			[]inventory.Rule{useKI, actKI}, []inventory.Audience{{}, {}}},
		{"a retired system requires nothing any more", inventory.StatusRetired, []int64{3}, nil,
			[]inventory.Rule{useKI}, []inventory.Audience{{}}},
		{"no rules, no requirements", inventory.StatusInUse, []int64{3}, nil, nil, []inventory.Audience{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inventory.Derive(tt.status, tt.units, tt.holders, tt.rules)
			audiences := []inventory.Audience{}
			for i, r := range got {
				if r.Rule != tt.rules[i] {
					t.Errorf("requirement %d has rule %+v, want %+v", i, r.Rule, tt.rules[i])
				}
				audiences = append(audiences, r.Audience)
			}
			if !reflect.DeepEqual(audiences, tt.want) {
				t.Errorf("audiences = %+v, want %+v", audiences, tt.want)
			}
		})
	}
}

func TestNeedsNamesTheRoleBehindEveryMeasure(t *testing.T) {
	people := []inventory.Person{{UserID: 1, OrgUnitID: 3}, {UserID: 2, OrgUnitID: 3}, {UserID: 3, OrgUnitID: 8}, {UserID: 4, OrgUnitID: 0}}
	holders := []inventory.Holder{{UserID: 2, Role: inventory.RoleOversight}, {UserID: 3, Role: inventory.RoleOversight},
		{UserID: 2, Role: inventory.RoleDecisionMaker}}
	tests := []struct {
		name   string
		status inventory.Status
		rules  []inventory.Rule
		want   map[int64][]inventory.Need
	}{
		{"user and oversight", inventory.StatusInUse, []inventory.Rule{useKI, policy, actKI}, map[int64][]inventory.Need{
			1: {{Role: "user", Measure: useKI.Measure}, {Role: "user", Measure: policy.Measure}},
			2: {{Role: "user", Measure: useKI.Measure}, {Role: "user", Measure: policy.Measure}, {Role: "oversight", Measure: actKI.Measure}},
			3: {{Role: "oversight", Measure: actKI.Measure}},
		}},
		{"a measure two roles need counts once, for the first role", inventory.StatusInUse, []inventory.Rule{decide, useKI}, map[int64][]inventory.Need{
			1: {{Role: "user", Measure: useKI.Measure}},
			2: {{Role: "user", Measure: useKI.Measure}},
		}},
		{"only a role without people in the unit", inventory.StatusInUse, []inventory.Rule{actKI}, map[int64][]inventory.Need{
			2: {{Role: "oversight", Measure: actKI.Measure}},
			3: {{Role: "oversight", Measure: actKI.Measure}},
		}},
		{"a pilot counts", inventory.StatusPilot, []inventory.Rule{decide}, map[int64][]inventory.Need{
			2: {{Role: "decision_maker", Measure: decide.Measure}},
		}},
		{"a planned system needs nothing", inventory.StatusPlanned, []inventory.Rule{useKI, actKI}, map[int64][]inventory.Need{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inventory.Needs(tt.status, []int64{3}, holders, tt.rules, people)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("needs = %+v\nwant    %+v", got, tt.want)
			}
		})
	}
}

func TestCoverCountsPeopleWithEveryMeasureTaken(t *testing.T) {
	rules := []inventory.Rule{useKI, policy, actKI}
	needs := map[int64][]inventory.Need{
		1: {{Role: "user", Measure: useKI.Measure}, {Role: "user", Measure: policy.Measure}},
		2: {{Role: "user", Measure: useKI.Measure}, {Role: "user", Measure: policy.Measure}, {Role: "oversight", Measure: actKI.Measure}},
		3: {{Role: "oversight", Measure: actKI.Measure}},
		4: {{Role: "user", Measure: useKI.Measure}, {Role: "user", Measure: policy.Measure}},
	}
	states := map[int64]map[measure.Ref]assign.State{
		1: {useKI.Measure: assign.Completed, policy.Measure: assign.Exempted},
		2: {useKI.Measure: assign.Completed, policy.Measure: assign.Completed, actKI.Measure: assign.Overdue},
		3: {actKI.Measure: assign.Completed},
		4: {useKI.Measure: assign.InProgress}, // the policy has no assignment yet: open
	}
	got := inventory.Cover(rules, needs, func(id int64, m measure.Ref) (assign.State, bool) {
		st, ok := states[id][m]
		return st, ok
	})
	if got.People != 4 || got.Covered != 2 || got.Percent != 50 {
		t.Errorf("people %d, covered %d, percent %v; want 4, 2, 50", got.People, got.Covered, got.Percent)
	}
	if !reflect.DeepEqual(got.Overdue, []int64{2}) || !reflect.DeepEqual(got.Open, []int64{4}) {
		t.Errorf("overdue %v, open %v; want [2], [4]", got.Overdue, got.Open)
	}
	want := []inventory.RoleCoverage{
		{Role: "user", Measures: []measure.Ref{useKI.Measure, policy.Measure}, People: 3, Covered: 2},
		{Role: "oversight", Measures: []measure.Ref{actKI.Measure}, People: 2, Covered: 1},
	}
	if !reflect.DeepEqual(got.Roles, want) {
		t.Errorf("roles = %+v\nwant    %+v", got.Roles, want)
	}
	if empty := inventory.Cover(rules, nil, nil); empty.Percent != 0 || empty.People != 0 {
		t.Errorf("nobody needing anything gives %+v", empty)
	}
}
