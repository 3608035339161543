package form

import (
	"net/url"
	"slices"
	"testing"
)

// Forms read plain url.Values, so they are tested without a server or a Fiber request.
func TestUserFormReadsTheSubmittedValuesAndNamesWrongFields(t *testing.T) {
	f := NewUser(url.Values{"email": {"  anna@stadt.example "}, "display_name": {"Anna"}, "active": {"1"},
		"password": {"lang-genug-geheim"}, "org_unit_id": {"7"}, "roles": {"learner", "manager"}})
	if f.Email != "anna@stadt.example" || !f.Active || f.OrgUnitID != 7 || !slices.Equal(f.Roles, []string{"learner", "manager"}) {
		t.Fatalf("form read as %+v", f)
	}
	known := func(r string) bool { return r == "learner" || r == "manager" }
	if errs := f.Validate(true, known); len(errs) != 0 {
		t.Fatalf("a valid form has errors: %v", errs)
	}
	bad := NewUser(url.Values{"email": {"anna"}, "roles": {"king"}})
	errs := bad.Validate(true, known)
	for field, key := range map[string]string{"email": "form.email.invalid", "display_name": "form.name.required", "roles": "form.roles.invalid"} {
		if errs[field] != key {
			t.Errorf("%s: %q, want %q (all: %v)", field, errs[field], key, errs)
		}
	}
}
