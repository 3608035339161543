package web

import "testing"

func TestRequestLogLeavesOutLaunchTokens(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/pkg/s3cr3t-token/index.html": "/pkg/…/index.html",
		"/pkg/s3cr3t-token/api":        "/pkg/…/api",
		"/pkg/s3cr3t-token":            "/pkg/…/",
		"/courses/x":                   "/courses/x",
	} {
		if got := logPath(in); got != want {
			t.Errorf("logPath(%q) = %q, want %q", in, got, want)
		}
	}
}
