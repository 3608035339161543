package web

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/learning"
)

type lessonPage struct {
	Version       *content.Version
	Module        *content.Module
	Number, Total int             // "Modul 2 von 3"
	Lang          string          // the course language when it differs from the UI language
	Learner       *learning.State // the current user's enrollment and progress (internal/learning)
	// Rendered once per version, module and language and kept (lesson_kept.go); Done is the
	// "mark as read" form, for a learner enrolled in this version.
	Article, Done, Pager template.HTML
}

// lessonShow shows one module's lesson, rendered at load time: serving it never reads the disk.
func (a *App) lessonShow(c *fiber.Ctx) error {
	v, err := publishedVersion(a.lib.Catalog(), c)
	if err != nil {
		return err
	}
	m := v.Module(c.Params("module"))
	if m == nil {
		return domain.Errorf(domain.ENOTFOUND, "no module %q in %s %s", c.Params("module"), v.CourseID, v.Version)
	}
	page := lessonPage{Version: v, Module: m, Total: len(v.Modules), Lang: contentLang(c, v)}
	for i, other := range v.Modules {
		if other == m {
			page.Number = i + 1
		}
	}
	if page.Learner, err = a.learn.State(c.UserContext(), currentUser(c).ID, v); err != nil {
		return err
	}
	if m.Package != nil {
		return a.packageShow(c, page)
	}
	if page.Article, page.Pager, err = a.tpl.kept.lessonParts(page, lang(c)); err != nil {
		return err
	}
	if ws := webSession(c); page.Learner.Here && ws != nil {
		if page.Done, err = a.tpl.kept.lessonDone(page, lang(c), ws.csrfToken(), page.Learner.LessonRead(m.ID)); err != nil {
			return err
		}
	}
	return a.render(c, fiber.StatusOK, "lesson", page, nil)
}
