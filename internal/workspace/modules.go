package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Errors of module changes.
var (
	ErrModuleTitle = errors.New("a module needs a title")
	ErrLastModule  = errors.New("a course needs at least one module")
	ErrHasQuiz     = errors.New("the module has a quiz already")
	ErrNoQuiz      = errors.New("the module has no quiz")
)

// Module folders are named "NN-id": the number orders them, the id after it never changes. Every
// change of the order renames the folders so the numbers count 01, 02, … again and a listing of
// the folder (or a git diff) shows the order.

// renumbered returns the folder names for module ids in the given order: "01-id", "02-id", …
// with at least two digits.
func renumbered(ids []string) []string {
	width := max(2, len(fmt.Sprint(len(ids))))
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = fmt.Sprintf("%0*d-%s", width, i+1, id)
	}
	return out
}

// renameModules renames the module folders of a (staged) draft from their current names to the
// names for ids in order; folders missing from ids are removed first, ids without a folder are
// new modules already written under their new name. Two passes through
// temporary names avoid collisions when two modules swap numbers.
func renameModules(draft string, current []ModuleFolder, ids []string) error {
	modules := filepath.Join(draft, "modules")
	byID := map[string]string{}
	for _, m := range current {
		if slices.Contains(ids, m.ID) {
			byID[m.ID] = m.Folder
			continue
		}
		if err := os.RemoveAll(filepath.Join(modules, m.Folder)); err != nil {
			return err
		}
	}
	names := renumbered(ids)
	moved := map[string]string{} // old folder → new folder
	for i, id := range ids {
		if old, ok := byID[id]; ok && old != names[i] {
			moved[old] = names[i]
		}
	}
	if len(moved) == 0 {
		return nil
	}
	for i, id := range ids {
		if _, ok := moved[byID[id]]; !ok {
			continue // in place, or a new module the edit already wrote under its name
		}
		if err := os.Rename(filepath.Join(modules, byID[id]), filepath.Join(modules, ".move-"+names[i])); err != nil {
			return err
		}
	}
	for i, id := range ids {
		if _, ok := moved[byID[id]]; !ok {
			continue
		}
		if err := os.Rename(filepath.Join(modules, ".move-"+names[i]), filepath.Join(modules, names[i])); err != nil {
			return err
		}
	}
	for _, folder := range names {
		if err := relinkLesson(filepath.Join(modules, folder, "lesson.md"), moved); err != nil {
			return err
		}
	}
	return nil
}

// moduleLink is a relative link from one lesson to another module's folder.
var moduleLink = regexp.MustCompile(`\.\./([0-9]+-[a-z0-9]+(?:-[a-z0-9]+)*)/`)

// relinkLesson rewrites links "../02-x/…" of a lesson to the renumbered folder names.
func relinkLesson(path string, moved map[string]string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	changed := false
	out := moduleLink.ReplaceAllStringFunc(string(data), func(link string) string {
		if to, ok := moved[moduleLink.FindStringSubmatch(link)[1]]; ok {
			changed = true
			return "../" + to + "/"
		}
		return link
	})
	if !changed {
		return nil
	}
	return writeAtomic(path, []byte(out))
}

// changeModules applies a change of the module list to a stage of the draft: edit gets the staged
// draft folder and the module ids in order and returns the new order. The folders are renumbered,
// the result validated, and only then swapped for the real draft.
func (w *Workspace) changeModules(courseID string, edit func(draft string, ids []string) ([]string, error)) error {
	current, err := w.Modules(courseID, DraftFolder)
	if err != nil {
		if os.IsNotExist(err) {
			return ErrNoDraft
		}
		return err
	}
	ids := make([]string, len(current))
	for i, m := range current {
		ids[i] = m.ID
	}
	return w.changeDraft(courseID, func(staged string) error {
		next, err := edit(staged, slices.Clone(ids))
		if err != nil {
			return err
		}
		return renameModules(staged, current, next)
	}, func(staged string) error { return w.replaceDraft(courseID, staged) })
}

// AddModule adds a module at the end of the draft with a lesson of that title and returns its id.
// The id is made from the title and differs from every module id the course ever had, since
// learners' progress is kept by module id.
func (w *Workspace) AddModule(courseID, title string) (string, error) {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return "", ErrModuleTitle
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	id := w.freeModuleID(courseID, baseName(title))
	err := w.changeModules(courseID, func(draft string, ids []string) ([]string, error) {
		folder := renumbered(append(slices.Clone(ids), id))[len(ids)]
		lesson := Lesson{Title: title, Minutes: 5, Body: newLessonBody}
		if err := writeAtomic(filepath.Join(draft, "modules", folder, "lesson.md"), lesson.Bytes()); err != nil {
			return nil, err
		}
		return append(ids, id), nil
	})
	return id, err
}

const newLessonBody = "Schreiben Sie hier den Text des Moduls in Markdown.\n"

// freeModuleID returns base, or base-2, base-3 …, whichever no version of the course uses.
func (w *Workspace) freeModuleID(courseID, base string) string {
	used := map[string]bool{}
	entries, _ := os.ReadDir(filepath.Join(w.Root, courseID))
	for _, e := range entries {
		if mods, err := w.Modules(courseID, e.Name()); err == nil {
			for _, m := range mods {
				used[m.ID] = true
			}
		}
	}
	id := base
	for i := 2; used[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return id
}

// RenameModule changes the title of a module in its lesson's front matter. The module id and
// folder stay as they are, so published progress and links keep pointing at the module.
// lessonHash guards against a concurrent edit of the lesson.
func (w *Workspace) RenameModule(courseID, moduleID, title, lessonHash string) error {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return ErrModuleTitle
	}
	m, err := w.FindModule(courseID, DraftFolder, moduleID)
	if err != nil {
		return err
	}
	rel := "modules/" + m.Folder + "/lesson.md"
	data, _, err := w.ReadFile(courseID, DraftFolder, rel)
	if err != nil {
		return err
	}
	updated, err := withLessonTitle(data, title)
	if err != nil {
		return err
	}
	return w.SaveFile(courseID, rel, updated, lessonHash)
}

// withLessonTitle replaces the title in a lesson's front matter and keeps every other byte.
func withLessonTitle(lesson []byte, title string) ([]byte, error) {
	s := string(lesson)
	rest, ok := strings.CutPrefix(s, "---\n")
	front, body, found := strings.Cut(rest, "\n---\n")
	if !ok || !found {
		return nil, errors.New("the lesson has no front matter; edit it in the lesson editor")
	}
	y, err := parseYAMLFile([]byte(front + "\n"))
	if err != nil {
		return nil, err
	}
	var o yamlOut
	o.text(0, "title", title)
	y.set("title", o.b.String(), "")
	return []byte("---\n" + strings.TrimSuffix(string(y.bytes()), "\n") + "\n---\n" + body), nil
}

// changeModuleAt is changeModules for an edit of one module given by id.
func (w *Workspace) changeModuleAt(courseID, moduleID string, edit func(ids []string, i int) ([]string, error)) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.changeModules(courseID, func(_ string, ids []string) ([]string, error) {
		i := slices.Index(ids, moduleID)
		if i < 0 {
			return nil, fmt.Errorf("%w: no module %q", ErrBadName, moduleID)
		}
		return edit(ids, i)
	})
}

// MoveModule moves a module one place up (delta -1) or down (+1) and renumbers the folders.
func (w *Workspace) MoveModule(courseID, moduleID string, delta int) error {
	return w.changeModuleAt(courseID, moduleID, func(ids []string, i int) ([]string, error) {
		j := i + delta
		if j < 0 || j >= len(ids) {
			return ids, nil // already first or last
		}
		ids[i], ids[j] = ids[j], ids[i]
		return ids, nil
	})
}

// DeleteModule removes a module folder with its lesson, quiz and media and renumbers the others.
// The validator refuses it (an InvalidError naming file and line) while the completion rule or a
// link in another lesson still names the module.
func (w *Workspace) DeleteModule(courseID, moduleID string) error {
	return w.changeModuleAt(courseID, moduleID, func(ids []string, i int) ([]string, error) {
		if len(ids) == 1 {
			return nil, ErrLastModule
		}
		return slices.Delete(ids, i, i+1), nil
	})
}

// AddQuiz gives a module without a quiz an example quiz with one question to be replaced.
func (w *Workspace) AddQuiz(courseID, moduleID, language string) error {
	m, err := w.FindModule(courseID, DraftFolder, moduleID)
	if err != nil {
		return err
	}
	if m.HasQuiz {
		return ErrHasQuiz
	}
	tx, ok := courseTemplateTexts[language]
	if !ok {
		tx = courseTemplateTexts["de"]
	}
	return w.SaveFile(courseID, "modules/"+m.Folder+"/quiz.yaml", exampleQuiz(m.ID+"-1", tx), "")
}

// DeleteQuiz removes a module's quiz.yaml; the validator refuses it while the completion rule
// names the quiz.
func (w *Workspace) DeleteQuiz(courseID, moduleID string) error {
	m, err := w.FindModule(courseID, DraftFolder, moduleID)
	if err != nil {
		return err
	}
	if !m.HasQuiz {
		return ErrNoQuiz
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	rel := filepath.Join("modules", m.Folder, "quiz.yaml")
	return w.changeDraft(courseID,
		func(staged string) error { return os.Remove(filepath.Join(staged, rel)) },
		func(string) error { return os.Remove(filepath.Join(w.draftDir(courseID), rel)) })
}
