package api

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/importer"
	"github.com/ailit/ailit/internal/store"
)

// peopleRequest is the body of POST /people: the people of an HR list, with the same fields and
// rules as the CSV file of the HR import.
type peopleRequest struct {
	Mode                 string        `json:"mode"`
	ConfirmDeactivations int           `json:"confirm_deactivations"`
	People               []personInput `json:"people"`
}

type personInput struct {
	PersonnelNumber string   `json:"personnel_number"`
	LastName        string   `json:"last_name"`
	FirstName       string   `json:"first_name"`
	Email           string   `json:"email"`
	OrgUnit         string   `json:"org_unit"` // "Stadtverwaltung/Dezernat 1/Bauamt"
	Roles           []string `json:"roles"`
}

// planResponse is what an import does or would do.
type planResponse struct {
	DryRun            bool           `json:"dry_run"`
	Applied           bool           `json:"applied"`
	Mode              string         `json:"mode"`
	People            int            `json:"people"`
	ActiveBefore      int            `json:"active_before"`
	NeedsConfirmation bool           `json:"needs_confirmation"`
	NewUnits          []string       `json:"new_units"`
	Creates           []personChange `json:"creates"`
	Updates           []personChange `json:"updates"`
	Moves             []personChange `json:"moves"`
	Deactivations     []personChange `json:"deactivations"`
}

type personChange struct {
	PersonnelNumber string `json:"personnel_number,omitempty"`
	Email           string `json:"email"`
	Name            string `json:"name"`
	OrgUnit         string `json:"org_unit,omitempty"`
	From            string `json:"from,omitempty"` // moves: the unit before
}

// peopleUpsert creates, updates, moves and (in the full-list mode) deactivates people by the HR
// import's rules. With dry_run=true it only says what it would do. A plan with errors changes
// nothing; a mass deactivation needs confirm_deactivations set to its number.
func (a *API) peopleUpsert(c *fiber.Ctx, tok *store.APIToken) error {
	dryRun, p := boolQuery(c, "dry_run")
	if p != nil {
		return p
	}
	var req peopleRequest
	if p := decodeBody(c, &req); p != nil {
		return p
	}
	modeText := req.Mode
	if q := c.Query("mode"); q != "" {
		if modeText != "" && modeText != q {
			return invalid("The mode in the query and in the body differ.", FieldError{Pointer: "/mode", Detail: "differs from the query parameter mode"})
		}
		modeText = q
	}
	mode, ok := importer.ParseMode(modeText)
	if !ok {
		return invalid(fmt.Sprintf("Unknown mode %q: use \"full\" (the complete staff list) or \"add-update\".", modeText),
			FieldError{Pointer: "/mode", Detail: "must be full or add-update"})
	}
	if len(req.People) == 0 {
		return invalid("The list of people is empty; nothing was changed.", FieldError{Pointer: "/people", Detail: "must list at least one person"})
	}
	fields := make([]importer.Fields, len(req.People))
	for i, in := range req.People {
		fields[i] = importer.Fields{PersonnelNumber: in.PersonnelNumber, LastName: in.LastName, FirstName: in.FirstName,
			Email: in.Email, OrgUnit: in.OrgUnit, Roles: in.Roles}
	}
	rows, rowErrs := importer.FromFields(fields)
	ctx := c.UserContext()
	l := lang(c)
	if dryRun {
		plan, err := a.db.PlanImport(ctx, rows, rowErrs, mode)
		if err != nil {
			return err
		}
		if !plan.Ok() {
			return planProblem(plan, l)
		}
		return sendJSON(c, planJSON(plan, true))
	}
	plan, err := a.db.ApplyImport(ctx, rows, rowErrs, store.ImportOptions{Mode: mode, ConfirmedDeactivations: req.ConfirmDeactivations})
	var ue *importer.UnconfirmedError
	switch {
	case errors.As(err, &ue):
		p := problem(http.StatusUnprocessableEntity, "confirmation-required", "Mass deactivation not confirmed",
			"The list would deactivate %d people. Nothing was changed. Check the dry run, then send \"confirm_deactivations\": %d.",
			ue.Deactivations, ue.Deactivations)
		p.Deactivations = ue.Deactivations
		p.Errors = []FieldError{{Pointer: "/confirm_deactivations", Detail: fmt.Sprintf("must be %d", ue.Deactivations)}}
		return p
	case plan != nil && !plan.Ok():
		return planProblem(plan, l)
	case err != nil:
		return err
	}
	if !plan.Empty() {
		if _, err := a.db.SyncAllAssignments(ctx, compliance.Pin(a.lib)); err != nil {
			return err
		}
	}
	a.log.Info("hr import applied via api", "token_id", tok.ID, "mode", mode, "created", len(plan.Creates), "updated", len(plan.Updates),
		"moved", len(plan.Moves), "deactivated", len(plan.Deactivations))
	return sendJSON(c, planJSON(plan, false))
}

// planProblem lists the rows the plan refused, each at its place in the body.
func planProblem(plan *importer.Plan, lang string) *Problem {
	var errs []FieldError
	for _, e := range plan.Errors {
		ptr := "/people"
		if e.Line > 0 {
			ptr = fmt.Sprintf("/people/%d", e.Line-1)
		}
		errs = append(errs, FieldError{Pointer: ptr, Detail: i18n.T(lang, e.Key, e.Args...)})
	}
	return invalid(fmt.Sprintf("The list has %d errors; nothing was changed. A person's \"line\" in the messages is their position in the list, counted from 1.", len(errs)), errs...)
}

func planJSON(p *importer.Plan, dryRun bool) planResponse {
	out := planResponse{DryRun: dryRun, Applied: !dryRun, Mode: string(p.Mode), People: p.Rows, ActiveBefore: p.Active,
		NeedsConfirmation: p.NeedsConfirmation(), NewUnits: p.NewUnits,
		Creates: []personChange{}, Updates: []personChange{}, Moves: []personChange{}, Deactivations: []personChange{}}
	if out.NewUnits == nil {
		out.NewUnits = []string{}
	}
	for _, c := range p.Creates {
		out.Creates = append(out.Creates, personChange{PersonnelNumber: c.Row.PersonnelNumber, Email: c.Row.Email, Name: c.Row.DisplayName(), OrgUnit: c.NewPath})
	}
	for _, c := range p.Updates {
		out.Updates = append(out.Updates, personChange{PersonnelNumber: c.Row.PersonnelNumber, Email: c.Row.Email, Name: c.Row.DisplayName(), OrgUnit: c.NewPath})
	}
	for _, c := range p.Moves {
		out.Moves = append(out.Moves, personChange{PersonnelNumber: c.Row.PersonnelNumber, Email: c.Row.Email, Name: c.Row.DisplayName(), OrgUnit: c.NewPath, From: c.Before.OrgPath})
	}
	for _, c := range p.Deactivations {
		out.Deactivations = append(out.Deactivations, personChange{PersonnelNumber: c.Before.PersonnelNumber, Email: c.Before.Email, Name: c.Before.DisplayName})
	}
	return out
}
