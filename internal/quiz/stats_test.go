package quiz

import (
	"math"
	"testing"
)

func TestItemStatistics(t *testing.T) {
	// Five attempts of two questions, "a" (1 point, single) and "b" (1 point). Those who got "a"
	// right did well on "b" too, so "a" discriminates.
	rec := func(id, hash string, score float64, chosen string, attempt float64) AnswerRecord {
		return AnswerRecord{QuestionID: id, QuestionHash: hash, Score: score, Max: 1, Chosen: []string{chosen}, AttemptScore: attempt, AttemptMax: 2}
	}
	records := []AnswerRecord{
		rec("a", "h1", 1, "x", 2), rec("b", "h2", 1, "true", 2),
		rec("a", "h1", 1, "x", 2), rec("b", "h2", 1, "true", 2),
		rec("a", "h1", 1, "x", 1), rec("b", "h2", 0, "false", 1),
		rec("a", "h1", 0, "y", 0), rec("b", "h2", 0, "false", 0),
		rec("a", "h1", 0, "z", 0), rec("b", "h2", 0, "false", 0),
		rec("a", "h0", 1, "x", 1), // an older version of "a": counted apart, too few answers
	}
	stats := ItemStatistics(records)
	if len(stats) != 3 {
		t.Fatalf("got %d groups, want 3: %+v", len(stats), stats)
	}
	old, a, b := stats[0], stats[1], stats[2]
	if old.QuestionHash != "h0" || !old.Withheld || old.Answers != 1 || old.Facility != 0 || old.Choices != nil {
		t.Errorf("old version should be withheld: %+v", old)
	}
	if a.QuestionHash != "h1" || a.Withheld || a.Answers != 5 || a.Facility != 0.6 {
		t.Errorf("question a: %+v", a)
	}
	if a.Choices["x"] != 3 || a.Choices["y"] != 1 || a.Choices["z"] != 1 {
		t.Errorf("question a choices: %v", a.Choices)
	}
	// Item scores 1,1,1,0,0 against rest scores 1,1,0,0,0: r = 2/3.
	if a.Discrimination == nil || math.Abs(*a.Discrimination-2.0/3) > 1e-9 {
		t.Errorf("question a discrimination %v, want 0.667", a.Discrimination)
	}
	if b.Facility != 0.4 || b.Choices["false"] != 3 {
		t.Errorf("question b: %+v", b)
	}
}

func TestDiscriminationIsUndefinedWithoutVariance(t *testing.T) {
	var records []AnswerRecord
	for range MinAttemptsForStats {
		records = append(records, AnswerRecord{QuestionID: "a", QuestionHash: "h", Score: 1, Max: 1, AttemptScore: 3, AttemptMax: 4})
	}
	s := ItemStatistics(records)[0]
	if s.Withheld || s.Facility != 1 || s.Discrimination != nil {
		t.Errorf("everyone right: %+v", s)
	}
}

func TestResponseChosen(t *testing.T) {
	if got := (Response{Bool: ptr(false)}).Chosen(); len(got) != 1 || got[0] != "false" {
		t.Errorf("truefalse chosen %v", got)
	}
	if got := (Response{Options: []string{"a", "c"}}).Chosen(); len(got) != 2 {
		t.Errorf("multiple chosen %v", got)
	}
	if got := (Response{Text: "Max Mustermann"}).Chosen(); got != nil {
		t.Errorf("free text must not be counted: %v", got)
	}
}
