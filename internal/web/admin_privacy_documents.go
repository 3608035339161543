package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/council"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/i18n"
)

// privacyDocumentsPage lists the documents for the staff council and the data protection officer,
// with the settings they are generated from.
type privacyDocumentsPage struct {
	Facts     council.Facts
	Kinds     []string
	Languages []string
}

// councilFacts gathers the settings and figures the documents describe.
func (a *App) councilFacts(c *fiber.Ctx) (council.Facts, error) {
	ctx := c.UserContext()
	rs, err := a.reportSettings(c)
	if err != nil {
		return council.Facts{}, err
	}
	policy, err := a.db.RetentionPolicy(ctx)
	if err != nil {
		return council.Facts{}, err
	}
	roles, err := a.db.RoleSummary(ctx)
	if err != nil {
		return council.Facts{}, err
	}
	return council.Facts{OrgName: a.cfg.OrgName, BaseURL: a.cfg.BaseURL, GeneratedAt: a.db.Now(), Version: a.version,
		PrivacyLevel: rs.Level, K: rs.K, Retention: policy, LocalLogin: a.cfg.SSO.LocalLogin, OIDCIssuer: a.cfg.SSO.OIDC.Issuer,
		LDAPURL: a.cfg.SSO.LDAP.URL, Reminders: a.cfg.SMTP.Host != "", SMTPHost: a.cfg.SMTP.Host,
		Active: roles.Active, PerRole: roles.PerRole, Admins: roles.Admins, HTTPS: a.cfg.Secure()}, nil
}

// adminPrivacyDocumentsShow shows the current settings and the documents to download.
func (a *App) adminPrivacyDocumentsShow(c *fiber.Ctx) error {
	f, err := a.councilFacts(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "admin_privacy", privacyDocumentsPage{Facts: f, Kinds: council.Kinds, Languages: i18n.Languages}, nil)
}

// adminPrivacyDocumentDownload sends one document as Markdown or PDF (?format=md|pdf&lang=de|en).
func (a *App) adminPrivacyDocumentDownload(c *fiber.Ctx) error {
	kind, format, docLang := c.Params("doc"), c.Query("format", "pdf"), i18n.Normalize(c.Query("lang", lang(c)))
	known := false
	for _, k := range council.Kinds {
		known = known || k == kind
	}
	if !known || (format != "md" && format != "pdf") {
		return domain.Errorf(domain.ENOTFOUND, "no such document")
	}
	f, err := a.councilFacts(c)
	if err != nil {
		return err
	}
	md, err := council.Markdown(kind, docLang, f)
	if err != nil {
		return err
	}
	name := i18n.T(docLang, "privacy.doc."+kind+".file")
	c.Set(fiber.HeaderCacheControl, "no-store")
	if format == "md" {
		c.Set(fiber.HeaderContentType, "text/markdown; charset=utf-8")
		c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.md"`)
		return c.Send(md)
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`.pdf"`)
	return council.PDF(c.Response().BodyWriter(), i18n.T(docLang, "privacy.doc."+kind), f.OrgName, md)
}
