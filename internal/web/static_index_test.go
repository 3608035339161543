package web

import (
	"strings"
	"testing"
)

func TestAFingerprintedNameIsKnownBeforeAnyPageLinkedIt(t *testing.T) {
	t.Parallel()
	linked := newAssetIndex().URL("app.css") // what a page links, from another process
	fresh := newAssetIndex()                 // after a restart: nothing hashed yet
	hashed := strings.TrimPrefix(linked, "/static/")
	if name, ok := fresh.original(hashed); !ok || name != "app.css" {
		t.Fatalf("original(%q) = %q, %v; want app.css", hashed, name, ok)
	}
	stale := strings.Replace(hashed, hashed[4:12], "00000000", 1)
	if _, ok := fresh.original(stale); ok {
		t.Errorf("an outdated fingerprint %q counts as the current file", stale)
	}
	if _, ok := fresh.original("missing.0123abcd.css"); ok {
		t.Error("a file that is not there has a fingerprint")
	}
	if got := fresh.URL("missing.css"); got != "/static/missing.css" {
		t.Errorf("URL of a missing file = %q", got)
	}
}
