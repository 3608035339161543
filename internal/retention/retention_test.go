package retention

import (
	"slices"
	"testing"
	"time"
)

var asOf = time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)

func TestCutoffSubtractsDaysOrCalendarMonths(t *testing.T) {
	p := Defaults()
	tests := []struct {
		c    Category
		want time.Time
	}{
		{Sessions, time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)},      // 7 days
		{LoginThrottle, time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC)},  // 1 day
		{QuizAnswers, time.Date(2026, 11, 3, 2, 0, 0, 0, time.UTC)},    // 30 days
		{AttemptResults, time.Date(2025, 12, 3, 2, 0, 0, 0, time.UTC)}, // 12 months
		{Completions, time.Date(2023, 12, 3, 2, 0, 0, 0, time.UTC)},    // 36 months
		{Outbox, time.Date(2026, 9, 4, 2, 0, 0, 0, time.UTC)},          // 90 days
	}
	for _, tt := range tests {
		if got := p.Cutoff(tt.c, asOf); !got.Equal(tt.want) {
			t.Errorf("%s: cutoff %s, want %s", tt.c, got, tt.want)
		}
	}
}

func TestDeletionDateIsTheStartPlusThePeriod(t *testing.T) {
	p := Policy{QuizAnswers: 14, AttemptResults: 6}
	submitted := time.Date(2026, 8, 3, 10, 0, 0, 0, time.UTC)
	if got, want := p.DeletionDate(QuizAnswers, submitted), time.Date(2026, 8, 17, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("answers: %s, want %s", got, want)
	}
	if got, want := p.DeletionDate(AttemptResults, submitted), time.Date(2027, 2, 3, 10, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("results: %s, want %s", got, want)
	}
	// 31 August plus six months: there is no 31 February, so the period ends with February.
	if got, want := p.DeletionDate(AttemptResults, time.Date(2026, 8, 31, 10, 0, 0, 0, time.UTC)), time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("results from 31 August: %s, want %s", got, want)
	}
}

// The date shown to a person and the deletion agree: nothing is deleted before its deletion date,
// and a run one second after it deletes it. Checked for every start day of two years, month ends
// and a leap day included.
func TestNothingIsDeletedBeforeItsDeletionDateAndEverythingWithinADayAfter(t *testing.T) {
	for _, c := range []Category{Sessions, QuizAnswers, AttemptResults, Completions} {
		for _, n := range []int{1, 6, 12, 13} {
			p := Policy{c: n}
			for s := time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC); s.Year() < 2029; s = s.AddDate(0, 0, 1) { // 2028 is a leap year
				del := p.DeletionDate(c, s)
				if !s.Before(p.Cutoff(c, del.Add(time.Second))) {
					t.Fatalf("%s %d: start %s still kept after its deletion date %s", c, n, s, del)
				}
				if s.Before(p.Cutoff(c, del.Add(-time.Second))) {
					t.Fatalf("%s %d: start %s deleted before its deletion date %s", c, n, s, del)
				}
			}
		}
	}
}

func TestPeriodFallsBackToTheDefault(t *testing.T) {
	p := Policy{Sessions: 30}
	if p.Period(Sessions) != 30 || p.Period(Completions) != 36 {
		t.Errorf("periods %d %d", p.Period(Sessions), p.Period(Completions))
	}
}

func TestParseAcceptsEveryCategoryWithinItsBoundsOnly(t *testing.T) {
	values := map[Category]string{}
	for _, d := range Definitions {
		values[d.Category] = " " + itoa(d.Default) + " "
	}
	p, invalid := Parse(values)
	if len(invalid) != 0 || p.Period(Completions) != 36 || len(p) != len(Definitions) {
		t.Fatalf("defaults: %v %v", p, invalid)
	}
	values[Completions] = "6"      // below the minimum of 12 months
	values[LoginThrottle] = "zwei" // not a number
	values[Sessions] = ""          // missing
	_, invalid = Parse(values)
	slices.Sort(invalid)
	if want := []Category{Completions, LoginThrottle, Sessions}; !slices.Equal(invalid, want) {
		t.Errorf("invalid %v, want %v", invalid, want)
	}
}

func TestEveryCategoryHasAValidDefault(t *testing.T) {
	seen := map[Category]bool{}
	for _, d := range Definitions {
		if seen[d.Category] || d.Default < d.Min || d.Default > d.Max || (d.Unit != Days && d.Unit != Months) {
			t.Errorf("definition %+v", d)
		}
		seen[d.Category] = true
	}
}

func itoa(n int) string { return time.Duration(n).String()[:len(time.Duration(n).String())-2] }
