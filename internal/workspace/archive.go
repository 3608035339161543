package workspace

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ailit/ailit/internal/content"
)

// Limits of an imported zip file.
const (
	MaxZipFiles      = 500
	MaxZipTotalBytes = 200 << 20
)

// ImportError says why a zip was refused; Reason is one of the constants below, Name the entry.
type ImportError struct {
	Reason string
	Name   string
}

// Reasons a zip import is refused.
const (
	ZipUnreadable   = "unreadable"
	ZipUnsafePath   = "unsafe-path" // "../", absolute paths, backslashes
	ZipSymlink      = "symlink"
	ZipTooManyFiles = "too-many-files"
	ZipTooLarge     = "too-large"
	ZipFileTooLarge = "file-too-large"
	ZipNoManifest   = "no-manifest"
	ZipOtherCourse  = "other-course"
)

func (e *ImportError) Error() string { return fmt.Sprintf("zip refused (%s): %s", e.Reason, e.Name) }

// Export writes a version folder as a zip with paths relative to the folder. Hidden files and
// symbolic links are left out.
func (w *Workspace) Export(courseID, folder string, out io.Writer) error {
	dir, err := w.VersionDir(courseID, folder)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		f, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		src, err := os.Open(p)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(f, src)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}

// Import replaces the draft with the contents of a zip (an exported version, with or without one
// top folder). Unsafe or oversized archives are refused before anything is written; the result
// must pass the validator completely, else the draft stays as it was. The draft gets
// `status: draft`, and when the zip carries a version number that is already released, the next
// minor number.
func (w *Workspace) Import(courseID string, r io.ReaderAt, size int64) error {
	if _, err := w.VersionDir(courseID, DraftFolder); err != nil {
		return err
	}
	files, err := readZip(r, size)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	s, err := w.newStage(courseID)
	if err != nil {
		return err
	}
	defer s.close()
	staged := s.dir(s.draft)
	if err := os.RemoveAll(staged); err != nil {
		return err
	}
	for name, data := range files {
		if err := writeAtomic(filepath.Join(staged, filepath.FromSlash(name)), data); err != nil {
			return err
		}
	}
	m, _ := content.ParseManifest("course.yaml", files["course.yaml"])
	if m != nil && m.ID != courseID {
		return &ImportError{ZipOtherCourse, m.ID}
	}
	if m != nil {
		version, change := m.Version, m.Change
		if latest := w.latestRelease(courseID); latest != "" && compareVersions(version, latest) <= 0 {
			version, change = Bump(latest, content.ChangeMinor), content.ChangeMinor
		}
		if err := retarget(staged, version, change, content.StatusDraft, "", ""); err != nil {
			return err
		}
	}
	if err := s.valid(s.draft); err != nil {
		return err
	}
	return w.replaceDraft(courseID, staged)
}

// readZip reads and checks every entry before anything is written.
func readZip(r io.ReaderAt, size int64) (map[string][]byte, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &ImportError{ZipUnreadable, err.Error()}
	}
	var names []string
	for _, f := range zr.File {
		if f.Mode()&fs.ModeSymlink != 0 {
			return nil, &ImportError{ZipSymlink, f.Name}
		}
		name := f.Name
		clean := path.Clean(name)
		if strings.Contains(name, "\\") || strings.HasPrefix(name, "/") || filepath.IsAbs(name) ||
			clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(name, ":") {
			return nil, &ImportError{ZipUnsafePath, name}
		}
		if !f.Mode().IsDir() && !strings.HasSuffix(name, "/") {
			names = append(names, clean)
		}
	}
	if len(names) > MaxZipFiles {
		return nil, &ImportError{ZipTooManyFiles, fmt.Sprint(len(names))}
	}
	prefix := commonTopFolder(names)
	files := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		if f.Mode().IsDir() || strings.HasSuffix(f.Name, "/") {
			continue
		}
		name := strings.TrimPrefix(path.Clean(f.Name), prefix)
		if strings.HasPrefix(path.Base(name), ".") || strings.Contains(name, "/.") {
			continue // editor and system files, as the loader does
		}
		limit := int64(content.MaxMediaBytes)
		if isText(name) {
			limit = content.MaxTextBytes
		}
		data, err := readLimited(f, limit)
		if err != nil {
			return nil, err
		}
		total += int64(len(data))
		if total > MaxZipTotalBytes {
			return nil, &ImportError{ZipTooLarge, f.Name}
		}
		files[name] = data
	}
	if _, ok := files["course.yaml"]; !ok {
		return nil, &ImportError{ZipNoManifest, "course.yaml"}
	}
	return files, nil
}

// readLimited reads an entry, trusting the actual bytes rather than the declared size.
func readLimited(f *zip.File, limit int64) ([]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, &ImportError{ZipFileTooLarge, f.Name}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &ImportError{ZipUnreadable, f.Name}
	}
	defer rc.Close()
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, &ImportError{ZipUnreadable, f.Name}
	}
	if n > limit {
		return nil, &ImportError{ZipFileTooLarge, f.Name}
	}
	return buf.Bytes(), nil
}

// commonTopFolder returns "1.1.0/" when every entry lies in that one folder and there is no
// course.yaml at the top.
func commonTopFolder(names []string) string {
	top := ""
	for _, n := range names {
		if n == "course.yaml" {
			return ""
		}
		first, _, nested := strings.Cut(n, "/")
		if !nested || (top != "" && first != top) {
			return ""
		}
		top = first
	}
	if top == "" {
		return ""
	}
	return top + "/"
}

// latestRelease is the highest version folder name of a course, or "".
func (w *Workspace) latestRelease(courseID string) string {
	entries, _ := os.ReadDir(filepath.Join(w.Root, courseID))
	latest := ""
	for _, e := range entries {
		if e.IsDir() && e.Name() != DraftFolder && folderPattern.MatchString(e.Name()) &&
			(latest == "" || compareVersions(e.Name(), latest) > 0) {
			latest = e.Name()
		}
	}
	return latest
}

func compareVersions(a, b string) int {
	var x, y [3]int
	fmt.Sscanf(a, "%d.%d.%d", &x[0], &x[1], &x[2])
	fmt.Sscanf(b, "%d.%d.%d", &y[0], &y[1], &y[2])
	for i := range x {
		if x[i] != y[i] {
			return x[i] - y[i]
		}
	}
	return 0
}
