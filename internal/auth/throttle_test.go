package auth

import (
	"testing"
	"time"
)

func TestLimitWaitDoublesAfterTheFreeFailuresAndStopsAtTheWindow(t *testing.T) {
	start := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	window := 15 * time.Minute
	lim := Limit{Free: 3, Ceiling: 10}
	cases := []struct {
		failures int
		at       time.Duration // since the window's first failure
		want     time.Duration
	}{
		{0, 0, 0},
		{2, 0, 0},
		{3, 0, 2 * time.Second},
		{3, time.Second, time.Second},
		{3, 2 * time.Second, 0},
		{4, 0, 4 * time.Second},
		{6, 10 * time.Second, 6 * time.Second},
		{9, 0, 128 * time.Second},
		{10, 0, window}, // at the ceiling: the rest of the window
		{10, 14 * time.Minute, time.Minute},
		{10, window, 0},
	}
	for _, tc := range cases {
		if got := lim.wait(tc.failures, start, start.Add(tc.at), window); got != tc.want {
			t.Errorf("%d failures, %v after start: wait %v, want %v", tc.failures, tc.at, got, tc.want)
		}
	}
	ceilingOnly := Limit{Free: 30, Ceiling: 30}
	if got := ceilingOnly.wait(29, start, start, window); got != 0 {
		t.Errorf("below a ceiling-only limit: wait %v", got)
	}
	if got := ceilingOnly.wait(30, start, start, window); got != window {
		t.Errorf("at a ceiling-only limit: wait %v, want the window", got)
	}
}

func TestDeviceCookieBelongsToOneAccountAndCannotBeForged(t *testing.T) {
	d := NewDevices([]byte("0123456789abcdef0123456789abcdef"))
	v := d.Issue(42)
	if d.DeviceID(v, 42) == "" {
		t.Fatal("a cookie issued for account 42 is not recognised")
	}
	if d.DeviceID(v, 43) != "" {
		t.Error("a cookie of account 42 counts for account 43")
	}
	if NewDevices([]byte("another key")).DeviceID(v, 42) != "" {
		t.Error("a cookie signed with another key is accepted")
	}
	for _, bad := range []string{"", "42", "42.abc", "42.abc.", v[:len(v)-1] + "0", "43" + v[2:]} {
		if d.DeviceID(bad, 42) != "" && bad != v {
			t.Errorf("%q accepted", bad)
		}
	}
}
