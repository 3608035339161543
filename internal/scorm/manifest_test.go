package scorm

import (
	"strings"
	"testing"
)

const manifest12 = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="beispiel" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Beispiel</title>
      <item identifier="i1" identifierref="r1">
        <title>Seite</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="js/sco.js"/>
    </resource>
  </resources>
</manifest>
`

func filesOf(names ...string) func(string) bool {
	return func(p string) bool {
		for _, n := range names {
			if n == p {
				return true
			}
		}
		return false
	}
}

func TestParseIMSManifestFindsLaunchAndMastery(t *testing.T) {
	m, ps := ParseIMSManifest(KindSCORM12, []byte(manifest12), filesOf("index.html", "js/sco.js"))
	if len(ps) != 0 || m == nil {
		t.Fatalf("problems %v", ps)
	}
	if m.Launch != "index.html" || m.Title != "Beispiel" || m.MasteryScore == nil || *m.MasteryScore != 80 {
		t.Errorf("manifest = %+v", m)
	}
}

func TestParseIMSManifestReportsProblemsAtTheirLine(t *testing.T) {
	for _, tc := range []struct {
		name, kind, from, to string
		files                []string
		line                 int
		message              string
		noLaunch             bool
	}{
		{"missing launch file", KindSCORM12, "", "", []string{"js/sco.js"}, 20, `"index.html" is named in the manifest but is not in the package`, true},
		{"a file outside", KindSCORM12, `js/sco.js`, `../../course.yaml`, []string{"index.html"}, 21, "leaves the package folder", false},
		{"an external launch", KindSCORM12, `href="index.html">`, `href="https://vendor.example/sco.html">`, []string{"index.html", "js/sco.js"}, 19, "another server", true},
		{"unsupported schema version", KindSCORM12, "<schemaversion>1.2", "<schemaversion>1.1", []string{"index.html", "js/sco.js"}, 7, `unsupported schema version "1.1"`, false},
		{"2004 3rd edition declared as 2004", KindSCORM2004, "<schemaversion>1.2", "<schemaversion>2004 3rd Edition", []string{"index.html", "js/sco.js"}, 7, `unsupported schema version "2004 3rd Edition"`, false},
		{"an asset as launch", KindSCORM12, `scormtype="sco"`, `scormtype="asset"`, []string{"index.html", "js/sco.js"}, 19, `scormtype "asset"`, false},
		{"a bad mastery score", KindSCORM12, "masteryscore>80<", "masteryscore>achtzig<", []string{"index.html", "js/sco.js"}, 14, "masteryscore", false},
		{"unclosed element", KindSCORM12, "</organization>\n", "\n", []string{"index.html", "js/sco.js"}, 17, "the XML cannot be read", true},
		{"a missing resource", KindSCORM12, `identifierref="r1"`, `identifierref="r9"`, []string{"index.html", "js/sco.js"}, 12, `resource "r9"`, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(manifest12, tc.from, tc.to, 1)
			m, ps := ParseIMSManifest(tc.kind, []byte(src), filesOf(tc.files...))
			found := false
			for _, p := range ps {
				if p.Line == tc.line && strings.Contains(p.Message, tc.message) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems %+v, want line %d: %q", ps, tc.line, tc.message)
			}
			if (m == nil) != tc.noLaunch {
				t.Errorf("manifest = %+v, want launchable %v", m, !tc.noLaunch)
			}
		})
	}
}

func TestParseCMI5(t *testing.T) {
	src := `<?xml version="1.0"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://ailit.example/kurs">
    <title><langstring lang="de">Kurs</langstring></title>
  </course>
  <au id="https://ailit.example/kurs/au1" moveOn="CompletedOrPassed" masteryScore="0.8">
    <title><langstring lang="de">Teil 1</langstring></title>
    <url>au/index.html?x=1</url>
  </au>
  <au id="https://ailit.example/kurs/au2" moveOn="Sometimes">
    <url>https://vendor.example/au2</url>
  </au>
</courseStructure>`
	m, ps := ParseCMI5([]byte(src), filesOf("au/index.html"))
	if m == nil || m.Launch != "au/index.html" || m.Title != "Kurs" || *m.MasteryScore != 0.8 {
		t.Errorf("manifest = %+v", m)
	}
	want := []Problem{{10, `moveOn "Sometimes" must be Passed, Completed, CompletedAndPassed, CompletedOrPassed or NotApplicable`},
		{11, `"https://vendor.example/au2" must be a file inside the package; ailit makes no external requests`}}
	if len(ps) != len(want) || ps[0] != want[0] || ps[1] != want[1] {
		t.Errorf("problems = %+v, want %+v", ps, want)
	}
}

func TestInsidePath(t *testing.T) {
	for p, want := range map[string]bool{
		"index.html": true, "a/../b.html": true, "../x": false, "a/../../x": false, "/etc/passwd": false,
		`a\..\x`: false, "": false, ".": false,
	} {
		if _, ok := InsidePath(p); ok != want {
			t.Errorf("InsidePath(%q) = %v, want %v", p, ok, want)
		}
	}
}

func TestEveryItemOfAMultiSCOPackageMustBeUsable(t *testing.T) {
	src := strings.Replace(manifest12, `      </item>
    </organization>`, `      </item>
      <item identifier="i2" identifierref="r2"><title>Zwei</title></item>
      <item identifier="i3" identifierref="r3"><title>Drei</title></item>
    </organization>`, 1)
	src = strings.Replace(src, `  </resources>`, `    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="zwei.html"><file href="zwei.html"/></resource>
  </resources>`, 1)
	m, ps := ParseIMSManifest(KindSCORM12, []byte(src), filesOf("index.html", "js/sco.js", "zwei.html"))
	if m == nil || len(m.Items) != 2 || m.Items[1] != "zwei.html" {
		t.Fatalf("manifest = %+v", m)
	}
	if len(ps) != 1 || ps[0].Line != 17 || !strings.Contains(ps[0].Message, `item "i3" refers to resource "r3"`) {
		t.Errorf("problems = %+v", ps)
	}
}
