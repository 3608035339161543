package scorm

import "testing"

// FuzzParseIMSManifest: any bytes give problems or a manifest, never a panic, and a launch file
// is always one the package has.
func FuzzParseIMSManifest(f *testing.F) {
	f.Add([]byte(manifest12))
	f.Add([]byte("<manifest><organizations><organization><item identifierref='r'/></organization></organizations></manifest>"))
	f.Add([]byte("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><manifest>&a;</manifest>"))
	exists := func(p string) bool { return p == "index.html" || p == "js/sco.js" }
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []string{KindSCORM12, KindSCORM2004} {
			m, _ := ParseIMSManifest(kind, data, exists)
			if m != nil && !exists(stripQuery(m.Launch)) {
				t.Fatalf("launch %q is not a file of the package", m.Launch)
			}
		}
		if m, _ := ParseCMI5(data, exists); m != nil && !exists(m.Launch) {
			t.Fatalf("cmi5 launch %q is not a file of the package", m.Launch)
		}
	})
}
