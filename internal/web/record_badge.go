package web

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/badge"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/store"
)

// badgeIssuer is the instance as the issuer of Open Badges; its id is the URL of its profile.
func (a *App) badgeIssuer() badge.Issuer {
	base := strings.TrimRight(a.cfg.BaseURL, "/")
	return badge.Issuer{ID: base + "/badges/issuer", Name: a.cfg.OrgName, URL: base + "/"}
}

// badgeKeyID is the URL of the instance's public key in its JWK set.
func (a *App) badgeKeyID() string {
	return strings.TrimRight(a.cfg.BaseURL, "/") + "/.well-known/jwks.json#records"
}

// badgeOf builds the Open Badges 3.0 credential of a completion, with what the course version says.
func (a *App) badgeOf(l string, comp *store.Completion, email string) badge.Credential {
	r := a.recordOf(l, comp, "")
	ach := badge.Achievement{CourseID: comp.CourseID, Version: comp.Version, Title: r.CourseTitle, ContentHash: comp.ContentHash}
	if v := a.lib.Catalog().Version(comp.CourseID, comp.Version); v != nil {
		m := v.Manifest
		ach.Summary, ach.Language, ach.Level, ach.Competences = m.Summary, m.Language, m.Level, m.Competences
		for _, code := range m.Competences {
			ach.AreaNames = append(ach.AreaNames, i18n.T(m.Language, "courses.competence."+code))
		}
		ach.Criteria = i18n.T(m.Language, "badge.criteria.modules")
		if m.Completion.Quizzes.None {
			ach.Criteria = i18n.T(m.Language, "badge.criteria.read")
		}
	}
	// The salt of the e-mail hash is fixed per record, so every download is the same credential.
	salt := sha256.Sum256([]byte("ailit badge salt\n" + a.signer.Sign(r)))
	return badge.New(badge.Award{RecordID: comp.RecordID, CompletedAt: r.CompletedAt, ValidUntil: r.ValidUntil,
		Email: email, Salt: hex.EncodeToString(salt[:8]), Achievement: ach}, a.badgeIssuer(), a.cfg.BaseURL)
}

// recordBadge sends the learner's own completion as an Open Badges 3.0 credential (VC-JWT), to
// put into a wallet or hand to another employer next to the PDF.
func (a *App) recordBadge(c *fiber.Ctx) error {
	u := currentUser(c)
	l := lang(c)
	comp, err := a.db.CompletionByRecordID(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if comp.UserID != u.ID {
		return domain.Errorf(domain.ENOTFOUND, "completion not found")
	}
	if comp.RevokedAt != nil {
		return domain.Errorf(domain.ECONFLICT, "%s", i18n.T(l, "record.pdf.revoked"))
	}
	token, err := badge.Sign(a.badgeOf(l, comp, u.Email), a.signer.Key(), a.badgeKeyID())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/vc+jwt")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+i18n.T(l, "badge.filename", comp.CourseID, comp.Version)+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendString(token)
}

// badgeIssuerShow is the public issuer profile the credentials name (Open Badges Profile).
func (a *App) badgeIssuerShow(c *fiber.Ctx) error {
	iss := a.badgeIssuer()
	return c.JSON(fiber.Map{"@context": []string{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id": iss.ID, "type": []string{"Profile"}, "name": iss.Name, "url": iss.URL})
}

// jwksShow publishes the public key that verifies the badges (and the records' signatures).
func (a *App) jwksShow(c *fiber.Ctx) error {
	k := badge.JWK(a.signer.PublicKey())
	k["kid"], k["use"], k["alg"] = a.badgeKeyID(), "sig", "EdDSA"
	return c.JSON(fiber.Map{"keys": []map[string]string{k}})
}
