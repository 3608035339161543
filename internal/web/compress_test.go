package web_test

import (
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func gunzip(t *testing.T, body string) string {
	t.Helper()
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Pages of a few kilobytes arrive in the first round trip anyway and go out as they are; large
// files and streamed exports are compressed for browsers that accept it.
func TestOnlyLargeResponsesAndExportsAreCompressed(t *testing.T) {
	t.Parallel()
	re := newReportEnv(t)
	re.manager.Header.Set("Accept-Encoding", "gzip")

	page := re.manager.Get("/courses")
	if page.Status != 200 || page.Header.Get("Content-Encoding") != "" || !strings.Contains(page.Body, "</html>") {
		t.Fatalf("course list: status %d, encoding %q; want a plain page", page.Status, page.Header.Get("Content-Encoding"))
	}

	css := re.manager.Get("/static/vendor/kern/kern.min.css")
	if css.Status != 200 || css.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("style sheet: status %d, encoding %q; want gzip", css.Status, css.Header.Get("Content-Encoding"))
	}
	if plain := gunzip(t, css.Body); len(plain) < 12<<10 || len(css.Body) >= len(plain) || !strings.Contains(plain, ".kern-btn") {
		t.Errorf("style sheet: %d bytes compressed to %d", len(plain), len(css.Body))
	}

	export := re.manager.Get("/reports/export?format=csv")
	if export.Status != 200 || export.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("export: status %d, encoding %q; want gzip", export.Status, export.Header.Get("Content-Encoding"))
	}
	if got := gunzip(t, export.Body); !strings.HasPrefix(got, "\uFEFFPseudonym;") {
		t.Errorf("export after decompression starts %.60q", got)
	}

	re.manager.Header.Del("Accept-Encoding")
	if css := re.manager.Get("/static/vendor/kern/kern.min.css"); css.Header.Get("Content-Encoding") != "" || !strings.Contains(css.Body, ".kern-btn") {
		t.Errorf("without Accept-Encoding the style sheet came %q", css.Header.Get("Content-Encoding"))
	}
}
