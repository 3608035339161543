package web

import (
	"bufio"
	"context"
	"errors"
	"slices"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/reporting"
	"github.com/ailit/ailit/internal/store"
)

// reportsExport streams the manager report as CSV, XLSX, PDF or JSON.
func (a *App) reportsExport(c *fiber.Ctx) error {
	return a.streamReport(c, store.ReportExported)
}

// reportsEvidence streams the Art. 4 evidence report ("Nachweis KI-Kompetenz").
func (a *App) reportsEvidence(c *fiber.Ctx) error {
	return a.streamReport(c, store.ReportEvidence)
}

// streamReport writes a report file row by row while the rows are read from the database. The
// handler returns before the body is written: the session middleware saves the session (and sets
// its cookie) first, then fasthttp calls the stream writer. The export is logged once the last
// row is written, with the row count and the integrity hash; a failed export is logged nowhere
// and ends the response early, so the file is visibly broken rather than silently short.
func (a *App) streamReport(c *fiber.Ctx, kind string) error {
	format := c.Query("format", "csv")
	if !slices.Contains(reporting.Formats, format) {
		return domain.Errorf(domain.EINVALID, "unknown format %q: csv, xlsx, pdf or json", format)
	}
	rc, err := a.newReportCtx(c)
	if err != nil {
		return err
	}
	if len(rc.Errors) > 0 {
		return domain.Errorf(domain.EINVALID, "invalid filter")
	}
	table := c.Query("table") // CSV: which table of the report; "" is the main one
	l := lang(c)
	// The stream outlives the request context: use a context of its own.
	ctx := context.WithoutCancel(c.UserContext())
	// Limits (an XLSX sheet's rows) are checked before any row is read or a header is sent.
	if err := rc.Source.CheckExport(ctx, rc.Scope, rc.Filter, rc.Settings, kind, format); err != nil {
		var tooMany *report.TooManyRowsError
		if errors.As(err, &tooMany) {
			return domain.Errorf(domain.EINVALID, "%s", i18n.T(l, "report.export.too_many_rows",
				report.CountText(tooMany.Rows, l), report.CountText(tooMany.Max, l)))
		}
		return err
	}
	counter := &reporting.Counter{}
	var doc report.Document
	if kind == store.ReportEvidence {
		if doc, err = rc.Source.EvidenceReport(ctx, rc.Scope, rc.Filter, rc.Settings, l, counter); err != nil {
			return err
		}
	} else if doc, err = rc.Source.PersonReport(ctx, rc.Scope, rc.Filter, rc.Settings, l, counter); err != nil {
		return err
	}
	u := *currentUser(c)
	filters := rc.Source.Describe(rc.Filter)
	if format == "csv" && table != "" && !slices.ContainsFunc(doc.Sections, func(s report.Section) bool { return s.Key == table }) {
		return domain.Errorf(domain.EINVALID, "this report has no table %q", table)
	}
	file := reporting.FileName(kind, format, table, rc.Source.Now)
	c.Set(fiber.HeaderContentType, reporting.ContentType(format))
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+file+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		written, err := reporting.Write(w, format, doc, file, table)
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			a.log.Error("report export failed", "kind", kind, "format", format, "user", u.ID, "error", err)
			return
		}
		e := &store.ReportExport{UserID: &u.ID, Actor: u.Email, Kind: kind, Format: format, RowCount: counter.N(),
			Hash: written.Hash, IntegrityFor: written.IntegrityFor()}
		if err := a.db.LogReport(ctx, e, filters); err != nil {
			a.log.Error("logging report export failed", "error", err)
		}
	})
	return nil
}
