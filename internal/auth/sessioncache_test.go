package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/auth"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/store/storetest"
)

const cookieName = "ailit_session"

// instances opens two stores on one new database, as two ailit instances, on SQLite and, when
// configured, PostgreSQL.
func instances(t *testing.T, fn func(t *testing.T, a, b *store.Store)) {
	t.Run(store.SQLite, func(t *testing.T) {
		url := storetest.NewSQLiteFile(t)
		fn(t, storetest.OpenURL(t, url), storetest.OpenURL(t, url))
	})
	t.Run(store.Postgres, func(t *testing.T) {
		base := storetest.PostgresURL()
		if base == "" {
			t.Skip("PostgreSQL tests need AILIT_TEST_DATABASE_URL")
		}
		url := storetest.NewPostgresSchema(t, base)
		fn(t, storetest.OpenURL(t, url), storetest.OpenURL(t, url))
	})
}

func newSessionStore(db *store.Store) *auth.SessionStore {
	return auth.NewSessionStore(db, make([]byte, 64), false, 12*time.Hour, 2*time.Hour)
}

// loggedIn creates a user and a session logged in as them, and returns the session's cookie.
func loggedIn(t *testing.T, db *store.Store, st *auth.SessionStore) (*store.User, string) {
	t.Helper()
	ctx := context.Background()
	u := &store.User{Email: "lea@stadt.example", DisplayName: "Lea", Active: true}
	if err := db.CreateUser(ctx, u, []string{store.RoleLearner}); err != nil {
		t.Fatal(err)
	}
	s, _, err := st.Load(ctx, cookieName, "")
	if err != nil {
		t.Fatal(err)
	}
	s.Values = map[any]any{auth.KeyUserID: u.ID, auth.KeyCSRF: "token-1"}
	c, err := st.Write(ctx, s, "", auth.Client{UserAgent: "test"})
	if err != nil || c == nil {
		t.Fatalf("new session: cookie %v, %v", c, err)
	}
	return u, c.Value
}

// load loads the session of cookie and returns its CSRF token, the user and how many
// statements the load read.
func load(t *testing.T, db *store.Store, st *auth.SessionStore, cookie string) (csrf string, user *store.User, reads int64) {
	t.Helper()
	before := db.Reads()
	s, u, err := st.Load(context.Background(), cookieName, cookie)
	if err != nil {
		t.Fatal(err)
	}
	csrf, _ = s.Values[auth.KeyCSRF].(string)
	return csrf, u, db.Reads() - before
}

func TestALoadedSessionAndUserCostOneReadUntilSomethingChanges(t *testing.T) {
	instances(t, func(t *testing.T, a, b *store.Store) {
		st := newSessionStore(a)
		u, cookie := loggedIn(t, a, st)
		// The login's write cached the session; the first load adds the user.
		if csrf, got, reads := load(t, a, st, cookie); csrf != "token-1" || got == nil || got.ID != u.ID || reads != 2 {
			t.Fatalf("right after the login: token %q, user %v, %d reads; want the session, the user and 2 reads (counter, user)", csrf, got, reads)
		}
		if _, got, reads := load(t, a, st, cookie); got == nil || reads != 1 {
			t.Fatalf("the next load: user %v, %d reads; want the user and 1 read (the counter)", got, reads)
		}
		if err := b.SetLanguage(context.Background(), u.ID, "en"); err != nil {
			t.Fatal(err)
		}
		_, got, reads := load(t, a, st, cookie)
		if got == nil || got.Language != "en" || reads != 3 {
			t.Fatalf("after a change of the user on the other instance: user %v, %d reads; want the new language and 3 reads", got, reads)
		}
		if _, _, reads := load(t, a, st, cookie); reads != 1 {
			t.Fatalf("the next load read %d times, want 1", reads)
		}
	})
}

func TestSessionValuesWrittenOnAnotherInstanceAreSeenAtOnce(t *testing.T) {
	instances(t, func(t *testing.T, a, b *store.Store) {
		here, there := newSessionStore(a), newSessionStore(b)
		_, cookie := loggedIn(t, a, here)
		load(t, a, here, cookie)
		ctx := context.Background()
		s, _, err := there.Load(ctx, cookieName, cookie)
		if err != nil {
			t.Fatal(err)
		}
		s.Values = map[any]any{auth.KeyUserID: s.Values[auth.KeyUserID], auth.KeyCSRF: "token-2"}
		if _, err := there.Write(ctx, s, cookie, auth.Client{}); err != nil {
			t.Fatal(err)
		}
		if csrf, _, _ := load(t, a, here, cookie); csrf != "token-2" {
			t.Fatalf("CSRF token on the first instance after the other rotated it: %q", csrf)
		}
		// The write counted, so the user is loaded again; the session is the one just written.
		if csrf, _, reads := load(t, b, there, cookie); csrf != "token-2" || reads != 2 {
			t.Fatalf("the writing instance: token %q with %d reads; want its own write from the cache (2 reads: counter, user)", csrf, reads)
		}
	})
}

func TestRecordingActivityDoesNotEmptyTheCache(t *testing.T) {
	instances(t, func(t *testing.T, a, b *store.Store) {
		here := newSessionStore(a)
		_, cookie := loggedIn(t, a, here)
		load(t, a, here, cookie)
		b.Clock = later{2 * time.Minute} // the other instance's next request comes two minutes on
		there := newSessionStore(b)
		ctx := context.Background()
		s, u, err := there.Load(ctx, cookieName, cookie)
		if err != nil || u == nil {
			t.Fatalf("other instance: user %v, %v", u, err)
		}
		if err := there.Touch(ctx, s, cookie); err != nil {
			t.Fatal(err)
		}
		if csrf, u, reads := load(t, a, here, cookie); csrf != "token-1" || u == nil || reads != 1 {
			t.Fatalf("first instance after the other recorded activity: token %q, user %v, %d reads; want the cache (1 read)", csrf, u, reads)
		}
	})
}

func TestASessionEndedOnAnotherInstanceIsGoneAtOnce(t *testing.T) {
	instances(t, func(t *testing.T, a, b *store.Store) {
		here := newSessionStore(a)
		u, cookie := loggedIn(t, a, here)
		load(t, a, here, cookie)
		if _, err := b.DeleteSessionsOfUser(context.Background(), u.ID, ""); err != nil {
			t.Fatal(err)
		}
		if csrf, got, _ := load(t, a, here, cookie); csrf != "" || got != nil {
			t.Fatalf("ended session still loads: token %q, user %v", csrf, got)
		}
	})
}

// later is the real clock moved on by a fixed time.
type later struct{ by time.Duration }

func (l later) Now() time.Time { return time.Now().UTC().Add(l.by) }
