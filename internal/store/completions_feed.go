package store

import (
	"context"
	"encoding/json"
)

// CompletionEvent is one entry of the REST API's completions feed: a completion recorded or
// revoked, at its place in the evidence log.
type CompletionEvent struct {
	Seq        int64  // the evidence log entry: the feed's position
	Type       string // EventCompletionRecorded or EventCompletionRevoked
	Completion Completion
	User       User
}

// CompletionEventsAfter returns up to limit completion events after evidence entry afterSeq, in
// log order, the last entry it looked at (the next cursor; afterSeq when there were none), and
// whether there may be more (limit entries were looked at).
//
// The feed walks the evidence log rather than the completions table on purpose: entries are
// numbered under the log's lock and committed in that order (PostgreSQL: an advisory lock held to
// the commit; SQLite: one writer), so once a client has seen entry n, no entry below n can still
// appear. Ids of the completions table give no such promise on PostgreSQL, where a transaction
// that took a lower id may commit after one with a higher id. Entries about deleted people are
// tombstones and are skipped (the cursor still moves past them).
func (s *Store) CompletionEventsAfter(ctx context.Context, afterSeq int64, limit int) (events []CompletionEvent, last int64, more bool, err error) {
	db := s.r.WithContext(ctx)
	var entries []EvidenceEvent
	if err := db.Where("seq > ? AND type IN ?", afterSeq, []string{EventCompletionRecorded, EventCompletionRevoked}).
		Order("seq").Limit(limit).Find(&entries).Error; err != nil {
		return nil, afterSeq, false, err
	}
	last, more = afterSeq, len(entries) == limit
	type ref struct {
		seq           int64
		typ, recordID string
	}
	var refs []ref
	var recordIDs []string
	for _, e := range entries {
		last = e.Seq
		if e.TombstonedAt != nil {
			continue
		}
		var p struct {
			RecordID string `json:"record_id"`
		}
		if json.Unmarshal([]byte(e.Payload), &p) != nil || p.RecordID == "" {
			continue
		}
		refs = append(refs, ref{e.Seq, e.Type, p.RecordID})
		recordIDs = append(recordIDs, p.RecordID)
	}
	if len(refs) == 0 {
		return nil, last, more, nil
	}
	var cs []Completion
	if err := db.Where("record_id IN ?", recordIDs).Find(&cs).Error; err != nil {
		return nil, last, false, err
	}
	byRecord := map[string]Completion{}
	var userIDs []int64
	for _, c := range cs {
		byRecord[c.RecordID] = c
		userIDs = append(userIDs, c.UserID)
	}
	var us []User
	if err := db.Where("id IN ?", userIDs).Find(&us).Error; err != nil {
		return nil, last, false, err
	}
	userByID := map[int64]User{}
	for _, u := range us {
		userByID[u.ID] = u
	}
	events = make([]CompletionEvent, 0, len(refs))
	for _, r := range refs {
		c, ok := byRecord[r.recordID]
		if !ok || userByID[c.UserID].DeletedAt != nil {
			continue
		}
		events = append(events, CompletionEvent{Seq: r.seq, Type: r.typ, Completion: c, User: userByID[c.UserID]})
	}
	return events, last, more, nil
}

// UserByPersonnelNumber finds an account by the personnel number from HR.
func (s *Store) UserByPersonnelNumber(ctx context.Context, number string) (*User, error) {
	var u User
	if err := s.r.WithContext(ctx).Where("personnel_number = ?", number).First(&u).Error; err != nil {
		return nil, notFound(err, "user")
	}
	return &u, nil
}
