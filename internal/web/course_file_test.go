package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const netzPNG = "modules/01-was-ist-ki/media/neuronales-netz.png"

func TestCourseMediaIsServedWithItsTypeAndCachedForever(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	_, c := loggedIn(t, dir, "learner")
	want, err := os.ReadFile(filepath.Join(dir, "ki-grundlagen", "1.1.0", filepath.FromSlash(netzPNG)))
	if err != nil {
		t.Fatal(err)
	}
	r := c.Get("/courses/ki-grundlagen/v/1.1.0/files/" + netzPNG)
	if r.Status != http.StatusOK || r.Body != string(want) {
		t.Fatalf("status %d, %d bytes, want the %d bytes of the file", r.Status, len(r.Body), len(want))
	}
	for header, want := range map[string]string{
		"Content-Type":           "image/png",
		"Cache-Control":          "public, max-age=31536000, immutable",
		"X-Content-Type-Options": "nosniff",
	} {
		if got := r.Header.Get(header); got != want {
			t.Errorf("%s = %q, want %q", header, got, want)
		}
	}
	if csp := r.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("Content-Security-Policy = %q, want a sandbox", csp)
	}
}

func TestCourseMediaAnswersRangeRequestsForVideoSeeking(t *testing.T) {
	t.Parallel()
	_, c := loggedIn(t, copyExampleCourses(t), "learner")
	req := httptest.NewRequest(http.MethodGet, "/courses/ki-grundlagen/v/1.1.0/files/"+netzPNG, nil)
	req.Header.Set("Range", "bytes=0-7")
	r := c.Do(req)
	if r.Status != http.StatusPartialContent || r.Body != "\x89PNG\r\n\x1a\n" {
		t.Errorf("status %d, body %q; want 206 with the PNG signature", r.Status, r.Body)
	}
}

func TestCourseMediaNeverLeavesThePublishedVersionFolder(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	outside := filepath.Join(t.TempDir(), "geheim.png")
	writeCourseFile(t, filepath.Dir(outside), "geheim.png", "secret")
	writeCourseFile(t, dir, "geheim.png", "secret")
	writeCourseFile(t, dir, "ki-grundlagen/1.1.0/modules/01-was-ist-ki/media/diagramm.svg",
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	_, c := loggedIn(t, dir, "learner")
	base := "/courses/ki-grundlagen/v/1.1.0/files/"
	for _, path := range []string{
		base + "..%2F..%2Fgeheim.png",
		base + "%2e%2e/%2e%2e/geheim.png",
		base + "../../geheim.png",
		base + "modules/..%2F..%2F..%2Fgeheim.png",
		base + "..%2F1.0.0%2F" + url.PathEscape(netzPNG), // a file of another version
		base + "%2F" + strings.TrimPrefix(filepath.ToSlash(outside), "/"),
		base + url.PathEscape(filepath.ToSlash(outside)),
		base + "modules%5C01-was-ist-ki%5Cmedia%5Cneuronales-netz.png",
		base + "course.yaml", // not a media file
		base + "modules/01-was-ist-ki/lesson.md",
		base + "modules/01-was-ist-ki/media/diagramm.svg", // SVG can carry script: never served
		base + "modules/01-was-ist-ki/media/gibt-es-nicht.png",
		base,
	} {
		r := c.Do(httptest.NewRequest(http.MethodGet, path, nil))
		if r.Status != http.StatusNotFound || strings.Contains(r.Body, "secret") || strings.Contains(r.Body, "<script>") {
			t.Errorf("%s: status %d, want 404", path, r.Status)
		}
	}
}

func TestCourseMediaRefusesSymbolicLinksOutOfTheVersionFolder(t *testing.T) {
	t.Parallel()
	dir := copyExampleCourses(t)
	outside := filepath.Join(t.TempDir(), "geheim.png")
	writeCourseFile(t, filepath.Dir(outside), "geheim.png", "secret")
	// A link that is there when the courses load makes its version broken.
	if err := os.Symlink(outside, filepath.Join(dir, "ki-grundlagen", "1.1.0", "modules", "01-was-ist-ki", "media", "link.png")); err != nil {
		t.Fatal(err)
	}
	env, c := loggedIn(t, dir, "learner")
	if r := c.Get("/courses/ki-grundlagen/v/1.1.0/files/modules/01-was-ist-ki/media/link.png"); r.Status != http.StatusNotFound {
		t.Errorf("linked file of a broken version: status %d, want 404", r.Status)
	}
	if r := c.Get("/courses/ki-grundlagen/v/1.0.0/files/" + netzPNG); r.Status != http.StatusOK {
		t.Errorf("file of the good version 1.0.0: status %d, want 200", r.Status)
	}
	if len(env.Library.Report().Problems) == 0 {
		t.Error("the link out of the folder was not reported")
	}

	// A served file swapped for a link after loading is refused too.
	served := filepath.Join(dir, "ki-grundlagen", "1.0.0", filepath.FromSlash(netzPNG))
	if err := os.Remove(served); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, served); err != nil {
		t.Fatal(err)
	}
	if r := c.Get("/courses/ki-grundlagen/v/1.0.0/files/" + netzPNG); r.Status != http.StatusNotFound || strings.Contains(r.Body, "secret") {
		t.Errorf("file swapped for a link: status %d, want 404", r.Status)
	}
}
