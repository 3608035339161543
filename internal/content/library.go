package content

import (
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
)

// HashRecorder remembers the first content hash seen for each published version. The store
// implements it: it records the hash the first time and always returns the first-recorded hash.
type HashRecorder interface {
	RecordVersionHash(courseID, version, hash string) (firstHash string, err error)
}

// Library holds the current catalog and swaps it atomically on reload, so a request never sees half
// a catalog. It is safe for concurrent use.
type Library struct {
	dir     string
	rec     HashRecorder
	log     *slog.Logger
	reload  sync.Mutex // one reload at a time
	catalog atomic.Pointer[Catalog]
	report  atomic.Pointer[LoadReport]
}

// NewLibrary returns a library with an empty catalog; call Reload to load the courses.
func NewLibrary(dir string, rec HashRecorder, log *slog.Logger) *Library {
	if log == nil {
		log = slog.Default()
	}
	l := &Library{dir: dir, rec: rec, log: log}
	l.catalog.Store(newCatalog(nil).withPolicies(nil))
	l.report.Store(&LoadReport{Dir: dir})
	return l
}

// Catalog returns the current catalog.
func (l *Library) Catalog() *Catalog { return l.catalog.Load() }

// Report returns the report of the last successful reload.
func (l *Library) Report() *LoadReport { return l.report.Load() }

// Reload reads the courses folder again. Versions with problems, and published versions whose files
// changed after they were first recorded, are left out; all others are served. On an error (the
// folder cannot be read, the recorder fails) the previous catalog stays in place.
func (l *Library) Reload() (*LoadReport, error) {
	l.reload.Lock()
	defer l.reload.Unlock()
	versions, report, err := loadAll(l.dir)
	if err != nil {
		return nil, err
	}
	served := versions[:0:0]
	for _, v := range versions {
		if v.Draft || l.rec == nil {
			served = append(served, v)
			continue
		}
		first, err := l.rec.RecordVersionHash(v.CourseID, v.Version, v.Hash)
		if err != nil {
			return nil, fmt.Errorf("recording the hash of %s %s: %w", v.CourseID, v.Version, err)
		}
		if first != v.Hash {
			report.refuse(v, first)
			continue
		}
		served = append(served, v)
	}
	policies, err := l.recordPolicies(report)
	if err != nil {
		return nil, err
	}
	sortProblems(report.Problems)
	l.catalog.Store(newCatalog(served).withPolicies(policies))
	l.report.Store(report)
	l.log.Info("courses loaded", "dir", l.dir, "versions", len(served), "problems", len(report.Problems),
		"refused", report.Count(StatusRefused), "duration", report.Duration)
	for _, p := range report.Problems {
		l.log.Warn("course problem", "problem", p.String())
	}
	return report, nil
}

// refuse marks a published version whose files changed after publication.
func (r *LoadReport) refuse(v *Version, firstHash string) {
	r.Problems = append(r.Problems, Problem{v.CourseID + "/" + v.Folder + "/course.yaml", 1, 1, fmt.Sprintf(
		"version changed after publication (hash %.12s…, first published as %.12s…); it is not served: restore the files, or publish a new version instead",
		v.Hash, firstHash)})
	markRefused(r.Versions, v.CourseID, v.Folder)
}

// markRefused sets the status of one folder in a list of version statuses to refused.
func markRefused(statuses []VersionStatus, id, folder string) {
	for i := range statuses {
		if statuses[i].CourseID == id && statuses[i].Folder == folder {
			statuses[i].Status = StatusRefused
		}
	}
}

// recordPolicies records the hash of every policy version like a course version's and returns the
// versions to serve: a published policy whose files changed is refused.
func (l *Library) recordPolicies(report *LoadReport) ([]*PolicyVersion, error) {
	if l.rec == nil {
		return report.policies, nil
	}
	var served []*PolicyVersion
	for _, v := range report.policies {
		first, err := l.rec.RecordVersionHash(PolicyKey(v.PolicyID), v.Version, v.Hash)
		if err != nil {
			return nil, fmt.Errorf("recording the hash of policy %s %s: %w", v.PolicyID, v.Version, err)
		}
		if first != v.Hash {
			report.Problems = append(report.Problems, Problem{v.PolicyID + "/" + v.Version + "/policy.yaml", 1, 1, fmt.Sprintf(
				"policy version changed after publication (hash %.12s…, first published as %.12s…); it is not served: restore the files, or publish a new version instead",
				v.Hash, first)})
			markRefused(report.Policies, v.PolicyID, v.Version)
			continue
		}
		served = append(served, v)
	}
	return served, nil
}
