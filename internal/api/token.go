package api

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// Scope is what a token may do. Each endpoint needs exactly one scope (routes.go).
type Scope string

// The scopes, in the order the admin page shows them.
const (
	ScopePeopleWrite     Scope = "people:write"
	ScopeOrgWrite        Scope = "org:write"
	ScopeReportsRead     Scope = "reports:read"
	ScopeEvidenceRead    Scope = "evidence:read"
	ScopeAssignmentsRead Scope = "assignments:read"
	ScopeCompletionsRead Scope = "completions:read"
	scopePublic          Scope = "" // no token needed (the OpenAPI document)
	TokenPrefix                = "ailit_"
	DefaultRatePerMinute       = 120
	MaxRatePerMinute           = 100_000
	maxTokenName               = 100
	tokenSecretBytes           = 32
	hintLength                 = len(TokenPrefix) + 6
)

// AllScopes lists every scope a token can have.
var AllScopes = []Scope{ScopePeopleWrite, ScopeOrgWrite, ScopeReportsRead, ScopeEvidenceRead, ScopeAssignmentsRead, ScopeCompletionsRead}

// encoding writes the secret in lower-case base32 without padding: only letters and digits, so a
// token survives copying from a terminal, and the ailit_ prefix lets secret scanners find it.
var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret makes a token: "ailit_" and 256 random bits (52 base32 characters).
func NewSecret() string {
	b := make([]byte, tokenSecretBytes)
	rand.Read(b) // never fails (crypto/rand)
	return TokenPrefix + strings.ToLower(encoding.EncodeToString(b))
}

// HashSecret is what the database keeps of a token. A plain SHA-256 is enough: the secret has
// 256 random bits, so there is nothing to guess that a slow hash would protect.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// WellFormed reports whether s looks like a token at all (prefix, length, alphabet), so garbage
// is refused without a database lookup.
func WellFormed(s string) bool {
	rest, ok := strings.CutPrefix(s, TokenPrefix)
	if !ok || len(rest) != encoding.EncodedLen(tokenSecretBytes) {
		return false
	}
	for _, r := range rest {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	return true
}

// Hint is the start of a token, shown in lists so tokens can be told apart.
func Hint(secret string) string { return secret[:min(len(secret), hintLength)] + "…" }

func trimmedName(s string) string { return strings.TrimSpace(s) }

// TokenSpec is a token as an admin asks for it, from the admin page or the command line.
type TokenSpec struct {
	Name          string
	Scopes        []string
	AllowIPs      []string // CIDRs or single addresses
	ExpiresAt     *time.Time
	RatePerMinute int // 0: DefaultRatePerMinute
}

// Validate returns an i18n key per field that is wrong (nil when all are fine) and the cleaned
// scopes and allow list. now is for the expiry, which must lie in the future.
func (s TokenSpec) Validate(now time.Time) (scopes []Scope, allow []netip.Prefix, errs map[string]string) {
	errs = map[string]string{}
	name := strings.TrimSpace(s.Name)
	if name == "" || len([]rune(name)) > maxTokenName {
		errs["name"] = "api.token.err.name"
	}
	for _, sc := range s.Scopes {
		sc = strings.TrimSpace(sc)
		if sc == "" {
			continue
		}
		if !slices.Contains(AllScopes, Scope(sc)) {
			errs["scopes"] = "api.token.err.scope_unknown"
			break
		}
		if !slices.Contains(scopes, Scope(sc)) {
			scopes = append(scopes, Scope(sc))
		}
	}
	if len(scopes) == 0 && errs["scopes"] == "" {
		errs["scopes"] = "api.token.err.scopes"
	}
	var err error
	if allow, err = ParseAllowList(strings.Join(s.AllowIPs, ",")); err != nil {
		errs["allow_ips"] = "api.token.err.allow_ips"
	}
	if s.ExpiresAt != nil && !s.ExpiresAt.After(now) {
		errs["expires"] = "api.token.err.expires"
	}
	if s.RatePerMinute < 0 || s.RatePerMinute > MaxRatePerMinute {
		errs["rate"] = "api.token.err.rate"
	}
	if len(errs) == 0 {
		errs = nil
	}
	slices.SortFunc(scopes, func(a, b Scope) int { return slices.Index(AllScopes, a) - slices.Index(AllScopes, b) })
	return scopes, allow, errs
}

// ParseAllowList reads comma- or space-separated CIDRs ("10.0.0.0/8") and single addresses
// ("192.0.2.7", which allow exactly that address). "" allows every address.
func ParseAllowList(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' }) {
		if strings.Contains(f, "/") {
			p, err := netip.ParsePrefix(f)
			if err != nil {
				return nil, err
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, err
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// Allowed reports whether ip is in the allow list; an empty list allows everybody. IPv4 addresses
// written as IPv6 (::ffff:192.0.2.7) count as IPv4.
func Allowed(list []netip.Prefix, ip string) bool {
	if len(list) == 0 {
		return true
	}
	a, err := netip.ParseAddr(strings.TrimSpace(ip))
	if err != nil {
		return false
	}
	a = a.Unmap()
	return slices.ContainsFunc(list, func(p netip.Prefix) bool { return p.Contains(a) })
}

// JoinScopes and SplitScopes convert between the list and the stored, space-separated form.
func JoinScopes(scopes []Scope) string {
	s := make([]string, len(scopes))
	for i, sc := range scopes {
		s[i] = string(sc)
	}
	return strings.Join(s, " ")
}

// HasScope reports whether a token's stored scopes include want.
func HasScope(stored string, want Scope) bool {
	return slices.Contains(strings.Fields(stored), string(want))
}

// JoinAllowList writes an allow list in its stored form.
func JoinAllowList(list []netip.Prefix) string {
	s := make([]string, len(list))
	for i, p := range list {
		s[i] = p.String()
	}
	return strings.Join(s, ",")
}

// RateWindow is the fixed one-minute window now falls in, and how long until the next begins.
func RateWindow(now time.Time) (number int64, retryAfter time.Duration) {
	const window = int64(time.Minute / time.Second)
	sec := now.Unix()
	number = sec / window
	return number, time.Duration((number+1)*window-sec) * time.Second
}
