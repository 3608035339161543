package content

import (
	"cmp"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// HashRecorder remembers the first content hash seen for each published version, with the course
// the version translates (translation_of, "" for an original). The store implements it: it records
// both the first time and always returns the first-recorded hash.
type HashRecorder interface {
	RecordVersionHash(courseID, version, hash, translationOf string) (firstHash string, err error)
}

// Library holds the current catalog and swaps it atomically on reload, so a request never sees half
// a catalog. It is safe for concurrent use.
type Library struct {
	dir     string
	rec     HashRecorder
	log     *slog.Logger
	keepDir string       // copies of published versions (KeepPublished); "" keeps none
	cache   *renderCache // rendered modules of published versions (CacheRendered); nil for none
	reload  sync.Mutex   // one reload at a time
	catalog atomic.Pointer[Catalog]
	report  atomic.Pointer[LoadReport]
	// afterReload run after every successful reload (AfterReload), under the reload lock.
	afterReload []func(*Catalog)
	// returnMemory: give the memory of a load back to the system after each reload
	// (ReturnMemoryAfterReload; a forced GC, so not in tests that build hundreds of libraries).
	returnMemory bool
	// copyLater: keep the copies of newly published versions after the reload has swapped the
	// catalog (KeepCopiesAfterReload); copies counts those under way.
	copyLater bool
	copies    sync.WaitGroup
}

// KeepCopiesAfterReload makes a reload keep the copies of newly published versions (KeepPublished)
// in the background, after it has put the new catalog in place: ailit serve answers while a first
// start with many versions still copies them (on a slow file system most of its time). A copy is
// checked against the digests the load read, so files edited meanwhile are not kept, and the next
// reload, which waits for the copies, treats the version as it would without a copy. Call Wait
// before the process ends.
func (l *Library) KeepCopiesAfterReload() { l.copyLater = true }

// Wait returns when the copies that reloads keep in the background are written.
func (l *Library) Wait() { l.copies.Wait() }

// ReturnMemoryAfterReload makes every reload end by returning the memory the load needed to the
// operating system (ailit serve, so an idle server stays small).
func (l *Library) ReturnMemoryAfterReload() { l.returnMemory = true }

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

// CacheRendered makes reloads keep the rendered lessons and decoded quizzes of every published
// version that loads without a problem in dir, keyed by its content hash and the build of ailit,
// and take them from there on the next start (see renderCache). Call before Reload.
func (l *Library) CacheRendered(dir string) { l.cache = newRenderCache(dir) }

// Catalog returns the current catalog.
func (l *Library) Catalog() *Catalog { return l.catalog.Load() }

// Report returns the report of the last successful reload.
func (l *Library) Report() *LoadReport { return l.report.Load() }

// Reload reads the courses folder again. Versions with problems are left out. A published version
// whose files changed after they were first recorded, or whose folder is broken or gone, is served
// from its kept copy (KeepPublished) with the differing files listed, or else left out. All others
// are served. On an error (the folder cannot be read, the recorder fails) the previous catalog
// stays in place.
func (l *Library) Reload() (*LoadReport, error) {
	l.reload.Lock()
	defer l.reload.Unlock()
	l.copies.Wait() // the copies of the last reload are part of what this one compares with
	if l.cache != nil {
		l.cache.begin()
	}
	versions, report, err := loadAll(l.dir, l.cache)
	if err != nil {
		return nil, err
	}
	if l.cache != nil {
		l.cache.prune()
	}
	recorded := map[string]string{}
	if lister, ok := l.rec.(HashLister); ok && l.keepDir != "" {
		if recorded, err = lister.RecordedVersionHashes(); err != nil {
			return nil, fmt.Errorf("listing the published versions: %w", err)
		}
	}
	served := versions[:0:0]
	var toKeep []*Version // published versions whose copy is kept (KeepPublished)
	for _, v := range versions {
		if v.Draft || l.rec == nil {
			served = append(served, v)
			continue
		}
		delete(recorded, v.CourseID+"/"+v.Folder)
		first, err := l.rec.RecordVersionHash(v.CourseID, v.Version, v.Hash, v.Manifest.TranslationOf)
		if err != nil {
			return nil, fmt.Errorf("recording the hash of %s %s: %w", v.CourseID, v.Version, err)
		}
		if first != v.Hash {
			if kept := l.servedKept(report, v.CourseID, v.Folder, first); kept != nil {
				served = append(served, kept)
			} else {
				report.refuse(v, first)
			}
			continue
		}
		if l.keepDir != "" {
			toKeep = append(toKeep, v)
		}
		served = append(served, v)
	}
	if !l.copyLater {
		l.keepCopies(toKeep)
	}
	// Published versions whose folder is broken or was deleted: their kept copy. Policies (keys
	// "policy:…") are recorded beside the courses but kept by recordPolicies.
	for key, first := range recorded {
		if courseID, folder, ok := splitVersionKey(key); ok && !strings.Contains(courseID, ":") {
			if kept := l.servedKept(report, courseID, folder, first); kept != nil {
				served = append(served, kept)
			}
		}
	}
	policies, err := l.recordPolicies(report)
	if err != nil {
		return nil, err
	}
	sortProblems(report.Problems)
	slices.SortStableFunc(report.Versions, func(a, b VersionStatus) int {
		return cmp.Or(strings.Compare(a.CourseID, b.CourseID), compareFolders(a.Folder, b.Folder))
	})
	l.catalog.Store(newCatalog(served).withPolicies(policies))
	l.report.Store(report)
	l.log.Info("courses loaded", "dir", l.dir, "versions", len(served), "problems", len(report.Problems),
		"refused", report.Count(StatusRefused), "kept", report.Count(StatusKept), "duration", report.Duration)
	for _, p := range report.Problems {
		l.log.Warn("course problem", "problem", p.String())
	}
	for _, fn := range l.afterReload {
		fn(l.Catalog())
	}
	if l.copyLater && len(toKeep) > 0 {
		l.copies.Go(func() {
			start := time.Now()
			l.keepCopies(toKeep)
			l.log.Info("copies of published versions kept", "versions", len(toKeep), "duration", time.Since(start))
			if l.returnMemory {
				debug.FreeOSMemory()
			}
		})
	}
	// Loading allocates many times the catalog's size (syntax trees, rendering buffers); the heap
	// grew for it. A server gives that memory back now rather than keep it resident while idle.
	if l.returnMemory {
		debug.FreeOSMemory()
	}
	return report, nil
}

// keepCopies writes the kept copies of versions (keepCopy) on all CPUs: on a first start with many
// versions, copying is most of the time.
func (l *Library) keepCopies(versions []*Version) {
	onAllCPUs(versions, func(v *Version) {
		if err := l.keepCopy(v); err != nil {
			l.log.Error("keeping a copy of a published version failed", "course", v.CourseID, "version", v.Version, "error", err)
		}
	})
}

// AfterReload registers fn to run after every successful reload, with the new catalog (the learning
// service moves learners in progress to new patch releases there). Register before serving.
func (l *Library) AfterReload(fn func(*Catalog)) {
	l.reload.Lock()
	defer l.reload.Unlock()
	l.afterReload = append(l.afterReload, fn)
}

// compareFolders orders version folders by version, drafts last.
func compareFolders(a, b string) int {
	if (a == "draft") != (b == "draft") {
		return cmp.Compare(boolInt(a == "draft"), boolInt(b == "draft"))
	}
	return compareSemver(a, b)
}

// refuse marks a published version whose files changed after publication.
func (r *LoadReport) refuse(v *Version, firstHash string) {
	// Without a kept copy there is nothing to compare the files with: the problem is the folder's.
	r.Problems = append(r.Problems, Problem{v.CourseID + "/" + v.Folder, 0, 0, fmt.Sprintf(
		"version changed after publication (hash %.12s…, first published as %.12s…) and no copy of the published files is kept; it is not served: restore the files, or publish a new version instead",
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
		first, err := l.rec.RecordVersionHash(PolicyKey(v.PolicyID), v.Version, v.Hash, "")
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
