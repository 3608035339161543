package config

import (
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// SSO is how people log in besides (or instead of) local passwords: OpenID Connect with an identity
// provider such as Keycloak, or a password check against LDAP / Active Directory.
type SSO struct {
	LocalLogin  bool   // AILIT_LOCAL_LOGIN: local accounts with passwords (default true)
	MappingFile string // AILIT_SSO_MAPPING_FILE: YAML file mapping claims and groups to roles and units
	OIDC        OIDC
	LDAP        LDAP
}

// OIDC is the OpenID Connect client. An empty Issuer switches it off.
type OIDC struct {
	Issuer       string   // AILIT_OIDC_ISSUER, e.g. https://login.stadt.example/realms/verwaltung
	ClientID     string   // AILIT_OIDC_CLIENT_ID
	ClientSecret string   // AILIT_OIDC_CLIENT_SECRET (empty for a public client)
	Scopes       []string // AILIT_OIDC_SCOPES, space- or comma-separated; always contains openid
}

// Enabled reports whether the "Mit Dienstkonto anmelden" button is offered.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// LDAP is the directory that checks passwords. An empty URL switches it off.
type LDAP struct {
	URL          string // AILIT_LDAP_URL: ldaps://dc.stadt.example:636 or ldap://…:389 with StartTLS
	StartTLS     bool   // AILIT_LDAP_STARTTLS
	Insecure     bool   // AILIT_LDAP_INSECURE_PLAINTEXT: no TLS at all; allowed only on a loopback address (tests)
	CAFile       string // AILIT_LDAP_CA_FILE: PEM file with the CA of the directory (default: system CAs)
	BindDN       string // AILIT_LDAP_BIND_DN: the service account that searches
	BindPassword string // AILIT_LDAP_BIND_PASSWORD
	BaseDN       string // AILIT_LDAP_BASE_DN: where users are searched
	UserFilter   string // AILIT_LDAP_USER_FILTER: %s is the escaped login name
	GroupFilter  string // AILIT_LDAP_GROUP_FILTER: optional group search, %s is the escaped user DN
}

// Enabled reports whether the login form checks passwords against the directory.
func (l LDAP) Enabled() bool { return l.URL != "" }

var ssoSettings = []setting{
	{"AILIT_LOCAL_LOGIN", "local-login", "true/false: local accounts with passwords (default true)", nil},
	{"AILIT_SSO_MAPPING_FILE", "sso-mapping-file", "YAML file mapping claims, attributes and groups to roles and org units", nil},
	{"AILIT_OIDC_ISSUER", "oidc-issuer", "OpenID Connect issuer URL (empty: off)", nil},
	{"AILIT_OIDC_CLIENT_ID", "oidc-client-id", "OpenID Connect client id", nil},
	{"AILIT_OIDC_CLIENT_SECRET", "oidc-client-secret", "OpenID Connect client secret", nil},
	{"AILIT_OIDC_SCOPES", "oidc-scopes", "scopes to request (default: openid profile email)", nil},
	{"AILIT_LDAP_URL", "ldap-url", "LDAP / Active Directory URL, ldaps://… or ldap://… with StartTLS (empty: off)", nil},
	{"AILIT_LDAP_STARTTLS", "ldap-starttls", "true: upgrade ldap:// with StartTLS", nil},
	{"AILIT_LDAP_INSECURE_PLAINTEXT", "ldap-insecure-plaintext", "true: no TLS (only for a directory on a loopback address, in tests)", nil},
	{"AILIT_LDAP_CA_FILE", "ldap-ca-file", "PEM file with the directory's CA (default: system CAs)", nil},
	{"AILIT_LDAP_BIND_DN", "ldap-bind-dn", "DN of the service account that searches the directory", nil},
	{"AILIT_LDAP_BIND_PASSWORD", "ldap-bind-password", "password of the service account", nil},
	{"AILIT_LDAP_BASE_DN", "ldap-base-dn", "base DN of the user search", nil},
	{"AILIT_LDAP_USER_FILTER", "ldap-user-filter", "user filter, %s is the login name, e.g. (&(objectClass=person)(mail=%s))", nil},
	{"AILIT_LDAP_GROUP_FILTER", "ldap-group-filter", "optional group search, %s is the user DN, e.g. (&(objectClass=groupOfNames)(member=%s))", nil},
}

// loadSSOSettings: local login, OpenID Connect, LDAP and the mapping file. The OIDC and the LDAP
// settings depend on each other within their group, so each group reports its first problem.
func loadSSOSettings(cfg *Config, get getter, p *Problems) {
	cfg.SSO.LocalLogin = true
	p.boolean(get, "AILIT_LOCAL_LOGIN", &cfg.SSO.LocalLogin, "expected true or false")
	cfg.SSO.MappingFile = get("AILIT_SSO_MAPPING_FILE")
	if cfg.SSO.MappingFile != "" {
		if problem := checkReadableFile(cfg.SSO.MappingFile); problem != "" {
			p.add("AILIT_SSO_MAPPING_FILE", cfg.SSO.MappingFile, problem)
		}
	}
	oidcErr, ldapErr := loadOIDC(&cfg.SSO.OIDC, get), loadLDAP(&cfg.SSO.LDAP, get)
	p.take(oidcErr)
	p.take(ldapErr)
	if oidcErr == nil && ldapErr == nil && !cfg.SSO.LocalLogin && !cfg.SSO.OIDC.Enabled() && !cfg.SSO.LDAP.Enabled() {
		p.add("AILIT_LOCAL_LOGIN", "false", "nobody could log in: set AILIT_OIDC_ISSUER or AILIT_LDAP_URL, or keep local login")
	}
}

func loadOIDC(o *OIDC, get func(string) string) error {
	o.Issuer = strings.TrimRight(get("AILIT_OIDC_ISSUER"), "/")
	o.ClientID = get("AILIT_OIDC_CLIENT_ID")
	o.ClientSecret = get("AILIT_OIDC_CLIENT_SECRET")
	scopes := get("AILIT_OIDC_SCOPES")
	if o.Issuer == "" {
		return nil
	}
	u, err := url.Parse(o.Issuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
		return &Error{"AILIT_OIDC_ISSUER", o.Issuer, "expected an https:// URL (http:// only on a loopback address), e.g. https://login.stadt.example/realms/verwaltung"}
	}
	if o.ClientID == "" {
		return &Error{"AILIT_OIDC_CLIENT_ID", "", "required when AILIT_OIDC_ISSUER is set"}
	}
	o.Scopes = []string{"openid", "profile", "email"}
	if scopes != "" {
		o.Scopes = strings.FieldsFunc(scopes, func(r rune) bool { return r == ' ' || r == ',' })
		if !slices.Contains(o.Scopes, "openid") {
			return &Error{"AILIT_OIDC_SCOPES", scopes, "must contain openid"}
		}
	}
	return nil
}

func loadLDAP(l *LDAP, get func(string) string) error {
	l.URL = get("AILIT_LDAP_URL")
	if l.URL == "" {
		return nil
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"AILIT_LDAP_STARTTLS", &l.StartTLS}, {"AILIT_LDAP_INSECURE_PLAINTEXT", &l.Insecure}} {
		if v := get(b.name); v != "" {
			on, err := strconv.ParseBool(v)
			if err != nil {
				return &Error{b.name, v, "expected true or false"}
			}
			*b.dst = on
		}
	}
	u, err := url.Parse(l.URL)
	if err != nil || u.Host == "" || (u.Scheme != "ldaps" && u.Scheme != "ldap") {
		return &Error{"AILIT_LDAP_URL", l.URL, "expected ldaps://host:636 or ldap://host:389"}
	}
	switch {
	case u.Scheme == "ldaps" && (l.StartTLS || l.Insecure):
		return &Error{"AILIT_LDAP_URL", l.URL, "ldaps:// is already encrypted: leave AILIT_LDAP_STARTTLS and AILIT_LDAP_INSECURE_PLAINTEXT unset"}
	case u.Scheme == "ldap" && l.StartTLS && l.Insecure:
		return &Error{"AILIT_LDAP_INSECURE_PLAINTEXT", "true", "contradicts AILIT_LDAP_STARTTLS=true"}
	case u.Scheme == "ldap" && !l.StartTLS && !l.Insecure:
		return &Error{"AILIT_LDAP_URL", l.URL, "passwords would travel unencrypted: use ldaps:// or set AILIT_LDAP_STARTTLS=true"}
	case l.Insecure && !isLoopback(u.Hostname()):
		return &Error{"AILIT_LDAP_INSECURE_PLAINTEXT", "true", "allowed only for a directory on a loopback address (tests); use ldaps:// or StartTLS"}
	}
	l.CAFile = get("AILIT_LDAP_CA_FILE")
	if l.CAFile != "" {
		if problem := checkReadableFile(l.CAFile); problem != "" {
			return &Error{"AILIT_LDAP_CA_FILE", l.CAFile, problem}
		}
	}
	l.BindDN, l.BindPassword = get("AILIT_LDAP_BIND_DN"), get("AILIT_LDAP_BIND_PASSWORD")
	l.BaseDN = get("AILIT_LDAP_BASE_DN")
	l.UserFilter, l.GroupFilter = get("AILIT_LDAP_USER_FILTER"), get("AILIT_LDAP_GROUP_FILTER")
	if l.BindDN == "" || l.BindPassword == "" {
		return &Error{"AILIT_LDAP_BIND_DN", l.BindDN, "a service account (AILIT_LDAP_BIND_DN and AILIT_LDAP_BIND_PASSWORD) is required to search the directory"}
	}
	if l.BaseDN == "" {
		return &Error{"AILIT_LDAP_BASE_DN", "", "required when AILIT_LDAP_URL is set, e.g. ou=people,dc=stadt,dc=example"}
	}
	if l.UserFilter == "" {
		l.UserFilter = "(&(objectClass=person)(mail=%s))"
	}
	if !validFilter(l.UserFilter) {
		return &Error{"AILIT_LDAP_USER_FILTER", l.UserFilter, "expected a filter in parentheses with exactly one %s for the login name, e.g. (sAMAccountName=%s)"}
	}
	if l.GroupFilter != "" && !validFilter(l.GroupFilter) {
		return &Error{"AILIT_LDAP_GROUP_FILTER", l.GroupFilter, "expected a filter in parentheses with exactly one %s for the user DN, e.g. (&(objectClass=groupOfNames)(member=%s))"}
	}
	return nil
}

// validFilter accepts a parenthesised filter with exactly one %s and no other verb.
func validFilter(f string) bool {
	return strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") &&
		strings.Count(f, "%s") == 1 && strings.Count(f, "%") == 1
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
