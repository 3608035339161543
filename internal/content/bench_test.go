package content

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content/contenttest"
)

// BenchmarkLoad200Versions loads 20 courses × 10 versions × 10 lessons with quizzes.
func BenchmarkLoad200Versions(b *testing.B) {
	dir := b.TempDir()
	lesson := "---\ntitle: Lektion\nduration_minutes: 5\n---\n\n" + strings.Repeat(
		"Ein Absatz mit *Betonung*, einem [Link](https://example.org) und \"Zitat\".\n\n::: merke\nMerksatz\n:::\n\n", 20) +
		"## Quellen\n\n1. Quelle\n"
	quizYAML := "pass_percent: 50\nquestions:\n  - id: q-%d\n    type: truefalse\n    text: Stimmt das?\n    answer: true\n"
	for c := 0; c < 20; c++ {
		for v := 0; v < 10; v++ {
			base := fmt.Sprintf("kurs-%d/1.%d.0/", c, v)
			change := ""
			if v > 0 {
				change = "change: minor\n"
			}
			writeFile(b, dir, base+"course.yaml", fmt.Sprintf(
				"id: kurs-%d\nversion: 1.%d.0\n%stitle: Kurs\nsummary: Text\nlanguage: de\nduration_minutes: 60\nlevel: L1\n"+
					"competences: [KA-GRUND]\naudiences: [alle]\nlicense: CC-BY-SA-4.0\nauthors: [{name: Team}]\n"+
					"legal_status_as_of: 2026-11-01\nreview_due: 2027-05-01\nvalidity_months: 24\ncompletion: {modules: all, quizzes: all}\n",
				c, v, change))
			writeFile(b, dir, base+"CHANGELOG.md", fmt.Sprintf("## 1.%d.0\n- Neu\n", v))
			for m := 0; m < 10; m++ {
				writeFile(b, dir, fmt.Sprintf("%smodules/%02d-modul-%d/lesson.md", base, m+1, m), lesson)
				writeFile(b, dir, fmt.Sprintf("%smodules/%02d-modul-%d/quiz.yaml", base, m+1, m), fmt.Sprintf(quizYAML, m))
			}
		}
	}
	benchLoad(b, dir)
}

// BenchmarkLoad200ShippedVersions loads 200 copies of the newest shipped ki-grundlagen, as the
// start-up figure in docs/benchmarks.md does (internal/loadtest WriteManyVersions): real lessons
// and quizzes, each copy with one lesson and one quiz changed, 27 MB on disk.
func BenchmarkLoad200ShippedVersions(b *testing.B) {
	dir := write200ShippedVersions(b)
	benchLoad(b, dir)
}

// BenchmarkRestart200ShippedVersions is the same load as a restart of `ailit serve` does it: with
// the render cache that the first start filled.
func BenchmarkRestart200ShippedVersions(b *testing.B) {
	dir := write200ShippedVersions(b)
	cache := &renderCache{dir: b.TempDir(), build: "bench"}
	if _, _, err := loadAll(dir, cache); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, report, err := loadAll(dir, cache)
		if err != nil || len(report.Problems) > 0 || len(report.Versions) != 200 {
			b.Fatalf("err %v, %d versions, problems %v", err, len(report.Versions), report.Problems)
		}
	}
	if cache.hits.Load() < int64(200*b.N) {
		b.Fatalf("%d versions from the cache in %d loads", cache.hits.Load(), b.N)
	}
}

func write200ShippedVersions(b *testing.B) string {
	dir := b.TempDir()
	if err := contenttest.WriteManyVersions(filepath.Join("..", "..", "courses", "ki-grundlagen", "1.2.0"), dir, 200); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchLoad times loading dir, which holds 200 versions without problems.
func benchLoad(b *testing.B, dir string) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, report, err := Load(dir)
		if err != nil || len(report.Problems) > 0 || len(report.Versions) != 200 {
			b.Fatalf("err %v, %d versions, problems %v", err, len(report.Versions), report.Problems)
		}
	}
}
