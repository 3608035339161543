// Package evidencefile keeps the files of external evidence (certificates people upload) in the
// data directory: it checks an upload's type by its content and its size, stores it under a random
// name, reads it back only by such a name, and copies the folder for `ailit backup`.
package evidencefile

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// MaxBytes is the largest file accepted: a scanned certificate fits easily.
const MaxBytes = 10 << 20

// The types accepted, by content.
const (
	PDF  = "application/pdf"
	PNG  = "image/png"
	JPEG = "image/jpeg"
)

// Errors an upload can fail with; the web layer turns them into messages next to the field.
var (
	ErrEmpty    = errors.New("the file is empty")
	ErrTooLarge = errors.New("the file is larger than 10 MiB")
	ErrType     = errors.New("the file is not a PDF, PNG or JPEG")
)

// Sniff returns the type of a file by its first bytes (never by its name or the browser's
// claim): PDF ("%PDF-"), PNG (its 8-byte signature) or JPEG (FF D8 FF).
func Sniff(head []byte) (string, error) {
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	}
	return "", ErrType
}

// Extension is the file name extension stored for a type.
func Extension(contentType string) string {
	switch contentType {
	case PDF:
		return ".pdf"
	case PNG:
		return ".png"
	}
	return ".jpg"
}

// Dir is the evidence folder in a data directory.
type Dir string

// In returns the evidence folder of a data directory.
func In(dataDir string) Dir { return Dir(filepath.Join(dataDir, "evidence")) }

// Stored is a file written to the folder.
type Stored struct {
	Name        string // the random name in the folder, e.g. "3f…a1.pdf"
	ContentType string
	Size        int64
	SHA256      string // hex
}

var storedName = regexp.MustCompile(`^[0-9a-f]{32}\.(pdf|png|jpg)$`)

// Save checks and writes an upload read from r: at most MaxBytes, a PDF, PNG or JPEG by content.
// The file is written under a new random name (the uploaded name never touches the disk) and
// becomes visible only when complete.
func (d Dir) Save(r io.Reader) (*Stored, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	switch {
	case len(data) == 0:
		return nil, ErrEmpty
	case len(data) > MaxBytes:
		return nil, ErrTooLarge
	}
	ct, err := Sniff(data)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return nil, err
	}
	random := make([]byte, 16)
	_, _ = rand.Read(random)
	name := hex.EncodeToString(random) + Extension(ct)
	tmp, err := os.CreateTemp(string(d), ".upload-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(string(d), name)); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &Stored{Name: name, ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// Open opens a stored file by its name; any other name (a path, "..") is refused.
func (d Dir) Open(name string) (*os.File, error) {
	if !storedName.MatchString(name) {
		return nil, fmt.Errorf("not a stored evidence file name: %q", name)
	}
	return os.Open(filepath.Join(string(d), name))
}

// CopyTo copies every stored file into dst (created when missing) and checks each copy against
// want (name → SHA-256), the hashes recorded in the database. It returns how many files it copied.
func (d Dir) CopyTo(dst string, want map[string]string) (int, error) {
	entries, err := os.ReadDir(string(d))
	if errors.Is(err, os.ErrNotExist) {
		entries = nil
	} else if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !storedName.MatchString(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(string(d), e.Name()))
		if err != nil {
			return n, err
		}
		sum := sha256.Sum256(data)
		if h, ok := want[e.Name()]; ok && h != hex.EncodeToString(sum[:]) {
			return n, fmt.Errorf("evidence file %s does not match its recorded SHA-256", e.Name())
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o600); err != nil {
			return n, err
		}
		n++
	}
	var missing []string
	for name := range want {
		if _, err := os.Stat(filepath.Join(dst, name)); err != nil {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return n, fmt.Errorf("evidence files recorded in the database are missing from %s: %s", d, strings.Join(missing, ", "))
	}
	return n, nil
}

// Keep removes every stored file whose name is not in keep (name → anything), after a person's
// data was deleted or the retention period of uploads passed: the database no longer points at
// them. It returns how many files it removed; a folder that does not exist has none.
func (d Dir) Keep(keep map[string]string) (int, error) {
	entries, err := os.ReadDir(string(d))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if _, ok := keep[e.Name()]; ok || !storedName.MatchString(e.Name()) {
			continue
		}
		if err := os.Remove(filepath.Join(string(d), e.Name())); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
