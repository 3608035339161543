package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// A quiz import is shown before it is written: the upload waits in the data directory under a
// random token, bound to the user who uploaded it, until the trainer confirms or an hour passes.
const stagedImportMaxAge = time.Hour

var stagedToken = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (a *App) stagedImportPath(userID int64, token string) string {
	return filepath.Join(a.cfg.DataDir, "quiz-imports", fmt.Sprintf("%d-%s.upload", userID, token))
}

// stageImport keeps an upload and returns its token; older uploads are removed on the way.
func (a *App) stageImport(userID int64, data []byte) (string, error) {
	dir := filepath.Join(a.cfg.DataDir, "quiz-imports")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > stagedImportMaxAge {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	token := hex.EncodeToString(b)
	return token, os.WriteFile(a.stagedImportPath(userID, token), data, 0o600)
}

// stagedImport reads an upload of this user; ok is false when the token is unknown or expired.
func (a *App) stagedImport(userID int64, token string) ([]byte, bool) {
	if !stagedToken.MatchString(token) {
		return nil, false
	}
	p := a.stagedImportPath(userID, token)
	info, err := os.Stat(p)
	if err != nil || time.Since(info.ModTime()) > stagedImportMaxAge {
		return nil, false
	}
	data, err := os.ReadFile(p)
	return data, err == nil
}

func (a *App) dropStagedImport(userID int64, token string) {
	if stagedToken.MatchString(token) {
		_ = os.Remove(a.stagedImportPath(userID, token))
	}
}
