package report

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SidecarFormat names the layout of the integrity file that travels with a CSV export.
const SidecarFormat = "ailit-csv-integrity-v1"

// SidecarSuffix is appended to a CSV's file name to name its integrity file.
const SidecarSuffix = ".integrity.json"

// Sidecar is the integrity file of a CSV export (FILE.csv.integrity.json). The CSV itself is a
// plain table; what a record of evidence needs beside the rows lives here: the SHA-256 of the
// CSV's bytes, what the file is (report, table, time, privacy level, filters) and, when the export
// was logged, the entry of the evidence log that records it. `ailit report verify FILE.csv`
// recomputes the hash and compares (VerifyCSV).
type Sidecar struct {
	Format       string            `json:"format"`
	File         string            `json:"file"`
	SHA256       string            `json:"sha256"`
	Bytes        int64             `json:"bytes"`
	Records      int64             `json:"records"` // data lines, the header not counted
	Separator    string            `json:"separator"`
	Report       string            `json:"report"`
	Table        string            `json:"table"`
	Title        string            `json:"title"`
	Lang         string            `json:"lang"`
	GeneratedAt  string            `json:"generated_at"`
	PrivacyLevel string            `json:"privacy_level"`
	Filters      map[string]string `json:"filters"`
	Meta         []SidecarField    `json:"meta"`
	Evidence     *SidecarEvidence  `json:"evidence,omitempty"`
}

// SidecarField is one line of the document's metadata, labelled for people.
type SidecarField struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// SidecarEvidence is the entry of the evidence log that records the export; its payload holds
// the same SHA-256.
type SidecarEvidence struct {
	EntryID   int64  `json:"entry_id"`
	EntryHash string `json:"entry_hash"`
}

// NewSidecar describes a CSV written from doc under the name file.
func NewSidecar(doc Document, file string, f CSVFile) Sidecar {
	sc := Sidecar{Format: SidecarFormat, File: file, SHA256: f.SHA256, Bytes: f.Bytes, Records: f.Records,
		Separator: string(f.Comma), Table: f.Section, Title: doc.Title, Lang: langOrDefault(doc.Lang),
		Filters: map[string]string{}, Meta: []SidecarField{}}
	for _, m := range doc.Meta {
		switch m.Key {
		case "report":
			sc.Report = m.Value
		case "generated_at":
			sc.GeneratedAt = m.Value
		case "level":
			sc.PrivacyLevel = m.Value
		}
		if k, ok := strings.CutPrefix(m.Key, "filter."); ok {
			sc.Filters[k] = m.Value
		}
		sc.Meta = append(sc.Meta, SidecarField{Key: m.Key, Label: m.Label, Value: m.Value})
	}
	return sc
}

// JSON is the sidecar as written to disk: indented, with a final newline.
func (sc Sidecar) JSON() []byte {
	b, _ := json.MarshalIndent(sc, "", "  ") // only strings, numbers and maps of strings
	return append(b, '\n')
}

// ParseSidecar reads an integrity file and checks that it is one.
func ParseSidecar(b []byte) (Sidecar, error) {
	var sc Sidecar
	if err := json.Unmarshal(b, &sc); err != nil {
		return sc, fmt.Errorf("report: the integrity file is not valid JSON: %w", err)
	}
	if sc.Format != SidecarFormat {
		return sc, fmt.Errorf("report: not an ailit integrity file (format %q, want %q)", sc.Format, SidecarFormat)
	}
	if len(sc.SHA256) != sha256.Size*2 {
		return sc, fmt.Errorf("report: the integrity file states no SHA-256")
	}
	return sc, nil
}

// VerifyCSV checks a CSV export against its sidecar: the SHA-256 of its bytes must be the stated
// one, and the file must be a table of the stated number of records. A changed byte gives an
// ErrIntegrity error.
func VerifyCSV(r io.Reader, sidecar []byte) error {
	sc, err := ParseSidecar(sidecar)
	if err != nil {
		return err
	}
	h := sha256.New()
	br := bufio.NewReader(io.TeeReader(r, h))
	if bom, _ := br.Peek(len(utf8BOM)); string(bom) == utf8BOM {
		br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	if sc.Separator == "," {
		cr.Comma = ','
	} else {
		cr.Comma = ';'
	}
	var records int64
	var readErr error
	for {
		_, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		records++
	}
	io.Copy(io.Discard, br) // hash the rest of a file the reader gave up on
	if got := hex.EncodeToString(h.Sum(nil)); got != sc.SHA256 {
		return fmt.Errorf("%w: the CSV is not the file the integrity file describes (SHA-256 stated %s, computed %s)", ErrIntegrity, sc.SHA256, got)
	}
	if readErr != nil {
		return fmt.Errorf("report: the CSV cannot be read: %w", readErr)
	}
	if records-1 != sc.Records {
		return fmt.Errorf("%w: %d records, the integrity file states %d", ErrIntegrity, records-1, sc.Records)
	}
	return nil
}
