package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The store's boundary is its methods and InTx (issue 23): no package outside internal/store holds
// a GORM handle (so no handler, service or command can open a transaction of its own or pick a
// pool), and only tests reach the pools through TestWriter and TestReader.
func TestOnlyTheStoreSpeaksGORMAndOnlyTestsReachThePools(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		inStore := strings.HasPrefix(filepath.ToSlash(rel), "internal/store/")
		isTest := strings.HasSuffix(path, "_test.go")
		parsed, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		checked++
		if !inStore {
			for _, imp := range parsed.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if p == "gorm.io/gorm" || strings.HasPrefix(p, "gorm.io/driver/") {
					t.Errorf("%s imports %s; call a store method or store.InTx instead", rel, p)
				}
			}
		}
		if !isTest {
			ast.Inspect(parsed, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "TestWriter" || sel.Sel.Name == "TestReader") {
					t.Errorf("%s calls %s; only tests may reach the pools", rel, sel.Sel.Name)
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 300 {
		t.Fatalf("checked only %d Go files; is the walk rooted at the repository?", checked)
	}
}
