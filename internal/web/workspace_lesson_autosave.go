package web

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

// autosaveResult is the answer to an autosave of the lesson editor (autosave.js).
type autosaveResult struct {
	State    string   `json:"state"`    // "saved", "invalid" (not saved) or "conflict" (not saved)
	Hash     string   `json:"hash"`     // the file's hash after the save, for the next one
	Problems []string `json:"problems"` // validator messages with file:line
}

// workspaceLessonAutosave saves the lesson as typed, the same way as "Speichern": the validator
// checks the whole draft, a refused change is not written and its problems are returned, a file
// changed by someone else is not overwritten.
func (a *App) workspaceLessonAutosave(c *fiber.Ctx) error {
	l := lang(c)
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	minutes, err := strconv.Atoi(strings.TrimSpace(c.FormValue("duration_minutes")))
	if err != nil {
		return c.Status(fiber.StatusUnprocessableEntity).JSON(autosaveResult{State: "invalid", Hash: c.FormValue("hash"),
			Problems: []string{i18n.T(l, "workspace.lesson.minutes") + ": " + i18n.T(l, "workspace.form.number")}})
	}
	data := workspace.Lesson{Title: c.FormValue("title"), Minutes: minutes, Body: c.FormValue("body")}.Bytes()
	err = a.workspace().SaveFile(courseID, lessonRel(m), data, c.FormValue("hash"))
	var conflict *workspace.ConflictError
	var inv *workspace.InvalidError
	switch {
	case errors.As(err, &conflict):
		return c.Status(fiber.StatusConflict).JSON(autosaveResult{State: "conflict", Hash: c.FormValue("hash")})
	case errors.As(err, &inv):
		return c.Status(fiber.StatusUnprocessableEntity).JSON(autosaveResult{State: "invalid", Hash: c.FormValue("hash"), Problems: problemTexts(l, inv.Problems)})
	case err != nil:
		return err
	}
	a.reloadAfterChange(c, "autosave of lesson "+m.Folder+" of "+courseID)
	// Problems the lesson had before and still has are shown too, so the list next to the editor
	// always says what the validator finds in the file.
	prefix := courseID + "/" + a.workspace().DraftName(courseID) + "/" + lessonRel(m)
	var left []content.Problem
	for _, p := range a.lib.Report().Problems {
		if p.Path == prefix {
			left = append(left, p)
		}
	}
	return c.JSON(autosaveResult{State: "saved", Hash: workspace.Hash(data), Problems: problemTexts(l, left)})
}

func problemTexts(l string, ps []content.Problem) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, i18n.T(l, "workspace.problem", shortPath(p.Path), p.Line, p.Message))
	}
	return out
}
