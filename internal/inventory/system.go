// Package inventory is the AI inventory ("KI-Register") of an authority: which AI systems it
// uses, how the AI Act classifies each, which org units use it, who works with it in which role,
// and which measures each role needs. Art. 4 AI Act (as amended by the Digital Omnibus on AI, 2026)
// asks for measures appropriate to a person's role and the AI systems used; this package turns the
// inventory into required measures per person. It is pure: no HTTP, no database.
package inventory

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/measure"
)

// Status is where a system is in its life.
type Status string

// The statuses, in life order.
const (
	StatusPlanned Status = "planned" // geplant
	StatusPilot   Status = "pilot"   // Pilotbetrieb
	StatusInUse   Status = "in_use"  // im Einsatz
	StatusRetired Status = "retired" // außer Betrieb
)

// Statuses lists every status in life order.
var Statuses = []Status{StatusPlanned, StatusPilot, StatusInUse, StatusRetired}

// Active reports whether people work with the system (pilot or in use): only then do its rules
// require measures.
func (s Status) Active() bool { return s == StatusPilot || s == StatusInUse }

// Classification codes: the fixed list an admin chooses from. A system carries a set of them.
const (
	ClassProhibitedChecked = "prohibited_checked" // Art. 5 check done: no prohibited practice
	ClassHighRisk          = "high_risk"          // Art. 6 with Annex III: needs an Annex III area
	ClassTransparency      = "transparency"       // Art. 50 transparency duties (chatbots, synthetic content)
	ClassGPAI              = "gpai"               // built on a general-purpose AI model (Art. 3(63))
	ClassMinimal           = "minimal"            // none of the above duties
)

// Classifications lists the fixed list in display order.
var Classifications = []string{ClassProhibitedChecked, ClassHighRisk, ClassTransparency, ClassGPAI, ClassMinimal}

// AnnexIIIAreas are the eight areas of Annex III AI Act, by number.
var AnnexIIIAreas = []int{1, 2, 3, 4, 5, 6, 7, 8}

// Roles people take in working with a system.
const (
	RoleUser          = "user"           // Nutzer:in
	RoleOversight     = "oversight"      // menschliche Aufsicht, Art. 26(2)
	RoleDecisionMaker = "decision_maker" // entscheidet gestützt auf die Ausgabe
	RoleAdministrator = "administrator"  // Administration / Beschaffung
)

// Roles lists every role in display order.
var Roles = []string{RoleUser, RoleOversight, RoleDecisionMaker, RoleAdministrator}

// ValidRole reports whether r is one of Roles.
func ValidRole(r string) bool { return slices.Contains(Roles, r) }

// Documents are links to internal documents about a system.
type Documents struct {
	DPIA     string `json:"dpia,omitempty"`     // Datenschutz-Folgenabschätzung (Art. 35 DSGVO)
	FRIA     string `json:"fria,omitempty"`     // Grundrechte-Folgenabschätzung (Art. 27 KI-VO)
	Contract string `json:"contract,omitempty"` // Vertrag / Auftragsverarbeitung / service agreement
}

// System is one AI system of the inventory, as an admin describes it.
type System struct {
	Key            string    // stable id in files and reports: "chatbot-buergerservice"
	Name           string    // "Chatbot Bürgerservice"
	Provider       string    // Anbieter
	Purpose        string    // Zweck
	Status         Status    //
	Classification []string  // codes from Classifications
	AnnexIIIArea   int       // 1–8 when high_risk, else 0
	Contact        string    // Ansprechperson or function mailbox
	Documents      Documents //
	ReviewDate     time.Time // next review; zero: none set
	Public         bool      // listed on the public register page
}

// Has reports whether the system carries a classification code.
func (s System) Has(code string) bool { return slices.Contains(s.Classification, code) }

var keyPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidKey reports whether k can be a system key.
func ValidKey(k string) bool { return len(k) <= 80 && keyPattern.MatchString(k) }

// Problem is one thing wrong with a system: the field and an i18n key (inventory.err.*).
type Problem struct {
	Field string
	Key   string
}

func (p Problem) Error() string { return p.Field + ": " + p.Key }

// Validate checks a system; the problems come in field order.
func (s System) Validate() []Problem {
	var ps []Problem
	add := func(field, key string) { ps = append(ps, Problem{field, key}) }
	if !ValidKey(s.Key) {
		add("key", "inventory.err.key")
	}
	if strings.TrimSpace(s.Name) == "" || len(s.Name) > 200 {
		add("name", "inventory.err.name")
	}
	if len(s.Provider) > 200 {
		add("provider", "inventory.err.long")
	}
	if strings.TrimSpace(s.Purpose) == "" || len(s.Purpose) > 2000 {
		add("purpose", "inventory.err.purpose")
	}
	if !slices.Contains(Statuses, s.Status) {
		add("status", "inventory.err.status")
	}
	ps = append(ps, s.validateClassification()...)
	if len(s.Contact) > 200 {
		add("contact", "inventory.err.long")
	}
	for _, d := range []struct{ field, value string }{{"dpia", s.Documents.DPIA}, {"fria", s.Documents.FRIA}, {"contract", s.Documents.Contract}} {
		if d.value != "" && !validLink(d.value) {
			add(d.field, "inventory.err.link")
		}
	}
	return ps
}

func (s System) validateClassification() []Problem {
	var ps []Problem
	add := func(field, key string) { ps = append(ps, Problem{field, key}) }
	for _, c := range s.Classification {
		if !slices.Contains(Classifications, c) {
			add("classification", "inventory.err.class_unknown")
			return ps
		}
	}
	switch {
	case len(s.Classification) == 0:
		add("classification", "inventory.err.class_required")
	case s.Has(ClassMinimal) && (s.Has(ClassHighRisk) || s.Has(ClassTransparency)):
		add("classification", "inventory.err.class_minimal")
	case !s.Has(ClassProhibitedChecked) && s.Status.Active():
		// A system people work with must have been checked against Art. 5 first.
		add("classification", "inventory.err.class_unchecked")
	}
	if s.Has(ClassHighRisk) && !slices.Contains(AnnexIIIAreas, s.AnnexIIIArea) {
		add("annex_area", "inventory.err.annex_area")
	}
	if !s.Has(ClassHighRisk) && s.AnnexIIIArea != 0 {
		add("annex_area", "inventory.err.annex_without_high_risk")
	}
	return ps
}

// validLink accepts an http(s) URL or an internal reference such as a file path or a document
// number ("DMS 2026/114"): what an authority's DMS gives out varies, but it must be one line.
func validLink(s string) bool {
	if len(s) > 500 || strings.ContainsAny(s, "\r\n\t<>\"") {
		return false
	}
	if strings.Contains(s, "://") {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
	}
	return strings.TrimSpace(s) != ""
}

// SortClassification puts codes in the order of the fixed list and drops duplicates.
func SortClassification(codes []string) []string {
	out := []string{}
	for _, c := range Classifications {
		if slices.Contains(codes, c) {
			out = append(out, c)
		}
	}
	for _, c := range codes { // unknown codes stay, at the end, so Validate can name them
		if !slices.Contains(Classifications, c) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// ParseStatus reads a status code.
func ParseStatus(s string) (Status, error) {
	st := Status(strings.TrimSpace(s))
	if !slices.Contains(Statuses, st) {
		return "", fmt.Errorf("unknown status %q (known: planned, pilot, in_use, retired)", s)
	}
	return st, nil
}

// roleTitles are the German role names used in the titles of derived assignments (stored text,
// so one language: the administration's).
var roleTitles = map[string]string{RoleUser: "Nutzung", RoleOversight: "Menschliche Aufsicht",
	RoleDecisionMaker: "Entscheidung", RoleAdministrator: "Administration/Beschaffung"}

// kindTitles name the kinds of measure other than courses in assignment titles.
var kindTitles = map[measure.Kind]string{measure.Session: "Schulung", measure.Policy: "Dienstanweisung", measure.External: "Nachweis"}

// AssignmentTitle is the title of the assignment that carries out a rule, e.g.
// "KI-Register: Chatbot Bürgerservice · Nutzung · KI sicher und rechtskonform nutzen"; measureTitle
// is the measure's title ("": its id, with the kind for measures other than courses).
func AssignmentTitle(systemName string, r Rule, measureTitle string) string {
	what := measureTitle
	switch {
	case what != "":
	case r.Measure.Kind != measure.Course:
		what = kindTitles[r.Measure.Kind] + " " + r.Measure.ID
	default:
		what = r.Measure.ID
	}
	t := "KI-Register: " + systemName + " · " + roleTitles[r.Role] + " · " + what
	if len(t) > 200 {
		t = t[:197] + "…"
	}
	return t
}
