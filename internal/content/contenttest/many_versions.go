package contenttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
)

var manifestLine = regexp.MustCompile(`(?m)^(id|version|change|translation_of): .*\n`)

// WriteManyVersions writes n published courses into dir, each a copy of the version folder src
// (a shipped course) under its own id, as an installation with a long history of releases holds
// them: like a release, each copy changes one lesson and one quiz of the original (copy i the
// lesson of module i mod the number of modules, and the quiz of the module after it) and keeps
// the rest as it was. The start-up and memory figures with 200 versions come from here.
func WriteManyVersions(src, dir string, n int) error {
	manifest, err := os.ReadFile(filepath.Join(src, "course.yaml"))
	if err != nil {
		return err
	}
	modules, err := filepath.Glob(filepath.Join(src, "modules", "*"))
	if err != nil || len(modules) == 0 {
		return fmt.Errorf("no modules in %s: %v", src, err)
	}
	sort.Strings(modules)
	for i := range n {
		id := fmt.Sprintf("viele-versionen-%03d", i+1)
		dst := filepath.Join(dir, id, "1.0.0")
		if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
			return err
		}
		m := "id: " + id + "\nversion: 1.0.0\n" + manifestLine.ReplaceAllString(string(manifest), "")
		if err := os.WriteFile(filepath.Join(dst, "course.yaml"), []byte(m), 0o644); err != nil {
			return err
		}
		changelog := fmt.Sprintf("## 1.0.0 (2026-12-06)\n\nKopie %d von %s für den Lasttest.\n", i+1, filepath.Base(filepath.Dir(src)))
		if err := os.WriteFile(filepath.Join(dst, "CHANGELOG.md"), []byte(changelog), 0o644); err != nil {
			return err
		}
		lesson := filepath.Join(dst, "modules", filepath.Base(modules[i%len(modules)]), "lesson.md")
		if err := appendTo(lesson, fmt.Sprintf("\n\nDiese Fassung (Kopie %d) ergänzt diesen Absatz.\n", i+1)); err != nil {
			return err
		}
		quiz := filepath.Join(dst, "modules", filepath.Base(modules[(i+1)%len(modules)]), "quiz.yaml")
		if _, err := os.Stat(quiz); err == nil {
			if err := appendTo(quiz, fmt.Sprintf("# geändert in Kopie %d\n", i+1)); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendTo(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
