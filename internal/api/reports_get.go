package api

import (
	"bytes"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// evidenceReport is the Art. 4 record ("Nachweis KI-Kompetenz") as JSON: the same document, with
// the same privacy level, minimum group size and integrity hash, as the report pages' JSON export.
func (a *API) evidenceReport(c *fiber.Ctx, tok *store.APIToken) error {
	return a.sendReport(c, tok, store.ReportEvidence)
}

// personReport is the status report (people × assignment, or counts per unit at the aggregate
// privacy level) as JSON, as the report pages export it.
func (a *API) personReport(c *fiber.Ctx, tok *store.APIToken) error {
	return a.sendReport(c, tok, store.ReportExported)
}

// sendReport builds a report for the whole organisation or a unit and sends it with a weak ETag
// (reportETag). Every report sent is logged like an export from the pages, with the token as the
// actor; a 304 sends nothing and is not logged as an export.
func (a *API) sendReport(c *fiber.Ctx, tok *store.APIToken, kind string) error {
	ctx := c.UserContext()
	rs, err := a.db.ReportSettings(ctx, a.cfg.PrivacyLevel)
	if err != nil {
		return err
	}
	src, err := reporting.New(ctx, a.db, a.lib, a.db.Now())
	if err != nil {
		return err
	}
	f, p := a.reportFilter(c, src)
	if p != nil {
		return p
	}
	l := lang(c)
	counter := &reporting.Counter{}
	var doc report.Document
	if kind == store.ReportEvidence {
		doc, err = src.EvidenceReport(ctx, store.Scope{All: true}, f, rs, l, counter)
	} else {
		doc, err = src.PersonReport(ctx, store.Scope{All: true}, f, rs, l, counter)
	}
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	hash, err := report.WriteJSON(&buf, doc)
	if err != nil {
		return err
	}
	if err := sendCached(c, reportETag(buf.Bytes()), fiber.MIMEApplicationJSON, buf.Bytes()); err != nil {
		return err
	}
	if c.Response().StatusCode() != fiber.StatusOK {
		return nil // 304: the client has this document already
	}
	return a.db.LogReport(ctx, &store.ReportExport{Actor: fmt.Sprintf("api:%s (#%d)", tok.Name, tok.ID), Kind: kind,
		Format: "json", RowCount: counter.N(), Hash: hash}, src.Describe(f))
}

// reportFilter reads unit (an id) or unit_path ("Stadtverwaltung/Bauamt"), sub, course,
// assignment, status, area, from and to (YYYY-MM-DD).
func (a *API) reportFilter(c *fiber.Ctx, src *reporting.Source) (reporting.Filter, *Problem) {
	var f reporting.Filter
	var errs []FieldError
	bad := func(name, detail string) { errs = append(errs, FieldError{Pointer: name, Detail: detail}) }
	sub, p := boolQuery(c, "sub")
	if p != nil {
		return f, p
	}
	f.WithSub, f.CourseID, f.Area = sub, c.Query("course"), c.Query("area")
	if s := c.Query("unit"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 || src.UnitPath(id) == "" {
			bad("unit", "no org unit has this id")
		}
		f.UnitID = id
	}
	if s := c.Query("unit_path"); s != "" {
		id, ok := unitByPath(c, a, s)
		if !ok {
			bad("unit_path", "no org unit has this path")
		}
		if f.UnitID != 0 && f.UnitID != id {
			bad("unit_path", "names another unit than unit")
		}
		f.UnitID = id
	}
	if s := c.Query("assignment"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			bad("assignment", "must be an assignment id")
		}
		f.AssignmentID = id
	}
	if s := c.Query("status"); s != "" {
		for _, st := range assign.AllStates {
			if string(st) == s {
				f.Status = s
			}
		}
		if f.Status == "" {
			bad("status", "unknown status")
		}
	}
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		if s := c.Query(d.name); s != "" {
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				bad(d.name, "must be a date like 2026-12-31")
			}
			*d.dst = t
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		bad("to", "lies before from")
	}
	if len(errs) > 0 {
		return f, invalid("The filter has invalid values.", errs...)
	}
	return f, nil
}

// unitByPath finds a unit by its name path.
func unitByPath(c *fiber.Ctx, a *API, path string) (int64, bool) {
	tree, units, err := a.db.OrgTree(c.UserContext())
	if err != nil {
		return 0, false
	}
	want := org.JoinPath(org.SplitPath(path))
	for _, u := range units {
		if org.JoinPath(tree.NamePath(u.ID)) == want {
			return u.ID, true
		}
	}
	return 0, false
}
