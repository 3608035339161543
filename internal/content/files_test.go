package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFilePathServesOnlyMediaInsideTheVersion(t *testing.T) {
	dir := copyCourses(t)
	secret := filepath.Join(t.TempDir(), "secret.png")
	writeFile(t, filepath.Dir(secret), "secret.png", "not for learners")
	media := filepath.Join(dir, "ki-grundlagen/1.0.0/modules/01-was-ist-ki/media")
	cat, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	v := cat.Version("ki-grundlagen", "1.0.0")

	got, err := v.FilePath("modules/01-was-ist-ki/media/neuronales-netz.png")
	if err != nil || got != filepath.Join(media, "neuronales-netz.png") {
		t.Fatalf("FilePath of the image = %q, %v", got, err)
	}
	// A link placed after loading must not open a way out.
	if err := os.Remove(filepath.Join(media, "neuronales-netz.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(media, "neuronales-netz.png")); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{
		"modules/01-was-ist-ki/media/neuronales-netz.png", // now a symbolic link out
		"../1.1.0/course.yaml",
		"../../../etc/passwd",
		"files/../../course.yaml",
		"modules/01-was-ist-ki/../../course.yaml",
		secret,
		"/etc/passwd",
		"course.yaml",                           // exists, but is not media
		"modules/01-was-ist-ki/media/fehlt.png", // does not exist
		"modules\\01-was-ist-ki\\media\\neuronales-netz.png",
		"",
	} {
		if p, err := v.FilePath(rel); err == nil {
			t.Errorf("FilePath(%q) = %q, want an error", rel, p)
		}
	}
}

func TestOversizedFilesAreProblems(t *testing.T) {
	dir := copyCourses(t)
	grow := func(rel string, size int64) {
		f, err := os.OpenFile(filepath.Join(dir, rel), os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(size); err != nil { // sparse: fast and small on disk
			t.Fatal(err)
		}
	}
	grow("ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md", 50<<20)
	grow("ki-grundlagen/1.1.0/modules/01-was-ist-ki/media/neuronales-netz.png", 21<<20)
	want := []string{
		"ki-grundlagen/1.0.0/modules/01-was-ist-ki/lesson.md:1:1: the file is 50.0 MiB; a lesson or YAML file may be at most 1 MiB; split it into several modules",
		"ki-grundlagen/1.1.0/modules/01-was-ist-ki/media/neuronales-netz.png:1:1: the file is 21.0 MiB; a media file may be at most 20 MiB",
	}
	if got := problemStrings(t, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMediaTypeByExtension(t *testing.T) {
	for name, want := range map[string]string{"a.PNG": "image/png", "b.jpeg": "image/jpeg", "c.pdf": "application/pdf", "d.svg": "", "e.html": ""} {
		if got, _ := MediaType(name); got != want {
			t.Errorf("MediaType(%q) = %q, want %q", name, got, want)
		}
	}
}
