package ssotest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Slapd is a private OpenLDAP server on 127.0.0.1 with an empty directory under BaseDN.
type Slapd struct {
	URL, BaseDN          string
	AdminDN, AdminSecret string
}

// adSchema adds Active Directory's memberOf and userAccountControl, so tests can play AD.
const adSchema = `attributetype ( 1.2.840.113556.1.2.102 NAME 'memberOf' SYNTAX 1.3.6.1.4.1.1466.115.121.1.12 )
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'adLike' SUP top AUXILIARY MAY ( memberOf $ userAccountControl ) )
`

// StartSlapd starts slapd with a temporary config and mdb database, and loads the base entries
// with ldapadd. Without slapd the test is skipped, unless AILIT_REQUIRE_LDAP=1 (set by .ci/run).
func StartSlapd(t testing.TB) *Slapd {
	t.Helper()
	slapd, err := exec.LookPath("slapd")
	if err != nil {
		slapd = "/usr/sbin/slapd"
	}
	if _, err := os.Stat(slapd); err != nil || !haveTool("ldapadd") {
		if os.Getenv("AILIT_REQUIRE_LDAP") == "1" {
			t.Fatal("slapd and ldapadd are required (AILIT_REQUIRE_LDAP=1): apt-get install slapd ldap-utils")
		}
		t.Skip("LDAP tests need slapd and ldap-utils (apt-get install slapd ldap-utils); set AILIT_REQUIRE_LDAP=1 to make this a failure")
	}
	dir := t.TempDir()
	s := &Slapd{BaseDN: "dc=stadt,dc=example", AdminDN: "cn=admin,dc=stadt,dc=example", AdminSecret: "admin-geheim"}
	if err := os.Mkdir(filepath.Join(dir, "db"), 0o700); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include %[1]s/ad.schema
pidfile %[1]s/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "%[2]s"
rootdn "%[3]s"
rootpw %[4]s
directory %[1]s/db
`, dir, s.BaseDN, s.AdminDN, s.AdminSecret)
	for name, body := range map[string]string{"ad.schema": adSchema, "slapd.conf": conf} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	port := freePort(t)
	s.URL = fmt.Sprintf("ldap://127.0.0.1:%d", port)
	cmd := exec.Command(slapd, "-f", filepath.Join(dir, "slapd.conf"), "-h", s.URL+"/", "-d", "0")
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
		if err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slapd did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.Add(t, fmt.Sprintf(`dn: %s
objectClass: dcObject
objectClass: organization
o: Stadt
dc: stadt
`, s.BaseDN))
	return s
}

// Add loads LDIF entries with ldapadd.
func (s *Slapd) Add(t testing.TB, ldif string) { s.run(t, "ldapadd", ldif) }

// Modify applies an LDIF change with ldapmodify.
func (s *Slapd) Modify(t testing.TB, ldif string) { s.run(t, "ldapmodify", ldif) }

func (s *Slapd) run(t testing.TB, tool, ldif string) {
	t.Helper()
	cmd := exec.Command(tool, "-x", "-H", s.URL, "-D", s.AdminDN, "-w", s.AdminSecret)
	cmd.Stdin = strings.NewReader(ldif)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
}

func haveTool(name string) bool { _, err := exec.LookPath(name); return err == nil }

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
