package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/ailit/ailit/internal/evidence"
)

// EvidenceEvent is one entry of the append-only evidence log (completions, revocations, role
// changes, exports). Each entry carries the hash of the one before it, so changing, deleting or
// reordering an entry breaks the chain from there on: Hash = sha256(PrevHash || CanonicalEvent).
type EvidenceEvent struct {
	Seq           int64     `gorm:"primaryKey;autoIncrement:false"` // 1, 2, 3, … without gaps
	Type          string    `gorm:"size:60;not null"`
	SubjectUserID *int64    `gorm:"index:idx_evidence_events_subject_user_id"` // the person the event is about
	Payload       string    `gorm:"not null"`                                  // canonical JSON (sorted keys, no spaces)
	PrevHash      string    `gorm:"size:64;not null;uniqueIndex:idx_evidence_events_prev_hash"`
	Hash          string    `gorm:"size:64;not null"`
	CreatedAt     time.Time `gorm:"not null"`
	// TombstonedAt is set when the person the entry is about was deleted: the payload is then
	// replaced by {"tombstone":true}, the stored hash stays, and a later person.deleted entry lists
	// the entry, so the chain still verifies and a tombstone nobody recorded is found.
	TombstonedAt *time.Time
}

// EventUserRolesChanged records a new account's roles and every later change of them.
const EventUserRolesChanged = "user.roles_changed"

// evidenceLockKey serialises appends on PostgreSQL (pg_advisory_xact_lock), so two transactions
// never chain onto the same entry; the unique index on prev_hash is the safety net behind it.
const evidenceLockKey = 4_220_117

// appendEvidence appends an event to the log inside tx, which must be the transaction that makes
// the change the event records, so that both are stored or neither. payload is any value that
// encodes to a JSON object.
func (s *Store) appendEvidence(tx *gorm.DB, eventType string, subjectUserID *int64, payload any) (*EvidenceEvent, error) {
	canonical, err := CanonicalJSON(payload)
	if err != nil {
		return nil, fmt.Errorf("evidence payload: %w", err)
	}
	if s.Dialect == Postgres {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", evidenceLockKey).Error; err != nil {
			return nil, err
		}
	}
	var last EvidenceEvent
	if err := tx.Order("seq DESC").Limit(1).Find(&last).Error; err != nil {
		return nil, err
	}
	e := &EvidenceEvent{
		Seq:           last.Seq + 1,
		Type:          eventType,
		SubjectUserID: subjectUserID,
		Payload:       string(canonical),
		PrevHash:      last.Hash,
		CreatedAt:     s.Now().Truncate(time.Microsecond), // PostgreSQL keeps microseconds
	}
	e.Hash = EvidenceHash(e)
	return e, tx.Create(e).Error
}

// CanonicalJSON encodes v as JSON with object keys sorted and no insignificant spaces, so the same
// content always gives the same bytes.
func CanonicalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber() // keep numbers exactly as written
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return nil, err
	}
	if _, ok := generic.(map[string]any); !ok {
		return nil, fmt.Errorf("payload must be a JSON object, got %s", b)
	}
	return json.Marshal(generic) // encoding/json sorts map keys
}

// EvidenceHash computes an event's hash from its previous hash and its canonical form: sequence
// number, type, subject, payload and time.
func EvidenceHash(e *EvidenceEvent) string {
	var subject any
	if e.SubjectUserID != nil {
		subject = *e.SubjectUserID
	}
	canonical, _ := json.Marshal(map[string]any{ // only strings, numbers and raw JSON: cannot fail
		"seq":             e.Seq,
		"type":            e.Type,
		"subject_user_id": subject,
		"payload":         json.RawMessage(e.Payload),
		"created_at":      e.CreatedAt.UTC().Format(time.RFC3339Nano),
	})
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write(canonical)
	return hex.EncodeToString(h.Sum(nil))
}

// EvidenceBreak names the first entry at which the chain does not hold.
type EvidenceBreak struct {
	Seq       int64
	Type      string
	CreatedAt time.Time
	Reason    string
}

// VerifyEvidence recomputes the whole chain in order. It returns the number of entries checked and,
// when the chain is broken, the first broken entry (nil when intact). A tombstone (an entry about a
// deleted person) is not recomputed, but it must still link and be recorded by a later
// person.deleted entry. Deleting the newest entries cannot be seen from the chain alone: compare
// with a checkpoint (ailit evidence checkpoint) or the head printed on an earlier report.
func (s *Store) VerifyEvidence(ctx context.Context) (int64, *EvidenceBreak, error) {
	var (
		count    int64
		prevHash string
		broken   *EvidenceBreak
		batch    []EvidenceEvent
		// tombstones not yet recorded by a person.deleted entry, with the entry itself
		unrecorded = map[int64]EvidenceEvent{}
	)
	check := func(_ *gorm.DB, _ int) error {
		for i := range batch {
			e := &batch[i]
			count++
			reason := ""
			switch {
			case e.Seq != count:
				reason = fmt.Sprintf("sequence number %d where %d was expected (an entry is missing or was moved)", e.Seq, count)
			case e.PrevHash != prevHash:
				reason = "previous hash does not match the entry before it (an entry was removed, inserted or reordered)"
			case e.TombstonedAt != nil && e.Payload != tombstonePayload:
				reason = "a tombstone still carries content"
			case e.TombstonedAt != nil:
				// The person was deleted: the content is gone by design, the stored hash still links.
				unrecorded[e.Seq] = *e
			case EvidenceHash(e) != e.Hash:
				reason = "content does not match its hash (the entry was changed)"
			case e.Type == EventPersonDeleted:
				var p struct{ Tombstoned []int64 }
				_ = json.Unmarshal([]byte(e.Payload), &p) // the hash matched: the payload is as written
				for _, seq := range p.Tombstoned {
					delete(unrecorded, seq)
				}
			}
			if reason != "" {
				broken = &EvidenceBreak{Seq: e.Seq, Type: e.Type, CreatedAt: e.CreatedAt, Reason: reason}
				return errStopVerify
			}
			prevHash = e.Hash
		}
		return nil
	}
	res := s.r.WithContext(ctx).FindInBatches(&batch, 1000, check) // in primary key (seq) order
	if res.Error != nil && !errors.Is(res.Error, errStopVerify) {
		return count, nil, res.Error
	}
	if broken == nil && len(unrecorded) > 0 {
		first := EvidenceEvent{Seq: count + 1}
		for seq, e := range unrecorded {
			if seq < first.Seq {
				first = e
			}
		}
		broken = &EvidenceBreak{Seq: first.Seq, Type: first.Type, CreatedAt: first.CreatedAt,
			Reason: "the entry was emptied as a tombstone, but no person.deleted entry records it (the entry was changed)"}
	}
	return count, broken, nil
}

var errStopVerify = errors.New("stop: chain broken")

// EvidenceOfUser returns the events about one person, oldest first (for "My data").
func (s *Store) EvidenceOfUser(ctx context.Context, userID int64) ([]EvidenceEvent, error) {
	var es []EvidenceEvent
	err := s.r.WithContext(ctx).Where("subject_user_id = ?", userID).Order("seq").Find(&es).Error
	return es, err
}

// EvidenceHead returns the number of entries and the hash of the newest one, which exports and
// checkpoints publish so that removing the newest entries becomes detectable.
func (s *Store) EvidenceHead(ctx context.Context) (evidence.Head, error) {
	var last EvidenceEvent
	if err := s.r.WithContext(ctx).Order("seq DESC").Limit(1).Find(&last).Error; err != nil {
		return evidence.Head{}, err
	}
	return evidence.Head{Count: last.Seq, Hash: last.Hash}, nil // seq has no gaps in an intact log
}

// EvidenceHashAt returns the stored hash of entry seq, or "" when there is no such entry.
func (s *Store) EvidenceHashAt(ctx context.Context, seq int64) (string, error) {
	var e EvidenceEvent
	err := s.r.WithContext(ctx).Where("seq = ?", seq).Limit(1).Find(&e).Error
	return e.Hash, err
}
