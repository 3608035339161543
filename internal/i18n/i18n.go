// Package i18n holds the UI message catalogs (German first, English) and picks a language.
// Course texts are not here: a course is written in one language and carries it in course.yaml.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// Languages supported by the UI; the first is the default.
var Languages = []string{"de", "en"}

// Default is the language used when nothing else is known.
const Default = "de"

//go:embed locales/*.json
var files embed.FS

// message is one catalog entry. A plain string in the catalog file is "other" alone; an object
// {"one": "1 Eintrag", "other": "%d Einträge"} gives the singular and the plural form, chosen by
// the first argument (see T). German and English both need only these two forms.
type message struct{ one, other string }

var catalogs = map[string]map[string]message{}

func init() {
	// Each feature keeps its own catalog file per language (core.de.json, courses.de.json, …);
	// they are merged, and a key defined twice is a programming error.
	for _, lang := range Languages {
		catalogs[lang] = map[string]message{}
		names, err := fs.Glob(files, "locales/*."+lang+".json")
		if err != nil || len(names) == 0 {
			panic(fmt.Sprintf("i18n: no catalog files for %s", lang))
		}
		for _, name := range names {
			b, err := files.ReadFile(name)
			if err != nil {
				panic(err)
			}
			m, err := parseCatalog(b)
			if err != nil {
				panic(fmt.Sprintf("i18n: %s: %v", name, err))
			}
			for k, v := range m {
				if _, dup := catalogs[lang][k]; dup {
					panic(fmt.Sprintf("i18n: %s: key %q is defined in another catalog file too", name, k))
				}
				catalogs[lang][k] = v
			}
		}
	}
}

// parseCatalog reads a catalog file: key → string, or key → {"one": …, "other": …}.
func parseCatalog(b []byte) (map[string]message, error) {
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, err
	}
	out := make(map[string]message, len(raw))
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = message{one: s, other: s}
			continue
		}
		var forms struct{ One, Other *string }
		if err := json.Unmarshal(v, &forms); err != nil || forms.One == nil || forms.Other == nil {
			return nil, fmt.Errorf("key %q: want a string or an object with \"one\" and \"other\"", k)
		}
		out[k] = message{one: *forms.One, other: *forms.Other}
	}
	return out, nil
}

// T translates key into lang, formatting args into the message like fmt.Sprintf. When the message
// has plural forms, the first argument (a count) picks one: "one" for 1, "other" for every other
// number. A missing key shows as the key itself, so it is visible and caught by the catalog test,
// never a blank.
func T(lang, key string, args ...any) string {
	cat, ok := catalogs[lang] // pages pass the language normalized already; anything else is normalized here
	if !ok {
		cat = catalogs[Normalize(lang)]
	}
	msg, ok := cat[key]
	if !ok {
		msg, ok = catalogs[Default][key]
		if !ok {
			return key
		}
	}
	text := msg.other
	if len(args) > 0 && isOne(args[0]) {
		text = msg.one
	}
	if len(args) > 0 {
		return fmt.Sprintf(text, args...)
	}
	return text
}

// isOne reports whether a count argument is exactly 1.
func isOne(v any) bool {
	switch n := v.(type) {
	case int:
		return n == 1
	case int64:
		return n == 1
	case int32:
		return n == 1
	case uint:
		return n == 1
	case uint64:
		return n == 1
	}
	return false
}

// Plural reports whether key has distinct singular and plural forms in lang.
func Plural(lang, key string) bool {
	m, ok := catalogs[lang][key]
	return ok && m.one != m.other
}

// Has reports whether key exists in the catalog of lang.
func Has(lang, key string) bool {
	_, ok := catalogs[lang][key]
	return ok
}

// Keys returns the keys of a language's catalog, sorted.
func Keys(lang string) []string {
	var keys []string
	for k := range catalogs[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Normalize maps a language tag to a supported language, or the default.
func Normalize(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	for _, l := range Languages {
		if lang == l || strings.HasPrefix(lang, l+"-") {
			return l
		}
	}
	return Default
}

// FromAcceptLanguage picks the first supported language of an Accept-Language header.
func FromAcceptLanguage(header string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag = strings.ToLower(tag)
		for _, l := range Languages {
			if tag == l || strings.HasPrefix(tag, l+"-") {
				return l
			}
		}
	}
	return Default
}
