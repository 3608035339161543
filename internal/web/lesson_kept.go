package web

import (
	"html/template"

	"github.com/ailit/ailit/internal/content"
)

// A lesson page is the same for every learner of a version, module and UI language except for the
// "mark as read" form: the lesson was rendered from Markdown when the version was loaded
// (content.Module.HTML), and the breadcrumbs, header, quiz link and pager around it are rendered
// once and kept (kept_blocks.go), keyed like the course page's parts (course_kept.go).

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
