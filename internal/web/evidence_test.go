package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

var pdfBytes = []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

// uploadEvidence posts the learner's upload form as a browser does.
func uploadEvidence(t *testing.T, c *webtest.Client, fields map[string]string, name string, data []byte) *webtest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", c.CSRF)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/account/evidence", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

var evidenceFields = map[string]string{"measure": "sonstiger-nachweis", "title": "KI-Campus: Einführung in KI",
	"issuer": "KI-Campus", "issued_on": "2026-10-01"}

func TestUploadedCertificatesAreCheckedByContentSizeAndName(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)
	c.Get("/account/evidence")
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"html named pdf", "zertifikat.pdf", []byte("<html><script>alert(1)</script></html>"), "Die Datei ist kein PDF, PNG oder JPEG"},
		{"too large", "gross.pdf", append(append([]byte{}, pdfBytes...), make([]byte, 10<<20)...), "Die Datei ist größer als 10 MiB"},
		{"empty", "leer.pdf", nil, "Die Datei ist leer"},
	}
	for _, tt := range tests {
		r := uploadEvidence(t, c, evidenceFields, tt.file, tt.data)
		if r.Status != 422 || !strings.Contains(r.Body, tt.want) || !strings.Contains(r.Body, `value="KI-Campus"`) {
			t.Errorf("%s: %d, want 422 with %q and the fields kept", tt.name, r.Status, tt.want)
		}
	}
	future := map[string]string{"measure": "sonstiger-nachweis", "title": "x", "issuer": "y", "issued_on": "2999-01-01"}
	if r := uploadEvidence(t, c, future, "a.pdf", pdfBytes); r.Status != 422 || !strings.Contains(r.Body, "nicht in der Zukunft") {
		t.Errorf("a date in the future: %d", r.Status)
	}
	if r := uploadEvidence(t, c, map[string]string{"measure": "../../x", "title": "x", "issuer": "y", "issued_on": "2026-01-01"}, "a.pdf", pdfBytes); r.Status != 422 {
		t.Errorf("a measure not offered: %d", r.Status)
	}
	r := uploadEvidence(t, c, evidenceFields, `..\..\..\etc/passwd.pdf`, pdfBytes)
	if r.Status != 303 {
		t.Fatalf("a good upload: %d %s", r.Status, r.Body)
	}
	entries, _ := os.ReadDir(filepath.Join(env.Config.DataDir, "evidence"))
	if len(entries) != 1 || !regexp.MustCompile(`^[0-9a-f]{32}\.pdf$`).MatchString(entries[0].Name()) {
		t.Fatalf("files in the evidence folder: %v", entries)
	}
	page := c.Get("/account/evidence")
	if !strings.Contains(page.Body, "passwd.pdf") || strings.Contains(page.Body, "etc/passwd") || !strings.Contains(page.Body, "Wird geprüft") {
		t.Fatalf("the list shows:\n%s", page.Body)
	}
	m := regexp.MustCompile(`/account/evidence/(\d+)/file`).FindStringSubmatch(page.Body)
	file := c.Get(m[0])
	if file.Status != 200 || file.Body != string(pdfBytes) || file.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(file.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %d %q %q", file.Status, file.Header.Get("Content-Type"), file.Header.Get("Content-Disposition"))
	}
	env.CreateUser(t, "ben@stadt.example", pw, store.RoleLearner)
	other := env.Client(t)
	other.Login("ben@stadt.example", pw)
	if r := other.Get(m[0]); r.Status != 404 {
		t.Fatalf("another learner downloaded lea's certificate: %d", r.Status)
	}
}

func TestAManagerSeesAndDecidesOnlyTheEvidenceOfTheirUnits(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	amt, _ := env.Store.CreateOrgUnit(ctx, nil, "Bürgeramt")
	other, _ := env.Store.CreateOrgUnit(ctx, nil, "Kämmerei")
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	env.Store.SetUserOrgUnit(ctx, lea.ID, &amt.ID)
	chef := env.CreateUser(t, "chef@stadt.example", pw, store.RoleManager)
	fremd := env.CreateUser(t, "fremd@stadt.example", pw, store.RoleManager)
	env.Store.AddManagerUnit(ctx, chef.ID, amt.ID)
	env.Store.AddManagerUnit(ctx, fremd.ID, other.ID)

	c := env.Client(t)
	c.Login("lea@stadt.example", pw)
	c.Get("/account/evidence")
	if r := uploadEvidence(t, c, evidenceFields, "zertifikat.pdf", pdfBytes); r.Status != 303 {
		t.Fatalf("upload: %d", r.Status)
	}
	uploads, _ := env.Store.EvidenceUploadsOf(ctx, lea.ID)
	id := itoaTest(uploads[0].ID)

	fc := env.Client(t)
	fc.Login("fremd@stadt.example", pw)
	if page := fc.Get("/team/evidence"); strings.Contains(page.Body, "KI-Campus: Einführung") {
		t.Fatal("a manager of another unit sees lea's upload")
	}
	if r := fc.Get("/team/evidence/" + id + "/file"); r.Status != 404 {
		t.Fatalf("a manager of another unit downloaded it: %d", r.Status)
	}
	if r := fc.Post("/team/evidence/"+id+"/decision", url.Values{"decision": {"accept"}}); r.Status != 404 {
		t.Fatalf("a manager of another unit decided: %d", r.Status)
	}

	mc := env.Client(t)
	mc.Login("chef@stadt.example", pw)
	if page := mc.Get("/team/evidence"); !strings.Contains(page.Body, "lea: KI-Campus: Einführung in KI") || !strings.Contains(page.Body, uploads[0].SHA256) {
		t.Fatalf("the unit's manager sees:\n%s", page.Body)
	}
	if r := mc.Post("/team/evidence/"+id+"/decision", url.Values{"decision": {"reject"}}); r.Status != 422 || !strings.Contains(r.Body, "Bitte begründen Sie die Ablehnung") {
		t.Fatalf("reject without a reason: %d", r.Status)
	}
	mc.Get("/team/evidence")
	if r := mc.Post("/team/evidence/"+id+"/decision", url.Values{"decision": {"accept"}}); r.Status != 303 {
		t.Fatalf("accept: %d", r.Status)
	}
	if page := c.Get("/account/evidence"); !strings.Contains(page.Body, "Anerkannt") {
		t.Fatal("lea does not see the acceptance")
	}
	cs, _ := env.Store.CompletionsOfUser(ctx, lea.ID)
	if len(cs) != 1 || cs[0].CourseID != "external:sonstiger-nachweis" || cs[0].ContentHash != uploads[0].SHA256 {
		t.Fatalf("completions: %+v", cs)
	}
}

func itoaTest(id int64) string { return strconv.FormatInt(id, 10) }
