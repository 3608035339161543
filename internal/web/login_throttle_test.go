package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/web/webtest"
)

// behindProxy lets each test client claim its address with X-Forwarded-For, as behind a proxy.
func behindProxy(t *testing.T) *webtest.Env {
	return webtest.New(t, webtest.Options{Configure: func(c *config.Config) {
		c.TrustedProxies = []string{"0.0.0.0/0"}
	}})
}

func clientAt(t *testing.T, env *webtest.Env, ip string) *webtest.Client {
	c := env.Client(t)
	c.Header.Set("X-Forwarded-For", ip)
	c.Get("/login")
	return c
}

func tryLogin(c *webtest.Client, password string) *webtest.Response {
	return c.Post("/login", url.Values{"email": {"anna@stadt.example"}, "password": {password}})
}

func TestWrongPasswordsFromOneAddressSlowItDownButNotTheOwnerElsewhere(t *testing.T) {
	t.Parallel()
	env := behindProxy(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	attacker := clientAt(t, env, "203.0.113.66")
	var refused *webtest.Response
	for i := range 40 {
		r := tryLogin(attacker, "falsch")
		if r.Status == http.StatusTooManyRequests {
			refused = r
			break
		}
		if r.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: status %d", i+1, r.Status)
		}
	}
	if refused == nil {
		t.Fatal("40 wrong passwords from one address were all checked: the address is not slowed down")
	}
	secs, err := strconv.Atoi(refused.Header.Get("Retry-After"))
	if err != nil || secs < 1 || secs > 15*60 {
		t.Errorf("Retry-After %q, want seconds up to the window", refused.Header.Get("Retry-After"))
	}
	if !strings.Contains(refused.Body, "Bitte warten Sie") {
		t.Errorf("the refusal does not say to wait:\n%s", refused.Body)
	}
	// The right password from the attacker's address is not checked while it waits.
	if r := tryLogin(attacker, pw); r.Status != http.StatusTooManyRequests {
		t.Errorf("right password from the slowed address: %d, want 429", r.Status)
	}
	// The owner, from another address and a browser never used before, logs in at once.
	owner := clientAt(t, env, "198.51.100.7")
	if r := tryLogin(owner, pw); r.Status != http.StatusSeeOther {
		t.Fatalf("owner from another address: %d, want 303\n%s", r.Status, r.Body)
	}
}

func TestTheAccountCeilingDoesNotLockTheOwnerOutOfAKnownDevice(t *testing.T) {
	t.Parallel()
	env := behindProxy(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	laptop := clientAt(t, env, "198.51.100.7")
	if r := tryLogin(laptop, pw); r.Status != http.StatusSeeOther {
		t.Fatalf("first login: %d", r.Status)
	}
	if laptop.Cookie("ailit_device") == "" {
		t.Fatal("a successful login set no device cookie")
	}
	laptop.Post("/logout", nil)
	// Many addresses, each within its free attempts, together reach the account's ceiling.
	for i := range 30 {
		c := clientAt(t, env, "203.0.113."+strconv.Itoa(i+1))
		if r := tryLogin(c, "falsch"); r.Status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d", i+1, r.Status)
		}
	}
	if r := tryLogin(clientAt(t, env, "192.0.2.9"), pw); r.Status != http.StatusTooManyRequests {
		t.Errorf("an unknown browser past the account ceiling: %d, want 429", r.Status)
	}
	laptop.Get("/login")
	if r := tryLogin(laptop, pw); r.Status != http.StatusSeeOther {
		t.Fatalf("the owner's known device past the account ceiling: %d, want 303\n%s", r.Status, r.Body)
	}
	// A device cookie of another account, or a forged one, exempts nothing.
	forged := clientAt(t, env, "192.0.2.10")
	forged.SetCookie("ailit_device", "1.abc.0000")
	if r := tryLogin(forged, pw); r.Status != http.StatusTooManyRequests {
		t.Errorf("forged device cookie: %d, want 429", r.Status)
	}
}
