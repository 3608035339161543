package scorm

import (
	"strconv"
)

type accessMode int

const (
	readWrite accessMode = iota
	readOnly
	writeOnly
)

// element is one data model element: how it may be accessed, how a written value is checked, and
// for read-only elements where its value comes from.
type element struct {
	access  accessMode
	check   check
	initial string                          // value before the SCO writes one
	get     func(s *Session) (string, bool) // computed read-only value; false: none (2004: 403)
	tooLong int                             // error code for a value over the length limit (2004: 351)
}

// dataModel is one edition's set of elements.
type dataModel struct {
	elements    map[string]*element
	children    map[string]string // "cmi.core" → "student_id,…" for _children
	arrays      map[string]bool   // elements with _count (ailit keeps none of their entries)
	unkept      []string          // prefixes of elements ailit does not keep: error 401 / 402
	sessionTime string
	exit        string
	seconds     func(string) (float64, bool)
}

func ro(get func(s *Session) (string, bool)) *element { return &element{access: readOnly, get: get} }

func constant(v string) func(*Session) (string, bool) {
	return func(*Session) (string, bool) { return v, true }
}

func masteryString(s *Session) (string, bool) {
	if s.Launch.MasteryScore == nil {
		return "", false
	}
	return strconv.FormatFloat(*s.Launch.MasteryScore, 'f', -1, 64), true
}

var model12 = &dataModel{
	elements: map[string]*element{
		"cmi._version":             ro(constant("3.4")),
		"cmi.core.student_id":      ro(func(s *Session) (string, bool) { return s.Launch.LearnerID, true }),
		"cmi.core.student_name":    ro(func(s *Session) (string, bool) { return s.Launch.LearnerName, true }),
		"cmi.core.lesson_location": {check: maxChars(255)},
		"cmi.core.credit":          ro(constant("credit")),
		"cmi.core.lesson_status": {check: vocabulary("passed", "completed", "failed", "incomplete", "browsed"),
			initial: "not attempted"},
		"cmi.core.entry":        ro(func(s *Session) (string, bool) { return s.State.Entry, true }),
		"cmi.core.score.raw":    {check: decimalIn(0, 100, true)},
		"cmi.core.score.min":    {check: decimalIn(0, 100, true)},
		"cmi.core.score.max":    {check: decimalIn(0, 100, true)},
		"cmi.core.total_time":   ro(func(s *Session) (string, bool) { return format12(s.State.TotalSeconds), true }),
		"cmi.core.lesson_mode":  ro(constant("normal")),
		"cmi.core.exit":         {access: writeOnly, check: vocabulary("time-out", "suspend", "logout", "")},
		"cmi.core.session_time": {access: writeOnly, check: timespan12},
		"cmi.suspend_data":      {check: maxChars(4096)},
		"cmi.launch_data":       ro(func(s *Session) (string, bool) { return s.Launch.LaunchData, true }),
		"cmi.comments":          {check: maxChars(4096)},
		"cmi.comments_from_lms": ro(constant("")),
		"cmi.student_data.mastery_score": ro(func(s *Session) (string, bool) {
			v, _ := masteryString(s)
			return v, true
		}),
		"cmi.student_data.max_time_allowed":  ro(constant("")),
		"cmi.student_data.time_limit_action": ro(constant("")),
	},
	children: map[string]string{
		"cmi.core":         "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
		"cmi.core.score":   "raw,min,max",
		"cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
	},
	arrays:      map[string]bool{"cmi.objectives": true, "cmi.interactions": true},
	unkept:      []string{"cmi.objectives.", "cmi.interactions.", "cmi.student_preference."},
	sessionTime: "cmi.core.session_time",
	exit:        "cmi.core.exit",
	seconds:     secondsOf12,
}

var model2004 = &dataModel{
	elements: map[string]*element{
		"cmi._version":             ro(constant("1.0")),
		"cmi.completion_status":    {check: vocabulary("completed", "incomplete", "not attempted", "unknown"), initial: "unknown"},
		"cmi.success_status":       {check: vocabulary("passed", "failed", "unknown"), initial: "unknown"},
		"cmi.completion_threshold": ro(func(*Session) (string, bool) { return "", false }),
		"cmi.credit":               ro(constant("credit")),
		"cmi.entry":                ro(func(s *Session) (string, bool) { return s.State.Entry, true }),
		"cmi.exit":                 {access: writeOnly, check: vocabulary("time-out", "suspend", "logout", "normal", "")},
		"cmi.launch_data":          ro(func(s *Session) (string, bool) { return s.Launch.LaunchData, s.Launch.LaunchData != "" }),
		"cmi.learner_id":           ro(func(s *Session) (string, bool) { return s.Launch.LearnerID, true }),
		"cmi.learner_name":         ro(func(s *Session) (string, bool) { return s.Launch.LearnerName, true }),
		"cmi.location":             {check: maxChars(1000), tooLong: 351},
		"cmi.max_time_allowed":     ro(func(*Session) (string, bool) { return "", false }),
		"cmi.mode":                 ro(constant("normal")),
		"cmi.progress_measure":     {check: decimalIn(0, 1, false)},
		"cmi.scaled_passing_score": ro(masteryString),
		"cmi.score.scaled":         {check: decimalIn(-1, 1, false)},
		"cmi.score.raw":            {check: anyReal},
		"cmi.score.min":            {check: anyReal},
		"cmi.score.max":            {check: anyReal},
		"cmi.session_time":         {access: writeOnly, check: timeinterval2004},
		"cmi.suspend_data":         {check: maxChars(64000), tooLong: 351},
		"cmi.time_limit_action":    ro(constant("continue,no message")),
		"cmi.total_time":           ro(func(s *Session) (string, bool) { return format2004(s.State.TotalSeconds), true }),
		"adl.nav.request": {check: vocabulary("continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"),
			initial: "_none_"},
	},
	children: map[string]string{
		"cmi.score": "scaled,raw,min,max",
	},
	arrays: map[string]bool{"cmi.objectives": true, "cmi.interactions": true,
		"cmi.comments_from_learner": true, "cmi.comments_from_lms": true},
	unkept: []string{"cmi.objectives.", "cmi.interactions.", "cmi.comments_from_learner.",
		"cmi.comments_from_lms.", "cmi.learner_preference.", "adl.nav.request_valid."},
	sessionTime: "cmi.session_time",
	exit:        "cmi.exit",
	seconds:     secondsOf2004,
}
