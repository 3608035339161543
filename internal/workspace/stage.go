package workspace

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// stage is a throwaway copy of one course (hard links where possible) where a change is tried out
// and validated before it touches the real folders.
type stage struct {
	root     string // a courses folder holding only this course
	courseID string
	draft    string // the folder name of the course's draft (see DraftName)
}

// newStage copies every version folder of the course into a fresh stage.
func (w *Workspace) newStage(courseID string) (*stage, error) {
	base := filepath.Join(w.Root, stageDir)
	if err := os.MkdirAll(base, 0o755); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp(base, "stage-")
	if err != nil {
		return nil, err
	}
	s := &stage{root: root, courseID: courseID, draft: w.DraftName(courseID)}
	courseDir := filepath.Join(w.Root, courseID)
	entries, err := os.ReadDir(courseDir)
	if err != nil {
		s.close()
		return nil, err
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := copyTree(filepath.Join(courseDir, e.Name()), s.dir(e.Name()), true); err != nil {
			s.close()
			return nil, err
		}
	}
	return s, nil
}

func (s *stage) dir(folder string) string { return filepath.Join(s.root, s.courseID, folder) }

func (s *stage) close() { _ = os.RemoveAll(s.root) }

// load validates the staged course and returns the problems of one version folder and the catalog.
func (s *stage) load(folder string) ([]content.Problem, *content.Catalog, error) {
	cat, report, err := content.Load(s.root)
	if err != nil {
		return nil, nil, err
	}
	prefix := s.courseID + "/" + folder
	var ps []content.Problem
	for _, p := range report.Problems {
		if p.Path == prefix || strings.HasPrefix(p.Path, prefix+"/") {
			ps = append(ps, p)
		}
	}
	return ps, cat, nil
}

// valid returns an InvalidError with the problems of a staged version folder, nil when it has none.
func (s *stage) valid(folder string) error {
	ps, _, err := s.load(folder)
	if err != nil {
		return err
	}
	if len(ps) > 0 {
		return &InvalidError{Problems: ps}
	}
	return nil
}

// added returns the problems of after that were not in before, comparing file and message (lines
// move when a file is edited).
func added(before, after []content.Problem) []content.Problem {
	seen := map[string]int{}
	for _, p := range before {
		seen[p.Path+"\x00"+p.Message]++
	}
	var out []content.Problem
	for _, p := range after {
		key := p.Path + "\x00" + p.Message
		if seen[key] > 0 {
			seen[key]--
			continue
		}
		out = append(out, p)
	}
	return out
}

// changeDraft tries apply on a staged copy of the draft and, when it adds no problem, calls
// commit with the staged draft folder to make the change real. The caller holds w.mu.
func (w *Workspace) changeDraft(courseID string, apply, commit func(stagedDraft string) error) error {
	if !w.HasDraft(courseID) {
		return ErrNoDraft
	}
	s, err := w.newStage(courseID)
	if err != nil {
		return err
	}
	defer s.close()
	before, _, err := s.load(s.draft)
	if err != nil {
		return err
	}
	if err := apply(s.dir(s.draft)); err != nil {
		return err
	}
	after, _, err := s.load(s.draft)
	if err != nil {
		return err
	}
	if ps := added(before, after); len(ps) > 0 {
		return &InvalidError{Problems: ps}
	}
	return commit(s.dir(s.draft))
}

// replaceDraft swaps the real draft folder for a staged one: two renames on one file system.
func (w *Workspace) replaceDraft(courseID, stagedDraft string) error {
	real := w.draftDir(courseID)
	old := stagedDraft + ".old"
	if err := os.Rename(real, old); err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := os.Rename(stagedDraft, real); err != nil {
		_ = os.Rename(old, real) // put the old draft back
		return err
	}
	return os.RemoveAll(old)
}
