// Package workspace is the trainer workspace without HTTP: it creates a course's draft folder from
// the latest release, writes draft files atomically after checking them with the content validator,
// compares versions line by line, checks lessons for accessibility, publishes a draft as a new
// immutable version folder and imports and exports versions as zip files.
//
// Only the folder named "draft" is ever written. Every change is first applied to a staged copy of
// the course inside the hidden folder .ailit-workspace of the courses folder (the loader ignores
// names starting with "."), validated there with content.Load, and reaches the real draft only
// when it adds no problem. A refused change leaves the draft on disk as it was.
package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/ailit/ailit/internal/content"
)

// DraftFolder is the name of the one folder per course the workspace edits.
const DraftFolder = "draft"

// stageDir is where staged copies live, inside the courses folder so renames stay on one file system.
const stageDir = ".ailit-workspace"

// Workspace edits the course folders under Root. It is safe for concurrent use: changes are
// serialised by one lock, which is enough for a handful of trainers.
type Workspace struct {
	Root string
	mu   sync.Mutex
}

// New returns a workspace for the courses folder root.
func New(root string) *Workspace { return &Workspace{Root: root} }

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	folderPattern = regexp.MustCompile(`^(draft|(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*))$`)
	modulePattern = regexp.MustCompile(`^[0-9]+-[a-z0-9]+(-[a-z0-9]+)*$`)
	// ErrBadName: a course, version, module or file name outside what the workspace edits.
	ErrBadName     = errors.New("invalid course, version or module name")
	ErrDraftExists = errors.New("the course already has a draft; edit or publish it first")
	ErrNoDraft     = errors.New("the course has no draft")
)

// InvalidError is a change the validator refused; the draft on disk is unchanged.
type InvalidError struct {
	Problems []content.Problem // the problems the change would add
}

func (e *InvalidError) Error() string {
	if len(e.Problems) == 0 {
		return "the change was refused"
	}
	return fmt.Sprintf("the change would make the draft invalid: %s", e.Problems[0])
}

// ConflictError is a save based on a file version that someone else changed in the meantime.
type ConflictError struct {
	Current []byte // the file as it is on disk now (nil when it was deleted)
	Hash    string // its hash, to carry in the form of "keep my version"
}

func (e *ConflictError) Error() string { return "the file was changed by someone else in the meantime" }

// VersionDir returns the folder of a version ("1.0.0" or "draft") of a course after checking both
// names, so a request parameter can never reach outside the courses folder. "draft" means the
// course's draft, whichever folder holds it (see DraftName).
func (w *Workspace) VersionDir(courseID, folder string) (string, error) {
	if !idPattern.MatchString(courseID) || !folderPattern.MatchString(folder) {
		return "", ErrBadName
	}
	if folder == DraftFolder {
		folder = w.DraftName(courseID)
	}
	return filepath.Join(w.Root, courseID, folder), nil
}

// DraftName returns the folder of the course's draft: "draft" when it exists, else a version
// folder whose course.yaml says `status: draft` (docs/course-format.md treats both alike), else
// "draft". A course has at most one draft the workspace edits; the "draft" folder wins.
func (w *Workspace) DraftName(courseID string) string {
	if !idPattern.MatchString(courseID) {
		return DraftFolder
	}
	if isDir(filepath.Join(w.Root, courseID, DraftFolder)) {
		return DraftFolder
	}
	entries, _ := os.ReadDir(filepath.Join(w.Root, courseID))
	for _, e := range entries {
		if !e.IsDir() || !folderPattern.MatchString(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(w.Root, courseID, e.Name(), "course.yaml"))
		if err != nil {
			continue
		}
		if m, _ := content.ParseManifest("course.yaml", data); m != nil && m.Status == content.StatusDraft {
			return e.Name()
		}
	}
	return DraftFolder
}

// draftDir is the folder of the course's draft on disk.
func (w *Workspace) draftDir(courseID string) string {
	return filepath.Join(w.Root, courseID, w.DraftName(courseID))
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// HasDraft reports whether the course has a draft folder.
func (w *Workspace) HasDraft(courseID string) bool {
	dir, err := w.VersionDir(courseID, DraftFolder)
	return err == nil && isDir(dir)
}

// ModuleDir checks a module folder name such as "01-was-ist-ki".
func ModuleDir(folder string) (string, error) {
	if !modulePattern.MatchString(folder) {
		return "", ErrBadName
	}
	return "modules/" + folder, nil
}
