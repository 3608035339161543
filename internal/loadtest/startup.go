package loadtest

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ailit/ailit/internal/content/contenttest"
)

// StartResult is how long `ailit serve` takes until /readyz answers, and its memory when idle.
type StartResult struct {
	Name      string
	Versions  int
	Ready     time.Duration
	IdleRSSKB int64 // VmRSS two seconds after ready, with nobody logged in
}

// MeasureStart starts the binary on a fresh SQLite database in dataDir with the courses in
// coursesDir, waits until it is ready, lets it settle and reads its resident memory.
func MeasureStart(name, binary, coursesDir, dataDir string, versions int) (StartResult, error) {
	cfg := ServerConfig{Binary: binary, DataDir: dataDir, CoursesDir: coursesDir}
	t0 := time.Now()
	srv, err := Start(cfg)
	if err != nil {
		return StartResult{}, err
	}
	ready := time.Since(t0)
	time.Sleep(2 * time.Second)
	rss := RSSKiB(srv.PID())
	if err := srv.Stop(); err != nil {
		return StartResult{}, err
	}
	return StartResult{Name: name, Versions: versions, Ready: ready, IdleRSSKB: rss}, nil
}

// RSSKiB reads the process's current resident set size (VmRSS) from /proc; 0 if unavailable.
func RSSKiB(pid int) int64 { return procStatus(pid, "VmRSS:") }

// WriteManyVersions writes n published courses into dir, copies of the shipped course
// ki-grundlagen (its newest version) that each change one lesson and one quiz, as releases do
// (contenttest.WriteManyVersions): the start-up and memory figures with 200 versions come from
// here.
func WriteManyVersions(dir string, n int) error {
	return contenttest.WriteManyVersions(filepath.Join(RepoRoot(), "courses", "ki-grundlagen", "1.2.0"), dir, n)
}

// countVersions counts the version folders under dir (for the table).
func countVersions(dir string) int {
	n := 0
	courses, _ := os.ReadDir(dir)
	for _, c := range courses {
		if vs, err := os.ReadDir(filepath.Join(dir, c.Name())); err == nil && c.IsDir() {
			for _, v := range vs {
				if v.IsDir() && !strings.HasPrefix(v.Name(), ".") {
					n++
				}
			}
		}
	}
	return n
}
