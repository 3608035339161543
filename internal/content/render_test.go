package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

var testOptions = RenderOptions{
	Language: "de", Base: "/courses/c/v/1.0.0", Dir: "modules/01-eins",
	Modules: map[string]string{"01-eins": "eins", "02-zwei": "zwei"},
}

func render(t *testing.T, src string, opts RenderOptions) string {
	t.Helper()
	h, err := RenderMarkdown([]byte(src), opts)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

func TestRenderMarkdown(t *testing.T) {
	en := testOptions
	en.Language = "en"
	tests := []struct {
		name string
		src  string
		opts RenderOptions
		want string // a fragment of the output
	}{
		{"German quotes", `Sie sagte "ja" -- geht's?`, testOptions, "<p>Sie sagte „ja“ – geht’s?</p>"},
		{"English quotes", `She said "yes".`, en, "<p>She said “yes”.</p>"},
		{"callout in German", "::: achtung\nVorsicht\n:::", testOptions,
			`<aside class="callout callout-achtung" role="note" aria-label="Achtung">` + "\n" + `<p class="callout-title">Achtung</p>` + "\n<p>Vorsicht</p>\n</aside>"},
		{"callout in English", "::: beispiel\nCase\n:::", en, `aria-label="Example from the administration"`},
		{"callout with Markdown inside", "::: merke\n- **eins**\n- zwei\n:::", testOptions, "<ul>\n<li><strong>eins</strong></li>"},
		{"external link", "[EUR-Lex](https://eur-lex.europa.eu/)", testOptions,
			`<a href="https://eur-lex.europa.eu/" rel="noopener noreferrer" class="link-external">EUR-Lex<span class="visually-hidden"> (externer Link)</span></a>`},
		{"bare URL becomes an external link", "Siehe https://example.org/x.", en,
			`<a href="https://example.org/x" rel="noopener noreferrer" class="link-external">https://example.org/x<span class="visually-hidden"> (external link)</span></a>`},
		{"link to another module", "[weiter](../02-zwei/lesson.md#teil-2)", testOptions, `<a href="/courses/c/v/1.0.0/m/zwei#teil-2">weiter</a>`},
		{"link to a file", "[PDF](media/merkblatt.pdf)", testOptions, `<a href="/courses/c/v/1.0.0/files/modules/01-eins/media/merkblatt.pdf">PDF</a>`},
		{"image", "![Ein Diagramm](media/bild.png)", testOptions, `<img src="/courses/c/v/1.0.0/files/modules/01-eins/media/bild.png" alt="Ein Diagramm">`},
		{"decorative image", "![-](media/linie.png)", testOptions, `alt=""`},
		{"heading ids", "## Quellen", testOptions, `<h2 id="quellen">Quellen</h2>`},
		{"footnotes", "Text[^1]\n\n[^1]: Quelle", testOptions, `<li id="fn:1">`},
		{"tables", "| a |\n|:-:|\n| 1 |", testOptions, `<td align="center">1</td>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, tt.src, tt.opts); !strings.Contains(got, tt.want) {
				t.Errorf("output:\n%s\nwant it to contain:\n%s", got, tt.want)
			}
		})
	}
}

func TestSanitizerRemovesScripts(t *testing.T) {
	attacks := []string{
		"<script>alert(1)</script>",
		"Text <img src=x onerror=alert(1)> mehr",
		"<a href=\"javascript:alert(1)\">x</a>",
		"[klick](javascript:alert(1))",
		"[klick](JaVaScRiPt:alert(1))",
		"![bild](javascript:alert(1))",
		"<div onclick=\"alert(1)\">x</div>",
		"<svg onload=alert(1)>",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
		"::: merke\n<script>alert(1)</script>\n:::",
		"<iframe src=\"https://evil.example\"></iframe>",
	}
	for _, src := range attacks {
		assertHarmless(t, src, render(t, src, testOptions))
	}
}

// assertHarmless fails when rendered HTML could run a script: a script or iframe element, an event
// handler attribute or a javascript: URL, looked for with a real HTML tokenizer.
func assertHarmless(t testing.TB, src, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" || tok.Data == "iframe" {
				t.Errorf("rendering %q kept a <%s>:\n%s", src, tok.Data, out)
			}
			for _, a := range tok.Attr {
				value := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(value, "javascript:") || strings.HasPrefix(value, "data:") {
					t.Errorf("rendering %q kept %s=%q:\n%s", src, a.Key, a.Val, out)
				}
			}
		}
	}
}

func TestRenderInlineDropsTheParagraph(t *testing.T) {
	h, err := RenderInline("Was gilt nach **Art. 4**?", testOptions)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Was gilt nach <strong>Art. 4</strong>?"; string(h) != want {
		t.Errorf("RenderInline = %q, want %q", h, want)
	}
}

// RenderInline returns plain quiz texts unchanged without rendering them; the result must be the
// same as through goldmark and the sanitizer, for every text of the shipped quizzes and for texts
// close to Markdown, the typographer and Linkify.
func TestRenderInlinePlainTextIsUnchanged(t *testing.T) {
	texts := []string{
		"Stimmt das?", "Ja, das stimmt.", "Art. 50 Abs. 1 KI-VO", "Nein: nur mit Kennzeichnung.",
		"siehe example.org", "siehe www.example.org", "Mail an a@b.de", "https://eur-lex.europa.eu",
		"Sie sagte \"ja\"", "geht's", "von -- bis", "und...", "Ein *Wort*", "a_b_c", "1. Antwort",
		"- Liste", "# Titel", "Text  mit zwei Leerzeichen", "Zeile\nZweite", "Zeile\n===", " eingerückt",
		"100 % sicher", "Kosten (in €) – ungefähr", "„Zitat“ im Text", "a & b", "a < b", "Tab\there",
		"Fußnote[^1]", "x ~~y~~", "mailto:a", "ftp:x", "Frage: Was gilt?", "Ende:", "(www.x.de)",
		"Ä, Ö, Ü und ß", "HTTP://X.DE", "a|b", "a\\b", "a`b`", "{x}", "1) Antwort", "Zahl 3.5", "§ 5 BDSG",
	}
	dirs, _ := filepath.Glob("../../courses/*/*/modules/*/quiz.yaml")
	for _, p := range dirs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if d, _ := ParseQuiz(p, data); d != nil {
			texts = append(texts, quizTexts(d)...)
		}
	}
	plain := 0
	for _, s := range texts {
		if s == "" {
			continue
		}
		if isPlainInline(strings.TrimSpace(s)) {
			plain++
		}
		for _, lang := range []string{"de", "en"} {
			opts := testOptions
			opts.Language = lang
			got, err1 := RenderInline(s, opts)
			want, err2 := renderInlineMarkdown(s, opts)
			if got != want || (err1 == nil) != (err2 == nil) {
				t.Errorf("%q (%s): %q, through Markdown %q", s, lang, got, want)
			}
		}
	}
	t.Logf("%d of %d texts plain", plain, len(texts))
	if plain == 0 {
		t.Error("no text took the plain path")
	}
}
