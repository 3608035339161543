package web

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gorilla/securecookie"
)

// A flash message ("Ihre Antworten sind gespeichert.") travels from a POST to the page after its
// redirect in a short-lived signed cookie, not in the server-side session: setting and showing it
// then writes nothing to the database, so the page after a save stays a read (issue 17: under load
// the extra session write queued behind every other write on SQLite's one writer).

const flashCookie = "ailit_flash"

// flashCodec signs flash cookies with the session key, so nobody can plant a message.
func newFlashCodec(key []byte) *securecookie.SecureCookie {
	codec := securecookie.New(key, nil)
	codec.MaxAge(int(flashMaxAge.Seconds()))
	return codec
}

// flashMaxAge is long enough for any redirect, short enough that a stale message never shows.
const flashMaxAge = 5 * time.Minute

// passFlash runs after the handler: a message nobody showed goes to the next page in the flash
// cookie; a cookie the page showed is cleared.
func (a *App) passFlash(c *fiber.Ctx, ws *wSession) {
	switch {
	case ws.pendingFlash != "":
		if v, err := a.flash.Encode(flashCookie, ws.pendingFlash); err == nil {
			a.flashCookieOut(c, v, int(flashMaxAge.Seconds()))
		}
	case ws.flashCookie == "" && c.Cookies(flashCookie) != "":
		a.flashCookieOut(c, "", -1) // shown on this page
	}
}

func (a *App) flashCookieOut(c *fiber.Ctx, value string, maxAge int) {
	ck := &fiber.Cookie{Name: flashCookie, Value: value, Path: "/", MaxAge: maxAge,
		HTTPOnly: true, Secure: a.cfg.Secure(), SameSite: fiber.CookieSameSiteLaxMode}
	if maxAge < 0 {
		ck.Expires = time.Unix(0, 0)
	}
	c.Cookie(ck)
}

// decodeFlash checks the signature of a flash cookie and returns its message ("" when forged or
// expired).
func (a *App) decodeFlash(raw string) string {
	var msg string
	if err := a.flash.Decode(flashCookie, raw, &msg); err != nil {
		return ""
	}
	return msg
}
