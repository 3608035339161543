package content

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/ailit/ailit/internal/scorm"
)

// MaxPackageBytes bounds all files of one package together; each file also keeps the media limit.
const MaxPackageBytes = 200 << 20

// Package is a SCORM 1.2, SCORM 2004 (4th edition) or cmi5 package that a module runs instead of
// showing its lesson text alone. Its files are files of the version like any other: the content
// hash and the immutability of published versions cover them.
type Package struct {
	Kind         string   // scorm.KindSCORM12, scorm.KindSCORM2004 or scorm.KindCMI5
	Dir          string   // the package folder, relative to the version folder ("modules/03-x/package")
	Launch       string   // the launch file relative to Dir, with its query string
	Title        string   // from the manifest
	MasteryScore *float64 // see scorm.Manifest.MasteryScore
	AUID, MoveOn string   // cmi5: the launched AU's id and moveOn
}

// Runnable reports whether ailit runs the package in the browser: SCORM 1.2, SCORM 2004 and the
// first AU of a cmi5 course structure.
func (p *Package) Runnable() bool { return slices.Contains(scorm.Kinds, p.Kind) }

// loadPackage checks the package a module's lesson.md declares and its manifest.
func (l *versionLoad) loadPackage(m *Module, lesson *lessonFile) {
	doc := lesson.doc
	if !slices.Contains(scorm.Kinds, lesson.Package) {
		l.add(doc.problemAt("$.package", "package %q must be one of: %s", lesson.Package, strings.Join(scorm.Kinds, ", ")))
		return
	}
	folder := lesson.PackageFolder
	if folder == "" {
		folder = "package"
	}
	clean, ok := scorm.InsidePath(folder)
	if !ok || strings.Contains(clean, "..") {
		l.add(doc.problemAt("$.package_folder", "package_folder %q must be a folder inside the module folder", folder))
		return
	}
	dir := "modules/" + m.Folder + "/" + clean
	manifestRel := dir + "/" + scorm.ManifestFile(lesson.Package)
	problemPath := l.rel + "/" + manifestRel
	f, ok := l.v.files[manifestRel]
	if !ok {
		l.add(Problem{l.rel + "/" + dir, 0, 0, fmt.Sprintf("the package has no %s at its top level; unpack the package so that %s is directly in %s",
			scorm.ManifestFile(lesson.Package), scorm.ManifestFile(lesson.Package), dir)})
		return
	}
	var total int64
	for rel, vf := range l.v.files {
		if strings.HasPrefix(rel, dir+"/") {
			total += vf.size
		}
	}
	if total > MaxPackageBytes {
		l.add(Problem{l.rel + "/" + dir, 0, 0, fmt.Sprintf("the package has %.1f MiB of files; a package may have at most %d MiB",
			float64(total)/(1<<20), MaxPackageBytes>>20)})
	}
	data, err := os.ReadFile(f.abs)
	if err != nil {
		l.add(Problem{problemPath, 1, 1, "cannot read: " + err.Error()})
		return
	}
	exists := func(p string) bool { _, ok := l.v.files[dir+"/"+p]; return ok }
	var manifest *scorm.Manifest
	var ps []scorm.Problem
	if lesson.Package == scorm.KindCMI5 {
		manifest, ps = scorm.ParseCMI5(data, exists)
	} else {
		manifest, ps = scorm.ParseIMSManifest(lesson.Package, data, exists)
	}
	for _, p := range ps {
		col := 1
		if p.Line == 0 {
			col = 0
		}
		l.add(Problem{problemPath, p.Line, col, p.Message})
	}
	if manifest == nil {
		return
	}
	m.Package = &Package{Kind: lesson.Package, Dir: dir, Launch: manifest.Launch, Title: manifest.Title,
		MasteryScore: manifest.MasteryScore, AUID: manifest.AUID, MoveOn: manifest.MoveOn}
}

// PackageFilePath returns the absolute path of a file of a module's package for serving it, or an
// error when rel is not a file of that package: the same checks as FilePath, for any file type.
func (v *Version) PackageFilePath(m *Module, rel string) (string, error) {
	if m.Package == nil {
		return "", fmt.Errorf("module %q has no package", m.ID)
	}
	clean, ok := scorm.InsidePath(rel)
	if !ok || clean != rel {
		return "", fmt.Errorf("invalid file path %q", rel)
	}
	full := m.Package.Dir + "/" + clean
	f, ok := v.files[full]
	if !ok {
		return "", fmt.Errorf("no file %q in the package of %s", rel, m.ID)
	}
	target, err := FileInside(v.Dir, full)
	if err != nil || target != f.abs {
		return "", fmt.Errorf("file %q is not inside the version folder", rel)
	}
	return target, nil
}
