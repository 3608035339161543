package badge

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testKey() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
}

func award() Award {
	return Award{RecordID: "R7K2Q9XW", CompletedAt: time.Date(2026, 11, 28, 10, 15, 30, 0, time.UTC),
		ValidUntil: time.Date(2028, 11, 28, 0, 0, 0, 0, time.UTC), Email: "Lea.Oeztuerk@Stadt.example", Salt: "c2FsdA",
		Achievement: Achievement{CourseID: "ki-grundlagen", Version: "1.1.0", Title: "KI-Grundlagen für alle Beschäftigten",
			Summary: "Was KI ist und was nicht.", Language: "de", Level: "L1", Competences: []string{"KA-GRUND", "KA-RECHT"},
			AreaNames: []string{"Grundlagen", "Recht"}, ContentHash: strings.Repeat("ab", 32), Criteria: "Alle Module gelesen, alle Tests bestanden."}}
}

var issuer = Issuer{ID: "https://lernen.jena.example/badges/issuer", Name: "Stadt Jena", URL: "https://lernen.jena.example"}

func TestCredentialHasTheOpenBadges3ShapeAndNoAddressInClearText(t *testing.T) {
	c := New(award(), issuer, "https://lernen.jena.example/")
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	ctx := m["@context"].([]any)
	if len(ctx) != 2 || ctx[0] != "https://www.w3.org/ns/credentials/v2" || ctx[1] != "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json" {
		t.Errorf("contexts %v", ctx)
	}
	for _, want := range []string{`"type":["VerifiableCredential","OpenBadgeCredential"]`, `"id":"https://lernen.jena.example/badges/R7K2Q9XW"`,
		`"issuer":{"id":"https://lernen.jena.example/badges/issuer","type":["Profile"],"name":"Stadt Jena"`,
		`"validFrom":"2026-11-28T10:15:30Z"`, `"validUntil":"2028-11-28T00:00:00Z"`, `"type":["AchievementSubject"]`,
		`"achievementType":"Course"`, `"version":"1.1.0"`, `"identifier":"sha256:abab`, `"targetCode":"KA-RECHT","targetName":"Recht"`,
		`"tag":["level:L1"]`, `"identityType":"emailAddress","hashed":true`} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("credential lacks %s\n%s", want, b)
		}
	}
	if bytes.Contains(bytes.ToLower(b), []byte("stadt.example")) && bytes.Contains(b, []byte("Oeztuerk")) {
		t.Error("the e-mail address is in clear text")
	}
	if got := EmailHash(" lea.oeztuerk@stadt.example", "c2FsdA"); !bytes.Contains(b, []byte(got)) {
		t.Errorf("the identity hash is not sha256(lower-case address + salt): %s", got)
	}
	noExpiry := award()
	noExpiry.ValidUntil = time.Time{}
	if b, _ := json.Marshal(New(noExpiry, issuer, "https://x")); bytes.Contains(b, []byte("validUntil")) {
		t.Error("a record without expiry has validUntil")
	}
}

func TestSignedBadgeVerifiesAndEveryChangeIsRefused(t *testing.T) {
	key := testKey()
	pub := key.Public().(ed25519.PublicKey)
	token, err := Sign(New(award(), issuer, "https://lernen.jena.example"), key, "https://lernen.jena.example/.well-known/jwks.json#key-1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Verify(token, pub)
	if err != nil || c.RecordID() != "R7K2Q9XW" || c.CredentialSubject.Achievement.Version != "1.1.0" {
		t.Fatalf("verify: %+v %v", c, err)
	}
	parts := strings.Split(token, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	forged := base64.RawURLEncoding.EncodeToString(bytes.Replace(payload, []byte("1.1.0"), []byte("2.0.0"), 1))
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32))
	otherToken, _ := Sign(New(award(), issuer, "https://lernen.jena.example"), other, "x")
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." + parts[1] + "."
	tests := map[string]struct {
		token string
		want  error
	}{
		"changed version":      {parts[0] + "." + forged + "." + parts[2], ErrSignature},
		"another issuer's key": {otherToken, ErrSignature},
		"alg none":             {none, ErrMalformed},
		"not a JWT":            {"hello", ErrMalformed},
		"cut signature":        {parts[0] + "." + parts[1] + "." + parts[2][:10], ErrSignature},
	}
	for name, tt := range tests {
		if _, err := Verify(tt.token, pub); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", name, err, tt.want)
		}
	}
}

// An independent implementation verifies what Sign wrote: Node's crypto (OpenSSL's Ed25519),
// given only the public key as a JWK and the token, checks the signature and reads the claims.
func TestNodeCryptoVerifiesTheBadge(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed: the independent check is skipped")
	}
	key := testKey()
	token, err := Sign(New(award(), issuer, "https://lernen.jena.example"), key, "kid")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	jwkJSON, _ := json.Marshal(JWK(key.Public().(ed25519.PublicKey)))
	script := `
const crypto = require('crypto'); const fs = require('fs');
const [token, jwk] = [fs.readFileSync(process.argv[2], 'utf8'), JSON.parse(fs.readFileSync(process.argv[3], 'utf8'))];
const [h, p, s] = token.split('.');
const header = JSON.parse(Buffer.from(h, 'base64url'));
const ok = crypto.verify(null, Buffer.from(h + '.' + p), crypto.createPublicKey({key: jwk, format: 'jwk'}), Buffer.from(s, 'base64url'));
const claims = JSON.parse(Buffer.from(p, 'base64url'));
console.log(JSON.stringify({alg: header.alg, ok, iss: claims.iss, jti: claims.jti, types: claims.type, nbf: claims.nbf}));
`
	for name, body := range map[string]string{"verify.js": script, "token.jwt": token, "key.jwk": string(jwkJSON)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	run := func() map[string]any {
		out, err := exec.Command(node, filepath.Join(dir, "verify.js"), filepath.Join(dir, "token.jwt"), filepath.Join(dir, "key.jwk")).CombinedOutput()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, out)
		}
		var got map[string]any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("node printed %s", out)
		}
		return got
	}
	got := run()
	if got["ok"] != true || got["alg"] != "EdDSA" || got["iss"] != issuer.ID || got["jti"] != "https://lernen.jena.example/badges/R7K2Q9XW" ||
		got["nbf"] != float64(time.Date(2026, 11, 28, 10, 15, 30, 0, time.UTC).Unix()) {
		t.Errorf("node read %v", got)
	}
	// The same check refuses a changed token, so it is a real check.
	parts := strings.Split(token, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(bytes.Replace(payload, []byte("Stadt Jena"), []byte("Stadt Gera"), 1)) + "." + parts[2]
	os.WriteFile(filepath.Join(dir, "token.jwt"), []byte(tampered), 0o600)
	if got := run(); got["ok"] != false {
		t.Errorf("node accepted a tampered badge: %v", got)
	}
}
