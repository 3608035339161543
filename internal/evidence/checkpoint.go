// Package evidence holds the pure rules around the head of the evidence log: the signed
// checkpoint an admin files outside ailit, and the comparison of a checkpoint with the log.
//
// The hash chain (store.EvidenceHash) shows a changed, inserted or reordered entry, but not the
// removal of the newest entries: a shortened chain is still a valid chain. Only a head known
// somewhere else closes that gap, so exports carry the head, and a checkpoint is the head signed
// with the instance's Ed25519 key at one moment, to be kept in a file, a ticket or on paper.
package evidence

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// Format names the checkpoint file format and its version.
const Format = "ailit-evidence-checkpoint/1"

// signingContext is signed before the checkpoint's fields, so that a checkpoint signature can never
// be taken for the signature of a record of participation made with the same key.
const signingContext = "ailit evidence checkpoint v1\n"

// Head is the state of the log: how many entries it has and the hash of the newest one.
type Head struct {
	Count int64  `json:"count"`
	Hash  string `json:"hash"` // "" for an empty log
}

// Checkpoint is a signed head at a moment.
type Checkpoint struct {
	Format    string    `json:"format"`
	Instance  string    `json:"instance"` // the instance's base URL, so a checkpoint names its source
	Count     int64     `json:"count"`
	Head      string    `json:"head"`
	CreatedAt time.Time `json:"created_at"`
	PublicKey string    `json:"public_key"` // base64url Ed25519 key: informative, verification uses the instance's own key
	Signature string    `json:"signature"`  // base64url Ed25519 signature over signingContext + signedFields
}

// signedFields are the bytes the signature covers: every field but the signature, in a fixed order.
func (c Checkpoint) signedFields() []byte {
	b, _ := json.Marshal(struct { // strings, a number and a time: cannot fail
		Format    string `json:"format"`
		Instance  string `json:"instance"`
		Count     int64  `json:"count"`
		Head      string `json:"head"`
		CreatedAt string `json:"created_at"`
		PublicKey string `json:"public_key"`
	}{c.Format, c.Instance, c.Count, c.Head, c.CreatedAt.UTC().Format(time.RFC3339Nano), c.PublicKey})
	return append([]byte(signingContext), b...)
}

// NewCheckpoint signs head at time at with the instance's Ed25519 key.
func NewCheckpoint(head Head, instance string, at time.Time, key crypto.Signer) (Checkpoint, error) {
	pub, ok := key.Public().(ed25519.PublicKey)
	if !ok {
		return Checkpoint{}, errors.New("evidence checkpoint: the signing key is not an Ed25519 key")
	}
	c := Checkpoint{
		Format:    Format,
		Instance:  instance,
		Count:     head.Count,
		Head:      head.Hash,
		CreatedAt: at.UTC().Truncate(time.Second),
		PublicKey: base64.RawURLEncoding.EncodeToString(pub),
	}
	sig, err := key.Sign(nil, c.signedFields(), crypto.Hash(0)) // Ed25519 signs the message itself
	if err != nil {
		return Checkpoint{}, err
	}
	c.Signature = base64.RawURLEncoding.EncodeToString(sig)
	return c, nil
}

// Encode writes the checkpoint as indented JSON, readable when printed or filed.
func (c Checkpoint) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(c)
}

// Errors of reading and checking a checkpoint.
var (
	ErrNotACheckpoint = errors.New("not an ailit evidence checkpoint")
	ErrBadSignature   = errors.New("the checkpoint's signature does not verify with this instance's key (changed, or made by another instance)")
)

// Parse reads a checkpoint file. It checks the format, not the signature (see Verify).
func Parse(r io.Reader) (Checkpoint, error) {
	b, err := io.ReadAll(io.LimitReader(r, 64<<10)) // a checkpoint is a few hundred bytes
	if err != nil {
		return Checkpoint{}, err
	}
	var c Checkpoint
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Checkpoint{}, fmt.Errorf("%w: %v", ErrNotACheckpoint, err)
	}
	if c.Format != Format {
		return Checkpoint{}, fmt.Errorf("%w: format %q, expected %q", ErrNotACheckpoint, c.Format, Format)
	}
	if c.Count < 0 || (c.Count > 0) != (c.Head != "") {
		return Checkpoint{}, fmt.Errorf("%w: count %d does not fit head %q", ErrNotACheckpoint, c.Count, c.Head)
	}
	return c, nil
}

// Verify checks the signature with the instance's public key.
func (c Checkpoint) Verify(pub ed25519.PublicKey) error {
	sig, err := base64.RawURLEncoding.DecodeString(c.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, c.signedFields(), sig) {
		return ErrBadSignature
	}
	return nil
}

// Compare tells whether the log still contains what the checkpoint saw. count is the number of
// entries the log has now (its chain already verified), hashAt returns the hash of entry seq.
// It returns nil when the log holds the checkpoint's head at the checkpoint's position, else a
// sentence saying what is missing or different.
func (c Checkpoint) Compare(count int64, hashAt func(seq int64) (string, error)) error {
	if c.Count == 0 {
		return nil // an empty log is contained in every log
	}
	if count < c.Count {
		return fmt.Errorf("the log has %d entries, the checkpoint of %s recorded %d: %d entries were removed after it",
			count, c.CreatedAt.Format(time.RFC3339), c.Count, c.Count-count)
	}
	h, err := hashAt(c.Count)
	if err != nil {
		return err
	}
	if h != c.Head {
		return fmt.Errorf("entry %d of the log is not the one the checkpoint of %s recorded: the log was rewritten from there or before",
			c.Count, c.CreatedAt.Format(time.RFC3339))
	}
	return nil
}
