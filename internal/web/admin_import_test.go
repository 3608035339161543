package web_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web"
	"github.com/ailit/ailit/internal/web/webtest"
)

const hrHead = "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Rollen\r\n"

// uploadAs posts a file with the chosen import mode, as the upload form does.
func uploadAs(t *testing.T, c *webtest.Client, mode string, data []byte) *webtest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", c.CSRF)
	w.WriteField("mode", mode)
	fw, _ := w.CreateFormFile("file", "hr.csv")
	fw.Write(data)
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/admin/import", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}

func activeCount(t *testing.T, env *webtest.Env) int {
	t.Helper()
	var n int64
	env.Store.TestReader().Model(&store.User{}).Where("active = ?", true).Count(&n)
	return int(n)
}

func keptUploads(t *testing.T, env *webtest.Env) int {
	entries, _ := os.ReadDir(filepath.Join(env.Config.DataDir, "imports"))
	return len(entries)
}

func TestImportUploadOverTheLimitIsRefusedWithTheLimitOnThePage(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	c.Get("/admin/import")
	line := []byte("1;Berg;Anna;a@x.de;Amt;learner\r\n")
	big := append([]byte(hrHead), bytes.Repeat(line, web.MaxImportUpload/len(line)+1)...)
	r := uploadAs(t, c, "full", big)
	if r.Status != http.StatusRequestEntityTooLarge || !strings.Contains(r.Body, "Die Datei ist größer als 16 MB und wurde nicht gelesen") ||
		!strings.Contains(r.Body, `id="f-file"`) {
		t.Fatalf("status %d, want 413 with the upload form and the limit\n%s", r.Status, r.Body)
	}
	if n := keptUploads(t, env); n != 0 {
		t.Errorf("%d uploads kept of a refused file", n)
	}
	if r := c.Get("/admin/import"); !strings.Contains(r.Body, "Höchstens 16 MB") {
		t.Error("the upload form does not say the limit")
	}
}

func TestImportFieldOverItsLimitNamesLineAndColumnAndImportsNothing(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	c.Get("/admin/import")
	data := hrHead + "1;Berg;Anna;a@x.de;Amt;learner\r\n2;" + strings.Repeat("x", 5000) + ";Ben;b@x.de;Amt;learner\r\n"
	r := uploadAs(t, c, "full", []byte(data))
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Zeile 3, Spalte 2 („Nachname“): Der Wert hat 5000 Zeichen, erlaubt sind höchstens 100.") {
		t.Fatalf("status %d\n%s", r.Status, r.Body)
	}
	if applyForm.MatchString(r.Body) {
		t.Error("a file with a field over its limit can be applied")
	}
	if n, _ := env.Store.CountUsers(context.Background()); n != 1 {
		t.Errorf("%d users, want only the admin", n)
	}
}

// department is a file with the first five people of the sample.
func department(t *testing.T) []byte {
	lines := strings.SplitAfter(string(sample(t)), "\n")
	return []byte(strings.Join(lines[:6], ""))
}

func TestImportOfOneDepartmentAsFullListNeedsTheNumberTyped(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	c.Get("/admin/import")
	m := applyForm.FindStringSubmatch(uploadAs(t, c, "full", sample(t)).Body)
	if r := c.Post(m[1], url.Values{"mode": {"full"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("importing the sample: %d", r.Status)
	}
	c.Get("/admin/import")
	r := uploadAs(t, c, "full", department(t))
	m = applyForm.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil || !strings.Contains(r.Body, "59 von 65 aktiven Personen würden deaktiviert") ||
		!strings.Contains(r.Body, `name="confirm"`) {
		t.Fatalf("preview of one department: %d\n%s", r.Status, r.Body)
	}
	for _, typed := range []string{"", "58", "alle"} {
		r = c.Post(m[1], url.Values{"mode": {"full"}, "confirm": {typed}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Bitte geben Sie genau 59 ein") || !applyForm.MatchString(r.Body) {
			t.Fatalf("confirm %q: %d\n%s", typed, r.Status, r.Body)
		}
		if n := activeCount(t, env); n != 65 {
			t.Fatalf("confirm %q: %d active, want 65: nothing may change", typed, n)
		}
	}
	r = c.Post(m[1], url.Values{"mode": {"full"}, "confirm": {"59"}})
	if r.Status != http.StatusSeeOther {
		t.Fatalf("confirmed apply: %d\n%s", r.Status, r.Body)
	}
	if r := c.Get("/admin/org"); !strings.Contains(r.Body, "59 deaktiviert") {
		t.Errorf("flash after the confirmed import:\n%s", r.Body)
	}
	if n := activeCount(t, env); n != 6 {
		t.Errorf("%d active after the confirmed import, want 6 (five people and the admin)", n)
	}
}

func TestImportInAddAndUpdateModeDeactivatesNobody(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	c := adminClient(t, env)
	c.Get("/admin/import")
	if r := c.Get("/admin/import"); !strings.Contains(r.Body, "nur ergänzen und aktualisieren") {
		t.Fatal("the upload form offers no add-and-update mode")
	}
	m := applyForm.FindStringSubmatch(uploadAs(t, c, "full", sample(t)).Body)
	c.Post(m[1], url.Values{"mode": {"full"}})
	c.Get("/admin/import")
	changed := strings.Replace(string(department(t)), "katrin.braun@", "k.braun@", 1)
	changed = strings.Replace(changed, "nguyen.schmidt@stadt.example;Stadtverwaltung/Dezernat 1 Stadtentwicklung und Umwelt/Bauordnungsamt/Team Baugenehmigung",
		"nguyen.schmidt@stadt.example;Stadtverwaltung/Dezernat 1 Stadtentwicklung und Umwelt/Bauordnungsamt/Team Bauaufsicht", 1)
	r := uploadAs(t, c, "add-update", []byte(changed))
	m = applyForm.FindStringSubmatch(r.Body)
	if r.Status != http.StatusOK || m == nil || !strings.Contains(r.Body, "0 deaktiviert") || strings.Contains(r.Body, `name="confirm"`) ||
		!strings.Contains(r.Body, "niemand wird deaktiviert") || !strings.Contains(r.Body, `name="mode" value="add-update"`) ||
		!strings.Contains(r.Body, "Umsetzungen (1)") || !strings.Contains(r.Body, "Team Baugenehmigung → Stadtverwaltung/Dezernat 1 Stadtentwicklung und Umwelt/Bauordnungsamt/Team Bauaufsicht") {
		t.Fatalf("add-only preview: %d\n%s", r.Status, r.Body)
	}
	if r := c.Post(m[1], url.Values{"mode": {"add-update"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("apply: %d\n%s", r.Status, r.Body)
	}
	if n := activeCount(t, env); n != 65 {
		t.Errorf("%d active after an add-only import, want all 65", n)
	}
	if _, err := env.Store.UserByEmail(context.Background(), "k.braun@stadt.example"); err != nil {
		t.Errorf("the update was not applied: %v", err)
	}
	c.Get("/admin/import")
	if r := uploadAs(t, c, "teilweise", department(t)); r.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, "Bitte wählen Sie, wie die Liste übernommen wird.") || applyForm.MatchString(r.Body) {
		t.Errorf("an unknown mode: %d\n%s", r.Status, r.Body)
	}
}

func TestRequestOverTheServersBodyLimitIsRefusedBeforeItIsRead(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- env.App.Serve(ctx, ln, time.Second) }()
	t.Cleanup(func() { stop(); <-done })
	// 33 MB announced, nothing sent: the server answers from the header alone.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /admin/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n", 33<<20)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(page), "Datei zu groß") {
		t.Fatalf("status %d, want 413 with „Datei zu groß“\n%.2000s", resp.StatusCode, page)
	}
}
