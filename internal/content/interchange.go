package content

import (
	"fmt"
	"html/template"
	"os"
	"sort"
	"strings"
)

// This file gives the interchange package (quiz import/export, SCORM export) what it needs from a
// loaded version without exposing the loader's internals.

// SanitizeHTML runs HTML through the same policy as rendered Markdown: only what the renderer
// emits survives. Imported question texts go through it before they are turned into Markdown.
func SanitizeHTML(s string) string { return sanitizer.Sanitize(s) }

// FileNames lists the files of the version (relative, "/"-separated), sorted.
func (v *Version) FileNames() []string {
	names := make([]string, 0, len(v.files))
	for rel := range v.files {
		names = append(names, rel)
	}
	sort.Strings(names)
	return names
}

// ReadFile reads a file of the version by its relative path, refusing paths that leave the folder.
func (v *Version) ReadFile(rel string) ([]byte, error) {
	if _, ok := v.files[rel]; !ok {
		return nil, fmt.Errorf("no file %q in %s %s", rel, v.CourseID, v.Folder)
	}
	abs, err := FileInside(v.Dir, rel)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(abs)
}

// ModuleFolderIDs maps module folder names to module ids, as RenderOptions.Modules wants them.
func (v *Version) ModuleFolderIDs() map[string]string {
	ids := map[string]string{}
	for _, m := range v.Modules {
		ids[m.Folder] = m.ID
	}
	return ids
}

// RenderLesson renders the module's lesson again with other URL options, for pages that are served
// elsewhere than the web app (a SCORM package links its files relative to itself).
func (m *Module) RenderLesson(opts RenderOptions) (template.HTML, error) {
	dir := "modules/" + m.Folder
	data, err := m.version.ReadFile(dir + "/lesson.md")
	if err != nil {
		return "", err
	}
	lesson, ps := parseLesson(dir+"/lesson.md", data)
	if lesson == nil {
		msgs := make([]string, len(ps))
		for i, p := range ps {
			msgs[i] = p.String()
		}
		return "", fmt.Errorf("lesson cannot be read: %s", strings.Join(msgs, "; "))
	}
	opts.Dir = dir
	return RenderMarkdown(lesson.body, opts)
}
