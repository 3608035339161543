package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/sso/ssotest"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

const directory = `dn: ou=people,dc=stadt,dc=example
objectClass: organizationalUnit
ou: people

dn: ou=groups,dc=stadt,dc=example
objectClass: organizationalUnit
ou: groups

dn: cn=ailit-service,dc=stadt,dc=example
objectClass: person
cn: ailit-service
sn: Dienstkonto
userPassword: dienst-geheim

dn: uid=mmuster,ou=people,dc=stadt,dc=example
objectClass: inetOrgPerson
objectClass: adLike
uid: mmuster
cn: Max Muster
sn: Muster
displayName: Max Muster
mail: max.muster@stadt.example
employeeNumber: 000815
departmentNumber: Stadtverwaltung/Bauamt
memberOf: cn=ailit-trainer,ou=groups,dc=stadt,dc=example
userPassword: max-geheim-42
`

// ldapEnv starts slapd with a test directory and the app checking passwords against it.
func ldapEnv(t *testing.T) (*webtest.Env, *ssotest.Slapd, map[string]int64) {
	t.Helper()
	dir := ssotest.StartSlapd(t)
	dir.Add(t, directory)
	mapping := writeMapping(t, `ldap:
  id: uid
roles:
  "cn=ailit-trainer,ou=groups,dc=stadt,dc=example": [trainer]
org_unit:
  match: path
  required: true
`)
	env, _, units := oidcEnv(t, func(c *config.Config) {
		c.SSO.OIDC = config.OIDC{}
		c.SSO.MappingFile = mapping
		c.SSO.LDAP = config.LDAP{URL: dir.URL, Insecure: true, BindDN: "cn=ailit-service,dc=stadt,dc=example",
			BindPassword: "dienst-geheim", BaseDN: dir.BaseDN, UserFilter: "(&(objectClass=person)(uid=%s))"}
	})
	return env, dir, units
}

func ldapLogin(c *webtest.Client, name, password string) *webtest.Response {
	c.Get("/login")
	return c.Post("/login", url.Values{"email": {name}, "password": {password}})
}

func TestLDAPLoginMapsGroupsAndUnitAndFollowsDirectoryChanges(t *testing.T) {
	t.Parallel()
	env, dir, units := ldapEnv(t)
	c := env.Client(t)
	if page := c.Get("/login"); !strings.Contains(page.Body, "Benutzernamen und Passwort des Dienstkontos") {
		t.Fatal("with LDAP the login page must ask for the work account's user name")
	}
	if r := ldapLogin(c, "mmuster", "max-geheim-42"); r.Status != http.StatusSeeOther {
		t.Fatalf("login: %d\n%s", r.Status, r.Body)
	}
	u, err := env.Store.UserByEmail(context.Background(), "max.muster@stadt.example")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u.RoleNames(), []string{store.RoleLearner, store.RoleTrainer}) || *u.OrgUnitID != units["Bauamt"] || *u.PersonnelNumber != "000815" {
		t.Fatalf("after first login: roles %v unit %d", u.RoleNames(), *u.OrgUnitID)
	}
	dir.Modify(t, `dn: uid=mmuster,ou=people,dc=stadt,dc=example
changetype: modify
replace: departmentNumber
departmentNumber: Stadtverwaltung/Ordnungsamt
-
delete: memberOf
`)
	if r := ldapLogin(env.Client(t), "mmuster", "max-geheim-42"); r.Status != http.StatusSeeOther {
		t.Fatalf("second login: %d\n%s", r.Status, r.Body)
	}
	again, _ := env.Store.UserByID(context.Background(), u.ID)
	if !slices.Equal(again.RoleNames(), []string{store.RoleLearner}) || *again.OrgUnitID != units["Ordnungsamt"] {
		t.Fatalf("after the move: roles %v unit %d", again.RoleNames(), *again.OrgUnitID)
	}
}

func TestLDAPRefusesWrongPasswordsInjectionAndDisabledOrRemovedPeople(t *testing.T) {
	t.Parallel()
	env, dir, _ := ldapEnv(t)
	for _, tc := range []struct{ name, password string }{
		{"mmuster", "falsch"}, {"mmuster", ""}, {"*", "max-geheim-42"}, {"mmuster)(uid=*", "max-geheim-42"},
	} {
		if r := ldapLogin(env.Client(t), tc.name, tc.password); r.Status == http.StatusSeeOther {
			t.Fatalf("%q/%q logged in", tc.name, tc.password)
		}
	}
	if users, _ := countAccounts(t, env); users != 0 {
		t.Fatalf("%d users after refused logins", users)
	}
	if r := ldapLogin(env.Client(t), "mmuster", "max-geheim-42"); r.Status != http.StatusSeeOther {
		t.Fatalf("login: %d", r.Status)
	}
	// AD disables the account (userAccountControl bit 2): refused, and the account here is deactivated.
	dir.Modify(t, "dn: uid=mmuster,ou=people,dc=stadt,dc=example\nchangetype: modify\nadd: userAccountControl\nuserAccountControl: 514\n")
	r := ldapLogin(env.Client(t), "mmuster", "max-geheim-42")
	if r.Status != http.StatusUnauthorized {
		t.Fatalf("disabled: %d", r.Status)
	}
	u, _ := env.Store.UserByEmail(context.Background(), "max.muster@stadt.example")
	if u.Active {
		t.Fatal("the account of a person disabled in the directory is still active")
	}
	if users, ids := countAccounts(t, env); users != 1 || ids != 1 {
		t.Fatalf("records must stay: %d users, %d identities", users, ids)
	}
}

func TestLDAPDownSaysSoAndCreatesNothing(t *testing.T) {
	t.Parallel()
	env, _, _ := oidcEnv(t, func(c *config.Config) {
		c.SSO.OIDC = config.OIDC{}
		c.SSO.LDAP = config.LDAP{URL: "ldap://127.0.0.1:1", Insecure: true, BindDN: "cn=x", BindPassword: "y",
			BaseDN: "dc=stadt,dc=example", UserFilter: "(uid=%s)"}
	})
	r := ldapLogin(env.Client(t), "mmuster", "max-geheim-42")
	if r.Status != http.StatusServiceUnavailable || !strings.Contains(r.Body, "nicht erreichbar") {
		t.Fatalf("directory down: %d\n%s", r.Status, r.Body)
	}
	if users, ids := countAccounts(t, env); users != 0 || ids != 0 {
		t.Fatalf("%d users, %d identities", users, ids)
	}
}
