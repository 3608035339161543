package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/measure"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/form"
)

// evidencePage is a learner's uploads with the form for a new one.
type evidencePage struct {
	Uploads []store.ExternalEvidence
	Offered []evidenceOption
	Form    form.EvidenceUpload
}

// evidenceOption is an external measure the learner may upload evidence for.
type evidenceOption struct{ ID, Title string }

// evidenceList shows the learner's certificates from outside and their review state.
func (a *App) evidenceList(c *fiber.Ctx) error {
	return a.renderEvidence(c, fiber.StatusOK, form.EvidenceUpload{}, nil)
}

func (a *App) renderEvidence(c *fiber.Ctx, status int, f form.EvidenceUpload, errs map[string]string) error {
	u := currentUser(c)
	uploads, err := a.db.EvidenceUploadsOf(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	offered, err := a.evidenceOptions(c.UserContext(), u.ID, tr(lang(c)))
	if err != nil {
		return err
	}
	return a.render(c, status, "evidence", evidencePage{Uploads: uploads, Offered: offered, Form: f}, errs)
}

// evidenceOptions are the external measures the person's assignments ask for, then "other".
func (a *App) evidenceOptions(ctx context.Context, userID int64, t func(string, ...any) string) ([]evidenceOption, error) {
	recs, err := a.db.AssignmentsOfUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	var out []evidenceOption
	seen := map[string]bool{}
	for _, r := range recs {
		if m := r.Assignment.Measure(); m.Kind == measure.External && !seen[m.ID] {
			seen[m.ID] = true
			out = append(out, evidenceOption{ID: m.ID, Title: r.Assignment.Title})
		}
	}
	if !seen[form.OtherEvidence] {
		out = append(out, evidenceOption{ID: form.OtherEvidence, Title: t("evidence.other")})
	}
	return out, nil
}

func optionIDs(os []evidenceOption) []string {
	ids := make([]string, len(os))
	for i, o := range os {
		ids[i] = o.ID
	}
	return ids
}
