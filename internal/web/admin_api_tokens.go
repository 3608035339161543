package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/web/form"
)

// apiTokensPage lists the REST API's service tokens and offers a new one. Secret is set only in
// the answer that created a token: it is shown this once.
type apiTokensPage struct {
	Tokens    []apiTokenRow
	Form      form.APIToken
	AllScopes []string
	Secret    string
	Created   string // the new token's name
	BaseURL   string
}

type apiTokenRow struct {
	ID        int64
	Name      string
	Hint      string
	Scopes    []string
	AllowIPs  []string
	Rate      int
	ExpiresAt *time.Time
	CreatedAt time.Time
	LastUsed  *time.Time
	State     string // active, revoked, expired
}

// adminAPITokensList shows every token (revoked ones too, so the record stays readable).
func (a *App) adminAPITokensList(c *fiber.Ctx) error {
	return a.renderAPITokens(c, fiber.StatusOK, apiTokensPage{}, nil)
}

func (a *App) renderAPITokens(c *fiber.Ctx, status int, p apiTokensPage, errs map[string]string) error {
	ctx := c.UserContext()
	tokens, err := a.db.APITokens(ctx)
	if err != nil {
		return err
	}
	lastUse, err := a.db.APITokenLastUse(ctx)
	if err != nil {
		return err
	}
	now := a.db.Now()
	for _, t := range tokens {
		row := apiTokenRow{ID: t.ID, Name: t.Name, Hint: t.Hint, Scopes: strings.Fields(t.Scopes), Rate: t.RatePerMinute,
			ExpiresAt: t.ExpiresAt, CreatedAt: t.CreatedAt, State: "active"}
		if t.AllowIPs != "" {
			row.AllowIPs = strings.Split(t.AllowIPs, ",")
		}
		if at, ok := lastUse[t.ID]; ok {
			row.LastUsed = &at
		}
		if why := t.Usable(now); why != "" {
			row.State = why
		}
		p.Tokens = append(p.Tokens, row)
	}
	for _, s := range api.AllScopes {
		p.AllScopes = append(p.AllScopes, string(s))
	}
	p.BaseURL = strings.TrimSuffix(a.cfg.BaseURL, "/") + api.Prefix
	c.Set(fiber.HeaderCacheControl, "no-store") // the page may carry a new token
	return a.render(c, status, "admin_api_tokens", p, errs)
}
