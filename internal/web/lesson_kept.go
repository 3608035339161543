package web

import (
	"html/template"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// A lesson page is the same for every learner of a version, module and UI language except for the
// "mark as read" form: the lesson was rendered from Markdown when the version was loaded
// (content.Module.HTML), and the breadcrumbs, header, quiz link and pager around it are rendered
// once and kept (kept_blocks.go), keyed like the course page's parts (course_kept.go). The form is
// kept too, once read and once unread, cut at the place of the learner's CSRF token
// (layout_frame.go).

// lessonBlockData is what the kept blocks of a lesson page receive: nothing of a learner.
type lessonBlockData struct {
	Lang          string // the UI language
	ContentLang   string // the course language when it differs from Lang (see contentLang)
	Version       *content.Version
	Module        *content.Module
	Number, Total int // "Modul 2 von 3"
}

// lessonBlockKey names one kept block of a lesson page.
type lessonBlockKey struct{ block, base, hash, lang, module string }

// lessonDoneData is what the "mark as read" form receives.
type lessonDoneData struct {
	V       *view // Lang and CSRF
	Read    bool  // the lesson is marked read already
	Version *content.Version
	Module  *content.Module
}

// lessonDoneKey names one kept rendering of the form.
type lessonDoneKey struct {
	base, hash, lang, module string
	read                     bool
}

// lessonDone returns the "mark as read" form of page's module for a learner enrolled in its
// version, with the token csrf.
func (k *keptBlocks) lessonDone(page lessonPage, lang, csrf string, read bool) (template.HTML, error) {
	key := lessonDoneKey{base: page.Version.Base, hash: page.Version.Hash, lang: lang, module: page.Module.ID, read: read}
	f, err := k.cut(key, k.blocks, "lesson-done", func() any {
		return lessonDoneData{V: &view{Lang: lang, CSRF: mark(holeCSRF)}, Read: read, Version: page.Version, Module: page.Module}
	}, holeCSRF)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	err = f.write(&b, each(template.HTML(escapeValue.Replace(csrf))))
	return template.HTML(b.String()), err
}

// lessonParts returns the article (breadcrumbs, lesson, quiz link) and the pager of page in lang.
func (k *keptBlocks) lessonParts(page lessonPage, lang string) (article, pager template.HTML, err error) {
	data := func() any {
		return lessonBlockData{Lang: lang, ContentLang: page.Lang, Version: page.Version, Module: page.Module, Number: page.Number, Total: page.Total}
	}
	key := lessonBlockKey{block: "lesson-article", base: page.Version.Base, hash: page.Version.Hash, lang: lang, module: page.Module.ID}
	if article, err = k.get(key, key.block, data); err != nil {
		return "", "", err
	}
	key.block = "lesson-pager"
	if pager, err = k.get(key, key.block, data); err != nil {
		return "", "", err
	}
	return article, pager, nil
}
