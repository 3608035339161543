package store

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/measure"
)

// Live sessions (Präsenz- or Online-Schulung): a series is the measure ("session:<key>"), offered
// on one or more dates; people register for a date, get a place or a place on the waiting list,
// and attending a date completes the measure.

// Modes of a session series.
const (
	ModeOnsite = "onsite"
	ModeOnline = "online"
)

// SessionSeries is a workshop or briefing offered on several dates.
type SessionSeries struct {
	ID          int64     `gorm:"primaryKey"`
	Key         string    `gorm:"column:series_key;not null;uniqueIndex:idx_session_series_key"` // the measure id
	Title       string    `gorm:"not null"`
	Description string    `gorm:"not null;default:''"`
	Mode        string    `gorm:"not null"`
	Place       string    `gorm:"not null;default:''"`
	MeetingURL  string    `gorm:"not null;default:''"`
	Capacity    int       `gorm:"not null"`
	CancelHours int       `gorm:"not null;default:0"` // registrations can be cancelled until this many hours before the start
	TrainerID   int64     `gorm:"not null"`
	CreatedAt   time.Time `gorm:"not null"`
	UpdatedAt   time.Time `gorm:"not null"`
}

// TableName keeps the plural the migration uses.
func (SessionSeries) TableName() string { return "session_series" }

// Measure is the measure the series is.
func (s *SessionSeries) Measure() measure.Ref { return measure.Ref{Kind: measure.Session, ID: s.Key} }

// SessionDate is one date of a series.
type SessionDate struct {
	ID        int64     `gorm:"primaryKey"`
	SeriesID  int64     `gorm:"not null;index:idx_session_dates_series_id"`
	StartsAt  time.Time `gorm:"not null"`
	EndsAt    time.Time `gorm:"not null"`
	CreatedAt time.Time `gorm:"not null"`
}

// SessionRegistration is one person's registration for a date.
type SessionRegistration struct {
	ID           int64        `gorm:"primaryKey"`
	DateID       int64        `gorm:"not null;uniqueIndex:idx_session_registrations_date_user,priority:1"`
	UserID       int64        `gorm:"not null;uniqueIndex:idx_session_registrations_date_user,priority:2;index:idx_session_registrations_user_id"`
	Status       measure.Seat `gorm:"not null"`
	RegisteredAt time.Time    `gorm:"not null"` // the waiting list is in this order
	CancelledAt  *time.Time
	Attended     bool `gorm:"not null;default:false"`
}

// SaveSeries creates (ID 0) or updates a series. A key in use is an ECONFLICT error.
func (s *Store) SaveSeries(ctx context.Context, sr *SessionSeries) error {
	now := s.Now()
	sr.UpdatedAt = now
	var err error
	if sr.ID == 0 {
		sr.CreatedAt = now
		err = s.w.WithContext(ctx).Create(sr).Error
	} else {
		err = s.w.WithContext(ctx).Model(&SessionSeries{}).Where("id = ?", sr.ID).Updates(map[string]any{
			"title": sr.Title, "description": sr.Description, "mode": sr.Mode, "place": sr.Place,
			"meeting_url": sr.MeetingURL, "capacity": sr.Capacity, "cancel_hours": sr.CancelHours, "updated_at": now}).Error
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return domain.Keyed(domain.ECONFLICT, "store.series.exists", "a session series with the key %s exists already", sr.Key)
	}
	return err
}

// AllSeries lists the series, newest first; trainerID 0 lists everybody's.
func (s *Store) AllSeries(ctx context.Context, trainerID int64) ([]SessionSeries, error) {
	q := s.r.WithContext(ctx).Order("created_at DESC, id DESC")
	if trainerID != 0 {
		q = q.Where("trainer_id = ?", trainerID)
	}
	var out []SessionSeries
	return out, q.Find(&out).Error
}

// SeriesByID loads one series.
func (s *Store) SeriesByID(ctx context.Context, id int64) (*SessionSeries, error) {
	var sr SessionSeries
	return &sr, notFound(s.r.WithContext(ctx).First(&sr, id).Error, "session series")
}

// SeriesByKey loads the series of a measure id.
func (s *Store) SeriesByKey(ctx context.Context, key string) (*SessionSeries, error) {
	var sr SessionSeries
	return &sr, notFound(s.r.WithContext(ctx).Where("series_key = ?", key).First(&sr).Error, "session series")
}

// AddSessionDate adds a date to a series.
func (s *Store) AddSessionDate(ctx context.Context, d *SessionDate) error {
	if !d.EndsAt.After(d.StartsAt) {
		return domain.Keyed(domain.EINVALID, "store.session.end", "a session must end after it starts")
	}
	d.CreatedAt = s.Now()
	d.StartsAt, d.EndsAt = d.StartsAt.UTC(), d.EndsAt.UTC()
	return s.w.WithContext(ctx).Create(d).Error
}

// DateCounts is a date with how many people hold a place and how many wait.
type DateCounts struct {
	SessionDate
	Registered, Waiting int
}

// Free is the number of free places at a capacity.
func (d DateCounts) Free(capacity int) int { return max(0, capacity-d.Registered) }

// DatesOf returns a series' dates in time order with their counts.
func (s *Store) DatesOf(ctx context.Context, seriesID int64) ([]DateCounts, error) {
	var dates []SessionDate
	if err := s.r.WithContext(ctx).Where("series_id = ?", seriesID).Order("starts_at, id").Find(&dates).Error; err != nil {
		return nil, err
	}
	out := make([]DateCounts, 0, len(dates))
	for _, d := range dates {
		dc := DateCounts{SessionDate: d}
		var rows []struct {
			Status measure.Seat
			N      int
		}
		err := s.r.WithContext(ctx).Model(&SessionRegistration{}).Select("status, COUNT(*) AS n").
			Where("date_id = ?", d.ID).Group("status").Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			switch r.Status {
			case measure.Registered:
				dc.Registered = r.N
			case measure.Waiting:
				dc.Waiting = r.N
			}
		}
		out = append(out, dc)
	}
	return out, nil
}

// SessionDateByID loads a date with its series.
func (s *Store) SessionDateByID(ctx context.Context, id int64) (*SessionDate, *SessionSeries, error) {
	var d SessionDate
	if err := s.r.WithContext(ctx).First(&d, id).Error; err != nil {
		return nil, nil, notFound(err, "session date")
	}
	sr, err := s.SeriesByID(ctx, d.SeriesID)
	return &d, sr, err
}

// lockDate reads a date and its series inside tx, holding a lock on the date until tx ends, so
// registrations and cancellations of one date happen one after the other. SQLite has one writer
// (transactions begin IMMEDIATE), so only PostgreSQL needs the row lock.
func (s *Store) lockDate(tx *gorm.DB, dateID int64) (*SessionDate, *SessionSeries, error) {
	q := tx
	if s.Dialect == Postgres {
		q = tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var d SessionDate
	if err := q.First(&d, dateID).Error; err != nil {
		return nil, nil, notFound(err, "session date")
	}
	var sr SessionSeries
	if err := tx.First(&sr, d.SeriesID).Error; err != nil {
		return nil, nil, notFound(err, "session series")
	}
	return &d, &sr, nil
}

func countSeats(tx *gorm.DB, dateID int64, seat measure.Seat) (int, error) {
	var n int64
	err := tx.Model(&SessionRegistration{}).Where("date_id = ? AND status = ?", dateID, seat).Count(&n).Error
	return int(n), err
}

// RegisterForSession registers a person for a date: a place while there are free places, else a
// place on the waiting list. Registering again keeps the registration; after a cancellation the
// person joins again at the end. It never gives more places than the capacity.
func (s *Store) RegisterForSession(ctx context.Context, dateID, userID int64) (measure.Seat, error) {
	var seat measure.Seat
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		d, sr, err := s.lockDate(tx, dateID)
		if err != nil {
			return err
		}
		now := s.Now()
		if !measure.RegistrationOpen(d.StartsAt, now) {
			return domain.Keyed(domain.ECONFLICT, "store.session.started", "the session has started; registration is closed")
		}
		var existing []SessionRegistration
		if err := tx.Where("date_id = ? AND user_id = ?", dateID, userID).Find(&existing).Error; err != nil {
			return err
		}
		if len(existing) == 1 && existing[0].Status != measure.Cancelled {
			seat = existing[0].Status
			return nil
		}
		taken, err := countSeats(tx, dateID, measure.Registered)
		if err != nil {
			return err
		}
		seat = measure.Place(sr.Capacity, taken)
		if len(existing) == 1 {
			return tx.Model(&SessionRegistration{}).Where("id = ?", existing[0].ID).
				Updates(map[string]any{"status": seat, "registered_at": now, "cancelled_at": nil}).Error
		}
		return tx.Create(&SessionRegistration{DateID: dateID, UserID: userID, Status: seat, RegisteredAt: now}).Error
	})
	return seat, err
}

// CancelSessionRegistration cancels a person's registration before the deadline and gives freed
// places to the waiting list in order. It returns the ids of the people who moved up.
func (s *Store) CancelSessionRegistration(ctx context.Context, dateID, userID int64) ([]int64, error) {
	var moved []int64
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		d, sr, err := s.lockDate(tx, dateID)
		if err != nil {
			return err
		}
		var r SessionRegistration
		if err := tx.Where("date_id = ? AND user_id = ? AND status <> ?", dateID, userID, measure.Cancelled).First(&r).Error; err != nil {
			return notFound(err, "registration")
		}
		now := s.Now()
		if !measure.CanCancel(r.Status, d.StartsAt, sr.CancelHours, now) {
			return domain.Keyed(domain.ECONFLICT, "store.session.deadline", "the cancellation deadline has passed")
		}
		if err := tx.Model(&r).Updates(map[string]any{"status": measure.Cancelled, "cancelled_at": now}).Error; err != nil {
			return err
		}
		moved, err = s.fillFromWaitingList(tx, d.ID, sr.Capacity)
		return err
	})
	return moved, err
}

// fillFromWaitingList gives free places to waiting people in registration order.
func (s *Store) fillFromWaitingList(tx *gorm.DB, dateID int64, capacity int) ([]int64, error) {
	taken, err := countSeats(tx, dateID, measure.Registered)
	if err != nil {
		return nil, err
	}
	var waiting []int64
	err = tx.Model(&SessionRegistration{}).Where("date_id = ? AND status = ?", dateID, measure.Waiting).
		Order("registered_at, id").Pluck("user_id", &waiting).Error
	if err != nil {
		return nil, err
	}
	moved := measure.MoveUp(capacity, taken, waiting)
	if len(moved) == 0 {
		return nil, nil
	}
	return moved, tx.Model(&SessionRegistration{}).Where("date_id = ? AND user_id IN ?", dateID, moved).
		Update("status", measure.Registered).Error
}

// Participant is a registration with the person's name, for the trainer's list.
type Participant struct {
	SessionRegistration
	DisplayName, Email string
}

// ParticipantsOf lists the registrations of a date that are not cancelled: places first, then the
// waiting list, each in registration order.
func (s *Store) ParticipantsOf(ctx context.Context, dateID int64) ([]Participant, error) {
	var out []Participant
	err := s.r.WithContext(ctx).Table("session_registrations AS r").
		Select("r.*, u.display_name, u.email").Joins("JOIN users u ON u.id = r.user_id").
		Where("r.date_id = ? AND r.status <> ?", dateID, measure.Cancelled).
		Order("CASE WHEN r.status = 'registered' THEN 0 ELSE 1 END, r.registered_at, r.id").Scan(&out).Error
	return out, err
}

// MarkAttendance sets who attended a date, from the trainer's one form: attended holds the ids of
// the people present. Attending completes the series' measure (the completion names the date and
// its details' hash); taking a mark back revokes that completion with a reason. Only people with a
// place can be marked. It returns how many were marked present.
func (s *Store) MarkAttendance(ctx context.Context, dateID int64, attended map[int64]bool) (int, error) {
	present := 0
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		d, sr, err := s.lockDate(tx, dateID)
		if err != nil {
			return err
		}
		var regs []SessionRegistration
		if err := tx.Where("date_id = ? AND status = ?", dateID, measure.Registered).Find(&regs).Error; err != nil {
			return err
		}
		version := measure.SessionVersion(d.StartsAt, d.ID)
		for _, r := range regs {
			now := attended[r.UserID]
			if now {
				present++
			}
			if now == r.Attended {
				continue
			}
			if err := tx.Model(&SessionRegistration{}).Where("id = ?", r.ID).Update("attended", now).Error; err != nil {
				return err
			}
			if now {
				_, _, err = s.completeMeasure(tx, MeasureCompletion{UserID: r.UserID, Measure: sr.Measure(), Version: version,
					ContentHash: measure.SessionHash(sr.Key, sr.Title, sr.Place, sr.MeetingURL, d.StartsAt, d.EndsAt), CompletedAt: d.EndsAt})
			} else {
				c, e := completionFor(tx, r.UserID, sr.Measure().Key(), version)
				if e != nil || c == nil {
					return e
				}
				err = s.revokeCompletion(tx, c, "attendance taken back by the trainer")
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return present, err
}

// MySessionRegistration is a person's registration with its date and series, for their pages.
type MySessionRegistration struct {
	Registration SessionRegistration
	Date         SessionDate
	Series       SessionSeries
}

// SessionRegistrationsOf lists a person's registrations that are not cancelled, by date.
func (s *Store) SessionRegistrationsOf(ctx context.Context, userID int64) ([]MySessionRegistration, error) {
	var regs []SessionRegistration
	db := s.r.WithContext(ctx)
	if err := db.Where("user_id = ? AND status <> ?", userID, measure.Cancelled).Find(&regs).Error; err != nil {
		return nil, err
	}
	out, err := withDates(db, regs)
	slices.SortStableFunc(out, func(a, b MySessionRegistration) int { return a.Date.StartsAt.Compare(b.Date.StartsAt) })
	return out, err
}

// withDates adds each registration's date and series.
func withDates(db *gorm.DB, regs []SessionRegistration) ([]MySessionRegistration, error) {
	out := make([]MySessionRegistration, 0, len(regs))
	for _, r := range regs {
		var d SessionDate
		var sr SessionSeries
		if err := db.First(&d, r.DateID).Error; err != nil {
			return nil, err
		}
		if err := db.First(&sr, d.SeriesID).Error; err != nil {
			return nil, err
		}
		out = append(out, MySessionRegistration{Registration: r, Date: d, Series: sr})
	}
	return out, nil
}

// SeatOf is a person's registration state for a date, "" when they never registered.
func (s *Store) SeatOf(ctx context.Context, dateID, userID int64) (measure.Seat, error) {
	var regs []SessionRegistration
	err := s.r.WithContext(ctx).Where("date_id = ? AND user_id = ?", dateID, userID).Find(&regs).Error
	if err != nil || len(regs) == 0 {
		return "", err
	}
	return regs[0].Status, nil
}
