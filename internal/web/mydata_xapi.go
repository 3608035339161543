package web

import (
	"encoding/json"
	"time"

	"github.com/ailit/ailit/internal/store"
)

// myXAPIStatement is a statement about the person for the learning record store, in "My data":
// the statement exactly as sent, so the person sees what left ailit about them.
type myXAPIStatement struct {
	Verb        string          `json:"verb"`
	StatementID string          `json:"statement_id"`
	EventAt     time.Time       `json:"event_at"`
	SentAt      *time.Time      `json:"sent_at"`
	Statement   json.RawMessage `json:"statement"`
}

// addXAPI adds the person's xAPI statements.
func addXAPI(out *myData, d *store.PersonalData) {
	out.XAPIStatements = []myXAPIStatement{}
	for _, st := range d.XAPIStatements {
		body := json.RawMessage(st.Body)
		if !json.Valid(body) {
			body = json.RawMessage("null")
		}
		out.XAPIStatements = append(out.XAPIStatements, myXAPIStatement{Verb: st.Verb, StatementID: st.StatementID,
			EventAt: st.EventAt, SentAt: st.SentAt, Statement: body})
	}
}
