// Package measure names the kinds of AI-literacy measures an assignment can require: ailit's own
// online courses, live sessions (workshops), acknowledgements of an internal policy and external
// evidence such as a certificate. Art. 4 AI Act asks for measures, not only courses; a Ref is how
// the inventory's requirement rules, assignments and reports point at one.
package measure

import (
	"fmt"
	"regexp"
	"strings"
)

// Kind is the kind of a measure.
type Kind string

// The kinds of measure, in display order.
const (
	Course   Kind = "course"   // an online course of the catalog; ID is the course id
	Session  Kind = "session"  // a live session series (Präsenz- or Online-Schulung); ID is the series key
	Policy   Kind = "policy"   // a policy document to read and confirm; ID is the document id
	External Kind = "external" // evidence from outside (a certificate) accepted by a manager; ID names the kind of evidence
)

// Kinds lists every kind in display order.
var Kinds = []Kind{Course, Session, Policy, External}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}
	return false
}

// Ref points at one measure: "course:ki-sicher-nutzen", "policy:dienstanweisung-ki".
type Ref struct {
	Kind Kind
	ID   string
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// String is the stable text form "kind:id", used in files, forms and the database.
func (r Ref) String() string { return string(r.Kind) + ":" + r.ID }

// Parse reads "kind:id". A bare id without a kind is a course, so course ids written before
// measures existed keep their meaning.
func Parse(s string) (Ref, error) {
	s = strings.TrimSpace(s)
	kind, id, found := strings.Cut(s, ":")
	if !found {
		kind, id = string(Course), s
	}
	r := Ref{Kind: Kind(kind), ID: id}
	if !r.Kind.Valid() {
		return Ref{}, fmt.Errorf("unknown kind of measure %q (known: course, session, policy, external)", kind)
	}
	if !idPattern.MatchString(id) {
		return Ref{}, fmt.Errorf("measure id %q may contain only lowercase letters, digits and single hyphens", id)
	}
	return r, nil
}

// Key is the form a measure takes in the course_id columns of assignments and completions: a
// course keeps its bare id (so every record written before measures existed stays valid), the
// other kinds are "kind:id". Course ids cannot contain a colon, so the two never collide.
func (r Ref) Key() string {
	if r.Kind == Course {
		return r.ID
	}
	return r.String()
}

// ParseKey reads a Key (or a Ref's String form; both are accepted).
func ParseKey(key string) (Ref, error) { return Parse(key) }

// KindOfKey is the kind of a stored key without checking the id: course for a bare id.
func KindOfKey(key string) Kind {
	if kind, _, found := strings.Cut(key, ":"); found {
		return Kind(kind)
	}
	return Course
}

// IsCourseKey reports whether a stored key names an online course.
func IsCourseKey(key string) bool { return KindOfKey(key) == Course }
