package interchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// ErrUnsupportedQuestions is returned by WriteQuiz when questions were not converted and the caller
// did not allow skipping them.
var ErrUnsupportedQuestions = errors.New("some questions cannot be converted")

// ImportQuiz converts a question file of the given format (FormatMoodleXML, FormatGIFT,
// FormatQTI). name is used in messages and, for a QTI file, to tell an item from a package.
func ImportQuiz(format, name string, data []byte) (*Import, error) {
	switch format {
	case FormatMoodleXML:
		return ImportMoodleXML(name, data)
	case FormatGIFT:
		return ImportGIFT(name, data)
	case FormatQTI:
		return ImportQTI(name, data)
	}
	return nil, fmt.Errorf("unknown import format %q: use moodlexml, gift or qti", format)
}

// WriteReport prints which questions were converted and which were not, with the reasons.
func (imp *Import) WriteReport(w io.Writer) {
	fmt.Fprintf(w, "%d questions converted, %d not converted.\n", len(imp.Converted), len(imp.Skipped))
	for _, c := range imp.Converted {
		fmt.Fprintf(w, "  converted  %s → %s (%s)\n", c.Source, c.ID, c.Type)
	}
	for _, s := range imp.Skipped {
		fmt.Fprintf(w, "  NOT converted  %s\n", s.String())
	}
	if len(imp.Media) > 0 {
		fmt.Fprintf(w, "%d images carried along into media/.\n", len(imp.Media))
	}
}

// QuizFiles is what an import writes into a module folder: quiz.yaml and media/ files.
type QuizFiles struct {
	QuizYAML []byte
	Media    []MediaFile
}

// Files checks an import and returns the files to write. With skipped questions it refuses unless
// skipUnsupported is set; without any converted question there is nothing to write.
func (imp *Import) Files(skipUnsupported bool) (*QuizFiles, error) {
	if len(imp.Skipped) > 0 && !skipUnsupported {
		return nil, fmt.Errorf("%w: %d of %d questions (nothing was written; allow skipping them to import the rest)",
			ErrUnsupportedQuestions, len(imp.Skipped), len(imp.Skipped)+len(imp.Converted))
	}
	if len(imp.Converted) == 0 {
		return nil, fmt.Errorf("no question could be converted, so there is no quiz to write")
	}
	data, err := QuizYAML(imp.Definition)
	if err != nil {
		return nil, err
	}
	return &QuizFiles{QuizYAML: data, Media: imp.Media}, nil
}

// WriteTo writes quiz.yaml to out and the media into media/ next to it. Existing files are not
// overwritten unless force is set, and a media file with the same name but other content is
// never overwritten, so an import loses nothing that was there.
func (f *QuizFiles) WriteTo(out string, force bool) error {
	if _, err := os.Stat(out); err == nil && !force {
		return fmt.Errorf("%s exists already; choose another --out or pass --force", out)
	}
	mediaDir := filepath.Join(filepath.Dir(out), "media")
	for _, m := range f.Media {
		target := filepath.Join(mediaDir, m.Name)
		if old, err := os.ReadFile(target); err == nil && !bytes.Equal(old, m.Data) {
			return fmt.Errorf("%s exists already with other content; nothing was written", target)
		}
	}
	if len(f.Media) > 0 {
		if err := os.MkdirAll(mediaDir, 0o755); err != nil {
			return err
		}
	}
	for _, m := range f.Media {
		if err := writeAtomic(filepath.Join(mediaDir, m.Name), m.Data); err != nil {
			return err
		}
	}
	return writeAtomic(out, f.QuizYAML)
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// FindVersion looks up a version of a course by its version number or folder name ("draft").
func FindVersion(cat *content.Catalog, courseID, version string) (*content.Version, error) {
	course := cat.AnyCourse(courseID)
	if course == nil {
		return nil, fmt.Errorf("there is no course %q", courseID)
	}
	if v := course.Version(version); v != nil {
		return v, nil
	}
	if v := course.Draft(version); v != nil {
		return v, nil
	}
	var known []string
	for _, v := range course.Versions() {
		known = append(known, v.Version)
	}
	for _, v := range course.Drafts() {
		known = append(known, v.Folder)
	}
	return nil, fmt.Errorf("course %q has no version %q; it has: %s", courseID, version, strings.Join(known, ", "))
}

// ModuleMedia reads files of a module folder for the exports.
func ModuleMedia(m *content.Module) MediaReader {
	return func(rel string) ([]byte, error) {
		return m.Version().ReadFile("modules/" + m.Folder + "/" + rel)
	}
}

// ExportQuiz writes the quiz of a module in a format (FormatMoodleXML or FormatQTI).
func ExportQuiz(format string, m *content.Module) ([]byte, error) {
	if m.Quiz == nil {
		return nil, fmt.Errorf("module %q has no quiz", m.ID)
	}
	v := m.Version()
	switch format {
	case FormatMoodleXML:
		return ExportMoodleXML(m.Quiz, ModuleMedia(m))
	case FormatQTI:
		return ExportQTI(m.Quiz, ModuleMedia(m), QTIExport{Identifier: v.CourseID + "-" + m.ID, Title: m.Title, Language: v.Manifest.Language})
	}
	return nil, fmt.Errorf("unknown export format %q: use moodlexml or qti", format)
}
