package measure

import (
	"slices"
	"testing"
	"time"
)

func TestPlaceGivesSeatsUntilFullThenTheWaitingList(t *testing.T) {
	tests := []struct {
		capacity, taken int
		want            Seat
	}{{2, 0, Registered}, {2, 1, Registered}, {2, 2, Waiting}, {2, 5, Waiting}, {0, 0, Waiting}}
	for _, tt := range tests {
		if got := Place(tt.capacity, tt.taken); got != tt.want {
			t.Errorf("Place(%d, %d) = %s, want %s", tt.capacity, tt.taken, got, tt.want)
		}
	}
}

func TestMoveUpFillsFreePlacesInWaitingOrder(t *testing.T) {
	tests := []struct {
		capacity, registered int
		waiting, want        []int64
	}{
		{3, 2, []int64{7, 8}, []int64{7}},
		{3, 1, []int64{7, 8, 9}, []int64{7, 8}},
		{3, 0, []int64{7}, []int64{7}},
		{3, 3, []int64{7}, nil},
		{3, 4, []int64{7}, nil}, // capacity lowered below the registrations: nobody moves up
		{3, 2, nil, nil},
	}
	for _, tt := range tests {
		if got := MoveUp(tt.capacity, tt.registered, tt.waiting); !slices.Equal(got, tt.want) {
			t.Errorf("MoveUp(%d, %d, %v) = %v, want %v", tt.capacity, tt.registered, tt.waiting, got, tt.want)
		}
	}
}

func TestCancellationClosesAtTheDeadlineExceptOnTheWaitingList(t *testing.T) {
	start := time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		seat Seat
		now  time.Time
		want bool
	}{
		{Registered, start.Add(-49 * time.Hour), true},
		{Registered, start.Add(-48 * time.Hour), false}, // the deadline itself is too late
		{Registered, start.Add(-time.Hour), false},
		{Waiting, start.Add(-time.Hour), true},
		{Waiting, start, false},
	}
	for _, tt := range tests {
		if got := CanCancel(tt.seat, start, 48, tt.now); got != tt.want {
			t.Errorf("CanCancel(%s, %v before start) = %v, want %v", tt.seat, start.Sub(tt.now), got, tt.want)
		}
	}
	if RegistrationOpen(start, start) || !RegistrationOpen(start, start.Add(-time.Second)) {
		t.Error("registration must close when the session starts")
	}
}

func TestSessionVersionAndHashNameTheDate(t *testing.T) {
	start := time.Date(2027, 1, 15, 8, 0, 0, 0, time.FixedZone("CET", 3600))
	if v := SessionVersion(start, 12); v != "2027-01-15-12" {
		t.Errorf("SessionVersion = %q", v)
	}
	a := SessionHash("ws", "Workshop", "Raum 1", "", start, start.Add(time.Hour))
	b := SessionHash("ws", "Workshop", "Raum 2", "", start, start.Add(time.Hour))
	if len(a) != 64 || a == b {
		t.Errorf("hashes %q %q must differ when the place differs", a, b)
	}
}
