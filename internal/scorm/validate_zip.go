package scorm

import (
	"archive/zip"
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
)

// ValidateZip checks a package zip the way the course validator checks an unpacked package: the
// entries (no paths that leave the package, no links, the size limits), the manifest of kind at
// the top level and everything the manifest names. Exports of ailit (ailit courses export
// --format scorm12) are held to it, so what ailit writes, ailit can read. Problems of the manifest
// carry its line; problems of the zip have line 0.
func ValidateZip(r io.ReaderAt, size int64, kind string) (*Manifest, []Problem) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, []Problem{{0, "not a zip file: " + err.Error()}}
	}
	var ps []Problem
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		name, ok := InsidePath(f.Name)
		switch {
		case f.Mode()&os.ModeSymlink != 0:
			ps = append(ps, problemf(0, "%s: symbolic links are not allowed", f.Name))
		case !ok || name != f.Name:
			ps = append(ps, problemf(0, "%s: the path leaves the package or is not a clean relative path", f.Name))
		case f.UncompressedSize64 > MaxZipFileBytes:
			ps = append(ps, problemf(0, "%s: the file is larger than 20 MiB", f.Name))
		default:
			entries[name] = f
		}
	}
	mf, ok := entries[ManifestFile(kind)]
	if !ok {
		return nil, append(ps, problemf(0, "%s is not at the top level of the zip", ManifestFile(kind)))
	}
	rc, err := mf.Open()
	if err != nil {
		return nil, append(ps, problemf(0, "%s cannot be read: %v", mf.Name, err))
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxXMLBytes+1))
	if err != nil {
		return nil, append(ps, problemf(0, "%s cannot be read: %v", mf.Name, err))
	}
	exists := func(p string) bool { _, ok := entries[p]; return ok }
	var m *Manifest
	var mps []Problem
	switch kind {
	case KindCMI5:
		m, mps = ParseCMI5(data, exists)
	case KindSCORM12, KindSCORM2004:
		m, mps = ParseIMSManifest(kind, data, exists)
	default:
		return nil, append(ps, problemf(0, "unknown package kind %q", kind))
	}
	slices.SortStableFunc(mps, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	for _, p := range mps {
		p.Message = fmt.Sprintf("%s: %s", ManifestFile(kind), p.Message)
		ps = append(ps, p)
	}
	return m, ps
}
