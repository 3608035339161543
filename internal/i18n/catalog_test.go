package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The catalogs promise that a missing key shows up in a test, not on a page.

func TestEveryLanguageHasTheSameKeys(t *testing.T) {
	want := Keys(Default)
	for _, lang := range Languages[1:] {
		got := map[string]bool{}
		for _, k := range Keys(lang) {
			got[k] = true
		}
		for _, k := range want {
			if !got[k] {
				t.Errorf("%s: key %q is in the %s catalog but not in %s", lang, k, Default, lang)
			}
			delete(got, k)
		}
		for k := range got {
			t.Errorf("%s: key %q is in the %s catalog but not in %s", Default, k, lang, Default)
		}
	}
}

func TestNoMessageIsEmpty(t *testing.T) {
	for _, lang := range Languages {
		for _, k := range Keys(lang) {
			if strings.TrimSpace(T(lang, k)) == "" {
				t.Errorf("%s: key %q has an empty message", lang, k)
			}
		}
	}
}

// Keys written literally where a message is looked up: i18n.T(lang, "key", …) and
// domain.Keyed(code, "key", …) in Go and
// {{t .Lang "key"}} in templates. Keys put together at run time ("status." + code) are not
// seen here; their parts are covered by the pages' tests.
var (
	goKeyUse       = regexp.MustCompile(`(?:i18n\.T\(\s*[^,()]+(?:\([^()]*\))?|domain\.Keyed\(\s*domain\.\w+)\s*,\s*"([^"]+)"`)
	templateKeyUse = regexp.MustCompile(`\bt\s+[$.\w]+\s+"([^"]+)"`)
)

func TestEveryKeyUsedInCodeAndTemplatesExists(t *testing.T) {
	root := filepath.Join("..", "..")
	uses := map[string][]string{} // key → where
	scan := func(dir string, suffix string, re *regexp.Regexp) {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, suffix) || strings.HasSuffix(path, "_test.go") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range re.FindAllStringSubmatchIndex(string(b), -1) {
				key := string(b[m[2]:m[3]])
				if strings.HasSuffix(key, ".") || strings.ContainsAny(key, " %") {
					continue // a prefix completed at run time, or not a key
				}
				line := 1 + strings.Count(string(b[:m[0]]), "\n")
				rel, _ := filepath.Rel(root, path)
				uses[key] = append(uses[key], rel+":"+strconv.Itoa(line))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	scan("internal", ".go", goKeyUse)
	scan("cmd", ".go", goKeyUse)
	scan(filepath.Join("web", "templates"), ".html", templateKeyUse)
	if len(uses) < 100 {
		t.Fatalf("found only %d keys in use: the patterns no longer match the code", len(uses))
	}
	var missing []string
	for key, where := range uses {
		for _, lang := range Languages {
			if !Has(lang, key) {
				missing = append(missing, lang+": "+key+" (used at "+strings.Join(where, ", ")+")")
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error("missing message " + m)
	}
}
