package reporting

import (
	"context"
	"slices"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

// AISystemEvidence is the Art. 4 record of one AI system for a viewer: who (in the viewer's
// scope) needs what, the coverage, who is open and overdue, and the rationale per role.
type AISystemEvidence struct {
	System     *store.AISystem
	Coverage   inventory.Coverage
	Suppressed bool // fewer than k people: no numbers shown (k-anonymity)
	Named      bool // the privacy level allows names of open and overdue people
	Open       []PersonRef
	Overdue    []PersonRef
}

// PersonRef names a person in a list of open or overdue people.
type PersonRef struct {
	Name, Unit string
}

// AISystems computes the record of every system that has rules, for the people of a scope.
// Counts are hidden for groups smaller than k; names of open and overdue people appear only when
// the privacy level shows people (status or results) and the group is not suppressed.
func (s *Source) AISystems(ctx context.Context, sc store.Scope, rs store.ReportSettings) ([]AISystemEvidence, error) {
	systems, err := s.Store.AISystems(ctx)
	if err != nil {
		return nil, err
	}
	level, _ := report.ParseLevel(rs.Level)
	var out []AISystemEvidence
	for i := range systems {
		sys := &systems[i]
		if len(sys.Rules) == 0 {
			continue
		}
		e, err := s.aiSystem(ctx, sc, sys)
		if err != nil {
			return nil, err
		}
		e.Suppressed = e.Coverage.People > 0 && e.Coverage.People < rs.K
		e.Named = level != report.LevelAggregate && !e.Suppressed
		if !e.Named {
			e.Open, e.Overdue = nil, nil
		}
		out = append(out, e)
	}
	return out, nil
}

func (s *Source) aiSystem(ctx context.Context, sc store.Scope, sys *store.AISystem) (AISystemEvidence, error) {
	e := AISystemEvidence{System: sys}
	people, err := s.Store.AISystemPeople(ctx, sc, sys)
	if err != nil {
		return e, err
	}
	inScope := map[int64]store.User{}
	var persons []inventory.Person
	for _, u := range people {
		inScope[u.ID] = u
		p := inventory.Person{UserID: u.ID}
		if u.OrgUnitID != nil {
			p.OrgUnitID = *u.OrgUnitID
		}
		persons = append(persons, p)
	}
	var holders []inventory.Holder
	for _, h := range sys.PureHolders() {
		if _, ok := inScope[h.UserID]; ok { // a holder outside the viewer's units is not theirs to see
			holders = append(holders, h)
		}
	}
	rules := sys.PureRules()
	needs := inventory.Needs(inventory.Status(sys.Status), sys.UnitIDs(), holders, rules, persons)
	states, err := s.aiStates(ctx, sc, sys)
	if err != nil {
		return e, err
	}
	e.Coverage = inventory.Cover(rules, needs, func(id int64, m measure.Ref) (assign.State, bool) {
		st, ok := states[stateKey{id, m}]
		return st, ok
	})
	ref := func(id int64) PersonRef {
		u := inScope[id]
		r := PersonRef{Name: u.DisplayName}
		if u.OrgUnitID != nil {
			r.Unit = s.UnitPath(*u.OrgUnitID)
		}
		return r
	}
	for _, id := range e.Coverage.Open {
		e.Open = append(e.Open, ref(id))
	}
	for _, id := range e.Coverage.Overdue {
		e.Overdue = append(e.Overdue, ref(id))
	}
	return e, nil
}

type stateKey struct {
	user    int64
	measure measure.Ref
}

// stateRank orders states from best to worst, for a measure two rules of a system carry.
var stateRank = []assign.State{assign.Completed, assign.Exempted, assign.InProgress, assign.NotStarted, assign.DueSoon, assign.Expired, assign.Overdue}

// aiStates evaluates the members of the system's rule assignments: each person's state per measure.
func (s *Source) aiStates(ctx context.Context, sc store.Scope, sys *store.AISystem) (map[stateKey]assign.State, error) {
	out := map[stateKey]assign.State{}
	for _, r := range sys.Rules {
		if r.AssignmentID == nil {
			continue
		}
		ref, err := measure.Parse(r.Measure)
		if err != nil {
			continue
		}
		recs, err := s.Store.MemberRecords(ctx, sc, store.RecordFilter{AssignmentID: *r.AssignmentID})
		if err != nil {
			return nil, err
		}
		evaluated, err := compliance.Evaluate(ctx, s.Store, s.Library, recs, s.Now)
		if err != nil {
			return nil, err
		}
		for _, ev := range evaluated {
			k := stateKey{ev.User.ID, ref}
			if old, ok := out[k]; !ok || slices.Index(stateRank, ev.State) < slices.Index(stateRank, old) {
				out[k] = ev.State
			}
		}
	}
	return out, nil
}

// AISystemSummaries are the systems as the evidence document carries them: aggregated only, with
// coverage hidden below k at every privacy level.
func (s *Source) AISystemSummaries(ctx context.Context, sc store.Scope, rs store.ReportSettings) ([]report.AISystem, error) {
	es, err := s.AISystems(ctx, sc, rs)
	if err != nil {
		return nil, err
	}
	out := []report.AISystem{}
	for _, e := range es {
		m := e.System.Model()
		sum := report.AISystem{ID: m.Key, Name: m.Name, Classification: m.Classification}
		if sum.Classification == nil {
			sum.Classification = []string{}
		}
		for _, rc := range e.Coverage.Roles {
			r := report.AISystemRole{Role: rc.Role}
			for _, ref := range rc.Measures {
				r.Measures = append(r.Measures, ref.String())
			}
			sum.Roles = append(sum.Roles, r)
		}
		if !e.Suppressed {
			p := e.Coverage.Percent
			sum.People, sum.Coverage = e.Coverage.People, &p
		}
		out = append(out, sum)
	}
	return out, nil
}
