package web

import (
	"context"
	"strings"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/store"
)

// recordOf builds the record of participation of a completion, in language l, for the person
// named. Title, issuer and wording are their current values; only the completion facts are signed.
func (a *App) recordOf(l string, c *store.Completion, person string) record.Record {
	r := record.Record{
		ID: c.RecordID, PersonName: person, CourseID: c.CourseID, CourseTitle: a.courseTitle(c.CourseID, c.Version),
		Version: c.Version, ContentHash: c.ContentHash, CompletedAt: c.CompletedAt,
		Issuer: a.cfg.OrgName, Wording: a.recordWording(l), RevokeReason: c.RevokeReason,
	}
	if c.ValidUntil != nil {
		r.ValidUntil = *c.ValidUntil
	}
	if c.RevokedAt != nil {
		r.RevokedAt = *c.RevokedAt
	}
	return r
}

// recordWording is the legal wording the operator configured, or the built-in text in language l.
func (a *App) recordWording(l string) string {
	if a.cfg.RecordWording != "" {
		return a.cfg.RecordWording
	}
	return i18n.T(l, "record.wording.default")
}

// entryOf is a record with its verification URL and short code; number is the completion's id.
func (a *App) entryOf(number int64, r record.Record) record.Entry {
	return record.Entry{Record: r, URL: a.signer.VerifyURL(a.cfg.BaseURL, r),
		ShortCode: a.signer.ShortCode(number, r), CodePage: strings.TrimRight(a.cfg.BaseURL, "/") + "/verify"}
}

// courseTitle is the title of a course version; when that version is no longer loaded, the title
// of any loaded version, and the course id when the course is gone altogether.
func (a *App) courseTitle(courseID, version string) string {
	if kind := measure.KindOfKey(courseID); kind != measure.Course { // a policy, session or external evidence (home_measures.go)
		return a.measureTitles(context.Background(), "de").Of(courseID) + " (" + i18n.T("de", "measure.kind."+string(kind)) + ")"
	}
	cat := a.lib.Catalog()
	if v := cat.Version(courseID, version); v != nil {
		return v.Manifest.Title
	}
	if course := cat.AnyCourse(courseID); course != nil {
		if v := course.Latest(); v != nil {
			return v.Manifest.Title
		}
	}
	return courseID
}
