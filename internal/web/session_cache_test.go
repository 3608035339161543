package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/web/webtest"
)

// Each instance caches sessions and users; these tests end or change them on a second instance
// on the same database and expect the first to know on the very next request.

func TestLogoutEverywhereOnAnotherInstanceEndsTheSessionAtOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	other := env.SecondInstance(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	laptop, phone := env.Client(t), env.Client(t)
	laptop.Login("anna@stadt.example", pw)
	phone.Login("anna@stadt.example", pw)
	if r := laptop.Get("/account"); r.Status != http.StatusOK {
		t.Fatalf("laptop before: %d", r.Status)
	}
	r := phone.Via(other).Post("/account/sessions/revoke", nil)
	if r.Status != http.StatusSeeOther || r.Location() != "/login?ended=all" {
		t.Fatalf("revoke on the other instance: %d %s", r.Status, r.Location())
	}
	if r := laptop.Get("/account"); r.Status != http.StatusSeeOther {
		t.Fatalf("laptop still logged in on the first instance after logout everywhere: %d", r.Status)
	}
}

func TestDeactivationOnAnotherInstanceLogsTheUserOutAtOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	other := env.SecondInstance(t)
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	env.CreateUser(t, "lea@stadt.example", pw, "learner")
	lea := env.Client(t)
	lea.Login("lea@stadt.example", pw)
	if r := lea.Get("/"); r.Status != http.StatusOK {
		t.Fatalf("before: %d", r.Status)
	}
	admin := other.Client(t)
	admin.Login("alex@stadt.example", pw)
	admin.Get("/admin/users/2")
	if r := admin.Post("/admin/users/2", url.Values{"display_name": {"Lea"}, "roles": {"learner"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("deactivate: %d\n%s", r.Status, r.Body)
	}
	if r := lea.Get("/"); r.Status != http.StatusSeeOther {
		t.Fatalf("deactivated user still logged in on the first instance: %d", r.Status)
	}
}

func TestRoleRemovedOnAnotherInstanceCountsAtOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	other := env.SecondInstance(t)
	env.CreateUser(t, "alex@stadt.example", pw, "admin")
	env.CreateUser(t, "tom@stadt.example", pw, "learner", "trainer")
	tom := env.Client(t)
	tom.Login("tom@stadt.example", pw)
	if r := tom.Get("/trainer/sessions"); r.Status != http.StatusOK {
		t.Fatalf("trainer page before: %d", r.Status)
	}
	admin := other.Client(t)
	admin.Login("alex@stadt.example", pw)
	admin.Get("/admin/users/2")
	form := url.Values{"display_name": {"Tom"}, "roles": {"learner"}, "active": {"1"}}
	if r := admin.Post("/admin/users/2", form); r.Status != http.StatusSeeOther {
		t.Fatalf("remove the trainer role: %d\n%s", r.Status, r.Body)
	}
	if r := tom.Get("/trainer/sessions"); r.Status != http.StatusForbidden {
		t.Fatalf("trainer page after the role was removed on the other instance: %d, want 403", r.Status)
	}
	if r := tom.Get("/"); r.Status != http.StatusOK {
		t.Fatalf("still logged in as a learner: %d", r.Status)
	}
}

func TestSessionDeletedByRetentionOnAnotherInstanceEndsAtOnce(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	other := env.SecondInstance(t)
	env.CreateUser(t, "lea@stadt.example", pw, "learner")
	lea := env.Client(t)
	lea.Login("lea@stadt.example", pw)
	if r := lea.Get("/"); r.Status != http.StatusOK {
		t.Fatalf("before: %d", r.Status)
	}
	ctx := context.Background()
	policy, err := other.Store.RetentionPolicy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A run a month from now: the session has ended by then, and its retention period too.
	counts, err := other.Store.ApplyRetention(ctx, policy, other.Store.Now().AddDate(0, 1, 0))
	if err != nil || counts[retention.Sessions] != 1 {
		t.Fatalf("retention: %v sessions deleted (%v)", counts[retention.Sessions], err)
	}
	if r := lea.Get("/"); r.Status != http.StatusSeeOther {
		t.Fatalf("session deleted by retention still works on the first instance: %d", r.Status)
	}
}

func TestLoggedInPageReadsNeitherSessionNorUserWhileNothingChanged(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	other := env.SecondInstance(t)
	env.CreateUser(t, "lea@stadt.example", pw, "learner")
	bob := env.CreateUser(t, "bob@stadt.example", pw, "learner")
	lea := env.Client(t)
	lea.Login("lea@stadt.example", pw)
	reads := func() int64 {
		t.Helper()
		before := env.Store.Reads()
		if r := lea.Get("/account"); r.Status != http.StatusOK {
			t.Fatalf("account page: %d", r.Status)
		}
		return env.Store.Reads() - before
	}
	reads()
	cached := reads()
	// Any change to a user, here another one's language on the other instance, makes every
	// instance load its sessions and users once again: one counter for the whole database.
	if err := other.Store.SetLanguage(context.Background(), bob.ID, "en"); err != nil {
		t.Fatal(err)
	}
	loaded := reads()
	if loaded-cached != 2 {
		t.Fatalf("reads of the page: %d with the cache, %d after a change; want 2 more (session and user)", cached, loaded)
	}
	if again := reads(); again != cached {
		t.Fatalf("reads of the page after reloading once: %d, want %d again", again, cached)
	}
}
