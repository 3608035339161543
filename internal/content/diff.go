package content

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
)

// VersionDiff is what changed between two versions of a course, by module and question content
// hashes. Ids are sorted.
type VersionDiff struct {
	ModulesAdded   []string // module ids
	ModulesRemoved []string
	ModulesChanged []string // any file of the module changed (lesson, quiz or media)

	QuizzesAdded   []string // ids of modules that gained a quiz
	QuizzesRemoved []string // ids of modules that lost their quiz
	QuizzesChanged []string // ids of modules whose quiz settings (pass mark, attempts, draw, …) changed

	QuestionsAdded   []QuestionRef
	QuestionsRemoved []QuestionRef
	QuestionsChanged []QuestionRef // same id, other content hash
}

// QuestionRef names a question of a version; ModuleID is its module in the newer version (or in
// the older one for removed questions).
type QuestionRef struct {
	ModuleID   string
	QuestionID string
}

// Empty reports whether nothing changed.
func (d VersionDiff) Empty() bool {
	return len(d.ModulesAdded)+len(d.ModulesRemoved)+len(d.ModulesChanged)+len(d.QuizzesAdded)+
		len(d.QuizzesRemoved)+len(d.QuizzesChanged)+len(d.QuestionsAdded)+len(d.QuestionsRemoved)+
		len(d.QuestionsChanged) == 0
}

// QuizzesTouched reports whether anything about quizzes or questions changed: what a patch must not do.
func (d VersionDiff) QuizzesTouched() bool {
	return len(d.QuizzesAdded)+len(d.QuizzesRemoved)+len(d.QuizzesChanged)+len(d.QuestionsAdded)+
		len(d.QuestionsRemoved)+len(d.QuestionsChanged) > 0
}

// Diff compares an older and a newer version of the same course.
func Diff(old, new *Version) VersionDiff {
	var d VersionDiff
	for _, m := range new.Modules {
		prev := old.Module(m.ID)
		switch {
		case prev == nil:
			d.ModulesAdded = append(d.ModulesAdded, m.ID)
		case prev.Hash != m.Hash:
			d.ModulesChanged = append(d.ModulesChanged, m.ID)
		}
		switch {
		case m.Quiz != nil && (prev == nil || prev.Quiz == nil):
			d.QuizzesAdded = append(d.QuizzesAdded, m.ID)
		case m.Quiz == nil && prev != nil && prev.Quiz != nil:
			d.QuizzesRemoved = append(d.QuizzesRemoved, m.ID)
		case m.Quiz != nil && quizSettingsHash(m) != quizSettingsHash(prev):
			d.QuizzesChanged = append(d.QuizzesChanged, m.ID)
		}
	}
	for _, m := range old.Modules {
		if now := new.Module(m.ID); now == nil {
			d.ModulesRemoved = append(d.ModulesRemoved, m.ID)
			if m.Quiz != nil {
				d.QuizzesRemoved = append(d.QuizzesRemoved, m.ID)
			}
		}
	}
	oldQ, newQ := questionIndex(old), questionIndex(new)
	for id, q := range newQ {
		switch prev, ok := oldQ[id]; {
		case !ok:
			d.QuestionsAdded = append(d.QuestionsAdded, q.ref)
		case prev.hash != q.hash:
			d.QuestionsChanged = append(d.QuestionsChanged, q.ref)
		}
	}
	for id, q := range oldQ {
		if _, ok := newQ[id]; !ok {
			d.QuestionsRemoved = append(d.QuestionsRemoved, q.ref)
		}
	}
	for _, s := range []*[]string{&d.ModulesAdded, &d.ModulesRemoved, &d.ModulesChanged, &d.QuizzesAdded, &d.QuizzesRemoved, &d.QuizzesChanged} {
		slices.Sort(*s)
	}
	for _, s := range []*[]QuestionRef{&d.QuestionsAdded, &d.QuestionsRemoved, &d.QuestionsChanged} {
		slices.SortFunc(*s, func(a, b QuestionRef) int {
			return cmp.Or(strings.Compare(a.ModuleID, b.ModuleID), strings.Compare(a.QuestionID, b.QuestionID))
		})
	}
	return d
}

type indexedQuestion struct {
	ref  QuestionRef
	hash string
}

// questionIndex maps question ids to their module and hash; ids are unique within a version.
func questionIndex(v *Version) map[string]indexedQuestion {
	idx := map[string]indexedQuestion{}
	for _, m := range v.Modules {
		for id, h := range m.QuestionHashes {
			idx[id] = indexedQuestion{QuestionRef{m.ID, id}, h}
		}
	}
	return idx
}

// quizSettingsHash hashes a quiz without its questions: pass mark, attempts, draw, review rules.
func quizSettingsHash(m *Module) string {
	settings := *m.Quiz
	settings.Questions = nil
	b, _ := json.Marshal(settings) // plain ints, bools and strings: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
