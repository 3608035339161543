package content

import (
	"fmt"
	"slices"
	"strings"
)

// Course families: a course may name, with translation_of, the course it translates. The original
// and its translations form one family; a completion of any of them counts for the others
// (assignments, validity, reports). The family is one level deep: an original and its
// translations, at most one per language.

// checkTranslations checks the translation_of link of every loaded version against the course it
// names (its newest good release, else its newest good draft): the target exists, is an original
// (no chains, no cycles), is in another language, and has the same level, competences, validity
// and completion rule, so that counting one for the other is fair.
func checkTranslations(courses [][]*versionLoad) {
	byID := map[string][]*versionLoad{}
	for _, loads := range courses {
		if len(loads) > 0 {
			byID[loads[0].courseID] = loads
		}
	}
	// language of the original → the course that claimed it first (by id), to refuse a second
	// translation into the same language.
	claimed := map[[2]string]string{}
	// The versions to compare with are chosen before any problem of this check is added, so that
	// the outcome does not depend on the order of the courses (two courses naming each other).
	reps := map[string]*Version{}
	for id, loads := range byID {
		reps[id] = representative(loads)
	}
	for _, loads := range courses {
		for _, l := range loads {
			if l.v == nil || l.v.Manifest.TranslationOf == "" || l.v.Manifest.TranslationOf == l.courseID {
				continue
			}
			target := l.v.Manifest.TranslationOf
			tv := reps[target]
			if tv == nil {
				if len(byID[target]) == 0 {
					l.add(l.manifestDoc.problemAt("$.translation_of", "translation_of names %q, but there is no course folder %q", target, target))
				} else {
					l.add(l.manifestDoc.problemAt("$.translation_of", "translation_of names %q, but no version of %q loads; fix that course first", target, target))
				}
				continue
			}
			l.checkAgainstOriginal(tv)
			key := [2]string{target, l.v.Manifest.Language}
			if other, ok := claimed[key]; ok && other != l.courseID {
				l.add(l.manifestDoc.problemAt("$.translation_of", "%q already has a translation in %s: %q; a course has at most one translation per language", target, l.v.Manifest.Language, other))
			} else {
				claimed[key] = l.courseID
			}
		}
	}
}

// representative returns the version of a course that translations are checked against: the
// newest good published version, else the newest good draft, else nil.
func representative(loads []*versionLoad) *Version {
	var release, draft *Version
	for _, l := range loads {
		if l.v == nil || len(l.problems) > 0 {
			continue
		}
		if l.v.Draft {
			draft = l.v
		} else if release == nil || compareSemver(l.v.Version, release.Version) > 0 {
			release = l.v
		}
	}
	if release != nil {
		return release
	}
	return draft
}

// checkAgainstOriginal compares a translation with the original it names.
func (l *versionLoad) checkAgainstOriginal(orig *Version) {
	m, o, name := l.v.Manifest, orig.Manifest, orig.CourseID+" "+orig.Version
	if o.TranslationOf != "" {
		l.add(l.manifestDoc.problemAt("$.translation_of", "%q is itself a translation of %q; name the original course %q (a family has one original)", orig.CourseID, o.TranslationOf, o.TranslationOf))
		return
	}
	if m.Language == o.Language {
		l.add(l.manifestDoc.problemAt("$.language", "language %s is the language of %s; a translation must be in another language", m.Language, name))
	}
	if m.Level != o.Level {
		l.add(l.manifestDoc.problemAt("$.level", "level %s differs from level %s of %s; a translation must have the same level", m.Level, o.Level, name))
	}
	if !sameSet(m.Competences, o.Competences) {
		l.add(l.manifestDoc.problemAt("$.competences", "competences [%s] differ from [%s] of %s; a translation must cover the same competences",
			strings.Join(m.Competences, ", "), strings.Join(o.Competences, ", "), name))
	}
	if m.ValidityMonths != o.ValidityMonths {
		l.add(l.manifestDoc.problemAt("$.validity_months", "validity_months %d differs from %d of %s; a translation must stay valid as long", m.ValidityMonths, o.ValidityMonths, name))
	}
	mine := ruleText(m.Completion.Modules, l.v.RequiredModules(), "modules") + ", " + ruleText(m.Completion.Quizzes, l.v.RequiredQuizzes(), "quizzes")
	theirs := ruleText(o.Completion.Modules, orig.RequiredModules(), "modules") + ", " + ruleText(o.Completion.Quizzes, orig.RequiredQuizzes(), "quizzes")
	if mine != theirs {
		l.add(l.manifestDoc.problemAt("$.completion", "the completion rule (%s) differs from that of %s (%s); a translation must ask the same of learners", mine, name, theirs))
	}
}

// ruleText describes a completion rule independent of the language of module ids: what it asks
// and of how many modules or quizzes ("all 5 modules", "2 listed quizzes", "no quizzes").
func ruleText(r Rule, resolved []string, noun string) string {
	switch {
	case r.None:
		return "no " + noun
	case r.All:
		return fmt.Sprintf("all %d %s", len(resolved), noun)
	}
	return fmt.Sprintf("%d listed %s", len(resolved), noun)
}

func sameSet(a, b []string) bool {
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// FamilyRoot returns the id of the original of a course's family: the course its newest published
// version translates, else the course itself.
func (c *Catalog) FamilyRoot(id string) string {
	if course := c.Course(id); course != nil {
		if t := course.Latest().Manifest.TranslationOf; t != "" {
			return t
		}
	}
	return id
}

// Family returns the published courses of a course's family, the original first, then the
// translations by id. A course without translations is a family of one.
func (c *Catalog) Family(id string) []*Course {
	root := c.FamilyRoot(id)
	var out []*Course
	if course := c.Course(root); course != nil {
		out = append(out, course)
	}
	for _, course := range c.Courses() {
		if course.ID != root && c.FamilyRoot(course.ID) == root {
			out = append(out, course)
		}
	}
	return out
}

// FamilyIDs returns the ids of Family(id), or just id when it is not in the catalog.
func (c *Catalog) FamilyIDs(id string) []string {
	var ids []string
	for _, course := range c.Family(id) {
		ids = append(ids, course.ID)
	}
	if len(ids) == 0 {
		ids = []string{id}
	}
	return ids
}

// InLanguage returns the course of id's family in language lang, or nil.
func (c *Catalog) InLanguage(id, lang string) *Course {
	for _, course := range c.Family(id) {
		if course.Latest().Manifest.Language == lang {
			return course
		}
	}
	return nil
}
