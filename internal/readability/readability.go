// Package readability measures how hard a German text is to read, with the 4th Wiener
// Sachtextformel (Bamberger & Vanecek 1984):
//
//	WSTF4 = 0.2656 · SL + 0.2744 · MS − 1.693
//
// SL is the mean sentence length in words, MS the percentage of words with three or more
// syllables. The result is roughly a German school grade: 4 is very easy, 15 very hard. ailit's
// plain-language target for lessons is at most 10.
//
// Counting rules (kept simple and stated, so a reader can redo the figure by hand):
//   - Syllables are groups of vowels (a e i o u ä ö ü y); "ei", "au", "ie", "eu" are one group.
//     Words without vowels (numbers, "§") count as one syllable.
//   - A sentence ends at ".", "!" or "?" at the end of a word, and at the end of a block (a
//     paragraph, a heading, a list item, a table cell). A full stop does NOT end a sentence after
//     an abbreviation ("Art.", "Abs.", "Nr.", "z. B.", any single letter) or after a day number
//     before a month ("2. Februar"), because law-heavy texts would otherwise look easier than
//     they are.
package readability

import (
	"strings"
	"unicode"
)

// Score is the result of a measurement.
type Score struct {
	Words, Sentences, LongWords int
	WSTF4                       float64
}

// abbreviations end with a full stop that does not end a sentence (compared in lower case,
// without the full stop).
var abbreviations = map[string]bool{
	"art": true, "abs": true, "nr": true, "bzw": true, "ca": true, "vgl": true, "lit": true,
	"buchst": true, "ziff": true, "usw": true, "etc": true, "ggf": true, "inkl": true, "evtl": true,
	"dr": true, "prof": true, "bspw": true, "unterabs": true, "rn": true, "abl": true, "kap": true,
	"bd": true, "str": true, "tel": true, "mio": true, "mrd": true, "max": true, "min": true,
	"sog": true, "zzgl": true, "gem": true, "allg": true, "bzgl": true, "hrsg": true, "aufl": true,
	"az": true, "uabs": true, "anh": true, "erwg": true, "sgb": true, "s": true, "no": true,
	"e.g": true, "i.e": true, "z.b": true, "d.h": true, "u.a": true, "o.ä": true,
}

var months = map[string]bool{
	"januar": true, "februar": true, "märz": true, "april": true, "mai": true, "juni": true,
	"juli": true, "august": true, "september": true, "oktober": true, "november": true,
	"dezember": true, "jan": true, "feb": true, "dez": true, "okt": true, "nov": true, "sept": true,
}

// Measure scores plain text, given as blocks (each block ends a sentence).
func Measure(blocks []string) Score {
	var s Score
	for _, b := range blocks {
		tokens := strings.Fields(b)
		inSentence := false
		for i, tok := range tokens {
			word := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if word == "" {
				continue
			}
			s.Words++
			inSentence = true
			if Syllables(word) >= 3 {
				s.LongWords++
			}
			if endsSentence(tok, word, tokens[i+1:]) {
				s.Sentences++
				inSentence = false
			}
		}
		if inSentence {
			s.Sentences++
		}
	}
	if s.Words > 0 && s.Sentences > 0 {
		sl := float64(s.Words) / float64(s.Sentences)
		ms := 100 * float64(s.LongWords) / float64(s.Words)
		s.WSTF4 = 0.2656*sl + 0.2744*ms - 1.693
	}
	return s
}

func endsSentence(tok, word string, rest []string) bool {
	t := strings.TrimRight(tok, `"'“”„»«)]*_`)
	if t == "" {
		return false
	}
	switch t[len(t)-1] {
	case '!', '?':
		return true
	case '.':
	default:
		return false
	}
	lower := strings.ToLower(strings.TrimSuffix(strings.TrimLeft(t, `("'„“»[*_`), "."))
	if abbreviations[lower] || len([]rune(lower)) == 1 {
		return false
	}
	if isDigits(lower) && len(lower) <= 2 && len(rest) > 0 {
		next := strings.ToLower(strings.Trim(rest[0], `.,;:()`))
		if months[next] || isDigits(next) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// Syllables estimates the syllables of a German word by its vowel groups (at least 1).
func Syllables(word string) int {
	n, inVowels := 0, false
	for _, r := range strings.ToLower(word) {
		v := strings.ContainsRune("aeiouäöüy", r)
		if v && !inVowels {
			n++
		}
		inVowels = v
	}
	return max(n, 1)
}
