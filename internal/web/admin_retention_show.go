package web

import (
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/web/form"
)

// retentionPage is the admin page of the retention periods, with the dry run when asked for.
type retentionPage struct {
	Rows    []retentionRow
	Planned bool // the dry run was asked for: Due and Total are filled
	AsOf    time.Time
	Total   int64
}

type retentionRow struct {
	Category retention.Category
	Field    string
	Unit     retention.Unit
	Value    string // the period as shown in the form
	Min, Max int
	Default  int
	Due      int64
}

func retentionRows(values func(retention.Definition) string) []retentionRow {
	rows := make([]retentionRow, 0, len(retention.Definitions))
	for _, d := range retention.Definitions {
		rows = append(rows, retentionRow{Category: d.Category, Field: form.RetentionField(d.Category), Unit: d.Unit,
			Value: values(d), Min: d.Min, Max: d.Max, Default: d.Default})
	}
	return rows
}

// adminRetentionShow shows the periods per data category with their legal reason; with ?plan=1 it
// also shows the dry run: how many entries of each category are due for deletion now.
func (a *App) adminRetentionShow(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := a.db.RetentionPolicy(ctx)
	if err != nil {
		return err
	}
	page := retentionPage{Rows: retentionRows(func(d retention.Definition) string { return strconv.Itoa(p.Period(d.Category)) })}
	if c.Query("plan") != "" {
		page.Planned, page.AsOf = true, a.db.Now()
		counts, err := a.db.RetentionPlan(ctx, p, page.AsOf)
		if err != nil {
			return err
		}
		for i := range page.Rows {
			page.Rows[i].Due = counts[page.Rows[i].Category]
		}
		page.Total = counts.Total()
	}
	return a.render(c, fiber.StatusOK, "admin_retention", page, nil)
}

// adminRetentionUpdate saves the periods; each change goes into the evidence log.
func (a *App) adminRetentionUpdate(c *fiber.Ctx) error {
	ctx := c.UserContext()
	old, err := a.db.RetentionPolicy(ctx)
	if err != nil {
		return err
	}
	f := form.NewRetention(formValues(c))
	next, invalid := f.Validate()
	if len(invalid) > 0 {
		t := tr(lang(c))
		errs := map[string]string{}
		for _, cat := range invalid {
			d, _ := retention.Lookup(cat)
			errs[form.RetentionField(cat)] = fmt.Sprintf("%s: %s", t("retention."+string(cat)+".name"), t("retention.period.error", d.Min, d.Max))
		}
		page := retentionPage{Rows: retentionRows(func(d retention.Definition) string { return f.Values[d.Category] })}
		return a.render(c, fiber.StatusUnprocessableEntity, "admin_retention", page, errs)
	}
	if err := a.db.SaveRetentionPolicy(ctx, currentUser(c).ID, old, next); err != nil {
		return err
	}
	webSession(c).flash(tr(lang(c))("retention.saved"))
	return c.Redirect("/admin/retention", fiber.StatusSeeOther)
}

// adminRetentionRun applies the periods now, as the daily run would.
func (a *App) adminRetentionRun(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p, err := a.db.RetentionPolicy(ctx)
	if err != nil {
		return err
	}
	counts, err := a.db.ApplyRetention(ctx, p, a.db.Now())
	if err != nil {
		return err
	}
	if _, err := a.db.RemoveUnreferencedEvidenceFiles(ctx, a.cfg.DataDir); err != nil {
		return err
	}
	webSession(c).flash(tr(lang(c))("retention.applied", counts.Total()))
	return c.Redirect("/admin/retention", fiber.StatusSeeOther)
}
