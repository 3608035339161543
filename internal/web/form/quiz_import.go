package form

import (
	"io"
	"mime/multipart"
	"net/url"
	"slices"
)

// MaxQuizImportBytes is the largest question file or QTI package the workspace accepts.
const MaxQuizImportBytes = 30 << 20

// QuizImportFormats are the formats the import form offers.
var QuizImportFormats = []string{"moodlexml", "gift", "qti"}

// QuizImport is the upload form of a quiz import in the workspace.
type QuizImport struct {
	Format   string
	FileName string
	Data     []byte
	TooLarge bool
}

// NewQuizImport reads the form and the uploaded file (nil when none was sent).
func NewQuizImport(form url.Values, fh *multipart.FileHeader) (QuizImport, error) {
	f := QuizImport{Format: trimmed(form, "format")}
	if fh == nil {
		return f, nil // no file: Validate says so
	}
	if fh.Size > MaxQuizImportBytes {
		f.TooLarge = true
		return f, nil
	}
	r, err := fh.Open()
	if err != nil {
		return f, err
	}
	defer r.Close()
	f.FileName = fh.Filename
	f.Data, err = io.ReadAll(io.LimitReader(r, MaxQuizImportBytes+1))
	f.TooLarge = len(f.Data) > MaxQuizImportBytes
	return f, err
}

// Validate checks that a known format is chosen and a file is there.
func (f QuizImport) Validate() Errors {
	errs := Errors{}
	if !slices.Contains(QuizImportFormats, f.Format) {
		errs["format"] = "interchange.import.format.missing"
	}
	switch {
	case f.TooLarge:
		errs["file"] = "interchange.import.file.toolarge"
	case len(f.Data) == 0:
		errs["file"] = "interchange.import.file.missing"
	}
	return errs
}
