package web

import (
	"strings"
	"testing"
)

// Pages are parsed on first use, so a broken page template would only show when somebody opens
// that page: this test parses every one of them.
func TestEveryPageTemplateParses(t *testing.T) {
	t.Parallel()
	tpl, err := compiledTemplates()
	if err != nil {
		t.Fatal(err)
	}
	names, err := pageNames()
	if err != nil || len(names) < 50 {
		t.Fatalf("page templates: %d found, err %v", len(names), err)
	}
	for _, name := range names {
		page, err := tpl.page(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, block := range []string{"layout", "title", "content"} {
			if page.Lookup(block) == nil {
				t.Errorf("%s: no %q block", name, block)
			}
		}
	}
	if _, err := tpl.page("no-such-page"); err == nil || !strings.Contains(err.Error(), "no template") {
		t.Errorf("unknown page: err %v, want 'no template'", err)
	}
}
