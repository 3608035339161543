package store

import (
	"context"
	"errors"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// XAPIStatement is one xAPI statement for the learning record store, waiting or sent. The row is
// written first and sent after (like the e-mail outbox), so a failed send is retried with backoff
// and never lost; StatementID is derived from the event, so the same event is queued once.
type XAPIStatement struct {
	ID            int64     `gorm:"primaryKey"`
	StatementID   string    `gorm:"not null;uniqueIndex:idx_xapi_statements_statement_id"`
	EventKey      string    `gorm:"not null"` // "completion:<record id>", "attempt:<id>", …
	Verb          string    `gorm:"not null"` // short name for the admin page: registered, completed, …
	UserID        *int64    // nil once unknown; no foreign key, erasure keeps the row of what was sent
	Body          string    `gorm:"not null"` // the statement JSON exactly as sent
	EventAt       time.Time `gorm:"not null;index:idx_xapi_statements_event_at"`
	Attempts      int       `gorm:"not null;default:0"`
	NextAttemptAt time.Time `gorm:"not null;index:idx_xapi_statements_pending,priority:2"`
	LeaseUntil    *time.Time
	LastError     string     `gorm:"not null;default:''"`
	RejectedAt    *time.Time // the LRS refused it for good (400, 409); only a resend tries again
	SentAt        *time.Time `gorm:"index:idx_xapi_statements_pending,priority:1"`
	CreatedAt     time.Time  `gorm:"not null"`
}

// TableName names the table.
func (XAPIStatement) TableName() string { return "xapi_statements" }

const settingXAPICursor = "xapi.scan_cursor" // events before this time have been queued

// QueueXAPIStatements stores the statements whose id is not queued yet; it returns how many were new.
func (s *Store) QueueXAPIStatements(ctx context.Context, sts []XAPIStatement) (int, error) {
	now := s.Now()
	n := 0
	err := s.inTx(ctx, func(tx *gorm.DB) error {
		for i := range sts {
			st := sts[i]
			st.ID, st.CreatedAt, st.NextAttemptAt = 0, now, now
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&st)
			if res.Error != nil {
				return res.Error
			}
			n += int(res.RowsAffected)
		}
		return nil
	})
	return n, err
}

// ClaimDueXAPIStatements leases up to limit due statements to this caller, oldest event first.
func (s *Store) ClaimDueXAPIStatements(ctx context.Context, limit int, lease time.Duration) ([]XAPIStatement, error) {
	now := s.Now()
	var candidates []XAPIStatement
	err := s.r.WithContext(ctx).Where("sent_at IS NULL AND rejected_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)", now, now).
		Order("event_at, id").Limit(limit).Find(&candidates).Error
	if err != nil {
		return nil, err
	}
	var claimed []XAPIStatement
	for _, st := range candidates {
		res := s.w.WithContext(ctx).Model(&XAPIStatement{}).
			Where("id = ? AND sent_at IS NULL AND (lease_until IS NULL OR lease_until < ?)", st.ID, now).
			Update("lease_until", now.Add(lease))
		if res.Error != nil {
			return claimed, res.Error
		}
		if res.RowsAffected == 1 {
			claimed = append(claimed, st)
		}
	}
	return claimed, nil
}

// MarkXAPISent records that the LRS stored the statement.
func (s *Store) MarkXAPISent(ctx context.Context, id int64) error {
	return s.w.WithContext(ctx).Model(&XAPIStatement{}).Where("id = ?", id).
		Updates(map[string]any{"sent_at": s.Now(), "lease_until": nil, "last_error": ""}).Error
}

// MarkXAPIFailed records a failed send: tried again at next, or never when rejected.
func (s *Store) MarkXAPIFailed(ctx context.Context, id int64, sendErr error, next time.Time, rejected bool) error {
	msg := sendErr.Error()
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	u := map[string]any{"attempts": clause.Expr{SQL: "attempts + 1"}, "last_error": msg, "next_attempt_at": next, "lease_until": nil}
	if rejected {
		u["rejected_at"] = s.Now()
	}
	return s.w.WithContext(ctx).Model(&XAPIStatement{}).Where("id = ?", id).Updates(u).Error
}

// XAPIQueue is what the admin page shows: counts, the statements that failed and the newest ones.
type XAPIQueue struct {
	Pending, Sent, Rejected int64
	Failed                  []XAPIStatement // unsent, failed at least once, oldest first
	Recent                  []XAPIStatement // newest first
}

// XAPIQueueOverview reads the queue for the admin page.
func (s *Store) XAPIQueueOverview(ctx context.Context, limit int) (XAPIQueue, error) {
	var q XAPIQueue
	db := s.r.WithContext(ctx)
	for _, c := range []struct {
		where string
		dst   *int64
	}{{"sent_at IS NULL AND rejected_at IS NULL", &q.Pending}, {"sent_at IS NOT NULL", &q.Sent}, {"rejected_at IS NOT NULL AND sent_at IS NULL", &q.Rejected}} {
		if err := db.Model(&XAPIStatement{}).Where(c.where).Count(c.dst).Error; err != nil {
			return q, err
		}
	}
	if err := db.Where("sent_at IS NULL AND attempts > 0").Order("event_at, id").Limit(limit).Find(&q.Failed).Error; err != nil {
		return q, err
	}
	err := db.Order("created_at DESC, id DESC").Limit(limit).Find(&q.Recent).Error
	return q, err
}

// RequeueXAPISince makes every statement of an event at or after since due again (sent, failed or
// rejected alike); the LRS accepts a statement it already has, so resending is safe.
func (s *Store) RequeueXAPISince(ctx context.Context, since time.Time) (int64, error) {
	res := s.w.WithContext(ctx).Model(&XAPIStatement{}).Where("event_at >= ?", since).Updates(map[string]any{
		"sent_at": nil, "rejected_at": nil, "lease_until": nil, "next_attempt_at": s.Now(), "attempts": 0, "last_error": ""})
	return res.RowsAffected, res.Error
}

// XAPICursor is the time up to which events were queued; zero before the first scan.
func (s *Store) XAPICursor(ctx context.Context) (time.Time, error) {
	var row Setting
	err := s.r.WithContext(ctx).Where("setting_key = ?", settingXAPICursor).First(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339Nano, row.Value)
}

// SetXAPICursor moves the cursor.
func (s *Store) SetXAPICursor(ctx context.Context, t time.Time) error {
	row := Setting{Key: settingXAPICursor, Value: t.UTC().Format(time.RFC3339Nano), UpdatedAt: s.Now()}
	return s.w.WithContext(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "setting_key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"})}).Create(&row).Error
}

// XAPIEvents are the records an xAPI scan turns into statements.
type XAPIEvents struct {
	Enrollments []Enrollment
	Completions []Completion  // completed in the window
	Expired     []Completion  // valid_until passed in the window (not revoked)
	Revoked     []Completion  // revoked in the window
	Attempts    []QuizAttempt // submitted in the window, without answers
	Users       map[int64]User
}

// XAPIEventsBetween reads the events in [from, to) and the people they belong to. Deleted people
// (erasure) are left out: nothing about them leaves any more.
func (s *Store) XAPIEventsBetween(ctx context.Context, from, to time.Time) (XAPIEvents, error) {
	ev := XAPIEvents{Users: map[int64]User{}}
	db := s.r.WithContext(ctx)
	if err := db.Where("enrolled_at >= ? AND enrolled_at < ?", from, to).Order("id").Find(&ev.Enrollments).Error; err != nil {
		return ev, err
	}
	if err := db.Where("completed_at >= ? AND completed_at < ?", from, to).Order("id").Find(&ev.Completions).Error; err != nil {
		return ev, err
	}
	if err := db.Where("revoked_at IS NULL AND valid_until >= ? AND valid_until < ?", from, to).Order("id").Find(&ev.Expired).Error; err != nil {
		return ev, err
	}
	if err := db.Where("revoked_at >= ? AND revoked_at < ?", from, to).Order("id").Find(&ev.Revoked).Error; err != nil {
		return ev, err
	}
	if err := db.Where("status = ? AND submitted_at >= ? AND submitted_at < ?", AttemptSubmitted, from, to).Order("id").Find(&ev.Attempts).Error; err != nil {
		return ev, err
	}
	ids := map[int64]bool{}
	for _, e := range ev.Enrollments {
		ids[e.UserID] = true
	}
	for _, c := range slices.Concat(ev.Completions, ev.Expired, ev.Revoked) {
		ids[c.UserID] = true
	}
	for _, a := range ev.Attempts {
		ids[a.UserID] = true
	}
	if len(ids) == 0 {
		return ev, nil
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	// In chunks: the first scan reads the whole history, more ids than one statement may bind.
	for chunk := range slices.Chunk(list, 500) {
		var users []User
		if err := db.Where("id IN ? AND deleted_at IS NULL", chunk).Find(&users).Error; err != nil {
			return ev, err
		}
		for _, u := range users {
			ev.Users[u.ID] = u
		}
	}
	return ev, nil
}
