package record_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/record"
	"github.com/ailit/ailit/internal/record/recordtest"
)

var (
	completed = time.Date(2026, 3, 14, 9, 30, 15, 123456789, time.UTC)
	until     = time.Date(2028, 3, 14, 9, 30, 15, 0, time.UTC)
)

func sample() record.Record {
	return record.Record{
		ID: "k3v7q2m9x4c8b6n1p5r0t2w4", PersonName: "Jörg Weiß", CourseID: "ki-grundlagen",
		CourseTitle: "KI-Grundlagen für die Verwaltung: Chancen & Risiken", Version: "1.2.0",
		ContentHash: strings.Repeat("ab", 32), CompletedAt: completed, ValidUntil: until,
		Issuer: "Stadtverwaltung Münster", Wording: "Teilnahme an einer Maßnahme nach Art. 4 KI-VO.",
	}
}

func newSigner(t *testing.T) *record.Signer {
	t.Helper()
	s, err := record.LoadOrCreateSigner(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignatureOfTheSameRecordVerifies(t *testing.T) {
	s := newSigner(t)
	r := sample()
	sig := s.Sign(r)
	if !s.Verify(r, sig) {
		t.Fatal("a record's own signature does not verify")
	}
	// Databases keep time at other precisions; the signature must survive a round trip.
	r.CompletedAt = r.CompletedAt.Truncate(time.Microsecond).In(time.FixedZone("CET", 3600))
	if !s.Verify(r, sig) {
		t.Error("the signature broke when the completion time came back with microsecond precision")
	}
	if s.Sign(r) != sig {
		t.Error("Ed25519 signing should be deterministic: the same record must always give the same URL")
	}
}

func TestAlteredRecordOrSignatureDoesNotVerify(t *testing.T) {
	s := newSigner(t)
	good := sample()
	sig := s.Sign(good)
	other := newSigner(t)
	alter := map[string]func(r *record.Record){
		"record id":    func(r *record.Record) { r.ID = "k3v7q2m9x4c8b6n1p5r0t2w5" },
		"course":       func(r *record.Record) { r.CourseID = "ki-recht" },
		"version":      func(r *record.Record) { r.Version = "1.3.0" },
		"content hash": func(r *record.Record) { r.ContentHash = strings.Repeat("cd", 32) },
		"completed at": func(r *record.Record) { r.CompletedAt = r.CompletedAt.AddDate(0, 0, -1) },
		"valid until":  func(r *record.Record) { r.ValidUntil = r.ValidUntil.AddDate(1, 0, 0) },
		"no expiry":    func(r *record.Record) { r.ValidUntil = time.Time{} },
	}
	for name, change := range alter {
		r := good
		change(&r)
		if s.Verify(r, sig) {
			t.Errorf("%s changed: the old signature still verifies", name)
		}
	}
	for name, bad := range map[string]string{
		"empty":          "",
		"not base64":     "%%%",
		"truncated":      sig[:len(sig)-4],
		"one char wrong": flipChar(sig),
		"other key":      other.Sign(good),
	} {
		if s.Verify(good, bad) {
			t.Errorf("signature %s verifies", name)
		}
	}
}

func flipChar(s string) string {
	b := []byte(s)
	if b[10] == 'A' {
		b[10] = 'B'
	} else {
		b[10] = 'A'
	}
	return string(b)
}

func TestSigningKeyIsKeptInTheDataDirectoryReadableByOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	a, err := record.LoadOrCreateSigner(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(dir, record.KeyFile))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("signing.key: %v, mode %v; want 0600", err, info.Mode().Perm())
	}
	b, err := record.LoadOrCreateSigner(dir)
	if err != nil || !a.PublicKey().Equal(b.PublicKey()) {
		t.Fatal("a restart must load the same key, or every issued record would become invalid")
	}
	if err := os.WriteFile(filepath.Join(dir, record.KeyFile), []byte("kaputt\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := record.LoadOrCreateSigner(dir); err == nil || !strings.Contains(err.Error(), "backup") {
		t.Fatalf("a damaged key must stop the start and say to restore it, got %v", err)
	}
}

func TestVerifyURLCarriesIDAndSignature(t *testing.T) {
	s := newSigner(t)
	r := sample()
	got := s.VerifyURL("https://lernen.stadt.example/", r)
	want := "https://lernen.stadt.example/verify/k3v7q2m9x4c8b6n1p5r0t2w4?s=" + s.Sign(r)
	if got != want {
		t.Fatalf("got %s\nwant %s", got, want)
	}
}

func TestStatusAt(t *testing.T) {
	r := sample()
	revoked := r
	revoked.RevokedAt = completed.AddDate(0, 1, 0)
	never := r
	never.ValidUntil = time.Time{}
	for _, tc := range []struct {
		name string
		r    record.Record
		now  time.Time
		want record.Status
	}{
		{"before valid until", r, until.Add(-time.Second), record.Valid},
		{"at valid until", r, until, record.Expired},
		{"after valid until", r, until.AddDate(0, 0, 1), record.Expired},
		{"revoked wins over valid", revoked, completed.AddDate(0, 2, 0), record.Revoked},
		{"revoked wins over expired", revoked, until.AddDate(1, 0, 0), record.Revoked},
		{"no expiry", never, until.AddDate(50, 0, 0), record.Valid},
	} {
		if got := tc.r.StatusAt(tc.now); got != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestPDFContainsTheRecordAsRealTextInBothLanguages(t *testing.T) {
	s := newSigner(t)
	for _, tc := range []struct {
		lang, person string
		want         []string
	}{
		{"de", "Jörg Weiß", []string{"Teilnahmebestätigung", "Abgeschlossen am", "14.03.2026", "14.03.2028", "Gültig bis", "Echtheit prüfen"}},
		{"de", "Nguyễn Thị Minh Khai", []string{"Teilnahmebestätigung", "kein Zertifikat"}},
		{"en", "Ayşe Yılmaz", []string{"Record of participation", "Completed on", "14 Mar 2026", "Valid until", "not a certificate"}},
	} {
		r := sample()
		r.PersonName = tc.person
		url := s.VerifyURL("https://lernen.stadt.example", r)
		var buf bytes.Buffer
		code := s.ShortCode(4711, r)
		entry := record.Entry{Record: r, URL: url, ShortCode: code, CodePage: "https://lernen.stadt.example/verify"}
		if err := record.WritePDF(&buf, tc.lang, entry); err != nil {
			t.Fatal(err)
		}
		text, err := recordtest.Text(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		text = strings.ReplaceAll(text, "\n", " ") // wrapped lines
		want := append(tc.want, tc.person, "KI-Grundlagen für die Verwaltung: Chancen & Risiken", "1.2.0",
			"ki-grundlagen", "Stadtverwaltung Münster", "Teilnahme an einer Maßnahme nach Art. 4 KI-VO.", r.ID, r.ContentHash)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s PDF for %s: text %q missing; extracted:\n%s", tc.lang, tc.person, w, text)
			}
		}
		// The long URL wraps and cannot be typed: it is in the QR code and the links only; the
		// page shows the short address and the short code.
		if !strings.Contains(text, code) || !strings.Contains(text, "https://lernen.stadt.example/verify") {
			t.Errorf("%s PDF: short code %s or the verification page missing:\n%s", tc.lang, code, text)
		}
		if strings.Contains(strings.ReplaceAll(text, " ", ""), "?s=") {
			t.Errorf("%s PDF: the long verification URL is still printed", tc.lang)
		}
		if !bytes.Contains(buf.Bytes(), []byte(url)) {
			t.Errorf("%s PDF: the long verification URL is not the link", tc.lang)
		}
		for _, meta := range []string{"/Lang (" + map[string]string{"de": "de-DE", "en": "en"}[tc.lang] + ")", "/Title ", "/Author ", "/MediaBox [0 0 595.28 841.89]"} {
			if !bytes.Contains(buf.Bytes(), []byte(meta)) {
				t.Errorf("%s PDF: %s missing (metadata or A4 page)", tc.lang, meta)
			}
		}
		if strings.Contains(strings.ToLower(text), "compliance certificate") || strings.Contains(text, "Konformitätsbescheinigung") {
			t.Errorf("%s PDF calls itself a certificate of compliance", tc.lang)
		}
		checkWithPdftotext(t, buf.Bytes(), tc.person)
	}
}

// checkWithPdftotext cross-checks the pure-Go text extraction with poppler's pdftotext, which
// reads the PDF as any reader would, when it is installed (.ci/run installs poppler-utils).
func checkWithPdftotext(t *testing.T, pdf []byte, want string) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext not installed (apt-get install poppler-utils): checked with the Go extraction only")
		return
	}
	path := filepath.Join(t.TempDir(), "record.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(out), want) {
		t.Errorf("pdftotext does not find %q in:\n%s", want, out)
	}
}

func TestTranscriptListsEveryRecordWithItsState(t *testing.T) {
	s := newSigner(t)
	a := sample()
	b := sample()
	b.ID, b.CourseID, b.CourseTitle, b.Version = "zzzzzzzzzzzzzzzzzzzzzzzz", "ki-recht", "Recht und KI-Verordnung", "2.0.0"
	b.RevokedAt, b.RevokeReason = completed.AddDate(0, 1, 0), "irrtümlich erfasst"
	var buf bytes.Buffer
	err := record.WriteTranscript(&buf, "de", record.Transcript{
		PersonName: "Jörg Weiß", Issuer: "Stadtverwaltung Münster", Wording: "Wortlaut", GeneratedAt: completed.AddDate(0, 2, 0),
		Entries: []record.Entry{{Record: a, URL: s.VerifyURL("https://x.example", a)}, {Record: b, URL: s.VerifyURL("https://x.example", b)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	text, _ := recordtest.Text(buf.Bytes())
	for _, w := range []string{"Übersicht der Teilnahmebestätigungen", "Jörg Weiß", a.CourseTitle, "gültig", b.CourseTitle,
		"widerrufen am 14.04.2026: irrtümlich erfasst", "Seite 1 von 1"} {
		if !strings.Contains(text, w) {
			t.Errorf("transcript: %q missing; extracted:\n%s", w, text)
		}
	}
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{
		"Jörg Weiß": "J. W.", "Anna-Lena Berg": "A. L. B.", "Nguyễn Thị Minh Khai": "N. T. M. K.",
		"ayşe yılmaz": "A. Y.", "  ": "", "Dr. Özlem Çelik": "D. Ö. Ç.",
	} {
		if got := record.Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
}
