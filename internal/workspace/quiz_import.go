package workspace

import (
	"fmt"
	"path/filepath"
)

// QuizImport is a quiz converted from another format (internal/interchange) with the images its
// questions use, for one module of the draft.
type QuizImport struct {
	CourseID     string
	ModuleFolder string
	QuizYAML     []byte
	Media        map[string][]byte // file name inside media/ → content
	BaseHash     string            // hash of the module's quiz.yaml when the import was shown
}

// MediaExists reports whether a module of the draft has a media file of that name already, so an
// import can pick other names instead of overwriting it.
func (w *Workspace) MediaExists(courseID, moduleFolder, name string) bool {
	dir, err := ModuleDir(moduleFolder)
	if err != nil {
		return false
	}
	data, _, err := w.ReadFile(courseID, DraftFolder, dir+"/media/"+name)
	return err == nil && data != nil
}

// ImportQuiz writes quiz.yaml and the new media of a module in one validated change of the draft:
// when the quiz.yaml changed since BaseHash it returns a ConflictError, when the result adds a
// validation problem an InvalidError, and in both cases nothing is written. Existing media files
// are never overwritten.
func (w *Workspace) ImportQuiz(imp QuizImport) error {
	dir, err := ModuleDir(imp.ModuleFolder)
	if err != nil {
		return err
	}
	for name := range imp.Media {
		if err := checkRel(dir + "/media/" + name); err != nil {
			return err
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	draft := filepath.Join(w.Root, imp.CourseID, DraftFolder)
	quizPath := filepath.Join(draft, filepath.FromSlash(dir), "quiz.yaml")
	current, err := readOptional(quizPath)
	if err != nil {
		return err
	}
	if Hash(current) != imp.BaseHash {
		return &ConflictError{Current: current, Hash: Hash(current)}
	}
	for name := range imp.Media {
		if existing, _ := readOptional(filepath.Join(draft, filepath.FromSlash(dir), "media", name)); existing != nil {
			return fmt.Errorf("media/%s exists already in module %s", name, imp.ModuleFolder)
		}
	}
	write := func(root string) error {
		for name, data := range imp.Media {
			if err := writeAtomic(filepath.Join(root, filepath.FromSlash(dir), "media", name), data); err != nil {
				return err
			}
		}
		return writeAtomic(filepath.Join(root, filepath.FromSlash(dir), "quiz.yaml"), imp.QuizYAML)
	}
	return w.changeDraft(imp.CourseID, write, func(string) error { return write(draft) })
}
