package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

func countRows(t *testing.T, s *store.Store, model any) int64 {
	t.Helper()
	var n int64
	if err := s.TestReader().Model(model).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestExternalLoginLinksTheHRAccountByPersonnelNumberInsteadOfCreatingOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		number := "004711"
		hr := &store.User{Email: "alt@stadt.example", DisplayName: "Anna Alt", Active: true, PersonnelNumber: &number}
		if err := s.CreateUser(ctx, hr, []string{store.RoleLearner}); err != nil {
			t.Fatal(err)
		}
		unit, err := s.CreateOrgUnit(ctx, nil, "Bauamt")
		if err != nil {
			t.Fatal(err)
		}
		in := store.ExternalLogin{Provider: "oidc", Subject: "sub-1", Email: "Anna.Neu@stadt.example", DisplayName: "Anna Neu",
			PersonnelNumber: "004711", Roles: []string{store.RoleLearner, store.RoleTrainer}, OrgUnitID: &unit.ID}
		u, err := s.LoginExternal(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != hr.ID || u.Email != "anna.neu@stadt.example" || u.DisplayName != "Anna Neu" || *u.OrgUnitID != unit.ID ||
			!slices.Equal(u.RoleNames(), []string{store.RoleLearner, store.RoleTrainer}) {
			t.Fatalf("linked account: %+v roles %v", u, u.RoleNames())
		}
		if n := countRows(t, s, &store.User{}); n != 1 {
			t.Fatalf("%d users, want the HR account only", n)
		}
		// The next login with the same subject finds the account by its link, even with another email.
		in.Email, in.PersonnelNumber, in.Roles = "anna@stadt.example", "", []string{store.RoleLearner}
		again, err := s.LoginExternal(ctx, in)
		if err != nil || again.ID != hr.ID || again.HasRole(store.RoleTrainer) || *again.PersonnelNumber != "004711" {
			t.Fatalf("second login: %v %+v", err, again)
		}
	})
}

func TestExternalLoginThatFailsLeavesNothingBehind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.CreateUser(ctx, &store.User{Email: "belegt@stadt.example", DisplayName: "B", Active: true}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoginExternal(ctx, store.ExternalLogin{Provider: "ldap", Subject: "x", Email: "neu@stadt.example", Roles: []string{"chef"}}); domain.ErrorCode(err) != domain.EINVALID {
			t.Fatalf("unknown role: %v", err)
		}
		first, err := s.LoginExternal(ctx, store.ExternalLogin{Provider: "ldap", Subject: "a", Email: "neu@stadt.example"})
		if err != nil {
			t.Fatal(err)
		}
		// The directory now gives the person an email another account holds: refused, nothing changed.
		if _, err := s.LoginExternal(ctx, store.ExternalLogin{Provider: "ldap", Subject: "a", Email: "belegt@stadt.example"}); err != store.ErrExternalEmailUsed {
			t.Fatalf("email clash: %v", err)
		}
		if u, _ := s.UserByID(ctx, first.ID); u.Email != "neu@stadt.example" {
			t.Fatalf("email changed to %s", u.Email)
		}
		if users, ids := countRows(t, s, &store.User{}), countRows(t, s, &store.UserIdentity{}); users != 2 || ids != 1 {
			t.Fatalf("%d users, %d identities after failed logins", users, ids)
		}
	})
}

func TestDeactivatedAccountCannotLogInExternally(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u, err := s.LoginExternal(ctx, store.ExternalLogin{Provider: "ldap", Subject: "uuid-1", LoginName: "MMuster", Email: "m@stadt.example"})
		if err != nil {
			t.Fatal(err)
		}
		id, err := s.DeactivateExternal(ctx, "ldap", "", "mmuster")
		if err != nil || id != u.ID {
			t.Fatalf("deactivate by login name: %d %v", id, err)
		}
		if _, err := s.LoginExternal(ctx, store.ExternalLogin{Provider: "ldap", Subject: "uuid-1", Email: "m@stadt.example"}); err != store.ErrAccountInactive {
			t.Fatalf("login of a deactivated account: %v", err)
		}
		if id, err := s.DeactivateExternal(ctx, "ldap", "unbekannt", ""); id != 0 || err != nil {
			t.Fatalf("unknown subject: %d %v", id, err)
		}
	})
}

func TestOrgUnitIsFoundByItsNamePath(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		root, _ := s.CreateOrgUnit(ctx, nil, "Stadtverwaltung")
		bau, _ := s.CreateOrgUnit(ctx, &root.ID, "Bauamt")
		if u, err := s.OrgUnitByNamePath(ctx, " Stadtverwaltung / Bauamt "); err != nil || u.ID != bau.ID {
			t.Fatalf("%v %v", u, err)
		}
		if _, err := s.OrgUnitByNamePath(ctx, "Bauamt"); domain.ErrorCode(err) != domain.ENOTFOUND {
			t.Fatalf("a path must start at the root: %v", err)
		}
	})
}
