package form

import (
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/ailit/ailit/internal/inventory"
	"github.com/ailit/ailit/internal/measure"
)

// AISystem is the admin form of an AI system of the inventory.
type AISystem struct {
	Key, Name, Provider, Purpose, Status string
	Classification                       []string
	AnnexArea                            string
	UnitIDs                              []int64
	Contact, DPIA, FRIA, Contract        string
	ReviewDate                           string // YYYY-MM-DD from <input type="date">
	Public                               bool
}

// NewAISystem reads the form; classification and unit_id may be given several times.
func NewAISystem(form url.Values) AISystem {
	f := AISystem{Key: trimmed(form, "key"), Name: trimmed(form, "name"), Provider: trimmed(form, "provider"),
		Purpose: trimmed(form, "purpose"), Status: trimmed(form, "status"), AnnexArea: trimmed(form, "annex_area"),
		Contact: trimmed(form, "contact"), DPIA: trimmed(form, "dpia"), FRIA: trimmed(form, "fria"), Contract: trimmed(form, "contract"),
		ReviewDate: trimmed(form, "review_date"), Public: form.Get("public") == "1"}
	for _, v := range form["classification"] {
		f.Classification = append(f.Classification, v)
	}
	for _, v := range form["unit_id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 && !slices.Contains(f.UnitIDs, id) {
			f.UnitIDs = append(f.UnitIDs, id)
		}
	}
	return f
}

// AISystemOf fills the form from a stored system.
func AISystemOf(s inventory.System, units []int64) AISystem {
	f := AISystem{Key: s.Key, Name: s.Name, Provider: s.Provider, Purpose: s.Purpose, Status: string(s.Status),
		Classification: s.Classification, UnitIDs: units, Contact: s.Contact, DPIA: s.Documents.DPIA,
		FRIA: s.Documents.FRIA, Contract: s.Documents.Contract, Public: s.Public}
	if s.AnnexIIIArea != 0 {
		f.AnnexArea = strconv.Itoa(s.AnnexIIIArea)
	}
	if !s.ReviewDate.IsZero() {
		f.ReviewDate = s.ReviewDate.Format(time.DateOnly)
	}
	return f
}

// HasClass, HasUnit and AreaIs keep the choices in the template.
func (f AISystem) HasClass(c string) bool { return slices.Contains(f.Classification, c) }
func (f AISystem) HasUnit(id int64) bool  { return slices.Contains(f.UnitIDs, id) }
func (f AISystem) AreaIs(n int) bool      { return f.AnnexArea == strconv.Itoa(n) }

// Validate returns the system the form describes and the problems of each field; unitExists
// says which units exist.
func (f AISystem) Validate(unitExists func(int64) bool) (inventory.System, Errors) {
	errs := Errors{}
	s := inventory.System{Key: f.Key, Name: f.Name, Provider: f.Provider, Purpose: f.Purpose, Status: inventory.Status(f.Status),
		Classification: inventory.SortClassification(f.Classification), Contact: f.Contact, Public: f.Public,
		Documents: inventory.Documents{DPIA: f.DPIA, FRIA: f.FRIA, Contract: f.Contract}}
	if f.AnnexArea != "" {
		n, err := strconv.Atoi(f.AnnexArea)
		if err != nil {
			errs["annex_area"] = "inventory.err.annex_area"
		}
		s.AnnexIIIArea = n
	}
	if f.ReviewDate != "" {
		d, err := time.Parse(time.DateOnly, f.ReviewDate)
		if err != nil {
			errs["review_date"] = "inventory.err.review_date"
		}
		s.ReviewDate = d
	}
	for _, p := range s.Validate() {
		if _, seen := errs[p.Field]; !seen {
			errs[p.Field] = p.Key
		}
	}
	for _, id := range f.UnitIDs {
		if !unitExists(id) {
			errs["unit_id"] = "inventory.err.units"
		}
	}
	return s, errs
}

// AIRule is the form that adds a requirement rule to a system.
type AIRule struct {
	Role, Measure, Other, ValidityMonths, DueDays string
}

// NewAIRule reads the rule form. A measure typed as "kind:id" (a live session series, a policy,
// external evidence) takes the place of the course chosen from the list.
func NewAIRule(form url.Values) AIRule {
	f := AIRule{Role: trimmed(form, "role"), Measure: trimmed(form, "measure"), Other: trimmed(form, "measure_other"),
		ValidityMonths: trimmed(form, "validity_months"), DueDays: trimmed(form, "due_days")}
	return f
}

// Validate returns the rule and the problems per field; known says which measures exist.
func (f AIRule) Validate(known func(measure.Ref) bool) (inventory.Rule, Errors) {
	errs := Errors{}
	r := inventory.Rule{Role: f.Role, DueDays: inventory.DefaultDueDays}
	field, text := "measure", f.Measure
	if f.Other != "" {
		field, text = "measure_other", f.Other
	}
	ref, err := measure.Parse(text)
	if err != nil {
		errs[field] = "inventory.err.measure_other"
	}
	r.Measure = ref
	if f.ValidityMonths != "" {
		if r.ValidityMonths, err = strconv.Atoi(f.ValidityMonths); err != nil {
			r.ValidityMonths = -1
		}
	}
	if f.DueDays != "" {
		if r.DueDays, err = strconv.Atoi(f.DueDays); err != nil {
			r.DueDays = 0
		}
	}
	for _, p := range r.Validate(known) {
		if p.Field == "measure" {
			p.Field = field
		}
		if _, seen := errs[p.Field]; !seen {
			errs[p.Field] = p.Key
		}
	}
	return r, errs
}
