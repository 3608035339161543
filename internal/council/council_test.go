package council

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/retention"
)

func facts() Facts {
	p := retention.Defaults()
	p[retention.QuizAnswers] = 14
	return Facts{OrgName: "Stadt Jena", BaseURL: "https://lernen.jena.example", Version: "1.2.0",
		GeneratedAt: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC), PrivacyLevel: "aggregate", K: 7, Retention: p,
		LocalLogin: false, OIDCIssuer: "https://login.jena.example/realms/stadt", Reminders: true, SMTPHost: "mail.jena.example",
		Active: 1234, PerRole: map[string]int64{"manager": 56, "trainer": 4, "admin": 2}, Admins: []string{"Alex Admin", "Şebnem Öz"}, HTTPS: true}
}

func TestDocumentsSayWhatTheInstanceIsSetTo(t *testing.T) {
	tests := []struct {
		kind, lang string
		want       []string
	}{
		{RecordOfProcessing, "de", []string{"Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO)", "Stadt Jena",
			"derzeit 1234 aktive Konten", "Führungskräfte (56)", "„Nur Summen“", "erst ab 7 Personen", "Alex Admin, Şebnem Öz",
			"Antworten in Tests: 14 Tage nach Abgabe des Versuchs", "Mailserver mail.jena.example",
			"OpenID Connect (https://login.jena.example/realms/stadt)", "HTTPS mit HSTS", "[Name, Kontakt]"}},
		{RecordOfProcessing, "en", []string{"Record of processing activities", "currently 1234 active accounts",
			"Answers in quizzes: 14 days after the attempt was submitted", "only from 7 people"}},
		{ServiceAgreement, "de", []string{"Dienstvereinbarung über die Lernplattform ailit (Entwurf)", "„Nur Summen“: Zahlen je Organisationseinheit",
			"erst ab 7 Personen", "Punktzahlen sehen Führungskräfte nicht.", "Erinnerungen an fällige Pflichtschulungen per E-Mail",
			"mit dem Dienstkonto (Single Sign-on)", "Ergebnisse von Testversuchen: 12 Monate nach Abgabe des Versuchs", "[Datum]"}},
		{ServiceAgreement, "en", []string{"Service agreement on the learning platform ailit (draft)", "only from 7 people",
			"Managers do not see scores.", "with the work account (single sign-on)"}},
	}
	for _, tt := range tests {
		md, err := Markdown(tt.kind, tt.lang, facts())
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !bytes.Contains(md, []byte(w)) {
				t.Errorf("%s %s lacks %q", tt.kind, tt.lang, w)
			}
		}
		if bytes.Contains(md, []byte("<no value>")) || bytes.Contains(md, []byte("%!")) {
			t.Errorf("%s %s has an unfilled value:\n%s", tt.kind, tt.lang, md)
		}
	}
}

func TestDocumentsFollowOtherSettings(t *testing.T) {
	f := facts()
	f.PrivacyLevel, f.Reminders, f.OIDCIssuer, f.LocalLogin, f.HTTPS, f.Admins = "results", false, "", true, false, nil
	md, err := Markdown(ServiceAgreement, "de", f)
	if err != nil {
		t.Fatal(err)
	}
	s := string(md)
	for _, w := range []string{"„Ergebnisse“", "Erinnerungen per E-Mail sind derzeit nicht eingerichtet.", "Anmeldung: mit eigenem Passwort.", "[keine eingetragen]"} {
		if !strings.Contains(s, w) {
			t.Errorf("agreement lacks %q", w)
		}
	}
	if strings.Contains(s, "Punktzahlen sehen Führungskräfte nicht") {
		t.Error("at the results level the agreement must not say managers see no scores")
	}
	rop, _ := Markdown(RecordOfProcessing, "de", f)
	if !strings.Contains(string(rop), "nicht unter https:// eingerichtet") {
		t.Error("record of processing does not flag the missing HTTPS")
	}
}

func TestUnknownDocumentIsAnError(t *testing.T) {
	if _, err := Markdown("betriebsrat", "de", facts()); err == nil {
		t.Error("an unknown document kind gave no error")
	}
}

func TestPDFHasTheSameTextAsTheMarkdown(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	md, err := Markdown(ServiceAgreement, "de", facts())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := PDF(&buf, "Dienstvereinbarung (Entwurf)", "Stadt Jena", md); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "dv.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, w := range []string{"§ 3 Was Führungskräfte sehen", "erst ab 7 Personen", "Şebnem Öz", "§ 10 Inkrafttreten und Kündigung"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	if strings.Contains(text, "**") {
		t.Error("the PDF shows Markdown markers")
	}
}
