package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var pdfBytes = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")

func TestMediaListsSizeAndTheLessonLinesThatUseAFile(t *testing.T) {
	w := withDraft(t)
	files, err := w.Media("ki-grundlagen", "was-ist-ki")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "neuronales-netz.png" || files[0].Size == 0 || !files[0].Image {
		t.Fatalf("files %+v", files)
	}
	if uses := files[0].Uses; len(uses) != 1 || uses[0].String() != "modules/01-was-ist-ki/lesson.md:9" {
		t.Errorf("uses %v", uses)
	}
}

func TestDeleteMediaIsRefusedWhileALessonUsesItAndNamesTheLine(t *testing.T) {
	w := withDraft(t)
	err := w.DeleteMedia("ki-grundlagen", "was-ist-ki", "neuronales-netz.png")
	var inUse *MediaInUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), "modules/01-was-ist-ki/lesson.md:9") {
		t.Fatalf("delete of a used image: %v", err)
	}
	if _, err := os.Stat(filepath.Join(w.Root, "ki-grundlagen", "draft", "modules", "01-was-ist-ki", "media", "neuronales-netz.png")); err != nil {
		t.Error("the refused delete removed the file")
	}
	// A use from another module's lesson counts too.
	rel := "modules/02-chancen-und-grenzen/lesson.md"
	data, hash, _ := w.ReadFile("ki-grundlagen", DraftFolder, rel)
	data = append(data, []byte("\n![Netz](../01-was-ist-ki/media/neuronales-netz.png)\n")...)
	if err := w.SaveFile("ki-grundlagen", rel, data, hash); err != nil {
		t.Fatal(err)
	}
	if err := w.DeleteMedia("ki-grundlagen", "was-ist-ki", "neuronales-netz.png"); !errors.As(err, &inUse) || len(inUse.Uses) != 2 || inUse.Uses[1].File != rel {
		t.Errorf("uses from two lessons: %v", err)
	}
}

func TestUnusedMediaCanBeAddedReplacedAndDeleted(t *testing.T) {
	w := withDraft(t)
	name, err := w.AddMedia("ki-grundlagen", "chancen-und-grenzen", "Handreichung KI.PDF", pdfBytes)
	if err != nil || name != "handreichung-ki.pdf" {
		t.Fatalf("add: %q %v", name, err)
	}
	if err := w.ReplaceMedia("ki-grundlagen", "chancen-und-grenzen", name, append(pdfBytes, '\n')); err != nil {
		t.Fatalf("replace: %v", err)
	}
	if err := w.ReplaceMedia("ki-grundlagen", "chancen-und-grenzen", name, pngBytes(t)); !errors.Is(err, ErrMediaKind) {
		t.Errorf("replace a PDF by a PNG: %v", err)
	}
	files, _ := w.Media("ki-grundlagen", "chancen-und-grenzen")
	if len(files) != 1 || files[0].Size != int64(len(pdfBytes)+1) || len(files[0].Uses) != 0 {
		t.Errorf("files %+v", files)
	}
	if err := w.DeleteMedia("ki-grundlagen", "chancen-und-grenzen", name); err != nil {
		t.Fatal(err)
	}
	if files, _ := w.Media("ki-grundlagen", "chancen-und-grenzen"); len(files) != 0 {
		t.Errorf("after delete: %+v", files)
	}
	mustLoad(t, w.Root)
}

func TestMediaUploadChecksContentSizeAndPaths(t *testing.T) {
	w := withDraft(t)
	before := snapshot(t, filepath.Join(w.Root, "ki-grundlagen", "draft"))
	tests := []struct {
		name, module, file string
		data               []byte
		want               error
	}{
		{"a script named .pdf", "chancen-und-grenzen", "x.pdf", []byte("<script>alert(1)</script>"), ErrMediaType},
		{"an SVG", "chancen-und-grenzen", "x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), ErrMediaType},
		{"an image without alt text", "chancen-und-grenzen", "x.pdf", pngBytes(t), ErrAltMissing},
		{"too large", "chancen-und-grenzen", "x.pdf", append(append([]byte{}, pdfBytes...), make([]byte, MaxMediaBytes)...), ErrMediaTooLarge},
		{"a module id with a path", "../../etc", "x.pdf", pdfBytes, ErrBadName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := w.AddMedia("ki-grundlagen", tt.module, tt.file, tt.data); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	assertUnchanged(t, before, snapshot(t, filepath.Join(w.Root, "ki-grundlagen", "draft")))
	// A path in the uploaded name only gives the file its name, inside the media folder.
	name, err := w.AddMedia("ki-grundlagen", "chancen-und-grenzen", `..\..\..\course.pdf`, pdfBytes)
	if err != nil || name != "course.pdf" {
		t.Fatalf("upload named with a path: %q %v", name, err)
	}
	if _, err := os.Stat(filepath.Join(w.Root, "ki-grundlagen", "draft", "modules", "02-chancen-und-grenzen", "media", "course.pdf")); err != nil {
		t.Error(err)
	}
	for _, bad := range []string{"../lesson.md", "..", ".hidden", "media/../../course.yaml"} {
		if err := w.DeleteMedia("ki-grundlagen", "chancen-und-grenzen", bad); !errors.Is(err, ErrBadName) {
			t.Errorf("delete %q: %v", bad, err)
		}
		if err := w.ReplaceMedia("ki-grundlagen", "chancen-und-grenzen", bad, pdfBytes); !errors.Is(err, ErrBadName) {
			t.Errorf("replace %q: %v", bad, err)
		}
	}
}
