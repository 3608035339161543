package i18n

import "time"

// Berlin is the time zone dates are shown in: the platform serves German administrations.
var Berlin = loadBerlin()

func loadBerlin() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		return time.UTC // no tzdata on the host; embedding time/tzdata would be the alternative
	}
	return loc
}

// FormatDate writes a date as German (02.01.2006) or English (2 Jan 2006) readers expect it.
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	if Normalize(lang) == "en" {
		return t.In(Berlin).Format("2 Jan 2006")
	}
	return t.In(Berlin).Format("02.01.2006")
}

// FormatDateTime writes a date with the time of day.
func FormatDateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	if Normalize(lang) == "en" {
		return t.In(Berlin).Format("2 Jan 2006, 15:04")
	}
	return t.In(Berlin).Format("02.01.2006, 15:04") + " Uhr"
}
