package web

import (
	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/interchange"
	"github.com/ailit/ailit/internal/web/form"
	"github.com/ailit/ailit/internal/workspace"
)

// workspaceQuizImportPage is the import of a question file into a draft module's quiz: first the
// upload form, then the per-question conversion report with the confirm button.
type workspaceQuizImportPage struct {
	CourseID  string
	Module    workspace.ModuleFolder
	Formats   []string
	Format    string
	HasQuiz   bool // the module has a quiz.yaml, which the import replaces
	Report    *interchange.Import
	FileName  string
	Token     string
	Hash      string // of the module's quiz.yaml when the report was shown
	Writeable bool   // at least one question was converted
	Skipped   []skippedQuestion
}

// skippedQuestion is a question that was not converted, with the reason in the page's language.
type skippedQuestion struct{ Source, Name, Reason string }

// setReport puts a conversion report on the page, translating the reasons.
func (p *workspaceQuizImportPage) setReport(imp *interchange.Import, fileName, token, lang string) {
	p.Report, p.FileName, p.Token, p.Writeable = imp, fileName, token, len(imp.Converted) > 0
	p.Skipped = nil
	for _, s := range imp.Skipped {
		reason := s.Reason
		if s.Key != "" {
			reason = i18n.T(lang, "interchange.reason."+s.Key, s.Args...)
		}
		p.Skipped = append(p.Skipped, skippedQuestion{s.Source, s.Name, reason})
	}
}

func (a *App) newQuizImportPage(courseID string, m workspace.ModuleFolder, format string) workspaceQuizImportPage {
	data, hash, _ := a.workspace().ReadFile(courseID, workspace.DraftFolder, quizRel(m))
	return workspaceQuizImportPage{CourseID: courseID, Module: m, Formats: form.QuizImportFormats, Format: format, HasQuiz: data != nil, Hash: hash}
}

// workspaceQuizImportShow shows the upload form.
func (a *App) workspaceQuizImportShow(c *fiber.Ctx) error {
	courseID, m, err := a.lessonContext(c)
	if err != nil {
		return err
	}
	return a.render(c, fiber.StatusOK, "workspace_quiz_import", a.newQuizImportPage(courseID, m, ""), nil)
}
