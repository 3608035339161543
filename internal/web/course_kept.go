package web

import (
	"html/template"
	"strings"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/progress"
)

// A published version never changes, so the parts of its course page that do not depend on the
// learner are rendered once per UI language and kept (kept_blocks.go): everything but the alerts,
// the summary and the learner's part. The learner's state of a module has only a few values, so
// its badge is kept per language and state. A version is named by its base URL and content hash,
// so a reload that changes a version folder gets new renderings; what is kept grows only with the
// versions and languages.

// courseBlockData is what the kept blocks of the course page receive: nothing of a learner.
type courseBlockData struct {
	Lang        string // the UI language
	ContentLang string // the course language when it differs from Lang (see contentLang)
	Version     *content.Version
	Module      *content.Module
	Overdue     bool
	State       template.HTML // the marker of the learner's state ("course-module-item")
}

// courseBlockKey names one kept block of a version's course page. ContentLang follows from the
// version and the UI language, so it needs no place of its own.
type courseBlockKey struct {
	block, base, hash, lang, module string
	overdue                         bool
}

// moduleStateKey names the kept badge of one module state in one language.
type moduleStateKey struct {
	lang  string
	state progress.ModuleState
}

// courseModules returns the module list of v's course page in lang for learner: each item kept
// and cut at the learner's state, whose badge is kept per language and state; joined here, as a
// range over the items made two reflective calls per module in the template.
func (k *keptBlocks) courseModules(v *content.Version, lang, contentLang string, learner *learning.State) (template.HTML, error) {
	var b strings.Builder
	for _, m := range v.Modules {
		key := courseBlockKey{block: "course-module-item", base: v.Base, hash: v.Hash, lang: lang, module: m.ID}
		item, err := k.cut(key, k.blocks, key.block, func() any {
			return courseBlockData{Lang: lang, ContentLang: contentLang, Version: v, Module: m, State: template.HTML(mark(holeState))}
		}, holeState)
		if err != nil {
			return "", err
		}
		state, err := k.moduleState(lang, learner.ModuleState(m.ID))
		if err != nil {
			return "", err
		}
		if err := item.write(&b, each(state)); err != nil {
			return "", err
		}
	}
	return template.HTML(b.String()), nil
}

func (k *keptBlocks) moduleState(lang string, state progress.ModuleState) (template.HTML, error) {
	return k.get(moduleStateKey{lang, state}, "module-state", func() any {
		return map[string]any{"V": courseBlockData{Lang: lang}, "State": state}
	})
}

// courseParts returns the parts of v's course page in lang around the learner's: the breadcrumbs
// and heading, the objectives and the start of the module list, and everything after the list.
func (k *keptBlocks) courseParts(v *content.Version, lang, contentLang string, overdue bool) (head, outline, tail template.HTML, err error) {
	block := func(name string, overdue bool) (template.HTML, error) {
		key := courseBlockKey{block: name, base: v.Base, hash: v.Hash, lang: lang, overdue: overdue}
		return k.get(key, name, func() any {
			return courseBlockData{Lang: lang, ContentLang: contentLang, Version: v, Overdue: overdue}
		})
	}
	if head, err = block("course-head", false); err != nil {
		return "", "", "", err
	}
	if outline, err = block("course-outline", false); err != nil {
		return "", "", "", err
	}
	if tail, err = block("course-tail", overdue); err != nil { // the facts mark an overdue review
		return "", "", "", err
	}
	return head, outline, tail, nil
}
