package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/scorm/scormtest"
)

func TestPackageModuleLoadsWithItsLaunchFile(t *testing.T) {
	dir := t.TempDir()
	scormtest.WriteCourse(t, dir, "paketkurs", "scorm12", scormtest.Package("scorm12", "// nichts"))
	cat, report, err := Load(dir)
	if err != nil || len(report.Problems) > 0 {
		t.Fatalf("problems: %v %v", err, report.Problems)
	}
	m := cat.Version("paketkurs", "1.0.0").Module("paket")
	if m.Package == nil || m.Package.Kind != "scorm12" || m.Package.Launch != "index.html" || m.Package.Dir != "modules/01-paket/package" {
		t.Fatalf("package = %+v", m.Package)
	}
	if _, err := cat.Version("paketkurs", "1.0.0").PackageFilePath(m, "sco.js"); err != nil {
		t.Errorf("sco.js is not served: %v", err)
	}
	for _, bad := range []string{"../lesson.md", "../../../course.yaml", "/etc/passwd", "imsmanifest.xml/../../lesson.md"} {
		if _, err := cat.Version("paketkurs", "1.0.0").PackageFilePath(m, bad); err == nil {
			t.Errorf("%s is served from the package", bad)
		}
	}
}

func TestPackageProblemsNameFileAndLine(t *testing.T) {
	const manifest = "paketkurs/1.0.0/modules/01-paket/package/imsmanifest.xml"
	tests := []struct {
		name  string
		kind  string
		files func(map[string]string)
		want  string
	}{
		{"missing launch file", "scorm12", func(f map[string]string) { delete(f, "index.html") },
			manifest + `:16:1: "index.html" is named in the manifest but is not in the package`},
		{"malformed manifest", "scorm12", func(f map[string]string) {
			f["imsmanifest.xml"] = strings.Replace(f["imsmanifest.xml"], "</organizations>", "", 1)
		}, manifest + ":21:1: the XML cannot be read: element <organizations> closed by </manifest>"},
		{"file outside the package", "scorm12", func(f map[string]string) {
			f["imsmanifest.xml"] = strings.Replace(f["imsmanifest.xml"], `"sco.js"`, `"../lesson.md"`, 1)
		}, manifest + `:18:1: "../lesson.md" leaves the package folder`},
		{"unsupported schema version", "scorm2004", func(f map[string]string) {
			f["imsmanifest.xml"] = strings.Replace(f["imsmanifest.xml"], "2004 4th Edition", "2004 3rd Edition", 1)
		}, manifest + `:5:1: unsupported schema version "2004 3rd Edition"`},
		{"no manifest", "scorm12", func(f map[string]string) { delete(f, "imsmanifest.xml") },
			"paketkurs/1.0.0/modules/01-paket/package:0:0: the package has no imsmanifest.xml at its top level"},
		{"unknown kind", "scorm3", func(map[string]string) {},
			`paketkurs/1.0.0/modules/01-paket/lesson.md:4:10: package "scorm3" must be one of: scorm12, scorm2004, cmi5`},
		{"a file over the size limit", "scorm12", func(f map[string]string) { f["video.mp4"] = strings.Repeat("x", MaxMediaBytes+1) },
			"paketkurs/1.0.0/modules/01-paket/package/video.mp4:1:1: the file is 20.0 MiB; a media file may be at most 20 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			kind := tc.kind
			if kind == "scorm3" {
				kind = "scorm12"
			}
			files := scormtest.Package(kind, "// nichts")
			tc.files(files)
			scormtest.WriteCourse(t, dir, "paketkurs", tc.kind, files)
			ps := problemStrings(t, dir)
			if !slices.ContainsFunc(ps, func(p string) bool { return strings.HasPrefix(p, tc.want) }) {
				t.Errorf("problems:\n%s\nwant one starting with:\n%s", strings.Join(ps, "\n"), tc.want)
			}
		})
	}
}

func TestCMI5CourseStructureIsCheckedAndRunsItsFirstAU(t *testing.T) {
	dir := t.TempDir()
	scormtest.WriteCourse(t, dir, "paketkurs", "cmi5", map[string]string{
		"cmi5.xml": `<?xml version="1.0"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://ailit.example/paketkurs"><title><langstring lang="de">Paketkurs</langstring></title></course>
  <au id="https://ailit.example/paketkurs/au1"><url>au/index.html</url></au>
</courseStructure>`,
		"au/index.html": "<!DOCTYPE html><title>AU</title>",
	})
	cat, report, _ := Load(dir)
	if len(report.Problems) > 0 {
		t.Fatal(report.Problems)
	}
	p := cat.Version("paketkurs", "1.0.0").Module("paket").Package
	if p.Launch != "au/index.html" || !p.Runnable() || p.AUID != "https://ailit.example/paketkurs/au1" || p.MoveOn != "NotApplicable" {
		t.Errorf("package = %+v, runnable %v", p, p.Runnable())
	}
}

// A package's files are files of the version: changing one after publication is noticed, and
// learners keep getting the package as it was published, from the kept copy.
func TestChangedPackageFileOfAPublishedVersionIsServedFromTheKeptCopy(t *testing.T) {
	dir := t.TempDir()
	scormtest.WriteCourse(t, dir, "paketkurs", "scorm12", scormtest.Package("scorm12", "// veröffentlicht"))
	lib := NewLibrary(dir, listRecorder{mapRecorder{}}, quietLog())
	lib.KeepPublished(filepath.Join(t.TempDir(), "published"))
	if _, err := lib.Reload(); err != nil {
		t.Fatal(err)
	}
	before := lib.Catalog().Version("paketkurs", "1.0.0").Hash
	writeFile(t, dir, "paketkurs/1.0.0/modules/01-paket/package/sco.js", "// heimlich geändert")
	report, err := lib.Reload()
	if err != nil {
		t.Fatal(err)
	}
	v := lib.Catalog().Version("paketkurs", "1.0.0")
	if v == nil || v.Hash != before {
		t.Fatalf("the published version is not served as published: %v %v", v, report.Problems)
	}
	if !slices.ContainsFunc(report.Problems, func(p Problem) bool {
		return p.Path == "paketkurs/1.0.0/modules/01-paket/package/sco.js"
	}) {
		t.Errorf("no problem names the changed package file: %v", report.Problems)
	}
	abs, err := v.PackageFilePath(v.Module("paket"), "sco.js")
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(abs); string(b) != "// veröffentlicht" {
		t.Errorf("served sco.js = %q, want the published one", b)
	}
}
