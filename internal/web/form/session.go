package form

import (
	"net/url"
	"regexp"
	"strconv"
	"time"
)

var seriesKeyPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// SessionSeries is the trainer's form for a workshop series, as typed.
type SessionSeries struct {
	Key, Title, Description, Mode, Place, MeetingURL string
	Capacity, CancelHours                            string
}

// NewSessionSeries reads the form.
func NewSessionSeries(form url.Values) SessionSeries {
	return SessionSeries{Key: trimmed(form, "key"), Title: trimmed(form, "title"), Description: trimmed(form, "description"),
		Mode: trimmed(form, "mode"), Place: trimmed(form, "place"), MeetingURL: trimmed(form, "meeting_url"),
		Capacity: trimmed(form, "capacity"), CancelHours: trimmed(form, "cancel_hours")}
}

// Validate checks the fields and returns capacity and cancellation hours.
func (f SessionSeries) Validate() (capacity, cancelHours int, errs Errors) {
	errs = Errors{}
	if !seriesKeyPattern.MatchString(f.Key) || len(f.Key) > 60 {
		errs["key"] = "session.err.key"
	}
	if f.Title == "" || len(f.Title) > 200 {
		errs["title"] = "session.err.title"
	}
	if len(f.Description) > 4000 {
		errs["description"] = "session.err.description"
	}
	switch f.Mode {
	case "onsite":
		if f.Place == "" || len(f.Place) > 300 {
			errs["place"] = "session.err.place"
		}
	case "online":
		if u, err := url.Parse(f.MeetingURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(f.MeetingURL) > 500 {
			errs["meeting_url"] = "session.err.url"
		}
	default:
		errs["mode"] = "session.err.mode"
	}
	capacity, err := strconv.Atoi(f.Capacity)
	if err != nil || capacity < 1 || capacity > 1000 {
		errs["capacity"] = "session.err.capacity"
	}
	cancelHours, err = strconv.Atoi(f.CancelHours)
	if f.CancelHours == "" {
		cancelHours, err = 0, nil
	}
	if err != nil || cancelHours < 0 || cancelHours > 24*60 {
		errs["cancel_hours"] = "session.err.cancel"
	}
	return capacity, cancelHours, errs
}

// SessionDate is the form for one date of a series: a day and a start and end time in loc.
type SessionDate struct{ Day, Start, End string }

// NewSessionDate reads the form.
func NewSessionDate(form url.Values) SessionDate {
	return SessionDate{Day: trimmed(form, "day"), Start: trimmed(form, "start"), End: trimmed(form, "end")}
}

// Validate checks that the date lies after now and ends after it starts.
func (f SessionDate) Validate(loc *time.Location, now time.Time) (start, end time.Time, errs Errors) {
	errs = Errors{}
	day, err := time.ParseInLocation(time.DateOnly, f.Day, loc)
	if err != nil {
		errs["day"] = "session.err.day"
		return
	}
	clock := func(field, s string) time.Time {
		t, err := time.ParseInLocation("15:04", s, loc)
		if err != nil {
			errs[field] = "session.err.time"
			return time.Time{}
		}
		return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, loc)
	}
	start, end = clock("start", f.Start), clock("end", f.End)
	switch {
	case len(errs) > 0:
	case !start.After(now):
		errs["day"] = "session.err.past"
	case !end.After(start):
		errs["end"] = "session.err.order"
	}
	return start, end, errs
}
