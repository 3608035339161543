package record

import (
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/config"
)

// KeyFile is the name of the signing key in the data directory.
const KeyFile = "signing.key"

// Signer signs records with the platform's Ed25519 key. Ed25519 signatures are deterministic, so
// a record gets the same verification URL every time its PDF is made; nothing needs storing.
type Signer struct {
	priv ed25519.PrivateKey
}

// NewSigner makes a signer from a 32-byte seed.
func NewSigner(seed []byte) (*Signer, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("record: signing key seed must have %d bytes, has %d", ed25519.SeedSize, len(seed))
	}
	return &Signer{priv: ed25519.NewKeyFromSeed(seed)}, nil
}

// LoadOrCreateSigner reads the signing key from dataDir/signing.key, creating it on first start.
func LoadOrCreateSigner(dataDir string) (*Signer, error) {
	seed, err := config.LoadOrCreateKey(filepath.Join(dataDir, KeyFile), ed25519.SeedSize,
		"restore it from a backup: with a new key, every record issued so far shows as not valid")
	if err != nil {
		return nil, err
	}
	return NewSigner(seed)
}

// Key is the private key as a crypto.Signer, for the other things the instance signs with the
// same key (evidence checkpoints, which sign a context string first so no signature is ambiguous).
func (s *Signer) Key() crypto.Signer { return s.priv }

// PublicKey is the key that verifies the signatures.
func (s *Signer) PublicKey() ed25519.PublicKey { return s.priv.Public().(ed25519.PublicKey) }

// Sign returns the record's signature, base64url-encoded without padding (URL-safe).
func (s *Signer) Sign(r Record) string {
	return base64.RawURLEncoding.EncodeToString(ed25519.Sign(s.priv, r.Canonical()))
}

// Verify reports whether sig is the signature of r. Anything malformed is simply not valid.
func (s *Signer) Verify(r Record, sig string) bool {
	raw, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || len(raw) != ed25519.SignatureSize {
		return false
	}
	return ed25519.Verify(s.PublicKey(), r.Canonical(), raw)
}

// VerifyURL is the public address that shows whether the record is genuine and still valid:
// {baseURL}/verify/{id}?s={signature}.
func (s *Signer) VerifyURL(baseURL string, r Record) string {
	return strings.TrimRight(baseURL, "/") + "/verify/" + url.PathEscape(r.ID) + "?s=" + s.Sign(r)
}
