package form

import (
	"net/url"
	"slices"
	"time"
)

// OtherEvidence is the external measure an upload belongs to when no assignment asks for one.
const OtherEvidence = "sonstiger-nachweis"

// EvidenceUpload is the learner's form for a certificate from outside (the file is checked apart).
type EvidenceUpload struct {
	MeasureID, Title, Issuer, IssuedOn string
}

// NewEvidenceUpload reads the form.
func NewEvidenceUpload(form url.Values) EvidenceUpload {
	return EvidenceUpload{MeasureID: trimmed(form, "measure"), Title: trimmed(form, "title"), Issuer: trimmed(form, "issuer"),
		IssuedOn: trimmed(form, "issued_on")}
}

// Validate checks the fields: the measure is one offered, the date a past day in loc.
func (f EvidenceUpload) Validate(offered []string, loc *time.Location, now time.Time) (time.Time, Errors) {
	errs := Errors{}
	if !slices.Contains(offered, f.MeasureID) {
		errs["measure"] = "evidence.err.measure"
	}
	if f.Title == "" || len(f.Title) > 200 {
		errs["title"] = "evidence.err.title"
	}
	if f.Issuer == "" || len(f.Issuer) > 200 {
		errs["issuer"] = "evidence.err.issuer"
	}
	issued, err := time.ParseInLocation(time.DateOnly, f.IssuedOn, loc)
	switch {
	case err != nil:
		errs["issued_on"] = "evidence.err.date"
	case issued.After(now):
		errs["issued_on"] = "evidence.err.future"
	}
	return issued, errs
}

// EvidenceDecision is a reviewer's accept or reject with a reason.
type EvidenceDecision struct {
	Accept bool
	Reason string
}

// NewEvidenceDecision reads the form.
func NewEvidenceDecision(form url.Values) EvidenceDecision {
	return EvidenceDecision{Accept: form.Get("decision") == "accept", Reason: trimmed(form, "reason")}
}

// Validate requires a reason to reject.
func (f EvidenceDecision) Validate() Errors {
	errs := Errors{}
	if !f.Accept && f.Reason == "" {
		errs["reason"] = "evidence.err.reason"
	}
	if len(f.Reason) > 500 {
		errs["reason"] = "evidence.err.reason_long"
	}
	return errs
}
