package auth

import (
	"strings"
	"sync"
	"time"

	"github.com/ailit/ailit/internal/store"
)

// sessionCache keeps, per instance, the sessions and users that recent requests loaded, so a
// logged-in request costs one read of the revocation counter (store.AuthGeneration) instead of
// decoding the cookie, loading the session row, decoding its values and loading the user.
//
// Every entry is tagged with the counter as it was read before the entry was loaded (or as the
// write that produced it saw it). An entry is served only while the counter still has that value.
// The counter is one for the whole database, not one per user or session: one row to read per
// request, and triggers that need not know which session or user a change touches (a role, a
// managed unit, a cascade). The price is that any change of a session's values or a user, on any
// instance, reloads every entry once; such changes (login, logout, an admin's edit) are rare next to
// page views, and recording activity (last_seen_at) does not count.
//
// Sessions are found by the exact cookie value: it was verified (signature, secret against the
// row) when the entry was filled, and the same bytes verify the same way. The signature's
// timestamp bounds a cookie to the session lifetime, which the row's expiry bounds as well.
type sessionCache struct {
	mu       sync.Mutex
	sessions map[string]*cachedSession // by cookie value
	users    map[int64]*cachedUser
	max      int // entries per map
}

// cachedSession is a session row as loaded, with its values decoded. values is shared by every
// request that uses the entry: it is never changed, only replaced (wSession copies before a write).
type cachedSession struct {
	generation int64
	id         string
	values     map[any]any
	lastSeen   time.Time
	expires    time.Time
}

type cachedUser struct {
	generation int64
	user       *store.User // never changed; requests get a copy
}

func newSessionCache(max int) *sessionCache {
	return &sessionCache{sessions: map[string]*cachedSession{}, users: map[int64]*cachedUser{}, max: max}
}

// session returns the entry for a cookie if it is valid at generation.
func (c *sessionCache) session(cookie string, generation int64) *cachedSession {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.sessions[cookie]
	if e == nil || e.generation != generation {
		return nil
	}
	return e
}

// peekSession returns the entry for a cookie whatever its generation, for what this instance
// itself did with the session (Write, Touch).
func (c *sessionCache) peekSession(cookie string) *cachedSession {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sessions[cookie]
}

// putSession stores the entry of a cookie, replacing an older one. The key is copied: the cookie
// may point into the request's buffer.
func (c *sessionCache) putSession(cookie string, e *cachedSession) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.sessions[cookie]; old != nil && old.generation > e.generation {
		return // a newer entry is there already (a concurrent request): keep it
	}
	if _, ok := c.sessions[cookie]; !ok && len(c.sessions) >= c.max {
		for k := range c.sessions { // full: drop any one entry (map order is random)
			delete(c.sessions, k)
			break
		}
	}
	c.sessions[strings.Clone(cookie)] = e
}

// sawActivity records that a session was seen at t (after Touch), so the entry does not look due
// for a reload because of its age.
func (c *sessionCache) sawActivity(cookie string, t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.sessions[cookie]; e != nil && e.lastSeen.Before(t) {
		updated := *e
		updated.lastSeen = t
		c.sessions[cookie] = &updated
	}
}

func (c *sessionCache) forgetSession(cookie string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.sessions, cookie)
}

// user returns the cached user if it is valid at generation.
func (c *sessionCache) user(id, generation int64) *store.User {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.users[id]
	if e == nil || e.generation != generation {
		return nil
	}
	return e.user
}

func (c *sessionCache) putUser(u *store.User, generation int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.users[u.ID]; old != nil && old.generation > generation {
		return
	}
	if _, ok := c.users[u.ID]; !ok && len(c.users) >= c.max {
		for k := range c.users {
			delete(c.users, k)
			break
		}
	}
	c.users[u.ID] = &cachedUser{generation: generation, user: u}
}
