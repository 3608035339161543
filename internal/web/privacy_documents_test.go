package web_test

import (
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestAdminDownloadsTheCouncilDocumentsGeneratedFromTheSettings(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(c *config.Config) { c.OrgName = "Stadt Jena" }})
	env.CreateUser(t, "it@stadt.example", pw, store.RoleAdmin)
	admin := env.Client(t)
	admin.Login("it@stadt.example", pw)

	page := admin.Get("/admin/privacy")
	for _, want := range []string{"Unterlagen für Personalrat und Datenschutz", "Dienstvereinbarung (Entwurf)",
		`href="/admin/privacy/verarbeitungsverzeichnis?format=pdf&amp;lang=de"`, `href="/admin/privacy/dienstvereinbarung?format=md&amp;lang=en"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("privacy page lacks %q", want)
		}
	}
	md := admin.Get("/admin/privacy/dienstvereinbarung?format=md&lang=de")
	if md.Status != 200 || !strings.Contains(md.Header.Get("Content-Type"), "text/markdown") ||
		!strings.Contains(md.Header.Get("Content-Disposition"), "dienstvereinbarung-ailit-entwurf.md") {
		t.Fatalf("markdown: %d %v", md.Status, md.Header)
	}
	for _, want := range []string{"zwischen Stadt Jena", "„Status (Voreinstellung)“", "erst ab 5 Personen", "Administrationsrechte haben: it."} {
		if !strings.Contains(md.Body, want) {
			t.Errorf("agreement lacks %q", want)
		}
	}
	pdf := admin.Get("/admin/privacy/verarbeitungsverzeichnis?format=pdf&lang=en")
	if pdf.Status != 200 || !strings.HasPrefix(pdf.Body, "%PDF-") || !strings.Contains(pdf.Header.Get("Content-Disposition"), "record-of-processing-ailit.pdf") {
		t.Fatalf("pdf: %d %v", pdf.Status, pdf.Header)
	}
	if r := admin.Get("/admin/privacy/betriebsrat?format=pdf"); r.Status != 404 {
		t.Errorf("unknown document: %d", r.Status)
	}
	if r := admin.Get("/admin/privacy/dienstvereinbarung?format=docx"); r.Status != 404 {
		t.Errorf("unknown format: %d", r.Status)
	}
}
