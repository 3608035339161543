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

var catalogs = map[string]map[string]string{}

func init() {
	// Each feature keeps its own catalog file per language (core.de.json, courses.de.json, …);
	// they are merged, and a key defined twice is a programming error.
	for _, lang := range Languages {
		catalogs[lang] = map[string]string{}
		names, err := fs.Glob(files, "locales/*."+lang+".json")
		if err != nil || len(names) == 0 {
			panic(fmt.Sprintf("i18n: no catalog files for %s", lang))
		}
		for _, name := range names {
			b, err := files.ReadFile(name)
			if err != nil {
				panic(err)
			}
			m := map[string]string{}
			if err := json.Unmarshal(b, &m); err != nil {
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

// T translates key into lang, formatting args into the message like fmt.Sprintf. A missing key
// shows as the key itself, so it is visible and caught by the catalog test, never a blank.
func T(lang, key string, args ...any) string {
	msg, ok := catalogs[Normalize(lang)][key]
	if !ok {
		msg, ok = catalogs[Default][key]
		if !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
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
