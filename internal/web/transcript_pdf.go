package web

import (
	"bytes"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/record"
)

// transcriptPDF sends all of the user's records of participation in one PDF, revoked and expired
// ones included with their state, since the person is entitled to see them all.
func (a *App) transcriptPDF(c *fiber.Ctx) error {
	u := currentUser(c)
	l := lang(c)
	comps, err := a.db.CompletionsOfUser(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	t := record.Transcript{PersonName: u.DisplayName, Issuer: a.cfg.OrgName, Wording: a.recordWording(l), GeneratedAt: a.db.Now()}
	for i := range comps {
		t.Entries = append(t.Entries, a.entryOf(comps[i].ID, a.recordOf(l, &comps[i], u.DisplayName)))
	}
	var buf bytes.Buffer
	if err := record.WriteTranscript(&buf, l, t); err != nil {
		return err
	}
	return sendPDF(c, buf.Bytes(), i18n.T(l, "mydata.filename.transcript"))
}
