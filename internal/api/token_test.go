package api

import (
	"strings"
	"testing"
	"time"
)

func TestNewSecretsAreWellFormedDistinctAndHashedToTheirOwnValue(t *testing.T) {
	a, b := NewSecret(), NewSecret()
	if a == b || !WellFormed(a) || !WellFormed(b) || len(a) != 58 || !strings.HasPrefix(a, "ailit_") {
		t.Fatalf("%q %q", a, b)
	}
	if string(HashSecret(a)) == string(HashSecret(b)) || len(HashSecret(a)) != 32 {
		t.Error("hashes")
	}
	if Hint(a) != a[:12]+"…" {
		t.Errorf("hint %q", Hint(a))
	}
}

func TestWellFormedRefusesWhatCannotBeAToken(t *testing.T) {
	good := NewSecret()
	for _, s := range []string{"", "ailit_", good[:57], good + "a", strings.ToUpper(good), "xxxxx_" + good[6:],
		good[:20] + "1" + good[21:], good[:20] + "=" + good[21:]} {
		if WellFormed(s) {
			t.Errorf("%q passed", s)
		}
	}
}

func TestAllowListParsingAndMatching(t *testing.T) {
	list, err := ParseAllowList("10.20.0.0/16, 192.0.2.7\n2001:db8::/32")
	if err != nil || JoinAllowList(list) != "10.20.0.0/16,192.0.2.7/32,2001:db8::/32" {
		t.Fatalf("%v %v", list, err)
	}
	cases := []struct {
		ip   string
		want bool
	}{
		{"10.20.5.1", true}, {"10.21.0.1", false}, {"192.0.2.7", true}, {"192.0.2.8", false},
		{"::ffff:192.0.2.7", true}, {"2001:db8::42", true}, {"2001:db9::1", false}, {"", false}, {"nonsense", false},
	}
	for _, c := range cases {
		if got := Allowed(list, c.ip); got != c.want {
			t.Errorf("%q: %v, want %v", c.ip, got, c.want)
		}
	}
	if !Allowed(nil, "203.0.113.1") {
		t.Error("an empty list allows everybody")
	}
	if p, _ := ParseAllowList("10.20.3.4/16"); JoinAllowList(p) != "10.20.0.0/16" {
		t.Errorf("host bits are masked: %v", p)
	}
	for _, bad := range []string{"10.0.0.300", "10.0.0.0/33", "example.org"} {
		if _, err := ParseAllowList(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestRateWindowIsTheMinuteAndTheWaitToItsEnd(t *testing.T) {
	base := time.Date(2026, 12, 3, 9, 15, 0, 0, time.UTC)
	n0, wait0 := RateWindow(base)
	n1, wait1 := RateWindow(base.Add(59*time.Second + 900*time.Millisecond))
	n2, _ := RateWindow(base.Add(time.Minute))
	if n0 != n1 || n2 != n0+1 || wait0 != time.Minute || wait1 != time.Second {
		t.Fatalf("%d %d %d, waits %v %v", n0, n1, n2, wait0, wait1)
	}
}

func TestTokenSpecValidation(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	past, future := now.Add(-time.Hour), now.Add(time.Hour)
	cases := []struct {
		name string
		spec TokenSpec
		errs string // fields with errors, sorted
	}{
		{"fine", TokenSpec{Name: "HR", Scopes: []string{"people:write", "people:write", "org:write"}, ExpiresAt: &future}, ""},
		{"no name", TokenSpec{Name: "  ", Scopes: []string{"org:write"}}, "name"},
		{"long name", TokenSpec{Name: strings.Repeat("ä", 101), Scopes: []string{"org:write"}}, "name"},
		{"no scope", TokenSpec{Name: "HR"}, "scopes"},
		{"unknown scope", TokenSpec{Name: "HR", Scopes: []string{"admin"}}, "scopes"},
		{"bad address", TokenSpec{Name: "HR", Scopes: []string{"org:write"}, AllowIPs: []string{"10.0.0.0/99"}}, "allow_ips"},
		{"expired", TokenSpec{Name: "HR", Scopes: []string{"org:write"}, ExpiresAt: &past}, "expires"},
		{"rate", TokenSpec{Name: "HR", Scopes: []string{"org:write"}, RatePerMinute: -1}, "rate"},
	}
	for _, c := range cases {
		scopes, _, errs := c.spec.Validate(now)
		var fields []string
		for f := range errs {
			fields = append(fields, f)
		}
		if strings.Join(fields, ",") != c.errs {
			t.Errorf("%s: errors %v, want %q", c.name, errs, c.errs)
		}
		if c.name == "fine" && JoinScopes(scopes) != "people:write org:write" {
			t.Errorf("scopes %v: deduplicated, in the order of AllScopes", scopes)
		}
	}
	if !HasScope("people:write org:write", ScopeOrgWrite) || HasScope("people:write", ScopeOrgWrite) || HasScope("org:write2", ScopeOrgWrite) {
		t.Error("HasScope")
	}
}

func TestCursorRoundTripsAndRefusesForgeries(t *testing.T) {
	for _, n := range []int64{0, 1, 123456789} {
		if got, ok := decodeCursor(encodeCursor(n)); !ok || got != n {
			t.Errorf("%d → %q → %d %v", n, encodeCursor(n), got, ok)
		}
	}
	if n, ok := decodeCursor(""); !ok || n != 0 {
		t.Error("no cursor is the beginning")
	}
	for _, bad := range []string{"12", "djE6LTE", "djI6MTI", "!!!"} { // plain number, v1:-1, v2:12, garbage
		if _, ok := decodeCursor(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestBodyPositionsCountLinesAndCharacters(t *testing.T) {
	b := []byte("{\n  \"ä\": [1,\n  x")
	if l, c := position(b, int64(len(b))); l != 3 || c != 4 {
		t.Errorf("end: line %d column %d", l, c)
	}
	if l, c := position(b, 7); l != 2 || c != 5 {
		t.Errorf("after ä: line %d column %d", l, c)
	}
}

func TestIfNoneMatchComparesWeakly(t *testing.T) {
	for _, c := range []struct {
		header, etag string
		want         bool
	}{
		{`"a"`, `"a"`, true}, {`W/"a"`, `"a"`, true}, {`"b", "a"`, `W/"a"`, true}, {`*`, `"a"`, true},
		{`"b"`, `"a"`, false}, {``, `"a"`, false},
	} {
		if got := matches(c.header, c.etag); got != c.want {
			t.Errorf("%q vs %q: %v", c.header, c.etag, got)
		}
	}
}
