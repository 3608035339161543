package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Size limits of docs/course-format.md. Text files (course.yaml, lesson.md, quiz.yaml,
// CHANGELOG.md) share the lesson limit.
const (
	MaxTextBytes  = 1 << 20
	MaxMediaBytes = 20 << 20
)

// mediaTypes are the files a version may serve, by extension. SVG is left out on purpose: an SVG
// can carry scripts, and media are served from the platform's own origin.
var mediaTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".pdf": "application/pdf",
	".mp3": "audio/mpeg", ".mp4": "video/mp4", ".webm": "video/webm", ".vtt": "text/vtt; charset=utf-8",
}

// MediaType returns the Content-Type for a served file name, and false for types that are not served.
func MediaType(name string) (string, bool) {
	t, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	return t, ok
}

// versionFile is one regular file of a version folder.
type versionFile struct {
	rel    string // relative to the version folder, "/"-separated
	abs    string // absolute path after resolving symbolic links
	size   int64
	digest string // sha256 hex of the content
}

// scanVersion lists every file of a version folder with its digest. Names starting with "." are
// skipped (editor and system files). Problems are reported relative to the courses folder.
func scanVersion(root, versionRel string) ([]versionFile, []Problem) {
	dir := filepath.Join(root, filepath.FromSlash(versionRel))
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, []Problem{{versionRel, 0, 0, "cannot read the folder: " + err.Error()}}
	}
	var files []versionFile
	var ps []Problem
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		problemPath := versionRel + "/" + rel
		if err != nil {
			ps = append(ps, Problem{problemPath, 0, 0, "cannot read: " + err.Error()})
			return nil
		}
		if p == dir {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		abs := filepath.Join(realDir, filepath.FromSlash(rel))
		if d.Type()&fs.ModeSymlink != 0 {
			abs, err = resolveInside(realDir, p)
			if err != nil {
				ps = append(ps, Problem{problemPath, 0, 0, err.Error()})
				return nil
			}
		} else if !d.Type().IsRegular() {
			ps = append(ps, Problem{problemPath, 0, 0, "not a regular file"})
			return nil
		}
		info, err := os.Stat(abs)
		if err != nil {
			ps = append(ps, Problem{problemPath, 0, 0, "cannot read: " + err.Error()})
			return nil
		}
		files = append(files, versionFile{rel: rel, abs: abs, size: info.Size()})
		return nil
	})
	if err != nil {
		ps = append(ps, Problem{versionRel, 0, 0, "cannot read the folder: " + err.Error()})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, ps
}

// resolveInside follows a symbolic link and refuses targets outside dir and targets that are folders.
func resolveInside(realDir, link string) (string, error) {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		return "", errors.New("symbolic link to a file that does not exist")
	}
	if !isInside(realDir, target) {
		return "", errors.New("symbolic link points outside the version folder; copy the file into the folder instead")
	}
	if info, err := os.Stat(target); err != nil || !info.Mode().IsRegular() {
		return "", errors.New("symbolic link to something that is not a file")
	}
	return target, nil
}

func isInside(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// digestFile hashes a file's content.
func digestFile(abs string) (string, error) {
	f, err := os.Open(abs)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFiles is the content hash of a set of files: sha256 over "path NUL digest LF" lines in path
// order, with paths relative to prefix. Renaming, adding, removing or editing any file changes it.
func hashFiles(files []versionFile, prefix string) string {
	h := sha256.New()
	for _, f := range files {
		if rel, ok := strings.CutPrefix(f.rel, prefix); ok {
			fmt.Fprintf(h, "%s\x00%s\n", rel, f.digest)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// FilePath returns the absolute path of a file of the version for serving it, or an error when rel
// is not a servable file of this version: paths with "..", absolute paths, paths through symbolic
// links that leave the folder, missing files and types MediaType does not serve.
func (v *Version) FilePath(rel string) (string, error) {
	if _, ok := MediaType(rel); !ok {
		return "", fmt.Errorf("file type of %q is not served", rel)
	}
	f, ok := v.files[rel]
	if !ok {
		return "", fmt.Errorf("no file %q in %s %s", rel, v.CourseID, v.Folder)
	}
	// Check again now: the folder may have changed since it was loaded.
	target, err := FileInside(v.Dir, rel)
	if err != nil || target != f.abs {
		return "", fmt.Errorf("file %q is not inside the version folder", rel)
	}
	return target, nil
}

// FileInside resolves the slash-separated relative path rel inside dir, following symbolic links,
// and refuses anything that leaves dir: "..", absolute paths, backslashes, unclean paths and links
// pointing outside. The file must exist.
func FileInside(dir, rel string) (string, error) {
	clean := path.Clean(rel)
	if rel == "" || clean != rel || strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) ||
		clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(rel, "\\") {
		return "", fmt.Errorf("invalid file path %q", rel)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	target, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil || !isInside(realDir, target) {
		return "", fmt.Errorf("file %q is not inside the folder", rel)
	}
	return target, nil
}
