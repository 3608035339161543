package erasure

import (
	"strings"
	"testing"
)

func ptr(n int64) *int64 { return &n }

func TestBlockingFindsAHoldOnThePersonOrAnyUnitAbove(t *testing.T) {
	holds := []Hold{
		{ID: 1, OrgUnitID: ptr(10), Reason: "Klage gegen die Stadt (Amt 10)"},
		{ID: 2, UserID: ptr(7), Reason: "Auskunftsverfahren"},
	}
	tests := []struct {
		name   string
		user   int64
		units  []int64
		wantID int64
	}{
		{"person on hold", 7, []int64{30}, 2},
		{"unit on hold", 8, []int64{10}, 1},
		{"unit above on hold", 8, []int64{31, 20, 10}, 1},
		{"person hold wins over the unit", 7, []int64{10}, 2},
		{"no hold", 8, []int64{31, 20}, 0},
		{"not placed in a unit", 9, nil, 0},
	}
	for _, tt := range tests {
		got := Blocking(holds, tt.user, tt.units)
		if (got == nil && tt.wantID != 0) || (got != nil && got.ID != tt.wantID) {
			t.Errorf("%s: hold %+v, want id %d", tt.name, got, tt.wantID)
		}
	}
}

func TestDeletedAccountNamesNobodyAndCannotReceiveMail(t *testing.T) {
	p := "3f2a9c0d11e4b5a6c7d8e9f0a1b2c3d4"
	if got := DisplayName(p); got != "Gelöschte Person 3f2a9c0d" {
		t.Errorf("display name %q", got)
	}
	if e := Email(p); !strings.HasSuffix(e, "@deleted.invalid") || !strings.Contains(e, p) {
		t.Errorf("email %q", e)
	}
}
