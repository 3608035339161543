package config

import (
	"errors"
	"slices"
	"testing"
)

func ldapEnv(extra map[string]string) map[string]string {
	env := map[string]string{
		"AILIT_LDAP_URL":           "ldaps://dc.stadt.example:636",
		"AILIT_LDAP_BIND_DN":       "cn=ailit,ou=service,dc=stadt,dc=example",
		"AILIT_LDAP_BIND_PASSWORD": "geheim",
		"AILIT_LDAP_BASE_DN":       "ou=people,dc=stadt,dc=example",
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

func TestSSOIsOffAndLocalLoginOnByDefault(t *testing.T) {
	cfg, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.SSO.LocalLogin || cfg.SSO.OIDC.Enabled() || cfg.SSO.LDAP.Enabled() {
		t.Fatalf("defaults: %+v", cfg.SSO)
	}
	if !Defaults().SSO.LocalLogin {
		t.Fatal("Defaults() must keep local login on")
	}
}

func TestOIDCSettingsAreRead(t *testing.T) {
	cfg, err := load(t, map[string]string{
		"AILIT_OIDC_ISSUER": "https://login.stadt.example/realms/verwaltung/", "AILIT_OIDC_CLIENT_ID": "ailit",
		"AILIT_OIDC_CLIENT_SECRET": "s3cret", "AILIT_OIDC_SCOPES": "openid, email groups", "AILIT_LOCAL_LOGIN": "false",
	})
	if err != nil {
		t.Fatal(err)
	}
	o := cfg.SSO.OIDC
	if o.Issuer != "https://login.stadt.example/realms/verwaltung" || o.ClientID != "ailit" || o.ClientSecret != "s3cret" ||
		!slices.Equal(o.Scopes, []string{"openid", "email", "groups"}) || cfg.SSO.LocalLogin {
		t.Fatalf("%+v", cfg.SSO)
	}
}

func TestLDAPSettingsAreReadWithADefaultFilter(t *testing.T) {
	cfg, err := load(t, ldapEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.SSO.LDAP.Enabled() || cfg.SSO.LDAP.UserFilter != "(&(objectClass=person)(mail=%s))" {
		t.Fatalf("%+v", cfg.SSO.LDAP)
	}
	cfg, err = load(t, ldapEnv(map[string]string{"AILIT_LDAP_URL": "ldap://127.0.0.1:3890", "AILIT_LDAP_INSECURE_PLAINTEXT": "true"}))
	if err != nil || !cfg.SSO.LDAP.Insecure {
		t.Fatalf("plain LDAP on loopback for tests: %v %+v", err, cfg.SSO.LDAP)
	}
}

func TestWrongSSOSettingsNameTheVariable(t *testing.T) {
	oidc := func(issuer, client, scopes string) map[string]string {
		return map[string]string{"AILIT_OIDC_ISSUER": issuer, "AILIT_OIDC_CLIENT_ID": client, "AILIT_OIDC_SCOPES": scopes}
	}
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"local login off without another way in", map[string]string{"AILIT_LOCAL_LOGIN": "false"}, "AILIT_LOCAL_LOGIN"},
		{"local login not a bool", map[string]string{"AILIT_LOCAL_LOGIN": "nein"}, "AILIT_LOCAL_LOGIN"},
		{"issuer over plain http", oidc("http://login.stadt.example", "ailit", ""), "AILIT_OIDC_ISSUER"},
		{"issuer not a URL", oidc("login.stadt.example", "ailit", ""), "AILIT_OIDC_ISSUER"},
		{"client id missing", oidc("https://login.stadt.example", "", ""), "AILIT_OIDC_CLIENT_ID"},
		{"scopes without openid", oidc("https://login.stadt.example", "ailit", "email profile"), "AILIT_OIDC_SCOPES"},
		{"ldap URL with another scheme", ldapEnv(map[string]string{"AILIT_LDAP_URL": "https://dc.stadt.example"}), "AILIT_LDAP_URL"},
		{"plain ldap without StartTLS", ldapEnv(map[string]string{"AILIT_LDAP_URL": "ldap://dc.stadt.example"}), "AILIT_LDAP_URL"},
		{"plain ldap to a remote host", ldapEnv(map[string]string{"AILIT_LDAP_URL": "ldap://dc.stadt.example", "AILIT_LDAP_INSECURE_PLAINTEXT": "true"}), "AILIT_LDAP_INSECURE_PLAINTEXT"},
		{"StartTLS on ldaps", ldapEnv(map[string]string{"AILIT_LDAP_STARTTLS": "true"}), "AILIT_LDAP_URL"},
		{"StartTLS not a bool", ldapEnv(map[string]string{"AILIT_LDAP_STARTTLS": "ja"}), "AILIT_LDAP_STARTTLS"},
		{"no service account", ldapEnv(map[string]string{"AILIT_LDAP_BIND_PASSWORD": ""}), "AILIT_LDAP_BIND_DN"},
		{"no base DN", ldapEnv(map[string]string{"AILIT_LDAP_BASE_DN": ""}), "AILIT_LDAP_BASE_DN"},
		{"filter without %s", ldapEnv(map[string]string{"AILIT_LDAP_USER_FILTER": "(uid=admin)"}), "AILIT_LDAP_USER_FILTER"},
		{"filter with two verbs", ldapEnv(map[string]string{"AILIT_LDAP_USER_FILTER": "(|(uid=%s)(mail=%s))"}), "AILIT_LDAP_USER_FILTER"},
		{"filter without parentheses", ldapEnv(map[string]string{"AILIT_LDAP_USER_FILTER": "uid=%s"}), "AILIT_LDAP_USER_FILTER"},
		{"group filter without %s", ldapEnv(map[string]string{"AILIT_LDAP_GROUP_FILTER": "(objectClass=group)"}), "AILIT_LDAP_GROUP_FILTER"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := load(t, c.env)
			var cerr *Error
			if !errors.As(err, &cerr) || cerr.Name != c.want {
				t.Fatalf("error = %v, want one naming %s", err, c.want)
			}
		})
	}
}
