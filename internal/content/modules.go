package content

import (
	"cmp"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/quiz"
)

// moduleFolderPattern is "NN-id": the number orders the modules, the rest is the module id.
var moduleFolderPattern = regexp.MustCompile(`^([0-9]+)-([a-z0-9]+(?:-[a-z0-9]+)*)$`)

// loadModules finds the module folders, then reads, checks and renders each module.
func (l *versionLoad) loadModules(files []versionFile, texts map[string][]byte) {
	entries, err := os.ReadDir(filepath.Join(l.v.Dir, "modules"))
	if err != nil {
		l.add(Problem{l.rel, 0, 0, "the version has no modules folder"})
		return
	}
	type numbered struct {
		n int
		m *Module
	}
	var found []numbered
	seen := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !e.IsDir() {
			continue
		}
		match := moduleFolderPattern.FindStringSubmatch(e.Name())
		if match == nil {
			l.add(Problem{l.rel + "/modules/" + e.Name(), 0, 0,
				"a module folder must be named like 01-was-ist-ki: a number, a hyphen, then lowercase letters, digits and hyphens"})
			continue
		}
		if other, dup := seen[match[2]]; dup {
			l.add(Problem{l.rel + "/modules/" + e.Name(), 0, 0,
				fmt.Sprintf("module id %q is used twice (also by modules/%s)", match[2], other)})
			continue
		}
		seen[match[2]] = e.Name()
		n, _ := strconv.Atoi(match[1])
		found = append(found, numbered{n, &Module{ID: match[2], Folder: e.Name(), version: l.v}})
	}
	if len(found) == 0 {
		l.add(Problem{l.rel + "/modules", 0, 0, "the version has no modules"})
		return
	}
	slices.SortStableFunc(found, func(a, b numbered) int { return cmp.Compare(a.n, b.n) })
	l.moduleIDs = map[string]string{}
	for i, f := range found {
		f.m.index = i
		l.v.Modules = append(l.v.Modules, f.m)
		l.moduleIDs[f.m.Folder] = f.m.ID
	}
	questionOwner := map[string]string{} // question id → module id, for uniqueness in the course
	for _, m := range l.v.Modules {
		l.loadLesson(m, texts)
		l.loadQuiz(m, texts, questionOwner)
		m.Hash = hashFiles(files, "modules/"+m.Folder+"/")
	}
}

func (l *versionLoad) loadLesson(m *Module, texts map[string][]byte) {
	dir := "modules/" + m.Folder
	relPath := l.rel + "/" + dir + "/lesson.md"
	data, ok := texts[dir+"/lesson.md"]
	if !ok {
		if _, exists := l.v.files[dir+"/lesson.md"]; !exists {
			l.add(Problem{l.rel + "/" + dir, 0, 0, "lesson.md is missing"})
		}
		return
	}
	lesson, ps := parseLesson(relPath, data)
	l.add(ps...)
	if lesson == nil {
		return
	}
	m.Title, m.Minutes = lesson.Title, lesson.DurationMinutes
	if lesson.doc.has("$.package") || lesson.doc.has("$.package_folder") {
		l.loadPackage(m, lesson)
	}
	m.HTML = l.renderChecked(relPath, lesson.body, lesson.bodyLine-1, dir)
}

func (l *versionLoad) loadQuiz(m *Module, texts map[string][]byte, questionOwner map[string]string) {
	dir := "modules/" + m.Folder
	data, ok := texts[dir+"/quiz.yaml"]
	if !ok {
		return
	}
	relPath := l.rel + "/" + dir + "/quiz.yaml"
	def, ps := l.shared.parseQuiz(relPath, l.v.files[dir+"/quiz.yaml"].digest, data)
	l.add(ps...)
	if def == nil {
		return
	}
	m.Quiz = def.definition
	l.quizFiles[m.ID] = quizSource{relPath, data}
	for i, q := range def.definition.Questions {
		if owner, dup := questionOwner[q.ID]; dup && owner != m.ID {
			l.add(def.doc.problemAt(fmt.Sprintf("$.questions[%d].id", i),
				"question id %q is already used in module %q; question ids must be unique within the course", q.ID, owner))
		}
		questionOwner[q.ID] = m.ID
	}
	if len(ps) == 0 {
		m.QuestionHashes = map[string]string{}
		for _, q := range def.definition.Questions {
			m.QuestionHashes[q.ID] = q.Hash() // safe: Problems() rejected NaN and infinity
		}
	}
	m.texts = map[string]template.HTML{}
	opts := l.renderOptions(dir)
	for _, s := range quizTexts(def.definition) {
		if _, done := m.texts[s]; !done && s != "" {
			h, err := RenderInline(s, opts)
			if err != nil {
				l.add(Problem{relPath, 1, 1, err.Error()})
			}
			m.texts[s] = l.shared.keep(h)
		}
	}
	if len(ps) == 0 {
		l.shared.shareQuizMaps(l.v.files[dir+"/quiz.yaml"].digest, m)
	}
}

// quizTexts lists every text of a quiz a learner may see.
func quizTexts(d *quiz.Definition) []string {
	var out []string
	for _, q := range d.Questions {
		out = append(out, q.Text, q.Explanation, q.FeedbackTrue, q.FeedbackFalse)
		for _, o := range q.Options {
			out = append(out, o.Text, o.Feedback)
		}
		for _, it := range q.Items {
			out = append(out, it.Text)
		}
		for _, p := range q.Pairs {
			out = append(out, p.Prompt, p.Answer)
		}
		out = append(out, q.Distractors...)
	}
	return out
}

// checkCompletion reports completion rules that name modules or quizzes that do not exist.
func (l *versionLoad) checkCompletion() {
	c := l.v.Manifest.Completion
	for i, id := range c.Modules.IDs {
		if l.v.Module(id) == nil {
			l.add(l.manifestDoc.problemAt(fmt.Sprintf("$.completion.modules[%d]", i),
				"completion.modules names module %q, which does not exist; modules are: %s", id, l.moduleList(false)))
		}
	}
	for i, id := range c.Quizzes.IDs {
		if m := l.v.Module(id); m == nil || !l.hasQuizFile(m) {
			l.add(l.manifestDoc.problemAt(fmt.Sprintf("$.completion.quizzes[%d]", i),
				"completion.quizzes names %q, which is not a module with a quiz; modules with a quiz are: %s", id, l.moduleList(true)))
		}
	}
}

// hasQuizFile reports whether a module has a quiz.yaml, even one that could not be read (that
// problem is reported on its own).
func (l *versionLoad) hasQuizFile(m *Module) bool {
	_, ok := l.v.files["modules/"+m.Folder+"/quiz.yaml"]
	return ok
}

func (l *versionLoad) moduleList(withQuiz bool) string {
	var ids []string
	for _, m := range l.v.Modules {
		if !withQuiz || l.hasQuizFile(m) {
			ids = append(ids, m.ID)
		}
	}
	if len(ids) == 0 {
		return "(none)"
	}
	return strings.Join(ids, ", ")
}
