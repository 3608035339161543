package store

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/erasure"
	"github.com/ailit/ailit/internal/retention"
)

// What each retention category deletes: the table and the rows that lie before the cut-off (the
// named parameter @cutoff). Counting and deleting use the same condition, so a dry run shows exactly what a
// run deletes.
var retentionTargets = map[retention.Category]struct{ table, where string }{
	retention.Sessions:      {"web_sessions", "expires_at < @cutoff"},
	retention.LoginThrottle: {"auth_throttles", "window_start < @cutoff"},
	retention.QuizAnswers: {"quiz_answers", "attempt_id IN (SELECT id FROM quiz_attempts " +
		"WHERE submitted_at IS NOT NULL AND submitted_at < @cutoff)"},
	retention.AttemptResults: {"quiz_attempts", "submitted_at IS NOT NULL AND submitted_at < @cutoff"},
	retention.LessonProgress: {"lesson_progress", "enrollment_id IN (SELECT id FROM enrollments WHERE last_activity_at < @cutoff)"},
	// A completion is kept while it is a person's latest one of the course; only one superseded by
	// a newer completion before the cut-off, or revoked before it, goes.
	retention.Completions: {"completions", "(revoked_at IS NOT NULL AND revoked_at < @cutoff) OR EXISTS (SELECT 1 FROM completions n " +
		"WHERE n.user_id = completions.user_id AND n.course_id = completions.course_id AND n.revoked_at IS NULL " +
		"AND n.completed_at > completions.completed_at AND n.completed_at < @cutoff)"},
	retention.ExportLog: {"report_exports", "created_at < @cutoff"},
	retention.APICalls:  {"api_calls", "called_at < @cutoff"},
	retention.XAPISent:  {"xapi_statements", "sent_at IS NOT NULL AND sent_at < @cutoff"}, // the LRS keeps its copy
	retention.Packages:  {"package_attempts", "updated_at < @cutoff"},
	retention.Outbox:    {"outbox", "(sent_at IS NOT NULL AND sent_at < @cutoff) OR (sent_at IS NULL AND created_at < @cutoff)"},
	// An upload's file goes; the row with the file's SHA-256 and the decision stays as the record.
	retention.Uploads: {"external_evidence", "stored_name <> '' AND decided_at IS NOT NULL AND decided_at < @cutoff"},
	// People who left are deleted one by one (ErasePerson), except those under a legal hold.
	retention.Leavers: {"users", "NOT active AND deleted_at IS NULL AND deactivated_at < @cutoff"},
}

// leaversDue returns the people who left before the cut-off and are not under a legal hold.
func (s *Store) leaversDue(tx *gorm.DB, cutoff time.Time) ([]int64, error) {
	var ids []int64
	t := retentionTargets[retention.Leavers]
	if err := tx.Model(&User{}).Where(t.where, cutoffArg(cutoff)).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, err
	}
	due := ids[:0]
	for _, id := range ids {
		h, err := s.holdOf(tx, id)
		if err != nil {
			return nil, err
		}
		if h == nil {
			due = append(due, id)
		}
	}
	return due, nil
}

// cutoffArg binds the cut-off to the conditions above.
func cutoffArg(cutoff time.Time) map[string]any { return map[string]any{"cutoff": cutoff} }

// Evidence event of a retention run: the counts per category and the policy, never who.
const (
	EventRetentionApplied       = "retention.applied"
	EventRetentionPolicyChanged = "retention.policy_changed"
)

// RetentionPlan counts, per category, the rows a run at asOf deletes.
func (s *Store) RetentionPlan(ctx context.Context, p retention.Policy, asOf time.Time) (retention.Counts, error) {
	counts := retention.Counts{}
	db := s.r.WithContext(ctx)
	for _, d := range retention.Definitions {
		t := retentionTargets[d.Category]
		var n int64
		if d.Category == retention.Leavers {
			ids, err := s.leaversDue(db, p.Cutoff(d.Category, asOf))
			if err != nil {
				return nil, err
			}
			counts[d.Category] = int64(len(ids))
			continue
		}
		if err := db.Table(t.table).Where(t.where, cutoffArg(p.Cutoff(d.Category, asOf))).Count(&n).Error; err != nil {
			return nil, err
		}
		counts[d.Category] = n
	}
	return counts, nil
}

// ApplyRetention deletes, in one transaction, what lies before each category's cut-off at asOf,
// and records the counts in the evidence log (the deletion log: how many of what, not whose).
func (s *Store) ApplyRetention(ctx context.Context, p retention.Policy, asOf time.Time) (retention.Counts, error) {
	counts := retention.Counts{}
	key, err := s.PseudonymKey(ctx)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *gorm.DB) error {
		for _, d := range retention.Definitions {
			t := retentionTargets[d.Category]
			cond := cutoffArg(p.Cutoff(d.Category, asOf))
			if d.Category == retention.Leavers {
				ids, err := s.leaversDue(tx, p.Cutoff(d.Category, asOf))
				if err != nil {
					return err
				}
				for _, id := range ids {
					if err := s.erasePerson(tx, key, id, erasure.ReasonLeft, nil); err != nil {
						return err
					}
				}
				counts[d.Category] = int64(len(ids))
				continue
			}
			if d.Category == retention.AttemptResults { // their answers first: no cascade on SQLite
				if err := tx.Exec("DELETE FROM quiz_answers WHERE attempt_id IN (SELECT id FROM quiz_attempts WHERE "+t.where+")", cond).Error; err != nil {
					return err
				}
			}
			statement := "DELETE FROM " + t.table
			if d.Category == retention.Uploads {
				statement = "UPDATE external_evidence SET stored_name = ''" // the files go with EvidenceFilesGone
			}
			res := tx.Exec(statement+" WHERE "+t.where, cond)
			if res.Error != nil {
				return res.Error
			}
			counts[d.Category] = res.RowsAffected
		}
		if counts.Total() == 0 {
			return nil
		}
		deleted, periods := map[string]int64{}, map[string]int{}
		for _, d := range retention.Definitions {
			deleted[string(d.Category)] = counts[d.Category]
			periods[string(d.Category)] = p.Period(d.Category)
		}
		_, err := s.appendEvidence(tx, EventRetentionApplied, nil, map[string]any{
			"as_of": asOf.UTC().Format(time.RFC3339), "deleted": deleted, "periods": periods})
		return err
	})
	return counts, err
}

// settingRetention is the key of the admin's retention policy (JSON: category → period).
const settingRetention = "retention.policy"

// RetentionPolicy reads the admin's periods; categories never set have their default.
func (s *Store) RetentionPolicy(ctx context.Context) (retention.Policy, error) {
	p := retention.Defaults()
	var row Setting
	err := s.r.WithContext(ctx).Where("setting_key = ?", settingRetention).Limit(1).Find(&row).Error
	if err != nil || row.Value == "" {
		return p, err
	}
	var saved map[retention.Category]int
	if err := json.Unmarshal([]byte(row.Value), &saved); err != nil {
		return p, err
	}
	for c, n := range saved {
		if _, ok := retention.Lookup(c); ok {
			p[c] = n
		}
	}
	return p, nil
}

// SaveRetentionPolicy stores new periods and logs each change (from, to) in the evidence log in the
// same transaction. An unchanged policy logs nothing.
func (s *Store) SaveRetentionPolicy(ctx context.Context, by int64, old, next retention.Policy) error {
	changes := map[string]any{}
	for _, d := range retention.Definitions {
		if o, n := old.Period(d.Category), next.Period(d.Category); o != n {
			changes[string(d.Category)] = map[string]string{"from": strconv.Itoa(o), "to": strconv.Itoa(n)}
		}
	}
	if len(changes) == 0 {
		return nil
	}
	value, err := json.Marshal(next)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *gorm.DB) error {
		if err := putSetting(tx, settingRetention, string(value), &by, s.Now()); err != nil {
			return err
		}
		_, err := s.appendEvidence(tx, EventRetentionPolicyChanged, nil, map[string]any{"by": by, "changes": changes})
		return err
	})
}
