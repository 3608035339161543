package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/gob"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// SessionStore is a gorilla/sessions Store whose sessions live in the database (web_sessions).
// The cookie carries only "id.secret", signed with the session key; the row holds the session values
// and the user id, so an admin or the user can end sessions at once ("log out everywhere"), and
// several instances on one database share them. Recent sessions and their users are cached per
// instance and checked against the database's revocation counter on every request
// (sessioncache.go), so an end or change on any instance counts on the next request everywhere.
type SessionStore struct {
	db      *store.Store
	codec   securecookie.Codec
	Options *sessions.Options
	maxAge  time.Duration // absolute lifetime
	idle    time.Duration // ends after this long without a request
	cache   *sessionCache
}

// Session value keys.
const (
	KeyUserID = "user_id"
	KeyCSRF   = "csrf"
	KeyLang   = "lang"
)

// cachedEntries bounds each of the cache's maps (sessions, users): a few MiB at most, and more
// than the people one instance serves at once.
const cachedEntries = 20000

// NewSessionStore returns a store whose cookies are signed with key (32 or 64 bytes).
func NewSessionStore(db *store.Store, key []byte, secure bool, maxAge, idle time.Duration) *SessionStore {
	codec := securecookie.New(key, nil)
	codec.MaxAge(int(maxAge.Seconds()))
	return &SessionStore{
		db:    db,
		codec: codec,
		Options: &sessions.Options{
			Path:     "/",
			MaxAge:   int(maxAge.Seconds()),
			HttpOnly: true,
			Secure:   secure,
			SameSite: http.SameSiteLaxMode,
		},
		maxAge: maxAge,
		idle:   idle,
		cache:  newSessionCache(cachedEntries),
	}
}

// Client is what a new session records about the browser that opened it.
type Client struct {
	UserAgent string
	IP        string
}

// Load returns the session named name that the cookie value names (a new empty one when there is
// none, or it is forged, expired or revoked), and the user it is logged in as: nil when there is
// none or the account is gone; the caller checks Active. An error means the database is away or
// failed: not the same as no session.
//
// The session's Values are shared with the cache: read them, and replace the map with a copy
// before changing it (the web layer's wSession.set does). The user is the caller's own copy.
func (st *SessionStore) Load(ctx context.Context, name, cookie string) (*sessions.Session, *store.User, error) {
	s := st.newSession(name)
	if cookie == "" {
		return s, nil, nil
	}
	generation, err := st.db.AuthGeneration(ctx) // read before loading: see sessionCache
	if err != nil {
		return s, nil, err
	}
	now := st.db.Now()
	e := st.cache.session(cookie, generation)
	// An entry that looks expired, or not seen for a minute, is loaded again: another instance may
	// have recorded activity meanwhile, and only the database's last activity decides whether the
	// session idled out, or is due for Touch.
	if e == nil || !e.expires.After(now) || e.lastSeen.Before(now.Add(-time.Minute)) {
		if e, err = st.loadSession(ctx, name, cookie, generation); e == nil || err != nil {
			return s, nil, err
		}
		st.cache.putSession(cookie, e)
	}
	s.ID, s.Values, s.IsNew = e.id, e.values, false
	userID, ok := e.values[KeyUserID].(int64)
	if !ok {
		return s, nil, nil
	}
	u := st.cache.user(userID, generation)
	if u == nil {
		u, err = st.db.UserByID(ctx, userID)
		if store.Unavailable(err) {
			return s, nil, err
		}
		if err != nil {
			return s, nil, nil // the account is gone
		}
		st.cache.putUser(u, generation)
	}
	own := *u
	own.Roles = slices.Clip(u.Roles) // an append by the caller makes its own array
	return s, &own, nil
}

func (st *SessionStore) newSession(name string) *sessions.Session {
	s := sessions.NewSession(st, name)
	opts := *st.Options
	s.Options = &opts
	s.IsNew = true
	return s
}

// loadSession verifies a cookie and loads its session from the database; nil without an error
// when the cookie names no valid session.
func (st *SessionStore) loadSession(ctx context.Context, name, cookie string, generation int64) (*cachedSession, error) {
	var raw string
	if err := st.codec.Decode(name, cookie, &raw); err != nil {
		return nil, nil
	}
	id, secret, ok := strings.Cut(raw, ".")
	if !ok {
		return nil, nil
	}
	ws, err := st.db.SessionByID(ctx, id)
	if store.Unavailable(err) {
		return nil, err // the database is away: not the same as no session (the caller answers 503)
	}
	if err != nil {
		return nil, nil
	}
	sum := sha256.Sum256([]byte(secret))
	if subtle.ConstantTimeCompare(sum[:], ws.SecretHash) != 1 {
		return nil, nil
	}
	if ws.LastSeenAt.Before(st.db.Now().Add(-st.idle)) {
		_ = st.db.DeleteSession(ctx, id)
		return nil, nil
	}
	values := map[any]any{}
	if len(ws.Data) > 0 {
		if err := gob.NewDecoder(bytes.NewReader(ws.Data)).Decode(&values); err != nil {
			return nil, nil
		}
	}
	return &cachedSession{generation: generation, id: id, values: values, lastSeen: ws.LastSeenAt, expires: ws.ExpiresAt}, nil
}

// Write saves the session that came with the cookie value (the request's, "" for none) and
// returns the cookie to send, or nil when the browser's cookie stays as it is. A negative MaxAge
// deletes the session and clears the cookie; a session without an id is created with a fresh
// random id and secret, and only then is a cookie sent. The cache learns what was written, so the
// next request of this browser needs no load.
func (st *SessionStore) Write(ctx context.Context, s *sessions.Session, cookie string, client Client) (*http.Cookie, error) {
	if s.Options.MaxAge < 0 {
		if s.ID != "" {
			if err := st.db.DeleteSession(ctx, s.ID); err != nil {
				return nil, err
			}
		}
		st.cache.forgetSession(cookie)
		return sessions.NewCookie(s.Name(), "", s.Options), nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s.Values); err != nil {
		return nil, err
	}
	var userID *int64
	if id, ok := s.Values[KeyUserID].(int64); ok {
		userID = &id
	}
	now := st.db.Now()
	if s.ID != "" {
		generation, err := st.db.UpdateSessionValues(ctx, s.ID, buf.Bytes(), userID, now)
		if err == nil {
			if e := st.cache.peekSession(cookie); e != nil && e.id == s.ID {
				st.cache.putSession(cookie, &cachedSession{generation: generation, id: s.ID,
					values: s.Values, lastSeen: now, expires: e.expires})
			}
			return nil, nil
		}
		if domain.ErrorCode(err) != domain.ENOTFOUND {
			return nil, err
		}
		// The row is gone (revoked meanwhile): start a new session rather than resurrect it.
	}
	id, secret := randomToken(), randomToken()
	sum := sha256.Sum256([]byte(secret))
	ws := &store.WebSession{
		ID: id, SecretHash: sum[:], UserID: userID, Data: buf.Bytes(),
		UserAgent: truncate(client.UserAgent, 300), IP: truncate(client.IP, 64),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(st.maxAge),
	}
	generation, err := st.db.CreateSession(ctx, ws)
	if err != nil {
		return nil, err
	}
	encoded, err := st.codec.Encode(s.Name(), id+"."+secret)
	if err != nil {
		return nil, err
	}
	s.ID = id
	st.cache.forgetSession(cookie) // the old cookie names no session of this browser any more
	st.cache.putSession(encoded, &cachedSession{generation: generation, id: id, values: s.Values,
		lastSeen: now, expires: ws.ExpiresAt})
	return sessions.NewCookie(s.Name(), encoded, s.Options), nil
}

// Get returns the session for name from the request's registry (one decode per request).
func (st *SessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(st, name)
}

// New is Load for a net/http request, as gorilla/sessions asks for it. Its Values are the
// session's own copy.
func (st *SessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	var cookie string
	if c, err := r.Cookie(name); err == nil {
		cookie = c.Value
	}
	s, _, err := st.Load(r.Context(), name, cookie)
	s.Values = maps.Clone(s.Values)
	return s, err
}

// Save is Write for a net/http request, as gorilla/sessions asks for it.
func (st *SessionStore) Save(r *http.Request, w http.ResponseWriter, s *sessions.Session) error {
	var cookie string
	if c, err := r.Cookie(s.Name()); err == nil {
		cookie = c.Value
	}
	c, err := st.Write(r.Context(), s, cookie, Client{UserAgent: r.UserAgent(), IP: r.RemoteAddr})
	if c != nil {
		http.SetCookie(w, c)
	}
	return err
}

// Renew ends the stored session and makes s a new one with the same values (the next Save gives it a
// new id and cookie). Called at login, so a session id planted before login is worthless after it.
func (st *SessionStore) Renew(ctx context.Context, s *sessions.Session) error {
	if s.ID != "" {
		if err := st.db.DeleteSession(ctx, s.ID); err != nil {
			return err
		}
	}
	s.ID = ""
	s.IsNew = true
	return nil
}

// Touch records activity on the session that came with the cookie value (at most once a minute),
// keeping it from idling out.
func (st *SessionStore) Touch(ctx context.Context, s *sessions.Session, cookie string) error {
	var seen time.Time
	if e := st.cache.peekSession(cookie); e != nil && e.id == s.ID {
		seen = e.lastSeen
	}
	now := st.db.Now()
	recorded, err := st.db.RecordSessionActivity(ctx, s.ID, seen, now)
	if recorded {
		st.cache.sawActivity(cookie, now)
	}
	return err
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// NewCSRFToken returns a random token for a session's forms.
func NewCSRFToken() string { return randomToken() }

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
