// Package scormtest builds SCORM packages and courses with a package module for tests, so every
// test states only the script its package runs.
package scormtest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content/contenttest"
)

// Manifest returns an imsmanifest.xml of the kind ("scorm12" or "scorm2004") that launches
// index.html and lists files.
func Manifest(kind string, files ...string) string {
	schema, ns, adl, scormType := "1.2", "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2", "scormtype"
	if kind == "scorm2004" {
		schema, ns, adl, scormType = "2004 4th Edition", "http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3", "scormType"
	}
	var fs strings.Builder
	for _, f := range files {
		fmt.Fprintf(&fs, "      <file href=%q/>\n", f)
	}
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="testpaket" version="1.0" xmlns="%s" xmlns:adlcp="%s">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>%s</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Testpaket</title>
      <item identifier="item" identifierref="sco">
        <title>Testseite</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:%s="sco" href="index.html">
%s    </resource>
  </resources>
</manifest>
`, ns, adl, schema, scormType, fs.String())
}

// Package returns the files of a package whose index.html runs script (sco.js).
func Package(kind, script string) map[string]string {
	return map[string]string{
		"imsmanifest.xml": Manifest(kind, "index.html", "sco.js"),
		"index.html": `<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Testpaket</title></head>
<body><main><h1>Testpaket</h1><p id="out">läuft</p><button id="finish" type="button">Fertig</button></main>
<script src="sco.js"></script></body></html>
`,
		"sco.js": script,
	}
}

// WriteCourse writes version 1.0.0 of course id below coursesDir with one module, 01-paket, that
// runs the package files (kind "scorm12", "scorm2004" or "cmi5"); the module is all the
// completion rule asks for.
func WriteCourse(t testing.TB, coursesDir, id, kind string, files map[string]string) {
	t.Helper()
	dir := filepath.Join(coursesDir, id, "1.0.0")
	write(t, dir, "course.yaml", contenttest.Manifest{ID: id, Title: "Paketkurs " + id, Quizzes: "none", ReviewDue: "2099-01-01"}.YAML())
	write(t, dir, "modules/01-paket/lesson.md", "---\ntitle: Das Lernpaket\nduration_minutes: 5\npackage: "+kind+
		"\n---\n\nDieses Modul ist ein Lernpaket.\n")
	for name, body := range files {
		write(t, dir, "modules/01-paket/package/"+name, body)
	}
}

func write(t testing.TB, dir, rel, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}
