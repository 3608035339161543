package interchange

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/content"
)

func loadShippedCatalog(t testing.TB) *content.Catalog {
	t.Helper()
	cat, _, err := content.Load("../../courses")
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// externalLoad finds what a browser would fetch from elsewhere (links to sources are fine).
var externalLoad = regexp.MustCompile(`(?i)<(script|img|link|iframe|video|audio|source|track)[^>]+(src|href)="(https?:)?//[^"]*"`)

func TestExportedSCORMPackagesOfShippedCoursesPassTheManifestValidator(t *testing.T) {
	cat := loadShippedCatalog(t)
	count := 0
	for _, c := range cat.Courses() {
		for _, v := range c.Versions() {
			pkg, err := ExportSCORM12(v)
			if err != nil {
				t.Fatalf("%s %s: %v", v.CourseID, v.Version, err)
			}
			m, ps := ValidatePackageZip("paket.zip", pkg)
			if len(ps) > 0 {
				t.Fatalf("%s %s: %v", v.CourseID, v.Version, ps)
			}
			if m.Standard != StandardSCORM12 || len(m.Launches()) != len(v.Modules) {
				t.Errorf("%s %s: standard %q, %d launches for %d modules", v.CourseID, v.Version, m.Standard, len(m.Launches()), len(v.Modules))
			}
			files, err := readZip("paket.zip", pkg)
			if err != nil {
				t.Fatal(err)
			}
			for _, mod := range v.Modules {
				page := string(files[mod.Folder+".html"])
				if !strings.Contains(page, "<h1>"+htmlEscape(mod.Title)+"</h1>") {
					t.Errorf("%s: the page of %s lacks its title", v.CourseID, mod.ID)
				}
				if loc := externalLoad.FindString(page); loc != "" {
					t.Errorf("%s: page %s loads something from outside the package: %s", v.CourseID, mod.ID, loc)
				}
				if mod.Quiz != nil {
					if !strings.Contains(page, `<form id="ailit-quiz">`) || len(files["quiz-"+mod.ID+".js"]) == 0 {
						t.Errorf("%s: module %s has a quiz but its page has no quiz form or keys", v.CourseID, mod.ID)
					}
					if n := strings.Count(page, "<fieldset data-question="); n != len(mod.Quiz.Questions) {
						t.Errorf("%s: module %s shows %d of %d questions", v.CourseID, mod.ID, n, len(mod.Quiz.Questions))
					}
				}
			}
			count++
		}
	}
	if count == 0 {
		t.Fatal("no shipped version was exported")
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

func TestManifestValidatorReportsProblemsWithLines(t *testing.T) {
	manifest := `<?xml version="1.0"?>
<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema>
    <schemaversion>1.1</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>T</title>
      <item identifier="i1" identifierref="r1"><title>Eins</title></item>
      <item identifier="i2" identifierref="fehlt"><title>Zwei</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="start.html"><file href="start.html"/><file href="../geheim.txt"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="https://example.org/x.html"/>
  </resources>
</manifest>`
	pkg := buildZip(t, map[string]string{"imsmanifest.xml": manifest})
	_, ps := ValidatePackageZip("p.zip", pkg)
	want := []string{
		"p.zip/imsmanifest.xml:4:1: schema version \"1.1\" is not supported",
		"p.zip/imsmanifest.xml:12:1: the file of resource r1: \"../geheim.txt\" points outside the package folder",
		"p.zip/imsmanifest.xml:13:1: the resource r2: \"https://example.org/x.html\" is outside the package",
		"p.zip/imsmanifest.xml:8:1: the item refers to resource \"fehlt\", which does not exist",
		"p.zip/imsmanifest.xml:12:1: the launch file \"start.html\" of resource r1 is missing from the package",
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.String())
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing problem %q in:\n%s", w, all)
		}
	}
}

func TestMalformedManifestNamesTheLine(t *testing.T) {
	pkg := buildZip(t, map[string]string{"imsmanifest.xml": "<manifest>\n<organizations>\n</manifest>"})
	_, ps := ValidatePackageZip("p.zip", pkg)
	if len(ps) != 1 || ps[0].Line != 3 || !strings.Contains(ps[0].Message, "malformed") {
		t.Fatalf("want one malformed-XML problem on line 3, got %v", ps)
	}
}

func TestSCORMPackageWithParentPathsIsRefused(t *testing.T) {
	pkg := buildZip(t, map[string]string{"imsmanifest.xml": "<manifest/>", "a/../../x.html": "x"})
	_, ps := ValidatePackageZip("p.zip", pkg)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "outside the package") {
		t.Fatalf("want the package refused, got %v", ps)
	}
}

func TestSCORM2004ManifestWithXMLBaseGivesItsLaunchesInOrder(t *testing.T) {
	manifest := `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o">
    <organization identifier="o"><title>Kurs</title>
      <item identifier="kapitel"><title>Kapitel</title>
        <item identifier="i1" identifierref="r1" parameters="?seite=2"><title>Eins</title></item>
      </item>
      <item identifier="i2" identifierref="r2"><title>Zwei</title></item>
    </organization>
  </organizations>
  <resources xml:base="inhalt/">
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="eins.html"><file href="eins.html"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" xml:base="zwei/" href="index.html"><file href="index.html"/></resource>
  </resources>
</manifest>`
	pkg := buildZip(t, map[string]string{"imsmanifest.xml": manifest, "inhalt/eins.html": "1", "inhalt/zwei/index.html": "2"})
	m, ps := ValidatePackageZip("p.zip", pkg)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	got := m.Launches()
	if m.Standard != StandardSCORM2004 || len(got) != 2 || got[0].Href != "inhalt/eins.html?seite=2" || got[1].Href != "inhalt/zwei/index.html" || got[0].Title != "Eins" {
		t.Fatalf("standard %q, launches %+v", m.Standard, got)
	}
}
