package report

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
)

// The integrity hash covers a canonical form of the report that is the same for XLSX, JSON and
// PDF: one export in three formats carries one hash. (A CSV is a plain table of one section; its
// integrity file states the SHA-256 of its bytes instead, see sidecar.go.) Column keys, status codes and dates are
// language independent, but a few cells are words ("Gesamt", the suppression note), so a German
// and an English export of the same data have different hashes.
//
// Canonical form, version 1 ("ailit-report-canonical-v1"): UTF-8 text, one record per line, each
// record a JSON array of strings, written like Python's
// json.dumps(record, ensure_ascii=False, separators=(",", ":")) followed by "\n":
//
//	["ailit-report-canonical-v1"]
//	["section","persons"]                   one per section, in document order
//	["columns","pseudonym","name",...]      the column keys
//	["row","3f1c...","Jürgen Müller",...]   one per row, canonical cell text
//	["meta","generated_at","2026-05-04T09:30:00Z"]   metadata last, without the hash itself
//
// Canonical cell text: ISO dates (2026-05-04), status codes (completed), true/false, integers,
// percentages with one decimal and a point (87.5), text as is (as the writer got it), and ""
// for an empty cell. The hash is SHA-256 of those bytes, written as 64 lowercase hex digits.
//
// How an auditor checks a file: the PDF carries the canonical form as an attached file
// (report-canonical.jsonl): `sha256sum` of the attachment must equal the hash in the PDF footer.
// For XLSX and JSON, rebuild the records above from the file (or run VerifyXLSX, VerifyJSON) and
// compare with the hash on the "Filter & Integrität" sheet or in the JSON "integrity" object. Comparing the hashes of two formats of the same export also works.
const canonicalVersion = "ailit-report-canonical-v1"

// Keys of the two metadata lines that state the hash; they are not part of the hashed content.
const (
	integrityKey       = "integrity_sha256"
	integrityFormatKey = "integrity_method"
)

// ErrIntegrity is returned when a file's content does not match the hash it states.
var ErrIntegrity = errors.New("report: integrity hash does not match the content")

// canonical writes the canonical form to a hash (and optionally a copy), record by record.
type canonical struct {
	sum hash.Hash
	out io.Writer
	buf []byte
}

func newCanonical(copyTo io.Writer) *canonical {
	c := &canonical{sum: sha256.New()}
	c.out = c.sum
	if copyTo != nil {
		c.out = io.MultiWriter(c.sum, copyTo)
	}
	c.record(canonicalVersion)
	return c
}

func (c *canonical) record(fields ...string) {
	c.buf = append(c.buf[:0], '[')
	for i, f := range fields {
		if i > 0 {
			c.buf = append(c.buf, ',')
		}
		c.buf = appendJSONString(c.buf, f)
	}
	c.buf = append(c.buf, ']', '\n')
	c.out.Write(c.buf) // hash writes never fail; the copy is a bytes.Buffer
}

func (c *canonical) section(key string, cols []Column) {
	c.record("section", key)
	c.buf = append(c.buf[:0], `["columns"`...)
	for _, col := range cols {
		c.buf = append(c.buf, ',')
		c.buf = appendJSONString(c.buf, col.Key)
	}
	c.buf = append(c.buf, ']', '\n')
	c.out.Write(c.buf)
}

func (c *canonical) row(vals []Value) {
	c.buf = append(c.buf[:0], `["row"`...)
	for _, v := range vals {
		c.buf = append(c.buf, ',')
		c.buf = appendJSONString(c.buf, v.Text)
	}
	c.buf = append(c.buf, ']', '\n')
	c.out.Write(c.buf)
}

func (c *canonical) meta(fields []Field) {
	for _, f := range fields {
		if f.Key == integrityKey || f.Key == integrityFormatKey {
			continue
		}
		c.record("meta", f.Key, f.Value)
	}
}

func (c *canonical) hex() string { return hex.EncodeToString(c.sum.Sum(nil)) }

// integrityFields are the trailing metadata lines that state the hash.
func integrityFields(hash, lang string) []Field {
	return []Field{
		MetaField(integrityFormatKey, canonicalVersion+" / SHA-256", lang),
		MetaField(integrityKey, hash, lang),
	}
}

func compareHash(stated, computed string) error {
	if stated == "" {
		return fmt.Errorf("report: the file states no integrity hash")
	}
	if stated != computed {
		return fmt.Errorf("%w: stated %s, computed %s", ErrIntegrity, stated, computed)
	}
	return nil
}

// appendJSONString appends s as a JSON string the way Python's json.dumps(ensure_ascii=False) and
// JavaScript's JSON.stringify write it: only the quote, the backslash and control characters are
// escaped. s must be valid UTF-8 (Text, MetaField and Filter make sure of it).
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	return append(append(b, s[start:]...), '"')
}
