package content

import (
	"html/template"
	"slices"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/quiz"
)

// Catalog is an immutable snapshot of every course that loaded. Learner-facing methods never
// return drafts; trainer-facing methods say so in their names.
type Catalog struct {
	courses  []*Course // sorted by id
	byID     map[string]*Course
	policies map[string]*Policy // documents to confirm (policy.go)
}

// Course is one course id with its loaded versions.
type Course struct {
	ID        string
	published []*Version // ascending by semantic version
	drafts    []*Version // by folder name
}

// Version is one loaded version folder of a course.
type Version struct {
	CourseID  string
	Version   string // the semantic version from course.yaml
	Folder    string // the folder name: equal to Version, or "draft"
	Dir       string // absolute path of the version folder
	Draft     bool   // a draft folder or status: draft; never shown to learners
	Base      string // URL prefix the rendered HTML links to (see VersionBase)
	Manifest  Manifest
	Hash      string        // sha256 over every file of the folder
	Changelog template.HTML // rendered CHANGELOG.md; empty when there is none
	Modules   []*Module     // in folder order

	files map[string]versionFile
}

// Module is one module of a version: a lesson and an optional quiz.
type Module struct {
	ID             string
	Folder         string // e.g. "01-was-ist-ki"
	Title          string
	Minutes        int // reading time from the lesson's duration_minutes
	HTML           template.HTML
	Quiz           *quiz.Definition  // nil when the module has no quiz
	QuestionHashes map[string]string // question id → quiz.Question.Hash()
	Hash           string            // sha256 over lesson.md, quiz.yaml and media of the module
	Package        *Package          // a SCORM or cmi5 package the module runs (package.go); nil for a lesson

	version *Version
	index   int
	texts   map[string]template.HTML // quiz texts rendered as inline Markdown
}

func newCatalog(versions []*Version) *Catalog {
	c := &Catalog{byID: map[string]*Course{}}
	for _, v := range versions {
		course := c.byID[v.CourseID]
		if course == nil {
			course = &Course{ID: v.CourseID}
			c.byID[v.CourseID] = course
			c.courses = append(c.courses, course)
		}
		if v.Draft {
			course.drafts = append(course.drafts, v)
		} else {
			course.published = append(course.published, v)
		}
	}
	slices.SortFunc(c.courses, func(a, b *Course) int { return strings.Compare(a.ID, b.ID) })
	for _, course := range c.courses {
		slices.SortFunc(course.published, func(a, b *Version) int { return compareSemver(a.Version, b.Version) })
		slices.SortFunc(course.drafts, func(a, b *Version) int { return strings.Compare(a.Folder, b.Folder) })
	}
	return c
}

// Courses returns the courses that have at least one published version, sorted by id.
func (c *Catalog) Courses() []*Course {
	var out []*Course
	for _, course := range c.courses {
		if len(course.published) > 0 {
			out = append(out, course)
		}
	}
	return out
}

// Course returns a course with at least one published version, or nil.
func (c *Catalog) Course(id string) *Course {
	if course := c.byID[id]; course != nil && len(course.published) > 0 {
		return course
	}
	return nil
}

// Version returns a published version, or nil.
func (c *Catalog) Version(courseID, version string) *Version {
	if course := c.Course(courseID); course != nil {
		return course.Version(version)
	}
	return nil
}

// AllCourses returns every course including those with drafts only: for trainers.
func (c *Catalog) AllCourses() []*Course { return slices.Clone(c.courses) }

// AnyCourse returns a course even if it has drafts only: for trainers.
func (c *Catalog) AnyCourse(id string) *Course { return c.byID[id] }

// Versions returns the published versions, oldest first.
func (course *Course) Versions() []*Version { return slices.Clone(course.published) }

// Latest returns the newest published version, or nil.
func (course *Course) Latest() *Version {
	if len(course.published) == 0 {
		return nil
	}
	return course.published[len(course.published)-1]
}

// Version returns a published version by its number, or nil.
func (course *Course) Version(version string) *Version {
	for _, v := range course.published {
		if v.Version == version {
			return v
		}
	}
	return nil
}

// Drafts returns the draft versions: for trainers.
func (course *Course) Drafts() []*Version { return slices.Clone(course.drafts) }

// Draft returns a draft by its folder name: for trainers.
func (course *Course) Draft(folder string) *Version {
	for _, v := range course.drafts {
		if v.Folder == folder {
			return v
		}
	}
	return nil
}

// Module returns a module by id, or nil.
func (v *Version) Module(id string) *Module {
	for _, m := range v.Modules {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// ReadingMinutes is the sum of the modules' reading times.
func (v *Version) ReadingMinutes() int {
	total := 0
	for _, m := range v.Modules {
		total += m.Minutes
	}
	return total
}

// ReviewOverdue reports whether the review_due date lies before today's date at now.
func (v *Version) ReviewOverdue(now time.Time) bool {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	return !v.Manifest.ReviewDue.IsZero() && today.After(v.Manifest.ReviewDue)
}

// RequiredModules resolves completion.modules to module ids, in module order.
func (v *Version) RequiredModules() []string {
	return v.resolve(v.Manifest.Completion.Modules, false)
}

// RequiredQuizzes resolves completion.quizzes to the ids of modules whose quiz must be passed.
func (v *Version) RequiredQuizzes() []string {
	return v.resolve(v.Manifest.Completion.Quizzes, true)
}

func (v *Version) resolve(r Rule, quizzesOnly bool) []string {
	var ids []string
	for _, m := range v.Modules {
		if quizzesOnly && m.Quiz == nil {
			continue
		}
		if r.All || slices.Contains(r.IDs, m.ID) {
			ids = append(ids, m.ID)
		}
	}
	return ids
}

// Version returns the version the module belongs to.
func (m *Module) Version() *Version { return m.version }

// Prev returns the module before this one, or nil for the first.
func (m *Module) Prev() *Module {
	if m.index == 0 {
		return nil
	}
	return m.version.Modules[m.index-1]
}

// Next returns the module after this one, or nil for the last.
func (m *Module) Next() *Module {
	if m.index+1 >= len(m.version.Modules) {
		return nil
	}
	return m.version.Modules[m.index+1]
}

// Inline returns a quiz text of this module (question, option, feedback, explanation, item, prompt,
// answer) rendered as inline Markdown at load time. Unknown texts are escaped.
func (m *Module) Inline(s string) template.HTML {
	if h, ok := m.texts[s]; ok {
		return h
	}
	return template.HTML(template.HTMLEscapeString(s)) //nolint:gosec // escaped
}
