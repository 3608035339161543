package badge

import (
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// header is the JOSE header of a VC-JWT: EdDSA with the instance's key, given inline as a JWK so
// that a verifier needs nothing else, and by its URL (kid) for those who look it up.
type header struct {
	Alg string `json:"alg"`
	Typ string `json:"typ"`
	Kid string `json:"kid"`
	JWK jwk    `json:"jwk"`
}

type jwk struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
}

// JWK returns the public key as a JSON Web Key (RFC 8037), e.g. for a JWKS document.
func JWK(pub ed25519.PublicKey) map[string]string {
	return map[string]string{"kty": "OKP", "crv": "Ed25519", "x": base64.RawURLEncoding.EncodeToString(pub)}
}

// claims are the JWT claims the VC-JWT encoding of OB 3.0 adds to the credential.
type claims struct {
	Credential
	Iss string `json:"iss"`
	Jti string `json:"jti"`
	Nbf int64  `json:"nbf"`
	Exp int64  `json:"exp,omitempty"`
}

// Sign encodes c as a compact VC-JWT signed with key; kid is the URL of the public key.
func Sign(c Credential, key crypto.Signer, kid string) (string, error) {
	pub, ok := key.Public().(ed25519.PublicKey)
	if !ok {
		return "", errors.New("badge: the signing key is not an Ed25519 key")
	}
	nbf, err := time.Parse(time.RFC3339, c.ValidFrom)
	if err != nil {
		return "", fmt.Errorf("badge: validFrom: %w", err)
	}
	cl := claims{Credential: c, Iss: c.Issuer.ID, Jti: c.ID, Nbf: nbf.Unix()}
	if c.ValidUntil != "" {
		exp, err := time.Parse(time.RFC3339, c.ValidUntil)
		if err != nil {
			return "", fmt.Errorf("badge: validUntil: %w", err)
		}
		cl.Exp = exp.Unix()
	}
	h, err := json.Marshal(header{Alg: "EdDSA", Typ: "JWT", Kid: kid, JWK: jwk{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(pub)}})
	if err != nil {
		return "", err
	}
	p, err := json.Marshal(cl)
	if err != nil {
		return "", err
	}
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p)
	sig, err := key.Sign(nil, []byte(input), crypto.Hash(0))
	if err != nil {
		return "", err
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

// Errors of Verify.
var (
	ErrMalformed = errors.New("this is not an Open Badge of this format (a VC-JWT with three parts)")
	ErrSignature = errors.New("the signature does not match: the badge was changed or not issued by this instance")
)

// Verify checks a VC-JWT against the instance's public key and returns its credential. It checks
// the algorithm, the signature and that the JWT claims agree with the credential; whether the
// completion was revoked since is for the caller to look up (the credential's id names it).
func Verify(token string, pub ed25519.PublicKey) (*Credential, error) {
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return nil, ErrMalformed
	}
	hb, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	pb, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, ErrMalformed
	}
	var h header
	if err := json.Unmarshal(hb, &h); err != nil || h.Alg != "EdDSA" {
		return nil, ErrMalformed // "none" or another algorithm is never accepted
	}
	if len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, []byte(parts[0]+"."+parts[1]), sig) {
		return nil, ErrSignature
	}
	var cl claims
	if err := json.Unmarshal(pb, &cl); err != nil {
		return nil, ErrMalformed
	}
	if cl.Iss != cl.Issuer.ID || cl.Jti != cl.ID || len(cl.Type) != 2 || cl.Type[1] != "OpenBadgeCredential" {
		return nil, ErrMalformed
	}
	return &cl.Credential, nil
}

// RecordID returns the record id named by a credential's id (BaseURL/badges/RECORD).
func (c *Credential) RecordID() string {
	i := strings.LastIndex(c.ID, "/badges/")
	if i < 0 {
		return ""
	}
	return c.ID[i+len("/badges/"):]
}
