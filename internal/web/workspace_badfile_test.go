package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A save without a file name, or with one outside the draft, is the trainer's input that is wrong:
// a 4xx page that names the field, and nothing is written.
func TestWorkspaceFileSaveWithABadFileNameNamesTheField(t *testing.T) {
	t.Parallel()
	_, c, dir := trainerWorkspace(t)
	createDraft(t, c)
	c.Get("/workspace/ki-grundlagen/draft")
	for name, form := range map[string]url.Values{
		"empty form": {},
		"traversal":  {"file": {"../../x"}, "content": {"boom"}, "hash": {""}},
	} {
		r := c.Post("/workspace/ki-grundlagen/draft/file", form)
		if r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 400 or 422", name, r.Status)
		}
		if !strings.Contains(r.Body, "Feld „Datei“ (file)") || !strings.Contains(r.Body, "Es wurde nichts gespeichert.") {
			t.Errorf("%s: the page does not name the field:\n%s", name, r.Body)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Errorf("the traversal wrote a file: %v", err)
	}
}
