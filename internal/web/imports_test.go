package web_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"
)

// The HTML handlers call the learning service and the store; they never hold a database handle or
// open a transaction themselves (issue 23). Without GORM's types a handler cannot write
// store.Tx(ctx, func(tx *gorm.DB) error {…}), so keeping GORM out of the package keeps that so.
func TestWebDoesNotImportGORM(t *testing.T) {
	t.Parallel()
	for _, pattern := range []string{"*.go", "webtest/*.go", "form/*.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", pattern, err)
		}
		for _, f := range files {
			parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				if path, _ := strconv.Unquote(imp.Path.Value); path == "gorm.io/gorm" || filepath.Dir(path) == "gorm.io/driver" {
					t.Errorf("%s imports %s; go through internal/learning or a store method", f, path)
				}
			}
		}
	}
}
