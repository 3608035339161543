package scorm

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func zipOf(t *testing.T, files map[string]string) *bytes.Reader {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, body := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(buf.Bytes())
}

func TestUnpackWritesThePackageFromItsTopFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "package")
	r := zipOf(t, map[string]string{"kurs/imsmanifest.xml": "<manifest/>", "kurs/index.html": "<p>x</p>", "kurs/js/a.js": "1"})
	got, err := Unpack(r, r.Size(), KindSCORM12, dest)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"imsmanifest.xml", "index.html", "js/a.js"}) {
		t.Errorf("written %q", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "js", "a.js")); string(b) != "1" {
		t.Errorf("js/a.js = %q", b)
	}
}

func TestUnpackRefusesPathsThatLeaveThePackage(t *testing.T) {
	for _, bad := range []string{"../evil.html", "a/../../evil.html", "/etc/evil", `..\evil.html`, "C:/evil", "./a/../../x"} {
		t.Run(bad, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "package")
			r := zipOf(t, map[string]string{"imsmanifest.xml": "<manifest/>", bad: "boom"})
			_, err := Unpack(r, r.Size(), KindSCORM12, dest)
			var ue *UnpackError
			if !errors.As(err, &ue) || ue.Entry != bad {
				t.Fatalf("error = %v, want the entry %q refused", err, bad)
			}
			entries, _ := os.ReadDir(parent)
			if len(entries) != 0 {
				t.Errorf("a refused zip left files: %v", entries)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(parent), "evil.html")); err == nil {
				t.Error("evil.html was written outside")
			}
		})
	}
}

func TestUnpackNeedsTheManifestAtTheTopAndANewFolder(t *testing.T) {
	dir := t.TempDir()
	r := zipOf(t, map[string]string{"index.html": "x", "sub/imsmanifest.xml": "<manifest/>"})
	if _, err := Unpack(r, r.Size(), KindSCORM12, filepath.Join(dir, "p")); err == nil {
		t.Error("a zip without a top-level manifest was unpacked")
	}
	r = zipOf(t, map[string]string{"cmi5.xml": "<courseStructure/>"})
	if _, err := Unpack(r, r.Size(), KindCMI5, dir); err == nil {
		t.Error("unpacked into an existing folder")
	}
}

func TestValidateZipChecksEntriesAndManifest(t *testing.T) {
	good := map[string]string{"imsmanifest.xml": manifest12, "index.html": "x", "js/sco.js": "y"}
	r := zipOf(t, good)
	m, ps := ValidateZip(r, r.Size(), KindSCORM12)
	if len(ps) != 0 || m == nil || m.Launch != "index.html" {
		t.Fatalf("valid zip: %+v %v", m, ps)
	}
	bad := map[string]string{"imsmanifest.xml": manifest12, "../index.html": "x", "js/sco.js": "y"}
	r = zipOf(t, bad)
	m, ps = ValidateZip(r, r.Size(), KindSCORM12)
	want := []Problem{{0, "../index.html: the path leaves the package or is not a clean relative path"},
		{19, `imsmanifest.xml: "index.html" is named in the manifest but is not in the package`},
		{20, `imsmanifest.xml: "index.html" is named in the manifest but is not in the package`}}
	if m != nil || !slices.Equal(ps, want) {
		t.Errorf("zip with ../: %+v\n%v\nwant %v", m, ps, want)
	}
}

func TestUnpackRefusesSymbolicLinks(t *testing.T) {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, _ := w.Create("imsmanifest.xml")
	f.Write([]byte("<manifest/>"))
	h := &zip.FileHeader{Name: "passwd"}
	h.SetMode(os.ModeSymlink | 0o777)
	link, _ := w.CreateHeader(h)
	link.Write([]byte("/etc/passwd"))
	w.Close()
	r := bytes.NewReader(buf.Bytes())
	_, err := Unpack(r, r.Size(), KindSCORM12, filepath.Join(t.TempDir(), "p"))
	var ue *UnpackError
	if !errors.As(err, &ue) || ue.Entry != "passwd" {
		t.Errorf("error = %v, want the link refused", err)
	}
	if _, ps := ValidateZip(r, r.Size(), KindSCORM12); len(ps) == 0 || ps[0].Message != "passwd: symbolic links are not allowed" {
		t.Errorf("ValidateZip problems = %v", ps)
	}
}
