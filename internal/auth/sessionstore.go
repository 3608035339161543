package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/gob"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/ailit/ailit/internal/store"
)

// SessionStore is a gorilla/sessions Store whose sessions live in the database (web_sessions).
// The cookie carries only "id.secret", signed with the session key; the row holds the session values
// and the user id, so an admin or the user can end sessions at once ("log out everywhere"), and
// several instances on one database share them.
type SessionStore struct {
	db      *store.Store
	codec   securecookie.Codec
	Options *sessions.Options
	maxAge  time.Duration // absolute lifetime
	idle    time.Duration // ends after this long without a request
}

// Session value keys.
const (
	KeyUserID = "user_id"
	KeyCSRF   = "csrf"
	KeyLang   = "lang"
)

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
	}
}

// Get returns the session for name from the request's registry (one decode per request).
func (st *SessionStore) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(st, name)
}

// New loads the session named by the request's cookie, or returns a new empty one. A cookie that is
// forged, expired or revoked yields a new session, never an error page.
func (st *SessionStore) New(r *http.Request, name string) (*sessions.Session, error) {
	s := sessions.NewSession(st, name)
	opts := *st.Options
	s.Options = &opts
	s.IsNew = true
	c, err := r.Cookie(name)
	if err != nil {
		return s, nil
	}
	var raw string
	if err := st.codec.Decode(name, c.Value, &raw); err != nil {
		return s, nil
	}
	id, secret, ok := strings.Cut(raw, ".")
	if !ok {
		return s, nil
	}
	ctx := r.Context()
	ws, err := st.db.SessionByID(ctx, id)
	if store.Unavailable(err) {
		return s, err // the database is away: not the same as no session (the caller answers 503)
	}
	if err != nil {
		return s, nil
	}
	sum := sha256.Sum256([]byte(secret))
	if subtle.ConstantTimeCompare(sum[:], ws.SecretHash) != 1 {
		return s, nil
	}
	if ws.LastSeenAt.Before(st.db.Now().Add(-st.idle)) {
		_ = st.db.DeleteSession(ctx, id)
		return s, nil
	}
	if len(ws.Data) > 0 {
		if err := gob.NewDecoder(bytes.NewReader(ws.Data)).Decode(&s.Values); err != nil {
			return s, nil
		}
	}
	s.Values[lastSeenKey{}] = ws.LastSeenAt
	s.ID = id
	s.IsNew = false
	return s, nil
}

// Save writes the session. A negative MaxAge deletes it and clears the cookie; a session without an
// id is created with a fresh random id and secret, and only then is a cookie sent.
func (st *SessionStore) Save(r *http.Request, w http.ResponseWriter, s *sessions.Session) error {
	ctx := r.Context()
	if s.Options.MaxAge < 0 {
		if s.ID != "" {
			if err := st.db.DeleteSession(ctx, s.ID); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(s.Name(), "", s.Options))
		return nil
	}
	delete(s.Values, lastSeenKey{})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(s.Values); err != nil {
		return err
	}
	var userID *int64
	if id, ok := s.Values[KeyUserID].(int64); ok {
		userID = &id
	}
	now := st.db.Now()
	if s.ID != "" {
		ws, err := st.db.SessionByID(ctx, s.ID)
		if err == nil {
			ws.Data, ws.UserID, ws.LastSeenAt = buf.Bytes(), userID, now
			return st.db.SaveSession(ctx, ws)
		}
		// The row is gone (revoked meanwhile): start a new session rather than resurrect it.
	}
	id, secret := randomToken(), randomToken()
	sum := sha256.Sum256([]byte(secret))
	ws := &store.WebSession{
		ID: id, SecretHash: sum[:], UserID: userID, Data: buf.Bytes(),
		UserAgent: truncate(r.UserAgent(), 300), IP: truncate(r.RemoteAddr, 64),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(st.maxAge),
	}
	if err := st.db.SaveSession(ctx, ws); err != nil {
		return err
	}
	encoded, err := st.codec.Encode(s.Name(), id+"."+secret)
	if err != nil {
		return err
	}
	s.ID = id
	http.SetCookie(w, sessions.NewCookie(s.Name(), encoded, s.Options))
	return nil
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

// lastSeenKey holds, in a loaded session's values, when the session was last seen, so Touch needs
// no query when that was within the minute. Save removes it: it is not part of the session data.
type lastSeenKey struct{}

// Touch records activity on a session (at most once a minute), keeping it from idling out.
func (st *SessionStore) Touch(ctx context.Context, s *sessions.Session) error {
	seen, _ := s.Values[lastSeenKey{}].(time.Time)
	return st.db.TouchSession(ctx, s.ID, seen, st.db.Now())
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
