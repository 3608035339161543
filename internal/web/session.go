package web

import (
	"context"
	"maps"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/sessions"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
)

const (
	sessionCookie = "ailit_session"
	localsSession = "session"
	localsUser    = "user"
)

// wSession bridges gorilla/sessions into Fiber: the session is loaded once (from the instance's
// cache when it is still valid), and saved once after the handler when something changed.
type wSession struct {
	s *sessions.Session
	// owned is whether s.Values is this request's own map: a loaded session's values are shared
	// with the session cache and are copied before the first change.
	owned bool
	dirty bool
	store *auth.SessionStore
	// A flash message set by this request: shown on this request's page if it renders one, else
	// sent in the flash cookie to the next page (flash.go).
	pendingFlash string
	flashCookie  string // the flash cookie the request came with, "" after it was read
}

func (ws *wSession) get(key string) any { return ws.s.Values[key] }

func (ws *wSession) set(key string, v any) {
	if !ws.owned {
		ws.s.Values = maps.Clone(ws.s.Values)
		if ws.s.Values == nil {
			ws.s.Values = map[any]any{}
		}
		ws.owned = true
	}
	ws.s.Values[key] = v
	ws.dirty = true
}

func (ws *wSession) userID() (int64, bool) {
	id, ok := ws.s.Values[auth.KeyUserID].(int64)
	return id, ok
}

// csrfToken returns the session's CSRF token, creating one (and so the session) when needed.
func (ws *wSession) csrfToken() string {
	if tok, ok := ws.s.Values[auth.KeyCSRF].(string); ok && tok != "" {
		return tok
	}
	tok := auth.NewCSRFToken()
	ws.set(auth.KeyCSRF, tok)
	return tok
}

func (ws *wSession) flash(msg string) { ws.pendingFlash = msg }

// popFlash returns the message to show on this page, once: the one this request set, or the signed
// one the previous request sent along (decoded by decode; "" when there is none).
func (ws *wSession) popFlash(decode func(string) string) string {
	if msg := ws.pendingFlash; msg != "" {
		ws.pendingFlash = ""
		return msg
	}
	raw := ws.flashCookie
	ws.flashCookie = ""
	if raw == "" {
		return ""
	}
	return decode(raw)
}

// login renews the session (new id, so a planted id is worthless) and binds it to the user.
func (ws *wSession) login(ctx context.Context, u *store.User) error {
	if err := ws.store.Renew(ctx, ws.s); err != nil {
		return err
	}
	ws.set(auth.KeyUserID, u.ID)
	ws.set(auth.KeyCSRF, auth.NewCSRFToken())
	return nil
}

// logout deletes the session row and clears the cookie.
func (ws *wSession) logout() {
	ws.s.Options.MaxAge = -1
	ws.dirty = true
}

// sessionMiddleware loads the session and the logged-in user, runs the handler, then saves. It
// reads the cookie from fasthttp directly: a net/http request per request only to hand the cookie
// to gorilla/sessions cost allocations on every page.
func (a *App) sessionMiddleware(c *fiber.Ctx) error {
	ctx := c.UserContext()
	cookie := c.Cookies(sessionCookie)
	s, u, err := a.sessions.Load(ctx, sessionCookie, cookie) // errors mean "no valid session": start anonymous
	ws := &wSession{s: s, store: a.sessions, flashCookie: c.Cookies(flashCookie)}
	c.Locals(localsSession, ws)
	if store.Unavailable(err) {
		return a.handleError(c, err) // not "logged out": the database is away (503)
	}
	if _, ok := ws.userID(); ok {
		if u != nil && u.Active {
			c.Locals(localsUser, u)
			_ = a.sessions.Touch(ctx, s, cookie)
		} else {
			ws.logout() // the account was deactivated or deleted meanwhile
		}
	}
	if err := c.Next(); err != nil {
		// Render the error page here, before saving, so its forms get a CSRF token that is stored.
		if err := a.handleError(c, err); err != nil {
			return err
		}
	}
	a.passFlash(c, ws)
	if ws.dirty {
		client := auth.Client{UserAgent: c.Get(fiber.HeaderUserAgent), IP: c.IP()}
		set, err := a.sessions.Write(ctx, s, cookie, client)
		if err != nil {
			return err
		}
		if set != nil {
			c.Response().Header.Add(fiber.HeaderSetCookie, set.String()) // Add, not Set: Set keeps only one cookie
		}
	}
	return nil
}

func webSession(c *fiber.Ctx) *wSession {
	ws, _ := c.Locals(localsSession).(*wSession)
	return ws
}

func currentUser(c *fiber.Ctx) *store.User {
	u, _ := c.Locals(localsUser).(*store.User)
	return u
}
