package report

import (
	"fmt"
	"strconv"
	"time"
)

var key = []byte("test-key")

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ptrTo[T any](v T) *T { return &v }

// sampleRows are the rows the writer tests share: umlauts, a Vietnamese name, a leading-zero
// personnel number, and cells that try formula injection or break CSV quoting.
func sampleRows() []Row {
	return []Row{
		{Pseudonym: Pseudonym(key, "u1"), PersonnelNumber: "000123", Name: "Jürgen Müller", Email: "j.mueller@example.org",
			OrgUnitPath: "Ordnungsamt / Team Süd", CourseID: "ki-basis", CourseTitle: "KI-Grundlagen; Teil 1", CourseVersion: "1.10",
			ContentHash: "sha256:ab12", Status: StatusCompleted, AssignedAt: day(2026, 1, 5), DueAt: day(2026, 3, 31),
			CompletedAt: day(2026, 2, 14), ValidUntil: day(2028, 2, 14), CompetenceAreas: []string{"KA-GRUND", "KA-SICHER"},
			CompetenceLevel: "L1", Passed: ptrTo(true), ScorePercent: ptrTo(87.5)},
		{Pseudonym: Pseudonym(key, "u2"), PersonnelNumber: "004711", Name: "Nguyễn Thị Lan", Email: "lan@example.org",
			OrgUnitPath: "Ordnungsamt / Team Süd", CourseID: "ki-basis", CourseTitle: "KI-Grundlagen; Teil 1", CourseVersion: "1.10",
			ContentHash: "sha256:ab12", Status: StatusOverdue, AssignedAt: day(2026, 1, 5), DueAt: day(2026, 3, 31),
			CompetenceAreas: []string{"KA-GRUND"}, CompetenceLevel: "L1"},
		{Pseudonym: Pseudonym(key, "u3"), PersonnelNumber: "9", Name: "=HYPERLINK(\"http://evil\")", Email: "+49 30 1234",
			OrgUnitPath: "-Bürgeramt", CourseID: "ki-recht", CourseTitle: "@SUM(A1)", CourseVersion: "2",
			ContentHash: "sha256:cd34", Status: StatusExempted, ExemptionReason: "Zeile 1\nZeile \"2\"",
			AssignedAt: day(2026, 2, 1), CompetenceAreas: []string{"KA-RECHT"}, CompetenceLevel: "L2"},
	}
}

// syntheticRows generates n people × perPerson assignments without holding them.
func syntheticRows(n, perPerson int) Rows {
	statuses := []Status{StatusCompleted, StatusCompleted, StatusInProgress, StatusOverdue, StatusNotStarted, StatusDueSoon, StatusExempted}
	// Strings that a database would hand over ready-made are built once, not per row.
	var units, courseIDs, courseTitles []string
	for u := range 140 {
		units = append(units, fmt.Sprintf("Amt %d / Fachbereich %d", u%20, u%7))
	}
	for c := range perPerson {
		courseIDs = append(courseIDs, fmt.Sprintf("kurs-%d", c))
		courseTitles = append(courseTitles, fmt.Sprintf("Kurs %d: Grundlagen", c))
	}
	return func(yield func(Row, error) bool) {
		var r Row
		for p := range n {
			id := strconv.Itoa(p)
			r.Pseudonym = "ps-" + id
			r.PersonnelNumber = "00" + id
			r.Name = "Person Ä" + id + " Müller"
			r.Email = "p" + id + "@example.org"
			r.OrgUnitPath = units[p%len(units)]
			for c := range perPerson {
				r.CourseID = courseIDs[c]
				r.CourseTitle = courseTitles[c]
				r.CourseVersion = "1.2"
				r.ContentHash = "sha256:0f3a9c"
				r.Status = statuses[(p+c)%len(statuses)]
				r.AssignedAt = day(2026, 1, 1+c)
				r.DueAt = day(2026, 4, 1+c)
				r.CompletedAt, r.ValidUntil = time.Time{}, time.Time{}
				if r.Status == StatusCompleted {
					r.CompletedAt = day(2026, time.Month(1+p%6), 1+c)
					r.ValidUntil = r.CompletedAt.AddDate(2, 0, 0)
				}
				r.CompetenceAreas = []string{"KA-GRUND"}
				r.CompetenceLevel = "L1"
				if !yield(r, nil) {
					return
				}
			}
		}
	}
}

func testOptions(level Level) Options {
	return Options{Title: "Bericht KI-Kompetenz", Lang: "de", GeneratedAt: time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC),
		Level: level, Filters: []Field{Filter("org_unit", "Organisationseinheit", "Ordnungsamt")}}
}
