package report

import (
	"testing"
	"time"
)

func TestDateCellsMatchTheStandardLayouts(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 5, 4, 23, 59, 59, 999, time.UTC),
		time.Date(2026, 12, 31, 0, 0, 0, 0, time.FixedZone("CET", 3600)),
		time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC),
		time.Date(999, 10, 9, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-5, 3, 1, 0, 0, 0, 0, time.UTC),
	} {
		v := Date(tm)
		day := time.Date(tm.Year(), tm.Month(), tm.Day(), 0, 0, 0, 0, time.UTC)
		if v.Text != day.Format(time.DateOnly) || !v.Time.Equal(day) {
			t.Errorf("Date(%v) = %q %v, want %q", tm, v.Text, v.Time, day.Format(time.DateOnly))
		}
	}
}
