package web

import (
	"context"
	"net/http"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/gorilla/sessions"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
)

const (
	sessionCookie = "ailit_session"
	localsSession = "session"
	localsUser    = "user"
)

// wSession bridges gorilla/sessions into Fiber: the request is converted once, the session is
// loaded once, and saved once after the handler when something changed.
type wSession struct {
	req   *http.Request
	s     *sessions.Session
	dirty bool
	store *auth.SessionStore
	// A flash message set by this request: shown on this request's page if it renders one, else
	// sent in the flash cookie to the next page (flash.go).
	pendingFlash string
	flashCookie  string // the flash cookie the request came with, "" after it was read
}

func (ws *wSession) get(key string) any { return ws.s.Values[key] }

func (ws *wSession) set(key string, v any) {
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

// headerWriter collects the Set-Cookie headers gorilla writes, to copy them into fasthttp.
type headerWriter struct{ h http.Header }

func (w *headerWriter) Header() http.Header         { return w.h }
func (w *headerWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *headerWriter) WriteHeader(int)             {}

// sessionMiddleware loads the session and the logged-in user, runs the handler, then saves.
func (a *App) sessionMiddleware(c *fiber.Ctx) error {
	req, err := adaptor.ConvertRequest(c, false)
	if err != nil {
		return err
	}
	req.RemoteAddr = c.IP()
	s, err := a.sessions.Get(req, sessionCookie) // errors mean "no valid session": start anonymous
	ws := &wSession{req: req, s: s, store: a.sessions, flashCookie: c.Cookies(flashCookie)}
	c.Locals(localsSession, ws)
	if store.Unavailable(err) {
		return a.handleError(c, err) // not "logged out": the database is away (503)
	}
	if id, ok := ws.userID(); ok {
		u, err := a.db.UserByID(c.UserContext(), id)
		if store.Unavailable(err) {
			return a.handleError(c, err)
		}
		if err == nil && u.Active {
			c.Locals(localsUser, u)
			_ = a.sessions.Touch(c.UserContext(), s)
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
		w := &headerWriter{h: http.Header{}}
		if err := a.sessions.Save(req, w, s); err != nil {
			return err
		}
		for _, v := range w.h.Values("Set-Cookie") {
			c.Response().Header.Add(fiber.HeaderSetCookie, v) // Add, not Set: Set keeps only one cookie
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
