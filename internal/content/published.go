package content

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// StatusKept: the files of a published version on disk were changed or deleted after publication;
// learners get the copy kept when it was first published, and the report names the files that differ.
const StatusKept = "kept"

// HashLister is the optional part of a HashRecorder that lists every recorded version hash by
// "course/version", so that versions whose folder is broken or gone can still be served from the
// kept copy. The store implements it.
type HashLister interface {
	RecordedVersionHashes() (map[string]string, error)
}

// KeepPublished makes the library keep a content-addressed copy of every published version in
// dir (dir/<hash>/<course>/<version>/…), written the first time the version loads with its recorded
// hash, and serve that copy when the files on disk later change or disappear. Call before Reload.
func (l *Library) KeepPublished(dir string) { l.keepDir = dir }

// keptDir is where the copy of a version with hash lives.
func (l *Library) keptDir(hash, courseID, folder string) string {
	return filepath.Join(l.keepDir, hash, courseID, folder)
}

// keepCopy writes the copy of a published version unless it exists. The copy is written to a
// temporary folder, each file checked against the digest the load read (the files may change
// while they are copied), and renamed into place, so a copy that exists is always complete and
// has the version's hash.
func (l *Library) keepCopy(v *Version) error {
	final := l.keptDir(v.Hash, v.CourseID, v.Folder)
	if _, err := os.Stat(final); err == nil {
		return nil
	}
	if err := os.MkdirAll(l.keepDir, 0o750); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(l.keepDir, ".copy-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rel := v.CourseID + "/" + v.Folder
	made := map[string]bool{}
	for _, f := range v.files {
		dst := filepath.Join(tmp, filepath.FromSlash(rel+"/"+f.rel))
		if dir := filepath.Dir(dst); !made[dir] {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return err
			}
			made[dir] = true
		}
		// The copy is checked as it is written: the version's hash is made of the files' digests,
		// so equal digests for every file of the version mean the copy has the version's hash.
		digest, err := copyFileDigest(f.abs, dst, 0o640)
		if err != nil {
			return err
		}
		if digest != f.digest {
			return fmt.Errorf("the files changed while they were copied (%s has digest %.12s…, loaded as %.12s…)", f.rel, digest, f.digest)
		}
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(tmp, filepath.FromSlash(rel)), final); err != nil {
		if _, serr := os.Stat(final); serr == nil {
			return nil // another instance or command kept the same copy at the same moment
		}
		return err
	}
	return nil
}

// servedKept loads the kept copy of a published version that differs on disk, lists the files
// that differ as problems and marks the version kept. It returns nil when there is no usable copy.
func (l *Library) servedKept(r *LoadReport, courseID, folder, hash string) *Version {
	if l.keepDir == "" || hash == "" {
		return nil
	}
	root := filepath.Join(l.keepDir, hash)
	rel := courseID + "/" + folder
	if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
		return nil
	}
	ld := &versionLoad{courseID: courseID, folder: folder, rel: rel}
	ld.load(root, nil)
	if ld.v == nil || len(ld.problems) > 0 || ld.v.Hash != hash || ld.v.Draft {
		l.log.Error("the kept copy of a published version cannot be served", "course", courseID, "version", folder,
			"dir", filepath.Join(root, rel), "problems", len(ld.problems))
		return nil
	}
	r.Problems = append(r.Problems, l.differences(ld.v)...)
	i := slices.IndexFunc(r.Versions, func(s VersionStatus) bool { return s.CourseID == courseID && s.Folder == folder })
	if i < 0 {
		r.Versions = append(r.Versions, VersionStatus{CourseID: courseID, Folder: folder})
		i = len(r.Versions) - 1
	}
	r.Versions[i].Status, r.Versions[i].Title = StatusKept, ld.v.Manifest.Title
	return ld.v
}

// differences names every file of the version folder on disk that differs from the kept copy:
// changed, deleted or added, or the whole folder deleted.
func (l *Library) differences(kept *Version) []Problem {
	rel := kept.CourseID + "/" + kept.Folder
	const served = "; learners get the version as it was published (kept copy). Restore the file, or publish the change as a new version."
	if _, err := os.Stat(filepath.Join(l.dir, filepath.FromSlash(rel))); err != nil {
		return []Problem{{rel, 0, 0, "the version folder was deleted after publication" + served}}
	}
	disk, _ := scanVersion(l.dir, rel)
	onDisk := map[string]string{}
	for _, f := range disk {
		onDisk[f.rel], _ = digestFile(f.abs)
	}
	var ps []Problem
	for name, f := range kept.files {
		switch digest, ok := onDisk[name]; {
		case !ok:
			ps = append(ps, Problem{rel + "/" + name, 0, 0, "deleted after publication" + served})
		case digest != f.digest:
			ps = append(ps, Problem{rel + "/" + name, 0, 0, "changed after publication" + served})
		}
	}
	for name := range onDisk {
		if _, ok := kept.files[name]; !ok {
			ps = append(ps, Problem{rel + "/" + name, 0, 0, "added after publication" + served})
		}
	}
	if len(ps) == 0 {
		// Same files, yet the load failed or differed: say so at the folder.
		ps = append(ps, Problem{rel, 0, 0, "the folder differs from the published version" + served})
	}
	return ps
}

// copyFileDigest is CopyFile that returns the sha256 (hex) of the bytes it wrote.
func copyFileDigest(src, dst string, perm os.FileMode) (string, error) {
	h := sha256.New()
	err := copyFile(src, dst, perm, h)
	return hex.EncodeToString(h.Sum(nil)), err
}

// CopyFile copies src to a new file dst (which must not exist) with permissions perm.
func CopyFile(src, dst string, perm os.FileMode) error { return copyFile(src, dst, perm, nil) }

// copyFile is CopyFile that also writes the bytes to also, when it is not nil.
func copyFile(src, dst string, perm os.FileMode, also io.Writer) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	var w io.Writer = out
	if also != nil {
		w = io.MultiWriter(out, also)
	}
	if _, err := io.Copy(w, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// splitVersionKey splits "course/version".
func splitVersionKey(key string) (string, string, bool) { return strings.Cut(key, "/") }
