package importer_test

import (
	"fmt"
	"testing"

	"github.com/ailit/ailit/internal/importer"
)

// staff returns n active people with personnel numbers 1..n, all in one unit.
func staff(n int) []importer.Person {
	out := make([]importer.Person, n)
	for i := range out {
		out[i] = importer.Person{ID: int64(i + 1), PersonnelNumber: fmt.Sprint(i + 1), Email: fmt.Sprintf("p%d@x.de", i+1),
			DisplayName: "V N", OrgPath: "Amt", Roles: []string{"learner"}, Active: true}
	}
	return out
}

// fileOf is an HR file with the people 1..n of staff, unchanged.
func fileOf(t *testing.T, n int) ([]importer.Row, []importer.LineError) {
	data := header
	for i := 1; i <= n; i++ {
		data += fmt.Sprintf("%d;N;V;p%d@x.de;Amt;learner\n", i, i)
	}
	return parse(t, data)
}

func TestAddAndUpdateModeDeactivatesNobody(t *testing.T) {
	rows, errs := fileOf(t, 5)
	people := staff(53)
	full := importer.MakePlan(rows, errs, people, []string{"Amt"}, importer.ModeFullList)
	if len(full.Deactivations) != 48 || full.Active != 53 {
		t.Fatalf("full list: %d deactivations of %d active, want 48 of 53", len(full.Deactivations), full.Active)
	}
	addOnly := importer.MakePlan(rows, errs, people, []string{"Amt"}, importer.ModeAddAndUpdate)
	if len(addOnly.Deactivations) != 0 || addOnly.NeedsConfirmation() || !addOnly.Confirmed(0) {
		t.Fatalf("add and update only: %d deactivations, confirmation needed %v", len(addOnly.Deactivations), addOnly.NeedsConfirmation())
	}
}

func TestMassDeactivationNeedsTheNumberTyped(t *testing.T) {
	tests := []struct {
		name          string
		active, kept  int
		needsTheCount bool
	}{
		{"none", 100, 100, false},
		{"five of a hundred", 100, 95, false},
		{"six of a hundred: more than five", 100, 94, true},
		{"one of ten: exactly a tenth", 10, 9, false},
		{"two of ten: more than a tenth", 10, 8, true},
		{"one of four: more than a tenth", 4, 3, true},
		{"48 of 53", 53, 5, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := fileOf(t, tt.kept)
			p := importer.MakePlan(rows, errs, staff(tt.active), []string{"Amt"}, importer.ModeFullList)
			n := tt.active - tt.kept
			if len(p.Deactivations) != n || p.NeedsConfirmation() != tt.needsTheCount {
				t.Fatalf("%d deactivations, needs confirmation %v; want %d, %v", len(p.Deactivations), p.NeedsConfirmation(), n, tt.needsTheCount)
			}
			if tt.needsTheCount && (p.Confirmed(0) || p.Confirmed(n-1) || !p.Confirmed(n)) {
				t.Errorf("only the exact number %d confirms", n)
			}
			if !tt.needsTheCount && !p.Confirmed(0) {
				t.Error("a small deactivation asks for a confirmation")
			}
		})
	}
	if _, ok := importer.ParseMode("nur-ergaenzen"); ok {
		t.Error("an unknown mode is accepted")
	}
}
