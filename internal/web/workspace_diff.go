package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/workspace"
)

type workspaceDiffPage struct {
	CourseID, From, To string
	Folders            []string
	Diff               content.VersionDiff
	Lessons            []lessonDiff
	Suggested          string
	Questions          []questionChange // added, removed and changed questions with their text
}

// lessonDiff is the changed parts of one module's lesson between two versions.
type lessonDiff struct {
	ModuleID string
	Hunks    []workspace.Hunk
}

// questionChange names a question by its text: the old and the new wording.
type questionChange struct {
	Kind             string // "added", "removed", "changed"
	ModuleID, ID     string
	OldText, NewText string
}

// diffContext is how many unchanged lines a lesson diff shows around each change.
const diffContext = 2

// loadedVersion returns a served version or the (valid) draft by folder name.
func loadedVersion(cat *content.Catalog, courseID, folder string) *content.Version {
	course := cat.AnyCourse(courseID)
	if course == nil {
		return nil
	}
	if folder == workspace.DraftFolder {
		return course.Draft(folder)
	}
	return course.Version(folder)
}

// workspaceDiff compares two versions (?from=1.1.0&to=draft): modules, questions by id, and a
// line diff of every changed lesson.
func (a *App) workspaceDiff(c *fiber.Ctx) error {
	cat := a.lib.Catalog()
	courseID := c.Params("course")
	course := cat.AnyCourse(courseID)
	if course == nil {
		return domain.Errorf(domain.ENOTFOUND, "no course %q", courseID)
	}
	page := workspaceDiffPage{CourseID: courseID, From: c.Query("from"), To: c.Query("to")}
	for _, v := range course.Versions() {
		page.Folders = append(page.Folders, v.Folder)
	}
	if course.Draft(workspace.DraftFolder) != nil {
		page.Folders = append(page.Folders, workspace.DraftFolder)
	}
	if page.From == "" && course.Latest() != nil {
		page.From = course.Latest().Folder
	}
	if page.To == "" {
		page.To = page.Folders[len(page.Folders)-1]
	}
	from, to := loadedVersion(cat, courseID, page.From), loadedVersion(cat, courseID, page.To)
	if from == nil || to == nil {
		return domain.Errorf(domain.ENOTFOUND, "version %q or %q cannot be compared (missing or broken)", page.From, page.To)
	}
	page.Diff = content.Diff(from, to)
	page.Suggested = workspace.SuggestChange(page.Diff)
	for _, id := range append(append(page.Diff.ModulesChanged, page.Diff.ModulesAdded...), page.Diff.ModulesRemoved...) {
		oldText, newText := a.lessonText(from, id), a.lessonText(to, id)
		if lines := workspace.LineDiff(oldText, newText); workspace.Changed(lines) {
			page.Lessons = append(page.Lessons, lessonDiff{ModuleID: id, Hunks: workspace.Hunks(lines, diffContext)})
		}
	}
	for _, q := range []struct {
		kind string
		refs []content.QuestionRef
	}{{"added", page.Diff.QuestionsAdded}, {"removed", page.Diff.QuestionsRemoved}, {"changed", page.Diff.QuestionsChanged}} {
		for _, r := range q.refs {
			page.Questions = append(page.Questions, questionChange{Kind: q.kind, ModuleID: r.ModuleID, ID: r.QuestionID,
				OldText: content.QuestionText(from, r.QuestionID), NewText: content.QuestionText(to, r.QuestionID)})
		}
	}
	return a.render(c, fiber.StatusOK, "workspace_diff", page, nil)
}

func (a *App) lessonText(v *content.Version, moduleID string) string {
	m := v.Module(moduleID)
	if m == nil {
		return ""
	}
	data, _, _ := a.workspace().ReadFile(v.CourseID, v.Folder, "modules/"+m.Folder+"/lesson.md")
	return string(data)
}
