package content

import (
	"fmt"
	"slices"
	"strings"
)

// checkVersionHistory applies the rules between versions of one course: `change` is required once
// a release exists, it must match the version number, and a patch must not touch modules or
// quizzes. Versions are checked oldest first against the newest good release before them.
func checkVersionHistory(loads []*versionLoad) {
	var ordered []*versionLoad
	for _, l := range loads {
		if l.v != nil {
			ordered = append(ordered, l)
		}
	}
	slices.SortStableFunc(ordered, func(a, b *versionLoad) int { return compareSemver(a.v.Version, b.v.Version) })
	var releases []*versionLoad // good published versions, ascending
	for _, l := range ordered {
		var prev *versionLoad
		for _, r := range releases {
			if compareSemver(r.v.Version, l.v.Version) < 0 {
				prev = r
			}
		}
		if l.v.Draft {
			for _, r := range releases {
				if r.v.Version == l.v.Version {
					l.add(l.manifestDoc.problemAt("$.version", "version %s is already published; give the draft the next version number", l.v.Version))
				}
			}
		}
		if prev != nil {
			l.checkChange(prev)
		}
		if !l.v.Draft && len(l.problems) == 0 {
			releases = append(releases, l)
		}
	}
}

// checkChange checks this version's `change` against the release before it.
func (l *versionLoad) checkChange(prev *versionLoad) {
	change, from := l.v.Manifest.Change, prev.v.Version
	if change == "" {
		l.add(Problem{l.rel + "/course.yaml", 1, 1, fmt.Sprintf("change is required because release %s exists: add change: patch, minor or major", from)})
		return
	}
	if bump := bumpKind(from, l.v.Version); bump != change {
		l.add(l.manifestDoc.problemAt("$.change", "change is %s, but the step from %s to %s is a %s release", change, from, l.v.Version, bumpName(bump)))
	}
	if _, ok := l.v.files["CHANGELOG.md"]; !ok {
		l.add(Problem{l.rel, 0, 0, fmt.Sprintf("CHANGELOG.md is missing: describe what changed since %s", from)})
	}
	if change != ChangePatch {
		return
	}
	d := Diff(prev.v, l.v)
	notAllowed := func(what string, ids []string) {
		if len(ids) > 0 {
			l.add(l.manifestDoc.problemAt("$.change", "change is patch, but %s since %s: %s; a patch may only fix wording, so use change: minor or major", what, from, strings.Join(ids, ", ")))
		}
	}
	notAllowed("modules were added", d.ModulesAdded)
	notAllowed("modules were removed", d.ModulesRemoved)
	notAllowed("quizzes were added", d.QuizzesAdded)
	notAllowed("quizzes were removed", d.QuizzesRemoved)
	notAllowed("quiz settings changed", d.QuizzesChanged)
	var removed []string
	for _, q := range d.QuestionsRemoved {
		removed = append(removed, q.QuestionID)
	}
	notAllowed("questions were removed", removed)
	for _, q := range d.QuestionsAdded {
		l.add(l.questionProblem(q, "question %q is new since %s, but a patch must not add questions; use change: minor", q.QuestionID, from))
	}
	for _, q := range d.QuestionsChanged {
		l.add(l.questionProblem(q, "question %q differs from version %s, but a patch must not change questions: restore it, or publish a minor release (and give a question with a new meaning a new id)", q.QuestionID, from))
	}
}

// questionProblem points at the id of a question in this version's quiz.yaml.
func (l *versionLoad) questionProblem(q QuestionRef, format string, args ...any) Problem {
	doc := l.quizDoc(q.ModuleID)
	for i, question := range l.v.Module(q.ModuleID).Quiz.Questions {
		if question.ID == q.QuestionID {
			return doc.problemAt(fmt.Sprintf("$.questions[%d].id", i), format, args...)
		}
	}
	return doc.problemAt("$.questions", format, args...)
}

func bumpName(bump string) string {
	if bump == "" {
		return "lower or equal"
	}
	return bump
}
