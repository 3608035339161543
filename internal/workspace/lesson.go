package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// Lesson is a lesson.md split into the fields the editor shows.
type Lesson struct {
	Title   string
	Minutes int
	Body    string // the Markdown after the front matter
}

// ParseLesson splits a lesson.md into its front matter fields and body. ok is false when the file
// has no readable front matter; the editor then shows the whole file as the body.
func ParseLesson(data []byte) (l Lesson, ok bool) {
	s := strings.TrimPrefix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\uFEFF")
	rest, found := strings.CutPrefix(s, "---\n")
	if !found {
		return Lesson{Body: s}, false
	}
	front, body, found := strings.Cut(rest, "\n---\n")
	if !found {
		return Lesson{Body: s}, false
	}
	var fm struct {
		Title   string `yaml:"title"`
		Minutes int    `yaml:"duration_minutes"`
	}
	if err := yaml.Unmarshal([]byte(front), &fm); err != nil {
		return Lesson{Body: s}, false
	}
	return Lesson{Title: fm.Title, Minutes: fm.Minutes, Body: strings.TrimPrefix(body, "\n")}, true
}

// Bytes writes the lesson back as lesson.md.
func (l Lesson) Bytes() []byte {
	body := strings.ReplaceAll(l.Body, "\r\n", "\n")
	return fmt.Appendf(nil, "---\ntitle: %s\nduration_minutes: %d\n---\n\n%s\n",
		scalar(l.Title), l.Minutes, strings.TrimRight(strings.TrimLeft(body, "\n"), "\n"))
}

// scalar renders a one-line YAML string value, quoting only when YAML needs it.
func scalar(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	b, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSpace(string(b))
}

// ModuleFolder is a module folder of a version as found on disk, valid or not.
type ModuleFolder struct {
	Folder  string // "01-was-ist-ki"
	ID      string // "was-ist-ki"
	Title   string // from the lesson's front matter; empty when unreadable
	HasQuiz bool
}

// Modules lists the module folders of a version in folder order.
func (w *Workspace) Modules(courseID, folder string) ([]ModuleFolder, error) {
	dir, err := w.VersionDir(courseID, folder)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Join(dir, "modules"))
	if err != nil {
		return nil, err
	}
	var out []ModuleFolder
	for _, e := range entries {
		if !e.IsDir() || !modulePattern.MatchString(e.Name()) {
			continue
		}
		_, id, _ := strings.Cut(e.Name(), "-")
		m := ModuleFolder{Folder: e.Name(), ID: id}
		if data, err := os.ReadFile(filepath.Join(dir, "modules", e.Name(), "lesson.md")); err == nil {
			l, _ := ParseLesson(data)
			m.Title = l.Title
		}
		_, err := os.Stat(filepath.Join(dir, "modules", e.Name(), "quiz.yaml"))
		m.HasQuiz = err == nil
		out = append(out, m)
	}
	slices.SortStableFunc(out, func(a, b ModuleFolder) int { return moduleNumber(a.Folder) - moduleNumber(b.Folder) })
	return out, nil
}

func moduleNumber(folder string) int {
	n, _ := strconv.Atoi(strings.SplitN(folder, "-", 2)[0])
	return n
}

// FindModule returns the module folder with the given module id.
func (w *Workspace) FindModule(courseID, folder, moduleID string) (ModuleFolder, error) {
	mods, err := w.Modules(courseID, folder)
	if err != nil {
		return ModuleFolder{}, err
	}
	for _, m := range mods {
		if m.ID == moduleID {
			return m, nil
		}
	}
	return ModuleFolder{}, fmt.Errorf("%w: no module %q", ErrBadName, moduleID)
}

// ModuleMap maps module folders to ids, for content.RenderOptions.Modules.
func ModuleMap(mods []ModuleFolder) map[string]string {
	m := map[string]string{}
	for _, mod := range mods {
		m[mod.Folder] = mod.ID
	}
	return m
}
