package record

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// The short code is what a clerk types from a paper record: the record number, a dash, eight
// Crockford base32 symbols taken from the record's signature and one check symbol, e.g.
// "4711-K3QZ-8M2D-X". The eight symbols (40 bits) cannot be made without the signing key, so a
// code cannot be guessed (the page is throttled as well); the check symbol (Crockford's mod 37)
// catches a mistyped symbol or two swapped neighbours before anything is looked up.

// Errors of ParseShortCode, each with its own message on the page.
var (
	ErrShortCodeFormat = errors.New("record: not a short code")
	ErrShortCodeCheck  = errors.New("record: the short code's check symbol does not match")
)

const (
	crockford      = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	crockfordCheck = crockford + "*~$=U" // values 32 to 36 exist only as check symbols
	codeSymbols    = 8
)

// ShortCode returns the short code of record r with the record number (the completion's number).
func (s *Signer) ShortCode(number int64, r Record) string {
	body := codeBody(s.Sign(r))
	full := body + string(crockfordCheck[checkValue(number, body)])
	return strconv.FormatInt(number, 10) + "-" + full[:4] + "-" + full[4:8] + "-" + full[8:]
}

// VerifyShortCode reports whether code (as returned by ParseShortCode) belongs to record r.
func (s *Signer) VerifyShortCode(r Record, code string) bool {
	want := codeBody(s.Sign(r))
	return len(code) == codeSymbols+1 && subtle.ConstantTimeCompare([]byte(want), []byte(code[:codeSymbols])) == 1
}

// ParseShortCode reads a typed short code: case, spaces and dashes inside the code do not
// matter, and O, I and L are read as 0, 1 and 1 as Crockford's alphabet says. It returns the record
// number and the nine symbols of the code.
func ParseShortCode(in string) (int64, string, error) {
	in = strings.ToUpper(strings.TrimSpace(in))
	i := 0
	for i < len(in) && in[i] >= '0' && in[i] <= '9' {
		i++
	}
	number, err := strconv.ParseInt(in[:i], 10, 64)
	if err != nil || number <= 0 || i == len(in) || !strings.ContainsRune("- /", rune(in[i])) {
		return 0, "", ErrShortCodeFormat
	}
	var code strings.Builder
	for _, r := range in[i+1:] {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(crockfordCheck, r) || (code.Len() < codeSymbols && !strings.ContainsRune(crockford, r)) {
			return 0, "", ErrShortCodeFormat
		}
		code.WriteRune(r)
	}
	c := code.String()
	if len(c) != codeSymbols+1 {
		return 0, "", ErrShortCodeFormat
	}
	if crockfordCheck[checkValue(number, c[:codeSymbols])] != c[codeSymbols] {
		return 0, "", ErrShortCodeCheck
	}
	return number, c, nil
}

// codeBody is the first 40 bits of a hash of the signature in Crockford base32.
func codeBody(sig string) string {
	raw, _ := base64.RawURLEncoding.DecodeString(sig)
	sum := sha256.Sum256(append([]byte("ailit short code v1\x00"), raw...))
	var v uint64
	for _, b := range sum[:5] {
		v = v<<8 | uint64(b)
	}
	out := make([]byte, codeSymbols)
	for i := codeSymbols - 1; i >= 0; i-- {
		out[i] = crockford[v&31]
		v >>= 5
	}
	return string(out)
}

// checkValue is Crockford's check: the value of number followed by the symbols, modulo 37.
func checkValue(number int64, symbols string) int {
	v := int(number % 37)
	for i := range len(symbols) {
		v = (v*32 + strings.IndexByte(crockford, symbols[i])) % 37
	}
	return v
}
