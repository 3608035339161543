package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

// coursesCopy copies the example courses of internal/content/testdata to a temporary folder.
func coursesCopy(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := copyTree(filepath.Join("..", "content", "testdata", "courses"), dst, false); err != nil {
		t.Fatal(err)
	}
	return dst
}

// withDraft returns a workspace whose ki-grundlagen course has a draft made from 1.1.0.
func withDraft(t *testing.T) *Workspace {
	t.Helper()
	w := New(coursesCopy(t))
	if err := w.NewDraft("ki-grundlagen", "1.1.0"); err != nil {
		t.Fatalf("new draft: %v", err)
	}
	return w
}

func readDraft(t *testing.T, w *Workspace, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(w.Root, "ki-grundlagen", "draft", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// snapshot records every file of a folder, to assert that a refused change left it untouched.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			files[strings.TrimPrefix(p, dir)] = string(data)
		}
		return nil
	})
	return files
}

func assertUnchanged(t *testing.T, before, after map[string]string) {
	t.Helper()
	if len(before) != len(after) {
		t.Fatalf("files changed: %d before, %d after", len(before), len(after))
	}
	for name, data := range before {
		if after[name] != data {
			t.Fatalf("%s changed", name)
		}
	}
}

// mustLoad loads the courses and fails on any problem.
func mustLoad(t *testing.T, root string) *content.Catalog {
	t.Helper()
	cat, report, err := content.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range report.Problems {
		t.Errorf("problem: %s", p)
	}
	return cat
}
