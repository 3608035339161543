package api

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/report"
	"github.com/ailit/ailit/internal/store"
)

const (
	defaultPageSize = 100
	maxPageSize     = 1000
	cursorVersion   = "v1:"
)

type completionsPage struct {
	Items      []completionItem `json:"items"`
	NextCursor string           `json:"next_cursor"`
	Next       string           `json:"next"`
	HasMore    bool             `json:"has_more"`
}

type completionItem struct {
	Event        string     `json:"event"` // "recorded" or "revoked"
	RecordID     string     `json:"record_id"`
	Person       personRef  `json:"person"`
	CourseID     string     `json:"course_id"`
	Version      string     `json:"version"`
	ContentHash  string     `json:"content_hash"`
	CompletedAt  time.Time  `json:"completed_at"`
	ValidUntil   *time.Time `json:"valid_until"`
	RevokedAt    *time.Time `json:"revoked_at"`
	RevokeReason string     `json:"revoke_reason,omitempty"`
}

// completionsList is the feed of completions recorded and revoked, oldest first, after a cursor.
// A client keeps next_cursor and asks again later: it sees each event once, in order, however many
// are recorded while it reads (store.CompletionEventsAfter says why). Without a cursor it starts
// at the beginning.
func (a *API) completionsList(c *fiber.Ctx, _ *store.APIToken) error {
	ctx := c.UserContext()
	after, ok := decodeCursor(c.Query("cursor"))
	if !ok {
		return invalid("The cursor is not one this API gave out; use next_cursor of a previous page, or no cursor to start at the beginning.",
			FieldError{Pointer: "cursor", Detail: "unknown cursor"})
	}
	limit := defaultPageSize
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPageSize {
			return invalid(fmt.Sprintf("limit must be a whole number from 1 to %d.", maxPageSize),
				FieldError{Pointer: "limit", Detail: fmt.Sprintf("must be 1 to %d", maxPageSize)})
		}
		limit = n
	}
	rs, err := a.db.ReportSettings(ctx, a.cfg.PrivacyLevel)
	if err != nil {
		return err
	}
	if rs.Level == string(report.LevelAggregate) {
		return forbidden("privacy-level", "The privacy level is set to aggregate figures only: individual completions are not given out.")
	}
	events, last, more, err := a.db.CompletionEventsAfter(ctx, after, limit)
	if err != nil {
		return err
	}
	page := completionsPage{Items: []completionItem{}, NextCursor: encodeCursor(last), HasMore: more}
	q := url.Values{"cursor": {page.NextCursor}}
	if c.Query("limit") != "" {
		q.Set("limit", strconv.Itoa(limit))
	}
	page.Next = Prefix + "/completions?" + q.Encode()
	for _, e := range events {
		cm := e.Completion
		it := completionItem{Event: strings.TrimPrefix(e.Type, "completion."), RecordID: cm.RecordID, CourseID: cm.CourseID,
			Version: cm.Version, ContentHash: cm.ContentHash, CompletedAt: cm.CompletedAt, ValidUntil: cm.ValidUntil,
			RevokedAt: cm.RevokedAt, RevokeReason: cm.RevokeReason,
			Person: personRef{Email: e.User.Email, Name: e.User.DisplayName, Active: e.User.Active}}
		if e.User.PersonnelNumber != nil {
			it.Person.PersonnelNumber = *e.User.PersonnelNumber
		}
		page.Items = append(page.Items, it)
	}
	body, err := marshal(page)
	if err != nil {
		return err
	}
	return sendCached(c, strongETag(body), fiber.MIMEApplicationJSON, body)
}

// encodeCursor hides the position (an evidence log entry) behind an opaque string, so clients do
// not build cursors themselves and the encoding may change with a new version prefix.
func encodeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorVersion + strconv.FormatInt(seq, 10)))
}

// decodeCursor reads a cursor; "" is the beginning.
func decodeCursor(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(b), cursorVersion)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil && n >= 0
}
