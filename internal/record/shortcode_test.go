package record_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/record"
)

var shortCodeShape = regexp.MustCompile(`^4711-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$`)

func TestShortCodeIsShortAndReadsBackHoweverItIsTyped(t *testing.T) {
	s := newSigner(t)
	r := sample()
	code := s.ShortCode(4711, r)
	if !shortCodeShape.MatchString(code) || len(code) > 20 {
		t.Fatalf("short code %q: want 4711-XXXX-XXXX-C", code)
	}
	if url := s.VerifyURL("https://lernen.stadt.example", r); len(url) < 100 {
		t.Fatalf("the long link is only %d characters; the test assumes it is long", len(url))
	}
	typed := []string{code, strings.ToLower(code), " " + strings.ReplaceAll(code, "-", " ") + " ",
		"4711-" + strings.ReplaceAll(code[5:], "-", ""),
		strings.NewReplacer("0", "o", "1", "l").Replace(code[5:])}
	typed[4] = "4711 " + typed[4]
	for _, in := range typed {
		n, c, err := record.ParseShortCode(in)
		if err != nil || n != 4711 || !s.VerifyShortCode(r, c) {
			t.Errorf("typed %q: number %d, code %q, err %v; want it to verify", in, n, c, err)
		}
	}
	other := sample()
	other.ID = "aaaaaaaaaaaaaaaaaaaaaaaa"
	if _, c, _ := record.ParseShortCode(code); s.VerifyShortCode(other, c) {
		t.Error("the code of one record verifies another")
	}
	if _, c, _ := record.ParseShortCode(code); newSigner(t).VerifyShortCode(r, c) {
		t.Error("the code verifies with another key")
	}
}

func TestMistypedShortCodeIsCaughtByItsCheckSymbol(t *testing.T) {
	s := newSigner(t)
	code := s.ShortCode(4711, sample())
	symbols := "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	for i := range len(code) {
		if code[i] == '-' || i == len(code)-1 {
			continue
		}
		// Every other symbol in one place.
		for _, sym := range symbols {
			if byte(sym) == code[i] || (i < 4 && (sym < '0' || sym > '9')) {
				continue
			}
			typo := code[:i] + string(sym) + code[i+1:]
			if _, _, err := record.ParseShortCode(typo); !errors.Is(err, record.ErrShortCodeCheck) {
				t.Errorf("typo %q (for %q): err %v, want the check symbol to catch it", typo, code, err)
			}
		}
	}
	// Two neighbours swapped.
	body := strings.ReplaceAll(code[5:len(code)-2], "-", "")
	for i := 0; i+1 < len(body); i++ {
		if body[i] == body[i+1] {
			continue
		}
		sw := body[:i] + string(body[i+1]) + string(body[i]) + body[i+2:]
		typo := "4711-" + sw + code[len(code)-1:]
		if _, _, err := record.ParseShortCode(typo); !errors.Is(err, record.ErrShortCodeCheck) {
			t.Errorf("swap %q: err %v", typo, err)
		}
	}
	for _, bad := range []string{"", "4711", "4711-", "K3QZ-8M2D-X", "0-AAAA-AAAA-A", "4711-AAAA-AAA", "4711-AAAA-AAAA-AA", "4711-AAAA-AAU=-A", "https://x/verify/abc"} {
		if _, _, err := record.ParseShortCode(bad); !errors.Is(err, record.ErrShortCodeFormat) {
			t.Errorf("%q: err %v, want a format error", bad, err)
		}
	}
}
