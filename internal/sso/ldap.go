package sso

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-ldap/ldap/v3"

	"github.com/ailit/ailit/internal/config"
)

// Errors of the directory login. The wrapped text is for the log.
var (
	ErrDirectoryDown  = errors.New("sso: the directory cannot be reached")
	ErrWrongPassword  = errors.New("sso: the directory refused the password")
	ErrNotInDirectory = errors.New("sso: the directory does not know the login name")
	ErrDisabled       = errors.New("sso: the account is disabled in the directory")
)

// adDisabled is bit 2 (ACCOUNTDISABLE) of Active Directory's userAccountControl.
const adDisabled = 0x2

// Directory checks passwords against LDAP or Active Directory: the service account searches the
// person, the person's own bind checks the password.
type Directory struct {
	cfg     config.LDAP
	fields  Fields
	tls     *tls.Config
	Timeout time.Duration
}

// NewDirectory prepares the TLS settings (with the CA file, when one is configured).
func NewDirectory(cfg config.LDAP, fields Fields) (*Directory, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, err
	}
	tc := &tls.Config{ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("AILIT_LDAP_CA_FILE: %w", err)
		}
		tc.RootCAs = x509.NewCertPool()
		if !tc.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("AILIT_LDAP_CA_FILE %s: no PEM certificate found", cfg.CAFile)
		}
	}
	return &Directory{cfg: cfg, fields: fields, tls: tc, Timeout: 10 * time.Second}, nil
}

// Entry is a person found in the directory.
type Entry struct {
	DN      string
	Subject string // the stable id (fields.ID), or the DN when the directory has none
	Attrs   Attributes
}

// Authenticate finds loginName with the service account and checks password with the person's own
// bind. A person found but disabled (AD userAccountControl) comes back with ErrDisabled and the
// entry, so the caller can deactivate the account it is linked to.
func (d *Directory) Authenticate(ctx context.Context, loginName, password string) (*Entry, error) {
	if password == "" {
		return nil, ErrWrongPassword // an empty password would be an anonymous bind, which "succeeds"
	}
	conn, err := d.connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	e, err := d.find(conn, loginName)
	if err != nil {
		return nil, err
	}
	if uac, err := strconv.ParseInt(e.Attrs.First("userAccountControl"), 10, 64); err == nil && uac&adDisabled != 0 {
		return e, fmt.Errorf("%w: %s", ErrDisabled, e.DN)
	}
	if err := conn.Bind(e.DN, password); err != nil {
		if ldap.IsErrorWithCode(err, ldap.LDAPResultInvalidCredentials) {
			return nil, fmt.Errorf("%w: %s", ErrWrongPassword, e.DN)
		}
		return nil, fmt.Errorf("%w: bind as %s: %v", ErrDirectoryDown, e.DN, err)
	}
	return e, nil
}

func (d *Directory) connect(ctx context.Context) (*ldap.Conn, error) {
	dialer := &net.Dialer{Timeout: d.Timeout}
	if deadline, ok := ctx.Deadline(); ok {
		dialer.Deadline = deadline
	}
	conn, err := ldap.DialURL(d.cfg.URL, ldap.DialWithDialer(dialer), ldap.DialWithTLSConfig(d.tls))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDirectoryDown, d.cfg.URL, err)
	}
	conn.SetTimeout(d.Timeout)
	if d.cfg.StartTLS {
		if err := conn.StartTLS(d.tls); err != nil {
			conn.Close()
			return nil, fmt.Errorf("%w: StartTLS: %v", ErrDirectoryDown, err)
		}
	}
	if err := conn.Bind(d.cfg.BindDN, d.cfg.BindPassword); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: bind as service account %s: %v", ErrDirectoryDown, d.cfg.BindDN, err)
	}
	return conn, nil
}

// find searches the person with the service account, and their groups when a group filter is set.
func (d *Directory) find(conn *ldap.Conn, loginName string) (*Entry, error) {
	f := d.fields
	attrs := nonEmpty(f.ID, f.Email, f.Name, f.PersonnelNumber, f.Groups, f.OrgUnit, "userAccountControl")
	filter := fmt.Sprintf(d.cfg.UserFilter, ldap.EscapeFilter(strings.TrimSpace(loginName)))
	res, err := conn.Search(ldap.NewSearchRequest(d.cfg.BaseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
		2, int(d.Timeout.Seconds()), false, filter, attrs, nil))
	if err != nil && !ldap.IsErrorWithCode(err, ldap.LDAPResultSizeLimitExceeded) {
		return nil, fmt.Errorf("%w: search %s in %s: %v", ErrDirectoryDown, filter, d.cfg.BaseDN, err)
	}
	switch {
	case res == nil || len(res.Entries) == 0:
		return nil, fmt.Errorf("%w: no entry for %s in %s", ErrNotInDirectory, filter, d.cfg.BaseDN)
	case len(res.Entries) > 1:
		return nil, fmt.Errorf("%w: %s matches more than one entry in %s; make AILIT_LDAP_USER_FILTER unique", ErrNotInDirectory, filter, d.cfg.BaseDN)
	}
	raw := res.Entries[0]
	e := &Entry{DN: raw.DN, Attrs: Attributes{}}
	for _, a := range raw.Attributes {
		for _, v := range a.ByteValues {
			e.Attrs[a.Name] = append(e.Attrs[a.Name], text(v))
		}
	}
	if d.cfg.GroupFilter != "" {
		groups, err := conn.Search(ldap.NewSearchRequest(d.cfg.BaseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
			0, int(d.Timeout.Seconds()), false, fmt.Sprintf(d.cfg.GroupFilter, ldap.EscapeFilter(raw.DN)), []string{"1.1"}, nil))
		if err != nil {
			return nil, fmt.Errorf("%w: group search for %s: %v", ErrDirectoryDown, raw.DN, err)
		}
		for _, g := range groups.Entries {
			e.Attrs[f.Groups] = append(e.Attrs[f.Groups], g.DN)
		}
	}
	e.Subject = e.Attrs.First(f.ID)
	if e.Subject == "" {
		e.Subject = strings.ToLower(raw.DN)
	}
	return e, nil
}

// text returns an attribute value as text; binary values (AD's objectGUID) as hex.
func text(v []byte) string {
	if utf8.Valid(v) && !strings.ContainsRune(string(v), 0) {
		return string(v)
	}
	return hex.EncodeToString(v)
}

func nonEmpty(names ...string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}
