package workspace

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// NewDraft copies the release folder `from` of a course to its draft folder, with the next minor
// version number, `change: minor`, `status: draft` and a CHANGELOG section for it. It refuses when
// a draft exists.
func (w *Workspace) NewDraft(courseID, from string) error {
	src, err := w.VersionDir(courseID, from)
	if err != nil || from == DraftFolder {
		return ErrBadName
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.HasDraft(courseID) {
		return ErrDraftExists
	}
	s, err := w.newStage(courseID)
	if err != nil {
		return err
	}
	defer s.close()
	staged := s.dir(DraftFolder)
	if err := copyTree(src, staged, false); err != nil {
		return err
	}
	next := Bump(from, content.ChangeMinor)
	if err := retarget(staged, next, content.ChangeMinor, content.StatusDraft, "", ""); err != nil {
		return err
	}
	if err := s.valid(DraftFolder); err != nil {
		return err
	}
	return os.Rename(staged, w.draftDir(courseID))
}

// retarget sets version, change and status in a version folder's course.yaml and makes sure the
// CHANGELOG has a section for the version: entry replaces the draft's own section when given.
func retarget(dir, version, change, status, entry, date string) error {
	manifestPath := filepath.Join(dir, "course.yaml")
	data, err := os.ReadFile(manifestPath)
	if err != nil {
		return err
	}
	data = setTopLevel(data, "version", version, "id")
	data = setTopLevel(data, "status", status, "version")
	data = setTopLevel(data, "change", change, "status")
	if err := writeAtomic(manifestPath, data); err != nil {
		return err
	}
	logPath := filepath.Join(dir, "CHANGELOG.md")
	log, err := readOptional(logPath)
	if err != nil {
		return err
	}
	return writeAtomic(logPath, changelogWith(log, version, entry, date))
}

// setTopLevel replaces the line "key: …" at the top level of a YAML file, or inserts it after the
// line of the key `after`. Editing lines keeps the trainer's comments and layout.
func setTopLevel(data []byte, key, value, after string) []byte {
	lines := strings.Split(string(data), "\n")
	line := key + ": " + value
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			lines[i] = line
			return []byte(strings.Join(lines, "\n"))
		}
	}
	at := 0
	for i, l := range lines {
		if strings.HasPrefix(l, after+":") {
			at = i + 1
		}
	}
	return []byte(strings.Join(slices.Insert(lines, at, line), "\n"))
}

var changelogHeading = regexp.MustCompile(`^## +(\S+)`)

// changelogWith returns the CHANGELOG with a section for version at the top. An existing section
// for that version (the draft's placeholder) is replaced when entry is given, kept otherwise; the
// draft's sections for other unreleased numbers are dropped.
func changelogWith(log []byte, version, entry, date string) []byte {
	sections := splitSections(string(log))
	var kept []string
	current := ""
	for _, sec := range sections {
		v := sectionVersion(sec)
		switch {
		case v == version:
			current = sec
		case strings.Contains(firstLine(sec), "(Entwurf)"):
			// the placeholder of an earlier draft number
		default:
			kept = append(kept, sec)
		}
	}
	if entry != "" || current == "" {
		when := date
		if when == "" {
			when = "Entwurf"
		}
		body := strings.TrimSpace(entry)
		if body == "" {
			body = "- Entwurf: Änderungen hier beschreiben."
		}
		current = fmt.Sprintf("## %s (%s)\n\n%s\n", version, when, body)
	}
	return []byte(strings.Join(append([]string{strings.TrimRight(current, "\n") + "\n"}, kept...), "\n"))
}

// splitSections splits Markdown before every "## " heading; text before the first one is dropped
// only when it is blank.
func splitSections(s string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "## ") && cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(line)
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, cur.String())
	}
	for i := range out {
		out[i] = strings.TrimRight(out[i], "\n") + "\n"
	}
	return out
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

func sectionVersion(sec string) string {
	if m := changelogHeading.FindStringSubmatch(firstLine(sec)); m != nil {
		return m[1]
	}
	return ""
}

// Bump returns the next version number for a change kind: 1.2.3 → 1.2.4, 1.3.0 or 2.0.0.
func Bump(version, change string) string {
	parts := strings.Split(version, ".")
	n := make([]int, 3)
	for i := range min(len(parts), 3) {
		n[i], _ = strconv.Atoi(parts[i])
	}
	switch change {
	case content.ChangeMajor:
		n = []int{n[0] + 1, 0, 0}
	case content.ChangeMinor:
		n = []int{n[0], n[1] + 1, 0}
	default:
		n[2]++
	}
	return fmt.Sprintf("%d.%d.%d", n[0], n[1], n[2])
}

// ReadFile returns a file of a version folder with its hash; a missing file is nil and "".
func (w *Workspace) ReadFile(courseID, folder, rel string) ([]byte, string, error) {
	dir, err := w.VersionDir(courseID, folder)
	if err != nil {
		return nil, "", err
	}
	if err := checkRel(rel); err != nil {
		return nil, "", err
	}
	data, err := readOptional(filepath.Join(dir, filepath.FromSlash(rel)))
	return data, Hash(data), err
}

// SaveFile writes one file of the draft when the draft was at baseHash for that file (else a
// ConflictError) and the result adds no validation problem (else an InvalidError). The write is
// atomic; on any error the file on disk is unchanged.
func (w *Workspace) SaveFile(courseID, rel string, data []byte, baseHash string) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	if len(data) > content.MaxTextBytes && isText(rel) {
		return &InvalidError{Problems: []content.Problem{{Path: courseID + "/draft/" + rel, Message: "the file is larger than 1 MiB; split it into several modules"}}}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	real := filepath.Join(w.draftDir(courseID), filepath.FromSlash(rel))
	current, err := readOptional(real)
	if err != nil {
		return err
	}
	if Hash(current) != baseHash {
		return &ConflictError{Current: current, Hash: Hash(current)}
	}
	return w.changeDraft(courseID,
		func(staged string) error { return writeAtomic(filepath.Join(staged, filepath.FromSlash(rel)), data) },
		func(string) error { return writeAtomic(real, data) })
}

// CheckFileName says whether rel names a file a trainer may edit (an ErrBadName error if not).
func CheckFileName(rel string) error { return checkRel(rel) }

// checkRel accepts the files a trainer edits: course.yaml, CHANGELOG.md, and a module's lesson.md,
// quiz.yaml and media/<file>.
func checkRel(rel string) error {
	if rel == "course.yaml" || rel == "CHANGELOG.md" {
		return nil
	}
	parts := strings.Split(rel, "/")
	ok := len(parts) >= 3 && parts[0] == "modules" && modulePattern.MatchString(parts[1]) && path.Clean(rel) == rel
	switch {
	case ok && len(parts) == 3 && (parts[2] == "lesson.md" || parts[2] == "quiz.yaml"):
		return nil
	case ok && len(parts) == 4 && parts[2] == "media" && mediaName.MatchString(parts[3]):
		return nil
	}
	return fmt.Errorf("%w: %q", ErrBadName, rel)
}

var mediaName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,99}$`)

func isText(rel string) bool {
	return strings.HasSuffix(rel, ".md") || strings.HasSuffix(rel, ".yaml")
}
