package scorm

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var (
	decimalPattern    = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$|^-?\.[0-9]+$`)
	timespan12Pattern = regexp.MustCompile(`^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$`)
	interval2004      = regexp.MustCompile(`^P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]{1,2})?)S)?)?$`)
)

func parseReal(s string) (float64, bool) {
	if !decimalPattern.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil && !math.IsInf(v, 0)
}

// check is a type check of a value for SetValue: it returns the error code kind (typeMismatch,
// rang) with a diagnostic, or "" when the value is fine.
type check func(v string) (problem string, outOfRange bool)

func maxChars(n int) check {
	return func(v string) (string, bool) {
		if !utf8.ValidString(v) {
			return "the value is not valid UTF-8", false
		}
		if c := utf8.RuneCountInString(v); c > n {
			return fmt.Sprintf("the value has %d characters; at most %d are stored", c, n), false
		}
		return "", false
	}
}

func vocabulary(words ...string) check {
	return func(v string) (string, bool) {
		for _, w := range words {
			if v == w {
				return "", false
			}
		}
		return fmt.Sprintf("%q is not one of: %s", v, strings.Join(words, ", ")), false
	}
}

// decimalIn accepts a decimal number from lo to hi; blank is allowed in SCORM 1.2 scores.
func decimalIn(lo, hi float64, blankOK bool) check {
	return func(v string) (string, bool) {
		if v == "" && blankOK {
			return "", false
		}
		f, ok := parseReal(v)
		if !ok {
			return fmt.Sprintf("%q is not a decimal number", v), false
		}
		if f < lo || f > hi {
			return fmt.Sprintf("%s is outside %g…%g", v, lo, hi), true
		}
		return "", false
	}
}

func anyReal(v string) (string, bool) {
	if _, ok := parseReal(v); !ok {
		return fmt.Sprintf("%q is not a real number", v), false
	}
	return "", false
}

func timespan12(v string) (string, bool) {
	if _, ok := secondsOf12(v); !ok {
		return fmt.Sprintf("%q is not a time span HHHH:MM:SS.SS", v), false
	}
	return "", false
}

func timeinterval2004(v string) (string, bool) {
	if _, ok := secondsOf2004(v); !ok {
		return fmt.Sprintf("%q is not an ISO 8601 duration such as PT1H30M5S", v), false
	}
	return "", false
}

// secondsOf12 reads a SCORM 1.2 CMITimespan.
func secondsOf12(v string) (float64, bool) {
	m := timespan12Pattern.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	s, _ := strconv.Atoi(m[3])
	if mi > 59 || s > 59 {
		return 0, false
	}
	frac := 0.0
	if m[4] != "" {
		frac, _ = strconv.ParseFloat("0"+m[4], 64)
	}
	return float64(h*3600+mi*60+s) + frac, true
}

// secondsOf2004 reads a SCORM 2004 timeinterval (ISO 8601 duration); a month counts 30 days and
// a year 365, as exact durations need a start date the data model does not have.
func secondsOf2004(v string) (float64, bool) {
	m := interval2004.FindStringSubmatch(v)
	if m == nil || v == "P" || strings.HasSuffix(v, "T") {
		return 0, false
	}
	unit := []float64{365 * 86400, 30 * 86400, 86400, 3600, 60, 1}
	total := 0.0
	for i, f := range unit {
		if m[i+1] != "" {
			n, _ := strconv.ParseFloat(m[i+1], 64)
			total += n * f
		}
	}
	return total, true
}

// format12 writes seconds as a SCORM 1.2 CMITimespan, HHHH:MM:SS.SS.
func format12(sec float64) string {
	cs := int64(math.Round(sec * 100))
	h, rest := cs/360000, cs%360000
	return fmt.Sprintf("%04d:%02d:%02d.%02d", min(h, 9999), rest/6000, rest%6000/100, rest%100)
}

// format2004 writes seconds as an ISO 8601 duration, PTnHnMn.nnS.
func format2004(sec float64) string {
	cs := int64(math.Round(sec * 100))
	h, rest := cs/360000, cs%360000
	return fmt.Sprintf("PT%dH%dM%d.%02dS", h, rest/6000, rest%6000/100, rest%100)
}
