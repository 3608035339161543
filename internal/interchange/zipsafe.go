package interchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits of an uploaded package: generous for question banks with images, small enough that a zip
// bomb cannot fill the memory.
const (
	maxPackageFiles      = 5000
	maxPackageEntryBytes = 50 << 20
	maxPackageBytes      = 200 << 20
)

// packageFiles is the content of a zip package by clean relative path.
type packageFiles map[string][]byte

// readZip unpacks a zip into memory, refusing entries that leave the package ("../", absolute
// paths, backslashes) and packages over the limits. A refused package is refused whole: nothing
// of it is used.
func readZip(name string, data []byte) (packageFiles, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable zip file: %v", name, err)
	}
	if len(zr.File) > maxPackageFiles {
		return nil, fmt.Errorf("%s: the package has %d files, more than the %d allowed", name, len(zr.File), maxPackageFiles)
	}
	files := packageFiles{}
	var total int64
	for _, f := range zr.File {
		rel, err := safeEntryName(f.Name)
		if err != nil {
			return nil, fmt.Errorf("%s: %v; the package is refused", name, err)
		}
		if f.FileInfo().IsDir() {
			continue
		}
		if f.UncompressedSize64 > maxPackageEntryBytes {
			return nil, fmt.Errorf("%s: %s is larger than %d MiB", name, rel, maxPackageEntryBytes>>20)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", name, rel, err)
		}
		content, err := io.ReadAll(io.LimitReader(rc, maxPackageEntryBytes+1))
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", name, rel, err)
		}
		total += int64(len(content))
		if len(content) > maxPackageEntryBytes || total > maxPackageBytes {
			return nil, fmt.Errorf("%s: the unpacked package is larger than allowed", name)
		}
		files[rel] = content
	}
	return files, nil
}

// safeEntryName checks a zip entry name and returns it cleaned.
func safeEntryName(name string) (string, error) {
	clean := path.Clean(strings.TrimSuffix(name, "/"))
	switch {
	case strings.Contains(name, "\\"):
		return "", fmt.Errorf("the entry %q uses a backslash", name)
	case strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':'):
		return "", fmt.Errorf("the entry %q is an absolute path", name)
	case clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(name, "/../") || strings.HasSuffix(name, "/.."):
		return "", fmt.Errorf("the entry %q points outside the package", name)
	}
	return clean, nil
}

// resolveRef resolves a reference (href, src) of the file at from inside the package; ok is false
// for references that leave the package or point elsewhere (URLs, absolute paths).
func resolveRef(from, ref string) (string, bool) {
	ref, _, _ = strings.Cut(ref, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if ref == "" || strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") || strings.Contains(ref, "\\") {
		return "", false
	}
	ref = unescapePath(ref)
	target := path.Clean(path.Join(path.Dir(from), ref))
	if target == ".." || strings.HasPrefix(target, "../") {
		return "", false
	}
	return target, true
}

// zipBuilder writes a package into memory.
type zipBuilder struct {
	buf bytes.Buffer
	zw  *zip.Writer
}

func newZipBuilder() *zipBuilder {
	zb := &zipBuilder{}
	zb.zw = zip.NewWriter(&zb.buf)
	return zb
}

func (zb *zipBuilder) write(name string, data []byte) error {
	w, err := zb.zw.Create(name)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

func (zb *zipBuilder) bytes() ([]byte, error) {
	if err := zb.zw.Close(); err != nil {
		return nil, err
	}
	return zb.buf.Bytes(), nil
}

// ReadPackage unpacks a zip package into memory by clean relative path, with the same refusals
// and limits as every import here (entries leaving the package, absolute paths, backslashes,
// more than 5000 files, 50 MiB per file, 200 MiB in all). For unpacking an uploaded SCORM or
// QTI package before it is written anywhere.
func ReadPackage(name string, data []byte) (map[string][]byte, error) {
	return readZip(name, data)
}
