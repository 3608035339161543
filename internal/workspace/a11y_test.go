package workspace

import (
	"fmt"
	"strings"
	"testing"
)

func lesson(body string) []byte {
	return []byte("---\ntitle: T\nduration_minutes: 3\n---\n\n" + body)
}

func TestCheckLesson(t *testing.T) {
	english := "This is a long passage that is written in the English language and it is not marked, so a screen reader will read it with the wrong voice for the reader."
	tests := []struct {
		name, body string
		want       []string // "rule@line"
	}{
		{"clean lesson", "Text.\n\n## Teil\n\n### Unterteil\n\n![Ein Diagramm](media/a.png)\n\n[Verordnung (EU) 2024/1689](https://eur-lex.europa.eu/)\n\n## Quellen\n\n1. KI-VO, https://eur-lex.europa.eu/eli/reg/2024/1689/oj\n", nil},
		{"h1 in lesson", "# Titel\n", []string{"heading-h1@6"}},
		{"skipped level", "## A\n\n#### B\n", []string{"heading-skipped@8"}},
		{"image without alt", "![](media/a.png)\n", []string{"image-alt@6"}},
		{"decorative image is fine", "![-](media/a.png)\n", nil},
		{"vague link text", "Mehr steht [hier](https://example.org).\n", []string{"link-text@6"}},
		{"click here", "[Click here](https://example.org)\n", []string{"link-text@6"}},
		{"bare URL alone", "https://example.org/lang\n", []string{"link-bare-url@6"}},
		{"URL as link text", "[https://example.org](https://example.org)\n", []string{"link-bare-url@6"}},
		{"table with empty header", "|  |  |\n|--|--|\n| a | b |\n", []string{"table-header@6"}},
		{"table with header", "| Begriff | Bedeutung |\n|--|--|\n| a | b |\n", nil},
		{"long English passage in German course", english + "\n", []string{"language@6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, i := range CheckLesson("lesson.md", lesson(tt.body), "de") {
				got = append(got, fmt.Sprintf("%s@%d", i.Rule, i.Line))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCheckAccessibilityOfTheExampleCourse(t *testing.T) {
	w := New(coursesCopy(t))
	issues, err := w.CheckAccessibility("ki-grundlagen", "1.1.0", "de")
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range issues {
		t.Errorf("unexpected issue %+v", i)
	}
}
