package scorm

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"

	"path/filepath"
	"strings"
)

// Limits of a package zip: as many files as real authoring-tool exports have, and the size
// limits of course folders (internal/content: 20 MiB per file, 200 MiB per package).
const (
	MaxZipEntries   = 5000
	MaxZipFileBytes = 20 << 20
	MaxZipBytes     = 200 << 20
)

// UnpackError says why a zip was refused and which entry caused it.
type UnpackError struct {
	Entry, Reason string
}

func (e *UnpackError) Error() string {
	if e.Entry == "" {
		return "package refused: " + e.Reason
	}
	return fmt.Sprintf("package refused: %s: %s", e.Entry, e.Reason)
}

// Unpack writes the files of a package zip into dest, which must not exist yet. It refuses the
// whole zip, writing nothing, when an entry leaves the folder ("../", absolute paths,
// backslashes), is a symbolic link, or breaks the limits, and when the manifest of kind is not at
// the top level (a zip whose files all sit in one folder is unpacked from inside that folder).
// It returns the files written, relative to dest.
func Unpack(r io.ReaderAt, size int64, kind, dest string) ([]string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &UnpackError{Reason: "not a zip file: " + err.Error()}
	}
	if len(zr.File) > MaxZipEntries {
		return nil, &UnpackError{Reason: fmt.Sprintf("%d entries; at most %d are allowed", len(zr.File), MaxZipEntries)}
	}
	var files []*zip.File
	var names []string
	var total uint64
	for _, f := range zr.File {
		if f.Mode()&os.ModeSymlink != 0 {
			return nil, &UnpackError{f.Name, "symbolic links are not allowed"}
		}
		if strings.HasSuffix(f.Name, "/") || f.FileInfo().IsDir() {
			if _, ok := InsidePath(strings.TrimSuffix(f.Name, "/")); !ok {
				return nil, &UnpackError{f.Name, "the folder leaves the package"}
			}
			continue
		}
		name, ok := InsidePath(f.Name)
		if !ok || name != f.Name || strings.Contains(f.Name, ":") {
			return nil, &UnpackError{f.Name, "the path leaves the package or is not a clean relative path"}
		}
		if f.UncompressedSize64 > MaxZipFileBytes {
			return nil, &UnpackError{f.Name, "the file is larger than 20 MiB"}
		}
		if total += f.UncompressedSize64; total > MaxZipBytes {
			return nil, &UnpackError{Reason: "the files are larger than 200 MiB together"}
		}
		files = append(files, f)
		names = append(names, name)
	}
	prefix := commonFolder(names)
	manifest := ManifestFile(kind)
	found := false
	for _, n := range names {
		found = found || n == prefix+manifest
	}
	if !found {
		return nil, &UnpackError{Reason: manifest + " is not at the top level of the zip"}
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		return nil, &UnpackError{Reason: dest + " exists already; unpack into a new folder"}
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".unpack-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var written []string
	for i, f := range files {
		rel := strings.TrimPrefix(names[i], prefix)
		if err := writeEntry(f, filepath.Join(tmp, filepath.FromSlash(rel))); err != nil {
			return nil, &UnpackError{f.Name, err.Error()}
		}
		written = append(written, rel)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return nil, err
	}
	return written, nil
}

// commonFolder is "folder/" when every name is inside the same top folder, else "".
func commonFolder(names []string) string {
	if len(names) == 0 {
		return ""
	}
	first, _, ok := strings.Cut(names[0], "/")
	if !ok {
		return ""
	}
	for _, n := range names {
		if !strings.HasPrefix(n, first+"/") {
			return ""
		}
	}
	return first + "/"
}

func writeEntry(f *zip.File, target string) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	in, err := f.Open()
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	// The header's size may lie: copy at most one byte more than the limit and check.
	n, err := io.Copy(out, io.LimitReader(in, MaxZipFileBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > MaxZipFileBytes {
		err = errors.New("the file is larger than 20 MiB")
	}
	return err
}
