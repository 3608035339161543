package web

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/store"
)

const exportsPageSize = 100

type exportLine struct {
	store.ReportExport
	FilterList []string
}

type exportsPage struct {
	Rows        []exportLine
	Total       int64
	Page, Pages int
}

// adminExportsList shows the log of report views and exports: who saw or downloaded what, when,
// with which filters, how many rows and which integrity hash.
func (a *App) adminExportsList(c *fiber.Ctx) error {
	page, _ := strconv.Atoi(c.Query("page"))
	page = max(page, 1)
	rows, total, err := a.db.ReportExports(c.UserContext(), (page-1)*exportsPageSize, exportsPageSize)
	if err != nil {
		return err
	}
	p := exportsPage{Total: total, Page: page, Pages: max(1, int((total+exportsPageSize-1)/exportsPageSize))}
	for _, r := range rows {
		var f map[string]string
		_ = json.Unmarshal([]byte(r.Filters), &f) // written by LogReport; never invalid
		line := exportLine{ReportExport: r}
		for k, v := range f {
			line.FilterList = append(line.FilterList, k+": "+v)
		}
		sort.Strings(line.FilterList)
		p.Rows = append(p.Rows, line)
	}
	return a.render(c, fiber.StatusOK, "admin_exports", p, nil)
}
