package config

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnsureSessionKey returns the configured session key, or the one kept in the data directory,
// creating a new random key there on first start. Keeping it on disk means a restart does not log
// everybody out.
func (c *Config) EnsureSessionKey() error {
	if len(c.SessionKey) > 0 {
		return nil
	}
	key, err := LoadOrCreateKey(filepath.Join(c.DataDir, "session.key"), 64,
		"delete it to generate a new key (users must log in again)")
	if err != nil {
		return fmt.Errorf("AILIT_DATA_DIR=%q: %w", c.DataDir, err)
	}
	c.SessionKey = key
	return nil
}

// LoadOrCreateKey reads a hex-encoded random key of size bytes from path, or creates one there
// (readable by the owner only) when the file does not exist. A damaged file is an error, never
// silently replaced; ifDamaged tells the operator what to do and what replacing the key costs.
func LoadOrCreateKey(path string, size int, ifDamaged string) ([]byte, error) {
	if b, err := os.ReadFile(path); err == nil {
		key, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(key) != size {
			return nil, fmt.Errorf("%s is damaged: expected %d hex-encoded bytes; %s", path, size, ifDamaged)
		}
		return key, nil
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("creating data directory: %w", err)
	}
	key := make([]byte, size)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return key, nil
}
