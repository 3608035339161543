package loadtest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
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

var manifestLine = regexp.MustCompile(`(?m)^(id|version|change|translation_of): .*\n`)

// WriteManyVersions writes n published courses into dir, each a copy of the shipped course
// ki-grundlagen (its newest version) under its own id, as an installation with a long history of
// releases has: the start-up and memory figures with 200 versions come from here.
func WriteManyVersions(dir string, n int) error {
	src := filepath.Join(RepoRoot(), "courses", "ki-grundlagen", "1.2.0")
	manifest, err := os.ReadFile(filepath.Join(src, "course.yaml"))
	if err != nil {
		return err
	}
	for i := range n {
		id := fmt.Sprintf("viele-versionen-%03d", i+1)
		dst := filepath.Join(dir, id, "1.0.0")
		if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
			return err
		}
		m := manifestLine.ReplaceAllString(string(manifest), "")
		m = "id: " + id + "\nversion: 1.0.0\n" + m
		if err := os.WriteFile(filepath.Join(dst, "course.yaml"), []byte(m), 0o644); err != nil {
			return err
		}
		changelog := "## 1.0.0 (2026-12-06)\n\nKopie von ki-grundlagen für den Lasttest (" + strconv.Itoa(i+1) + ").\n"
		if err := os.WriteFile(filepath.Join(dst, "CHANGELOG.md"), []byte(changelog), 0o644); err != nil {
			return err
		}
	}
	return nil
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
