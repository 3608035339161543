package progress

import "github.com/ailit/ailit/internal/content"

// SpecOf reads the completion rule and modules of a loaded course version.
func SpecOf(v *content.Version) Spec {
	s := Spec{
		RequiredModules: v.RequiredModules(),
		RequiredQuizzes: v.RequiredQuizzes(),
		ValidityMonths:  v.Manifest.ValidityMonths,
	}
	for _, m := range v.Modules {
		s.Modules = append(s.Modules, ModuleSpec{ID: m.ID, Hash: m.Hash, HasQuiz: m.Quiz != nil})
	}
	return s
}

// ReleasesOf lists a course's published versions, oldest first, for the change policy.
func ReleasesOf(course *content.Course) []Release {
	var rs []Release
	for _, v := range course.Versions() {
		r := Release{Version: v.Version, Change: v.Manifest.Change, Hash: v.Hash, Modules: map[string]string{}}
		for _, m := range v.Modules {
			r.Modules[m.ID] = m.Hash
		}
		rs = append(rs, r)
	}
	return rs
}
