package quiz

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Hash is the content hash of a question: it changes whenever anything a learner sees or is graded
// on changes, so answers and item statistics are tied to exactly the question that was asked.
func (q Question) Hash() string {
	// json.Marshal of a struct is deterministic (fields in declaration order).
	b, err := json.Marshal(q)
	if err != nil {
		// Only unencodable values (NaN, channels) fail; YAML cannot produce them.
		panic("quiz: hashing question " + q.ID + ": " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
