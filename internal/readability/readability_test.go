package readability

import (
	"math"
	"reflect"
	"testing"
)

func TestSyllablesCountVowelGroups(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"KI", 1}, {"Haus", 1}, {"Behörde", 3}, {"Verwaltung", 3}, {"Datenschutz", 3},
		{"Einwilligung", 4}, {"2025", 1}, {"Künstliche", 3}, {"Bier", 1},
	}
	for _, tt := range tests {
		if got := Syllables(tt.word); got != tt.want {
			t.Errorf("Syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestMeasureDoesNotEndSentencesAtAbbreviationsOrDates(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		sentences int
	}{
		{"two plain sentences", "Das ist gut. Das ist schlecht.", 2},
		{"an article citation", "Das steht in Art. 4 Abs. 2 der Verordnung. Lesen Sie nach.", 2},
		{"a date", "Die Pflicht gilt seit dem 2. Februar 2025 für alle.", 1},
		{"z. B.", "Es gibt Hilfen, z. B. eine Liste. Sie hilft.", 2},
		{"a question", "Was ist KI? Das erklären wir.", 2},
		{"no full stop at the end", "Eine Überschrift", 1},
	}
	for _, tt := range tests {
		if got := Measure([]string{tt.text}).Sentences; got != tt.sentences {
			t.Errorf("%s: %d sentences, want %d", tt.name, got, tt.sentences)
		}
	}
}

func TestMeasureComputesTheFourthWienerSachtextformel(t *testing.T) {
	// 10 words, 2 sentences (SL 5), long words: Verwaltung, Behörde (MS 20 %).
	s := Measure([]string{"Die Verwaltung nutzt KI. Die Behörde prüft das jeden Tag."})
	if s.Words != 10 || s.Sentences != 2 || s.LongWords != 2 {
		t.Fatalf("counted %+v", s)
	}
	want := 0.2656*5 + 0.2744*20 - 1.693
	if math.Abs(s.WSTF4-want) > 1e-9 {
		t.Errorf("WSTF4 = %.3f, want %.3f", s.WSTF4, want)
	}
	hard := Measure([]string{"Die datenschutzrechtliche Verantwortlichkeit der kommunalen Gebietskörperschaften erfordert regelmäßig umfangreiche organisatorische Vorkehrungen."})
	if hard.WSTF4 <= 10 {
		t.Errorf("an officialese sentence scores %.1f; it must be above 10", hard.WSTF4)
	}
}

func TestLessonBlocksKeepProseAndDropSourcesAndMarkup(t *testing.T) {
	md := "---\ntitle: T\nduration_minutes: 1\n---\n\n## Was ist KI?\n\nEin [System](https://example.org) leitet ab.\nEs lernt[^1].\n\n" +
		"::: merke\nMerken Sie sich das.\n:::\n\n- erster Punkt\n- zweiter Punkt\n\n| Spalte | Wert |\n|---|---|\n| a b | c |\n\n```\ncode hier\n```\n\n## Quellen\n\n1. Quelle. https://eur-lex.europa.eu/\n"
	want := []string{"Was ist KI?", "Ein System leitet ab. Es lernt.", "Merken Sie sich das.", "erster Punkt", "zweiter Punkt", "Spalte", "Wert", "a b", "c"}
	if got := LessonBlocks(md); !reflect.DeepEqual(got, want) {
		t.Errorf("blocks\n got %q\nwant %q", got, want)
	}
}
