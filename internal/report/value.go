package report

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind says how a column's values are typed in XLSX and formatted in CSV.
type Kind int

// Column kinds.
const (
	KindText    Kind = iota
	KindID           // text that looks like a number: must keep leading zeros
	KindDate         // a calendar day
	KindInt          // a count
	KindPercent      // 0–100 with one decimal
	KindBool         // yes / no
)

// Value is one cell. Text is the canonical form every format agrees on, and the input of the
// integrity hash: ISO 8601 dates, integers, percent with one decimal and a point, "true"/"false".
// Empty Text is an empty cell.
type Value struct {
	Text string
	Time time.Time // KindDate
	Num  float64   // KindInt, KindPercent
}

// Text makes a text or id value. Invalid UTF-8 is replaced so every format can carry it.
func Text(s string) Value {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return Value{Text: s}
}

// Date makes a date value in UTC; the zero time is an empty cell.
func Date(t time.Time) Value {
	if t.IsZero() {
		return Value{}
	}
	y, m, day := t.Date()
	d := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	return Value{Text: isoDate(d, y, int(m), day), Time: d}
}

// isoDate is d.Format(time.DateOnly), written out by hand for the years 0–9999 (a report has
// millions of date cells).
func isoDate(d time.Time, y, m, day int) string {
	if y < 0 || y > 9999 {
		return d.Format(time.DateOnly)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + m/10), byte('0' + m%10), '-', byte('0' + day/10), byte('0' + day%10)}
	return string(b[:])
}

// Int makes a count.
func Int(n int) Value { return Value{Text: strconv.Itoa(n), Num: float64(n)} }

// Percent makes a percentage, rounded to one decimal.
func Percent(p float64) Value {
	s := strconv.FormatFloat(p, 'f', 1, 64)
	n, _ := strconv.ParseFloat(s, 64)
	return Value{Text: s, Num: n}
}

// Bool makes a yes/no value.
func Bool(b bool) Value { return Value{Text: strconv.FormatBool(b)} }

// parseCanonical rebuilds a value of kind k from its canonical text (used by the verifiers).
func parseCanonical(k Kind, s string) (Value, error) {
	if s == "" {
		return Value{}, nil
	}
	switch k {
	case KindDate:
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return Value{}, err
		}
		return Date(t), nil
	case KindInt:
		n, err := strconv.Atoi(s)
		if err != nil {
			return Value{}, err
		}
		return Int(n), nil
	case KindPercent:
		p, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return Value{}, err
		}
		return Percent(p), nil
	}
	return Text(s), nil
}
