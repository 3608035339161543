package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// PublishRequest is what a trainer decides when publishing the draft.
type PublishRequest struct {
	CourseID  string
	Change    string // content.ChangePatch, ChangeMinor or ChangeMajor
	Changelog string // the CHANGELOG entry (Markdown list)
	Date      string // YYYY-MM-DD, the release date in the CHANGELOG heading
	Git       *GitAuthor
}

// PublishResult tells what happened.
type PublishResult struct {
	Version string
	GitNote string // why no commit was made, when Git was asked for and skipped; empty otherwise
}

// PatchRefusedError lists why a patch is not allowed (modules or quizzes changed).
type PatchRefusedError struct{ Reasons []string }

func (e *PatchRefusedError) Error() string {
	return "a patch must not change modules or quizzes: " + strings.Join(e.Reasons, "; ")
}

// ErrEmptyChangelog is returned when the trainer wrote no CHANGELOG entry.
var ErrEmptyChangelog = errors.New("the CHANGELOG entry is empty")

// SuggestChange proposes a change kind from a diff: major when modules were removed, minor when
// modules, quizzes or questions changed, patch when only lesson texts did.
func SuggestChange(d content.VersionDiff) string {
	switch {
	case len(d.ModulesRemoved) > 0:
		return content.ChangeMajor
	case len(d.ModulesAdded) > 0 || d.QuizzesTouched():
		return content.ChangeMinor
	}
	return content.ChangePatch
}

// PatchReason is one thing a patch release must not contain: its kind ("questions_changed", see
// patchReasonWords) and the ids of the modules or questions concerned.
type PatchReason struct {
	Kind string
	IDs  []string
}

// patchReasonWords are the English words of the reasons, in the order they are listed.
var patchReasonWords = []struct{ kind, words string }{
	{"modules_added", "modules added"}, {"modules_removed", "modules removed"},
	{"quizzes_added", "quizzes added"}, {"quizzes_removed", "quizzes removed"},
	{"quiz_settings_changed", "quiz settings changed"}, {"questions_added", "questions added"},
	{"questions_removed", "questions removed"}, {"questions_changed", "questions changed"},
}

// PatchReasonList lists what a patch release must not contain, empty when a patch is allowed. It
// applies the rule of the validator (docs/course-format.md section 5). The web pages say it in
// the reader's language; PatchReasons in English.
func PatchReasonList(d content.VersionDiff) []PatchReason {
	refs := func(qs []content.QuestionRef) []string {
		var ids []string
		for _, q := range qs {
			ids = append(ids, q.QuestionID)
		}
		return ids
	}
	byKind := map[string][]string{
		"modules_added": d.ModulesAdded, "modules_removed": d.ModulesRemoved,
		"quizzes_added": d.QuizzesAdded, "quizzes_removed": d.QuizzesRemoved, "quiz_settings_changed": d.QuizzesChanged,
		"questions_added": refs(d.QuestionsAdded), "questions_removed": refs(d.QuestionsRemoved),
		"questions_changed": refs(d.QuestionsChanged),
	}
	var out []PatchReason
	for _, w := range patchReasonWords {
		if ids := byKind[w.kind]; len(ids) > 0 {
			out = append(out, PatchReason{Kind: w.kind, IDs: ids})
		}
	}
	return out
}

// PatchReasons is PatchReasonList in English words: "questions changed: definition-ki".
func PatchReasons(d content.VersionDiff) []string {
	var out []string
	for _, r := range PatchReasonList(d) {
		for _, w := range patchReasonWords {
			if w.kind == r.Kind {
				out = append(out, w.words+": "+strings.Join(r.IDs, ", "))
			}
		}
	}
	return out
}

// Publish turns the draft into the new immutable version folder: the version number follows from
// the newest release and the change kind, course.yaml gets version, status and change, and the
// CHANGELOG gets the entry on top. The result is validated on a stage before the draft folder is
// renamed; on any error nothing on disk changes. The caller reloads the library.
func (w *Workspace) Publish(req PublishRequest) (PublishResult, error) {
	if strings.TrimSpace(req.Changelog) == "" {
		return PublishResult{}, ErrEmptyChangelog
	}
	if req.Change != content.ChangePatch && req.Change != content.ChangeMinor && req.Change != content.ChangeMajor {
		return PublishResult{}, fmt.Errorf("unknown change kind %q", req.Change)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.HasDraft(req.CourseID) {
		return PublishResult{}, ErrNoDraft
	}
	s, err := w.newStage(req.CourseID)
	if err != nil {
		return PublishResult{}, err
	}
	defer s.close()
	ps, cat, err := s.load(s.draft)
	if err != nil {
		return PublishResult{}, err
	}
	if len(ps) > 0 {
		return PublishResult{}, &InvalidError{Problems: ps}
	}
	course := cat.AnyCourse(req.CourseID)
	draft, latest := course.Draft(s.draft), course.Latest()
	next := "1.0.0"
	if latest != nil {
		if reasons := PatchReasons(content.Diff(latest, draft)); req.Change == content.ChangePatch && len(reasons) > 0 {
			return PublishResult{}, &PatchRefusedError{Reasons: reasons}
		}
		next = Bump(latest.Version, req.Change)
	}
	target, draftDir := filepath.Join(w.Root, req.CourseID, next), w.draftDir(req.CourseID)
	if _, err := os.Stat(target); err == nil && target != draftDir {
		return PublishResult{}, fmt.Errorf("the folder %s/%s exists already", req.CourseID, next)
	}
	change := req.Change
	if latest == nil {
		change = "" // a first release has no change
	}
	staged := s.dir(s.draft)
	if err := retarget(staged, next, change, content.StatusPublished, req.Changelog, req.Date); err != nil {
		return PublishResult{}, err
	}
	if change == "" {
		if err := removeTopLevel(filepath.Join(staged, "course.yaml"), "change"); err != nil {
			return PublishResult{}, err
		}
	}
	if staged != s.dir(next) {
		if err := os.Rename(staged, s.dir(next)); err != nil {
			return PublishResult{}, err
		}
	}
	if ps, _, err = s.load(next); err != nil {
		return PublishResult{}, err
	} else if len(ps) > 0 {
		return PublishResult{}, &InvalidError{Problems: ps}
	}
	// The draft moves into the stage (removed with it), then the release takes its place; a
	// `status: draft` folder may already carry the new number.
	parked := filepath.Join(s.root, "published-draft")
	if err := os.Rename(draftDir, parked); err != nil {
		return PublishResult{}, err
	}
	if err := os.Rename(s.dir(next), target); err != nil {
		_ = os.Rename(parked, draftDir)
		return PublishResult{}, err
	}
	res := PublishResult{Version: next}
	if req.Git != nil {
		msg := fmt.Sprintf("%s %s (%s)\n\n%s\n", req.CourseID, next, req.Change, strings.TrimSpace(req.Changelog))
		res.GitNote = commitPublish(w.Root, req.CourseID, next, s.draft, msg, *req.Git)
	}
	return res, nil
}

func removeTopLevel(path, key string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var keep []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, key+":") {
			keep = append(keep, l)
		}
	}
	return writeAtomic(path, []byte(strings.Join(keep, "\n")))
}
