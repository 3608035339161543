package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

type feedPage struct {
	Items []struct {
		Event    string `json:"event"`
		RecordID string `json:"record_id"`
		Person   struct {
			Email string `json:"email"`
		} `json:"person"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
	Next       string `json:"next"`
	HasMore    bool   `json:"has_more"`
}

// completePeople records a completion of the example course for each user, one transaction each.
func completePeople(t testing.TB, env *webtest.Env, users []*store.User) []string {
	t.Helper()
	var ids []string
	for _, u := range users {
		c := &store.Completion{UserID: u.ID, CourseID: "ki-grundlagen", Version: "1.0.0", ContentHash: "abc"}
		if err := env.Store.InTx(context.Background(), func(tx *store.Tx) error {
			_, err := tx.RecordCompletion(c)
			return err
		}); err != nil {
			t.Error(err)
			return ids
		}
		ids = append(ids, c.RecordID)
	}
	return ids
}

func people(t testing.TB, env *webtest.Env, prefix string, n int) []*store.User {
	var us []*store.User
	for i := range n {
		us = append(us, env.CreateUser(t, fmt.Sprintf("%s%03d@stadt.example", prefix, i), "geheim-geheim-1", "learner"))
	}
	return us
}

// TestCompletionsPagesStayCompleteWhileCompletionsAreRecorded pages through the feed in small
// pages while other goroutines record completions: every completion that existed at the start
// comes exactly once, nothing comes twice, and reading on after the writers stopped yields every
// completion (no gaps at all).
func TestCompletionsPagesStayCompleteWhileCompletionsAreRecorded(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopeCompletionsRead))
	before := completePeople(t, env, people(t, env, "vorher", 60))
	later := people(t, env, "nachher", 60)

	var wg sync.WaitGroup
	var mu sync.Mutex
	var during []string
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids := completePeople(t, env, later[w*20:(w+1)*20])
			mu.Lock()
			during = append(during, ids...)
			mu.Unlock()
		}()
	}
	seen := map[string]int{}
	next := "/api/v1/completions?limit=7"
	read := func() {
		for {
			r := call(t, env, http.MethodGet, next, tok, nil)
			if r.Status != http.StatusOK {
				t.Fatalf("%s: %d\n%s", next, r.Status, r.Body)
			}
			var p feedPage
			r.decode(t, &p)
			for _, it := range p.Items {
				seen[it.RecordID]++
			}
			next = p.Next
			if !p.HasMore {
				return
			}
		}
	}
	read()
	wg.Wait()
	read() // on from the last cursor, after the writers are done
	for _, id := range before {
		if seen[id] != 1 {
			t.Errorf("completion %s existed at the start and came %d times", id, seen[id])
		}
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("completion %s came %d times", id, n)
		}
	}
	if len(seen) != len(before)+len(during) || len(during) != 60 {
		t.Errorf("saw %d completions, %d existed at the start and %d were recorded meanwhile", len(seen), len(before), len(during))
	}
}

func TestCompletionsFeedNamesRevocationsAndRefusesForeignCursors(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopeCompletionsRead))
	us := people(t, env, "person", 2)
	ids := completePeople(t, env, us)
	c, err := env.Store.CompletionByRecordID(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Store.RevokeCompletion(context.Background(), c.ID, "versehentlich erfasst"); err != nil {
		t.Fatal(err)
	}
	r := call(t, env, http.MethodGet, "/api/v1/completions", tok, nil)
	var p feedPage
	r.decode(t, &p)
	if len(p.Items) != 3 || p.Items[0].Event != "recorded" || p.Items[2].Event != "revoked" || p.Items[2].RecordID != ids[0] ||
		p.Items[0].Person.Email != "person000@stadt.example" || p.HasMore {
		t.Fatalf("feed: %s", r.Body)
	}
	// Asking again from the end gives an empty page with the same cursor.
	r = call(t, env, http.MethodGet, p.Next, tok, nil)
	var empty feedPage
	r.decode(t, &empty)
	if len(empty.Items) != 0 || empty.NextCursor != p.NextCursor {
		t.Fatalf("after the end: %s", r.Body)
	}
	for _, q := range []string{"?cursor=123", "?cursor=" + "dj" + "pxMg", "?limit=0", "?limit=5000"} {
		r := call(t, env, http.MethodGet, "/api/v1/completions"+q, tok, nil)
		if r.Status != http.StatusUnprocessableEntity || len(r.problem(t).Errors) != 1 {
			t.Errorf("%s: %d %s", q, r.Status, r.Body)
		}
	}
}

func TestCompletionsPageAnswers304WhileItsETagMatches(t *testing.T) {
	env := newEnv(t)
	tok := newToken(t, env, scoped(api.ScopeCompletionsRead))
	completePeople(t, env, people(t, env, "p", 2))
	r := call(t, env, http.MethodGet, "/api/v1/completions", tok, nil)
	etag := r.Header.Get("ETag")
	if r.Status != http.StatusOK || len(etag) < 10 || etag[0] != '"' {
		t.Fatalf("status %d, strong ETag %q", r.Status, etag)
	}
	r = call(t, env, http.MethodGet, "/api/v1/completions", tok, nil, "If-None-Match", etag)
	if r.Status != http.StatusNotModified || len(r.Body) != 0 || r.Header.Get("ETag") != etag {
		t.Fatalf("unchanged page: %d %q", r.Status, r.Body)
	}
	completePeople(t, env, people(t, env, "q", 1))
	r = call(t, env, http.MethodGet, "/api/v1/completions", tok, nil, "If-None-Match", etag)
	if r.Status != http.StatusOK || r.Header.Get("ETag") == etag {
		t.Fatalf("after a new completion: %d, ETag %s", r.Status, r.Header.Get("ETag"))
	}
}
