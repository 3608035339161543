package workspace

import (
	"archive/zip"
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

type zipEntry struct {
	name string
	data string
	mode fs.FileMode
}

func makeZip(t *testing.T, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		f, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(e.data))
	}
	zw.Close()
	return buf.Bytes()
}

func TestExportThenImportGivesAValidDraft(t *testing.T) {
	w := New(coursesCopy(t))
	var buf bytes.Buffer
	if err := w.Export("ki-grundlagen", "1.1.0", &buf); err != nil {
		t.Fatal(err)
	}
	if err := w.Import("ki-grundlagen", bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil {
		t.Fatal(err)
	}
	if got := readDraft(t, w, "course.yaml"); !strings.Contains(got, "version: 1.2.0") || !strings.Contains(got, "status: draft") {
		t.Errorf("imported course.yaml:\n%s", got)
	}
	mustLoad(t, w.Root)
}

func TestImportRefusesUnsafeZipsAndKeepsTheDraft(t *testing.T) {
	big := strings.Repeat("x", 1<<20+1)
	tests := []struct {
		name    string
		zip     []byte
		reason  string
		invalid bool
	}{
		{"zip slip", makeZip(t, zipEntry{name: "course.yaml", data: "id: x"}, zipEntry{name: "../../evil.md", data: "x"}), ZipUnsafePath, false},
		{"absolute path", makeZip(t, zipEntry{name: "/etc/cron.d/x", data: "x"}), ZipUnsafePath, false},
		{"backslash path", makeZip(t, zipEntry{name: "..\\evil", data: "x"}), ZipUnsafePath, false},
		{"symbolic link", makeZip(t, zipEntry{name: "course.yaml", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777}), ZipSymlink, false},
		{"oversized lesson", makeZip(t, zipEntry{name: "course.yaml", data: "id: x"}, zipEntry{name: "modules/01-a/lesson.md", data: big}), ZipFileTooLarge, false},
		{"not a zip", []byte("PK but not really"), ZipUnreadable, false},
		{"no course.yaml", makeZip(t, zipEntry{name: "readme.md", data: "x"}), ZipNoManifest, false},
		{"other course", makeZip(t, zipEntry{name: "course.yaml", data: "id: anderer-kurs\n"}), ZipOtherCourse, false},
		{"invalid content", makeZip(t, zipEntry{name: "course.yaml", data: "id: ki-grundlagen\nversion: 9.0.0\n"}), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := withDraft(t)
			before := snapshot(t, filepath.Join(w.Root, "ki-grundlagen"))
			err := w.Import("ki-grundlagen", bytes.NewReader(tt.zip), int64(len(tt.zip)))
			var ie *ImportError
			var inv *InvalidError
			switch {
			case tt.invalid && !errors.As(err, &inv):
				t.Fatalf("want InvalidError, got %v", err)
			case !tt.invalid && (!errors.As(err, &ie) || ie.Reason != tt.reason):
				t.Fatalf("want %s, got %v", tt.reason, err)
			}
			assertUnchanged(t, before, snapshot(t, filepath.Join(w.Root, "ki-grundlagen")))
		})
	}
}

func TestImportRefusesTooManyFiles(t *testing.T) {
	var entries []zipEntry
	for i := range MaxZipFiles + 1 {
		entries = append(entries, zipEntry{name: "modules/01-a/media/f" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + ".png", data: "x"})
	}
	w := withDraft(t)
	z := makeZip(t, entries...)
	var ie *ImportError
	if err := w.Import("ki-grundlagen", bytes.NewReader(z), int64(len(z))); !errors.As(err, &ie) || ie.Reason != ZipTooManyFiles {
		t.Fatalf("got %v", err)
	}
}

func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.Black)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestAddImage(t *testing.T) {
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	tests := []struct {
		name    string
		up      ImageUpload
		wantErr error
		want    string
	}{
		{"png with alt text", ImageUpload{FileName: "Schaubild Übersicht.PNG", Data: pngBytes(t), Alt: "Schaubild der Abläufe"}, nil, "![Schaubild der Abläufe](media/schaubild-uebersicht.png)"},
		{"decorative", ImageUpload{FileName: "deko.png", Data: pngBytes(t), Decorative: true}, nil, "![-](media/deko.png)"},
		{"text file named .png", ImageUpload{FileName: "x.png", Data: []byte("<script>alert(1)</script>"), Alt: "x"}, ErrNotAnImage, ""},
		{"svg", ImageUpload{FileName: "x.svg", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), Alt: "x"}, ErrNotAnImage, ""},
		{"too large", ImageUpload{FileName: "x.png", Data: append(pngBytes(t), make([]byte, MaxImageBytes)...), Alt: "x"}, ErrImageTooLarge, ""},
		{"no alt text", ImageUpload{FileName: "x.png", Data: pngBytes(t), Alt: "  "}, ErrAltMissing, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := withDraft(t)
			before := snapshot(t, filepath.Join(w.Root, "ki-grundlagen", "draft"))
			_, hash, _ := w.ReadFile("ki-grundlagen", "draft", rel)
			tt.up.CourseID, tt.up.ModuleFolder = "ki-grundlagen", "02-chancen-und-grenzen"
			snippet, err := w.AddImage(tt.up, hash)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if tt.wantErr != nil {
				assertUnchanged(t, before, snapshot(t, filepath.Join(w.Root, "ki-grundlagen", "draft")))
				return
			}
			if snippet != tt.want || !strings.HasSuffix(readDraft(t, w, rel), tt.want+"\n") {
				t.Errorf("snippet %q, lesson:\n%s", snippet, readDraft(t, w, rel))
			}
			mustLoad(t, w.Root)
		})
	}
}
