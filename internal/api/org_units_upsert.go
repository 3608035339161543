package api

import (
	"fmt"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/org"
	"github.com/ailit/ailit/internal/store"
)

// maxUnitName is the longest name of one unit, as in the HR import.
const maxUnitName = 200

type orgUnitsRequest struct {
	Units []orgUnitInput `json:"units"`
}

type orgUnitInput struct {
	Path string `json:"path"` // "Stadtverwaltung/Dezernat 1/Bauamt"
}

type orgUnitsResponse struct {
	DryRun  bool     `json:"dry_run"`
	Created []string `json:"created"`
}

// orgUnitsUpsert makes sure the units exist (with their parents), the way the HR import creates
// units; existing units are left alone. dry_run=true says which it would create.
func (a *API) orgUnitsUpsert(c *fiber.Ctx, _ *store.APIToken) error {
	dryRun, p := boolQuery(c, "dry_run")
	if p != nil {
		return p
	}
	var req orgUnitsRequest
	if p := decodeBody(c, &req); p != nil {
		return p
	}
	var errs []FieldError
	paths := make([][]string, 0, len(req.Units))
	for i, u := range req.Units {
		names := org.SplitPath(u.Path)
		if len(names) == 0 {
			errs = append(errs, FieldError{Pointer: fmt.Sprintf("/units/%d/path", i), Detail: "must name at least one unit"})
			continue
		}
		for _, n := range names {
			if utf8.RuneCountInString(n) > maxUnitName {
				errs = append(errs, FieldError{Pointer: fmt.Sprintf("/units/%d/path", i), Detail: fmt.Sprintf("a unit name has more than %d characters", maxUnitName)})
				break
			}
		}
		paths = append(paths, names)
	}
	if len(req.Units) == 0 {
		errs = append(errs, FieldError{Pointer: "/units", Detail: "must list at least one unit"})
	}
	if len(errs) > 0 {
		return invalid(fmt.Sprintf("The list has %d errors; nothing was changed.", len(errs)), errs...)
	}
	created, err := a.db.EnsureOrgUnits(c.UserContext(), paths, dryRun)
	if err != nil {
		return err
	}
	if created == nil {
		created = []string{}
	}
	return sendJSON(c, orgUnitsResponse{DryRun: dryRun, Created: created})
}
