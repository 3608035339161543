package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/ailit/ailit/internal/web/webtest"
)

// After a real login, next= must never send the person to another host, including the forms
// browsers clean up into "//host" (tabs, CR and LF are dropped, a backslash is a slash).
func TestLoginNextThatLeadsToAnotherHostFallsBackToStartPage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "anna@stadt.example", pw, "learner")
	cases := []struct{ next, want string }{
		{"/%09/evil.example", "/"},
		{"/%0a/evil.example", "/"},
		{"/%0d/evil.example", "/"},
		{"/%0d%0a/evil.example", "/"},
		{"%09//evil.example", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"/%5cevil.example", "/"},
		{"/x%5c/evil.example", "/"},
		{"https://evil.example/", "/"},
		{"/%00/evil.example", "/"},
		{"/%7f/evil.example", "/"},
		{"/%c2%85/evil.example", "/"},
		{"", "/"},
		{"courses", "/"},
		{"/courses", "/courses"},
		{"/courses/ki-grundlagen?tab=2", "/courses/ki-grundlagen?tab=2"},
	}
	for _, tc := range cases {
		t.Run(tc.next, func(t *testing.T) {
			// The login form carries next through the POST.
			c := env.Client(t)
			c.Get("/login?next=" + tc.next)
			next, _ := url.QueryUnescape(tc.next)
			r := c.Post("/login", url.Values{"email": {"anna@stadt.example"}, "password": {pw}, "next": {next}})
			if r.Status != http.StatusSeeOther || r.Location() != tc.want {
				t.Errorf("login with next=%s: %d to %q, want %q", tc.next, r.Status, r.Location(), tc.want)
			}
			// A logged-in person opening the login page is sent on the same way.
			if r := c.Get("/login?next=" + tc.next); r.Location() != tc.want {
				t.Errorf("login page with next=%s when logged in: to %q, want %q", tc.next, r.Location(), tc.want)
			}
		})
	}
}
