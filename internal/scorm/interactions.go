package scorm

import (
	"fmt"
	"regexp"
	"strconv"
)

// Interactions (cmi.interactions.n.*) are what authoring tools report per question. ailit keeps
// their plain fields; the nested arrays objectives.n and correct_responses.n are not kept
// (error 401 in SCORM 1.2, 402 in SCORM 2004).

var interactionName = regexp.MustCompile(`^cmi\.interactions\.(0|[1-9][0-9]{0,3})\.([a-z_]+)$`)

var (
	identifier12   = regexp.MustCompile(`^[A-Za-z0-9_\-.:]{1,255}$`)
	time12         = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,2})?$`)
	timestamp2004  = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}(:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,2})?)?)?(Z|[+-][0-9]{2}(:[0-9]{2})?)?)?)?)?$`)
	longIdentifier = regexp.MustCompile(`^\S+$`)
)

func matches(re *regexp.Regexp, what string) check {
	return func(v string) (string, bool) {
		if !re.MatchString(v) {
			return fmt.Sprintf("%q is not %s", v, what), false
		}
		return "", false
	}
}

func both(a, b check) check {
	return func(v string) (string, bool) {
		if p, r := a(v); p != "" {
			return p, r
		}
		return b(v)
	}
}

// resultCheck accepts a vocabulary word or a decimal number (both editions allow a numeric result).
func resultCheck(words ...string) check {
	vocab := vocabulary(words...)
	return func(v string) (string, bool) {
		if _, ok := parseReal(v); ok {
			return "", false
		}
		return vocab(v)
	}
}

var interactionFields12 = map[string]*element{
	"id":               {access: writeOnly, check: matches(identifier12, "an identifier (letters, digits, _ - . :)")},
	"time":             {access: writeOnly, check: matches(time12, "a time HH:MM:SS")},
	"type":             {access: writeOnly, check: vocabulary("true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric")},
	"weighting":        {access: writeOnly, check: anyReal},
	"student_response": {access: writeOnly, check: maxChars(255)},
	"result":           {access: writeOnly, check: resultCheck("correct", "wrong", "unanticipated", "neutral")},
	"latency":          {access: writeOnly, check: timespan12},
}

var interactionFields2004 = map[string]*element{
	"id":               {check: both(matches(longIdentifier, "an identifier without spaces"), maxChars(4000))},
	"type":             {check: vocabulary("true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing", "likert", "numeric", "other")},
	"timestamp":        {check: matches(timestamp2004, "a time stamp such as 2026-12-03T08:15:00Z")},
	"weighting":        {check: anyReal},
	"learner_response": {check: maxChars(4000), tooLong: 351},
	"result":           {check: resultCheck("correct", "incorrect", "unanticipated", "neutral")},
	"latency":          {check: timeinterval2004},
	"description":      {check: maxChars(250), tooLong: 351},
}

const (
	interactionChildren12   = "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
	interactionChildren2004 = "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description"
)

// interactionCount is cmi.interactions._count: the entries 0, 1, … that have an id.
func (st *State) interactionCount() int {
	n := 0
	for {
		if _, ok := st.Values["cmi.interactions."+strconv.Itoa(n)+".id"]; !ok {
			return n
		}
		n++
	}
}

// interaction resolves cmi.interactions.n.field. handled is false for other names.
func (s *Session) interaction(name string, set bool) (el *element, err Error, handled bool) {
	m := interactionName.FindStringSubmatch(name)
	if m == nil {
		return nil, noError, false
	}
	fields := interactionFields2004
	if s.State.Kind == KindSCORM12 {
		fields = interactionFields12
	}
	el, known := fields[m[2]]
	if !known {
		return nil, Error{s.codes.undefined, name + " is not an element of the data model"}, true
	}
	n, _ := strconv.Atoi(m[1])
	count := s.State.interactionCount()
	switch {
	case set && n > count:
		code := 351
		if s.State.Kind == KindSCORM12 {
			code = 201
		}
		return nil, Error{code, fmt.Sprintf("interaction %d cannot be set before interaction %d", n, count)}, true
	case set && n == count && m[2] != "id":
		code := 408
		if s.State.Kind == KindSCORM12 {
			code = 201
		}
		return nil, Error{code, fmt.Sprintf("set cmi.interactions.%d.id first", n)}, true
	case !set && n >= count && s.State.Kind == KindSCORM2004:
		return nil, Error{301, fmt.Sprintf("there is no interaction %d", n)}, true
	}
	return el, noError, true
}
