package web_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/badge"
	"github.com/ailit/ailit/internal/web/webtest"
)

// publishedKey reads the instance's public key from its JWK set, as an outside verifier would.
func publishedKey(t *testing.T, env *webtest.Env) ed25519.PublicKey {
	t.Helper()
	r := env.Client(t).Get("/.well-known/jwks.json")
	var set struct {
		Keys []struct{ Kty, Crv, X, Kid, Alg string }
	}
	if err := json.Unmarshal([]byte(r.Body), &set); err != nil || len(set.Keys) != 1 || set.Keys[0].Crv != "Ed25519" || set.Keys[0].Alg != "EdDSA" {
		t.Fatalf("JWKS %d %s", r.Status, r.Body)
	}
	x, err := base64.RawURLEncoding.DecodeString(set.Keys[0].X)
	if err != nil {
		t.Fatal(err)
	}
	return ed25519.PublicKey(x)
}

func TestLearnerDownloadsAnOpenBadgeThatVerifiesAndShowsRevocation(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	lea := learnerWithName(t, env, "lea@stadt.example", "Léa Öztürk")
	comp := complete(t, env, lea, future())
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)

	r := c.Get("/records/" + comp.RecordID + "/badge.jwt")
	if r.Status != 200 || r.Header.Get("Content-Type") != "application/vc+jwt" || !strings.Contains(r.Header.Get("Content-Disposition"), "open-badge-ki-grundlagen-1.0.0.jwt") {
		t.Fatalf("badge download: %d %v", r.Status, r.Header)
	}
	token := r.Body
	cred, err := badge.Verify(token, publishedKey(t, env))
	if err != nil {
		t.Fatalf("the downloaded badge does not verify with the published key: %v", err)
	}
	ach := cred.CredentialSubject.Achievement
	if cred.RecordID() != comp.RecordID || ach.Version != "1.0.0" || cred.Issuer.Name != "Ihre Verwaltung" || !strings.Contains(token, ".") {
		t.Errorf("credential %+v", cred)
	}
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[1])
	if bytes.Contains(payload, []byte("lea@stadt.example")) || bytes.Contains(payload, []byte("Öztürk")) {
		t.Error("the badge carries the e-mail address or the name in clear text")
	}
	learnerWithName(t, env, "ben@stadt.example", "Ben Kraus")
	ben := env.Client(t)
	ben.Login("ben@stadt.example", pw)
	if r := ben.Get("/records/" + comp.RecordID + "/badge.jwt"); r.Status != 404 {
		t.Errorf("another person's badge: %d", r.Status)
	}

	// Anyone checks it on the public page, pasted or uploaded.
	clerk := env.Client(t)
	clerk.Get("/verify-badge")
	page := clerk.Post("/verify-badge", url.Values{"badge": {token}})
	if page.Status != 200 || !strings.Contains(page.Body, "Echt: von dieser Plattform ausgestellt und unverändert") || !strings.Contains(page.Body, "Ergebnis der Prüfung: gültig") {
		t.Fatalf("pasted badge: %d\n%s", page.Status, page.Body)
	}
	if up := uploadBadge(t, clerk, token); up.Status != 200 || !strings.Contains(up.Body, "Echt:") {
		t.Fatalf("uploaded badge: %d", up.Status)
	}
	parts := strings.Split(token, ".")
	p, _ := base64.RawURLEncoding.DecodeString(parts[1])
	forged := parts[0] + "." + base64.RawURLEncoding.EncodeToString(bytes.Replace(p, []byte(`"version":"1.0.0"`), []byte(`"version":"9.0.0"`), 1)) + "." + parts[2]
	if bad := clerk.Post("/verify-badge", url.Values{"badge": {forged}}); bad.Status != 422 || !strings.Contains(bad.Body, "Die Signatur stimmt nicht") {
		t.Errorf("forged badge: %d", bad.Status)
	}
	if bad := clerk.Post("/verify-badge", url.Values{"badge": {"kein badge"}}); bad.Status != 422 || !strings.Contains(bad.Body, `id="f-badge-error"`) {
		t.Errorf("not a badge: %d", bad.Status)
	}
	if err := env.Store.RevokeCompletion(context.Background(), comp.ID, "versehentlich erfasst"); err != nil {
		t.Fatal(err)
	}
	if page := clerk.Post("/verify-badge", url.Values{"badge": {token}}); !strings.Contains(page.Body, "widerrufen") {
		t.Errorf("a revoked completion's badge does not show as revoked:\n%s", page.Body)
	}
	if r := c.Get("/records/" + comp.RecordID + "/badge.jwt"); r.Status != 409 {
		t.Errorf("badge of a revoked completion: %d", r.Status)
	}
}

func TestIssuerProfileNamesTheOrganisation(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	r := env.Client(t).Get("/badges/issuer")
	if r.Status != 200 || !strings.Contains(r.Body, `"type":["Profile"]`) || !strings.Contains(r.Body, `"name":"Ihre Verwaltung"`) {
		t.Errorf("issuer profile: %d %s", r.Status, r.Body)
	}
}

func uploadBadge(t *testing.T, c *webtest.Client, token string) *webtest.Response {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", c.CSRF)
	fw, _ := w.CreateFormFile("file", "open-badge.jwt")
	fw.Write([]byte(token))
	w.Close()
	req := httptest.NewRequest(http.MethodPost, "/verify-badge", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.Do(req)
}
