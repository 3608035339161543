package web

import (
	"time"

	"github.com/ailit/ailit/internal/store"
)

// mySessionRegistration is a registration for a live session date, in "My data".
type mySessionRegistration struct {
	Series       string     `json:"series"`
	SeriesKey    string     `json:"series_key"`
	StartsAt     time.Time  `json:"starts_at"`
	EndsAt       time.Time  `json:"ends_at"`
	Status       string     `json:"status"` // registered, waiting, cancelled
	RegisteredAt time.Time  `json:"registered_at"`
	CancelledAt  *time.Time `json:"cancelled_at"`
	Attended     bool       `json:"attended"`
}

// myEvidenceUpload is an uploaded certificate with its review, in "My data".
type myEvidenceUpload struct {
	Measure     string     `json:"measure"`
	Title       string     `json:"title"`
	Issuer      string     `json:"issuer"`
	IssuedOn    time.Time  `json:"issued_on"`
	FileName    string     `json:"file_name"`
	ContentType string     `json:"content_type"`
	SizeBytes   int64      `json:"size_bytes"`
	SHA256      string     `json:"sha256"`
	Status      string     `json:"status"`
	Reason      string     `json:"reason,omitempty"`
	DecidedAt   *time.Time `json:"decided_at"`
	UploadedAt  time.Time  `json:"uploaded_at"`
}

// addMeasures adds session registrations and uploads to the person's data.
func addMeasures(out *myData, d *store.PersonalData) {
	out.SessionRegistrations, out.EvidenceUploads = []mySessionRegistration{}, []myEvidenceUpload{}
	for _, r := range d.SessionRegistrations {
		out.SessionRegistrations = append(out.SessionRegistrations, mySessionRegistration{Series: r.Series.Title, SeriesKey: r.Series.Key,
			StartsAt: r.Date.StartsAt, EndsAt: r.Date.EndsAt, Status: string(r.Registration.Status), RegisteredAt: r.Registration.RegisteredAt,
			CancelledAt: r.Registration.CancelledAt, Attended: r.Registration.Attended})
	}
	for _, e := range d.EvidenceUploads {
		out.EvidenceUploads = append(out.EvidenceUploads, myEvidenceUpload{Measure: e.Measure().Key(), Title: e.Title, Issuer: e.Issuer,
			IssuedOn: e.IssuedOn, FileName: e.FileName, ContentType: e.ContentType, SizeBytes: e.SizeBytes, SHA256: e.SHA256,
			Status: e.Status, Reason: e.Reason, DecidedAt: e.DecidedAt, UploadedAt: e.CreatedAt})
	}
}
