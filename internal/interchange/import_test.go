package interchange

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/quiz"
)

// pngBytes is a real 1×1 PNG, so carried-along images are real files.
var pngBytes, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

func questionByID(t *testing.T, imp *Import, id string) quiz.Question {
	t.Helper()
	for _, q := range imp.Definition.Questions {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("question %q was not converted; converted: %v; skipped: %v", id, imp.Converted, imp.Skipped)
	return quiz.Question{}
}

func skippedReason(t *testing.T, imp *Import, name string) string {
	t.Helper()
	for _, s := range imp.Skipped {
		if s.Name == name {
			return s.Reason
		}
	}
	t.Fatalf("question %q is not in the skipped list %v", name, imp.Skipped)
	return ""
}

func mustValidate(t *testing.T, imp *Import) {
	t.Helper()
	if _, err := QuizYAML(imp.Definition); err != nil {
		t.Fatalf("the imported quiz does not pass the validator: %v", err)
	}
}

const moodleSample = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Top/KI</text></category></question>
  <question type="multichoice">
    <name><text>Definition KI</text></name>
    <questiontext format="html"><text><![CDATA[<p>Was ist <b>ein KI-System</b>?<script>alert(1)</script> <img src="@@PLUGINFILE@@/Netz%20Bild.png" alt="Netz" onerror="x()"></p>]]></text>
      <file name="Netz Bild.png" path="/" encoding="base64">` + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==" + `</file>
    </questiontext>
    <generalfeedback format="html"><text>Art. 3 Nr. 1</text></generalfeedback>
    <single>true</single>
    <answer fraction="100" format="html"><text>Es leitet ab</text><feedback><text>Richtig</text></feedback></answer>
    <answer fraction="0" format="html"><text>Es rechnet</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Welche sind KI</text></name>
    <questiontext format="plain_text"><text>Welche sind KI?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Spamfilter</text></answer>
    <answer fraction="50"><text>Übersetzer</text></answer>
    <answer fraction="-50"><text>Taschenrechner</text></answer>
  </question>
  <question type="truefalse">
    <name><text>Chatbots irren nie</text></name>
    <questiontext format="html"><text>Chatbots irren nie.</text></questiontext>
    <answer fraction="0"><text>true</text><feedback><text>Doch, sie irren.</text></feedback></answer>
    <answer fraction="100"><text>false</text><feedback><text>Richtig.</text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>Abkuerzung</text></name>
    <questiontext format="html"><text>Wofür steht KI?</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>Künstliche Intelligenz</text></answer>
    <answer fraction="0"><text>Keine Idee</text></answer>
  </question>
  <question type="numerical">
    <name><text>Artikel</text></name>
    <questiontext format="html"><text>Welcher Artikel regelt KI-Kompetenz?</text></questiontext>
    <answer fraction="100"><text>4</text><tolerance>0</tolerance></answer>
  </question>
  <question type="matching">
    <name><text>Zuordnen</text></name>
    <questiontext format="html"><text>Ordnen Sie zu.</text></questiontext>
    <subquestion format="html"><text>ML</text><answer><text>lernt aus Daten</text></answer></subquestion>
    <subquestion format="html"><text>Regel</text><answer><text>fest programmiert</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Magie</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Reihenfolge</text></name>
    <questiontext format="html"><text>Bringen Sie in die Reihenfolge.</text></questiontext>
    <answer fraction="2"><text>Prüfen</text></answer>
    <answer fraction="1"><text>Entwerfen</text></answer>
  </question>
  <question type="essay">
    <name><text>Aufsatz</text></name>
    <questiontext format="html"><text>Beschreiben Sie …</text></questiontext>
  </question>
  <question type="ddimageortext">
    <name><text>Bild ziehen</text></name>
    <questiontext format="html"><text>Ziehen Sie …</text></questiontext>
  </question>
  <question type="calculated">
    <name><text>Rechnen</text></name>
    <questiontext format="html"><text>{a} + {b}?</text></questiontext>
  </question>
</quiz>
`

func TestMoodleXMLImportConvertsEverySupportedType(t *testing.T) {
	imp, err := ImportMoodleXML("fragen.xml", []byte(moodleSample))
	if err != nil {
		t.Fatal(err)
	}
	single := questionByID(t, imp, "definition-ki")
	if single.Type != quiz.TypeSingle || !single.Options[0].Correct || single.Options[1].Correct || single.Options[0].Feedback != "Richtig" {
		t.Errorf("single choice: %+v", single)
	}
	if single.Explanation != "Art. 3 Nr. 1" {
		t.Errorf("general feedback should become the explanation, got %q", single.Explanation)
	}
	multi := questionByID(t, imp, "welche-sind-ki")
	if multi.Type != quiz.TypeMultiple || !multi.Options[0].Correct || !multi.Options[1].Correct || multi.Options[2].Correct {
		t.Errorf("multiple choice: %+v", multi)
	}
	tf := questionByID(t, imp, "chatbots-irren-nie")
	if v, _ := tf.TrueFalseAnswer(); tf.Type != quiz.TypeTrueFalse || v || tf.FeedbackTrue != "Doch, sie irren." {
		t.Errorf("true/false: %+v", tf)
	}
	text := questionByID(t, imp, "abkuerzung")
	if text.Type != quiz.TypeText || len(text.Accept) != 1 || text.Accept[0] != "Künstliche Intelligenz" {
		t.Errorf("short answer: %+v", text)
	}
	num := questionByID(t, imp, "artikel")
	if v, _ := num.NumericAnswer(); num.Type != quiz.TypeNumeric || v != 4 {
		t.Errorf("numerical: %+v", num)
	}
	match := questionByID(t, imp, "zuordnen")
	if match.Type != quiz.TypeMatch || len(match.Pairs) != 2 || match.Pairs[0].Answer != "lernt aus Daten" || len(match.Distractors) != 1 || match.Distractors[0] != "Magie" {
		t.Errorf("matching: %+v", match)
	}
	order := questionByID(t, imp, "reihenfolge")
	if order.Type != quiz.TypeOrder || order.Items[0].Text != "Entwerfen" || order.Items[1].Text != "Prüfen" {
		t.Errorf("ordering must follow the fractions: %+v", order.Items)
	}
	mustValidate(t, imp)
}

func TestMoodleXMLImportReportsUnsupportedQuestionsOneByOne(t *testing.T) {
	imp, err := ImportMoodleXML("fragen.xml", []byte(moodleSample))
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Converted) != 7 || len(imp.Skipped) != 3 {
		t.Fatalf("want 7 converted and 3 skipped, got %d and %v", len(imp.Converted), imp.Skipped)
	}
	for name, want := range map[string]string{"Aufsatz": "essay", "Bild ziehen": "drag and drop", "Rechnen": "formulas"} {
		if r := skippedReason(t, imp, name); !strings.Contains(r, want) {
			t.Errorf("%s: reason %q should mention %q", name, r, want)
		}
	}
	if s := imp.Skipped[0].Source; s != "fragen.xml:53" {
		t.Errorf("the skipped question should be named by file and line, got %q", s)
	}
}

func TestMoodleXMLImportSanitizesHTMLAndCarriesImagesAlong(t *testing.T) {
	imp, err := ImportMoodleXML("fragen.xml", []byte(moodleSample))
	if err != nil {
		t.Fatal(err)
	}
	q := questionByID(t, imp, "definition-ki")
	if strings.Contains(q.Text, "script") || strings.Contains(q.Text, "alert") || strings.Contains(q.Text, "onerror") {
		t.Errorf("script survived the import: %q", q.Text)
	}
	if want := "Was ist **ein KI-System**? ![Netz](media/netz-bild.png)"; q.Text != want {
		t.Errorf("text\n got %q\nwant %q", q.Text, want)
	}
	if len(imp.Media) != 1 || imp.Media[0].Name != "netz-bild.png" || !bytes.Equal(imp.Media[0].Data, pngBytes) {
		t.Errorf("the embedded image should be carried along under a safe name, got %+v", imp.Media)
	}
}

func TestMalformedXMLNamesTheLine(t *testing.T) {
	bad := "<quiz>\n<question type=\"truefalse\">\n<name><text>x</name>\n</quiz>"
	_, err := ImportMoodleXML("kaputt.xml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "kaputt.xml:3:") {
		t.Fatalf("want an error naming kaputt.xml:3, got %v", err)
	}
	_, err = ImportQTI("item.xml", []byte("<assessmentItem>\n<itemBody>\n</assessmentItem>"))
	if err == nil || !strings.Contains(err.Error(), "item.xml:3:") {
		t.Fatalf("want an error naming item.xml:3, got %v", err)
	}
}

const giftSample = `// Fragen zur KI-Kompetenz
$CATEGORY: KI

::Definition::Was leitet ein KI-System ab? {
  =Ausgaben aus Eingaben#Richtig.
  ~Nur feste Regeln#Das ist ein Regelsystem.
}

::Welche::Welche Werkzeuge sind KI? {~%50%Spamfilter ~%50%Übersetzer ~%-100%Taschenrechner}

::Irrtum::Chatbots irren nie.{F#Doch.#Genau.}

::Artikel::In welchem Artikel steht die KI-Kompetenz? {#4:0}

::Bereich::Wie viele Risikostufen gibt es? {#3..5}

::Abk::Wofür steht KI? {=Künstliche Intelligenz =KI-System}

::Paare::Ordnen Sie zu. {=ML -> lernt aus Daten =Regel -> fest programmiert}

::Aufsatz::Beschreiben Sie einen Einsatz. {}

::Escape::Was bedeutet 1 \= 1 \{wahr\}? {=Gleichheit ~Zuweisung}
`

func TestGIFTImportConvertsEverySupportedType(t *testing.T) {
	imp, err := ImportGIFT("fragen.gift", []byte(giftSample))
	if err != nil {
		t.Fatal(err)
	}
	single := questionByID(t, imp, "definition")
	if single.Type != quiz.TypeSingle || !single.Options[0].Correct || single.Options[1].Feedback != "Das ist ein Regelsystem." {
		t.Errorf("single: %+v", single)
	}
	multi := questionByID(t, imp, "welche")
	if multi.Type != quiz.TypeMultiple || !multi.Options[1].Correct || multi.Options[1].Text != "Übersetzer" || multi.Options[2].Correct {
		t.Errorf("multiple: %+v", multi)
	}
	tf := questionByID(t, imp, "irrtum")
	if v, ok := tf.TrueFalseAnswer(); !ok || v || tf.FeedbackFalse != "Genau." || tf.FeedbackTrue != "Doch." {
		t.Errorf("truefalse: %+v", tf)
	}
	if n := questionByID(t, imp, "artikel"); n.Value != 4.0 {
		t.Errorf("numeric: %+v", n)
	}
	if r := questionByID(t, imp, "bereich"); r.Value != 4.0 || r.Tolerance != 1 {
		t.Errorf("a range 3..5 is 4 ± 1, got %+v", r)
	}
	if a := questionByID(t, imp, "abk"); a.Type != quiz.TypeText || len(a.Accept) != 2 {
		t.Errorf("short answer: %+v", a)
	}
	if p := questionByID(t, imp, "paare"); p.Type != quiz.TypeMatch || p.Pairs[1].Prompt != "Regel" || p.Pairs[1].Answer != "fest programmiert" {
		t.Errorf("match: %+v", p)
	}
	if e := questionByID(t, imp, "escape"); e.Text != `Was bedeutet 1 = 1 {wahr}?` {
		t.Errorf("escaped characters: %q", e.Text)
	}
	if r := skippedReason(t, imp, "Aufsatz"); !strings.Contains(r, "essay") {
		t.Errorf("essay reason: %q", r)
	}
	if len(imp.Skipped) != 1 || imp.Skipped[0].Source != "fragen.gift:21" {
		t.Errorf("skipped: %v", imp.Skipped)
	}
	mustValidate(t, imp)
}

func TestGIFTUnclosedBlockNamesTheLine(t *testing.T) {
	_, err := ImportGIFT("f.gift", []byte("Frage eins {T}\n\nFrage zwei {=a ~b\n"))
	if err == nil || !strings.Contains(err.Error(), "f.gift:3:") {
		t.Fatalf("want an error at f.gift:3, got %v", err)
	}
}

func buildZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const qti21Choice = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q-choice" title="Wahl" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>B</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <p>Welche Aussage stimmt? <img src="img/bild.png" alt="Diagramm"/></p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="true" maxChoices="1">
      <simpleChoice identifier="A">Regeln</simpleChoice>
      <simpleChoice identifier="B">Ableitung<feedbackInline outcomeIdentifier="FB" identifier="B" showHide="show">Genau</feedbackInline></simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>`

const qti21Order = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q-order" title="Ordnen">
  <responseDeclaration identifier="RESPONSE" cardinality="ordered" baseType="identifier">
    <correctResponse><value>C2</value><value>C1</value></correctResponse>
  </responseDeclaration>
  <itemBody><orderInteraction responseIdentifier="RESPONSE"><prompt>Reihenfolge?</prompt>
    <simpleChoice identifier="C1">zweitens</simpleChoice><simpleChoice identifier="C2">erstens</simpleChoice>
  </orderInteraction></itemBody>
</assessmentItem>`

const qti21Match = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q-match" title="Paare">
  <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair">
    <correctResponse><value>ml daten</value><value>regel fest</value></correctResponse>
  </responseDeclaration>
  <itemBody><matchInteraction responseIdentifier="RESPONSE" maxAssociations="2"><prompt>Ordnen Sie zu.</prompt>
    <simpleMatchSet><simpleAssociableChoice identifier="ml" matchMax="1">ML</simpleAssociableChoice><simpleAssociableChoice identifier="regel" matchMax="1">Regel</simpleAssociableChoice></simpleMatchSet>
    <simpleMatchSet><simpleAssociableChoice identifier="daten" matchMax="2">lernt aus Daten</simpleAssociableChoice><simpleAssociableChoice identifier="fest" matchMax="2">fest programmiert</simpleAssociableChoice><simpleAssociableChoice identifier="magie" matchMax="2">Magie</simpleAssociableChoice></simpleMatchSet>
  </matchInteraction></itemBody>
</assessmentItem>`

const qti21Essay = `<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="q-essay" title="Aufsatz">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"/>
  <itemBody><extendedTextInteraction responseIdentifier="RESPONSE"><prompt>Schreiben Sie.</prompt></extendedTextInteraction></itemBody>
</assessmentItem>`

const qtiTest = `<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="t" title="Test">
  <testPart identifier="p" navigationMode="linear" submissionMode="individual"><assessmentSection identifier="s" title="S" visible="true">
    <assessmentItemRef identifier="i1" href="items/choice.xml"/>
    <assessmentItemRef identifier="i2" href="items/order.xml"/>
    <assessmentItemRef identifier="i3" href="items/match.xml"/>
    <assessmentItemRef identifier="i4" href="items/essay.xml"/>
  </assessmentSection></testPart>
</assessmentTest>`

const qtiManifest = `<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">
  <resources><resource identifier="test" type="imsqti_test_xmlv2p1" href="test.xml"><file href="test.xml"/></resource></resources>
</manifest>`

func TestQTIPackageImportConvertsItemsOfATest(t *testing.T) {
	pkg := buildZip(t, map[string]string{
		"imsmanifest.xml": qtiManifest, "test.xml": qtiTest,
		"items/choice.xml": qti21Choice, "items/order.xml": qti21Order, "items/match.xml": qti21Match, "items/essay.xml": qti21Essay,
		"items/img/bild.png": string(pngBytes),
	})
	imp, err := ImportQTI("paket.zip", pkg)
	if err != nil {
		t.Fatal(err)
	}
	c := questionByID(t, imp, "q-choice")
	if c.Type != quiz.TypeSingle || c.Options[0].Correct || !c.Options[1].Correct || c.Options[1].Text != "Ableitung" || c.Options[1].Feedback != "Genau" {
		t.Errorf("choice: %+v", c)
	}
	if c.Text != "Welche Aussage stimmt? ![Diagramm](media/bild.png)" || len(imp.Media) != 1 {
		t.Errorf("choice text %q, media %v", c.Text, imp.Media)
	}
	o := questionByID(t, imp, "q-order")
	if o.Text != "Reihenfolge?" || o.Items[0].Text != "erstens" || o.Items[1].Text != "zweitens" {
		t.Errorf("order: %+v", o)
	}
	m := questionByID(t, imp, "q-match")
	if len(m.Pairs) != 2 || m.Pairs[0].ID != "ml" || m.Pairs[0].Answer != "lernt aus Daten" || len(m.Distractors) != 1 {
		t.Errorf("match: %+v", m)
	}
	if r := skippedReason(t, imp, "Aufsatz"); !strings.Contains(r, "essay") {
		t.Errorf("essay reason %q", r)
	}
	mustValidate(t, imp)
}

func TestQTI3ItemIsReadLikeQTI21(t *testing.T) {
	item := `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="kuerzel" title="Kürzel">
  <qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string">
    <qti-correct-response><qti-value>KI</qti-value></qti-correct-response>
    <qti-mapping default-value="0"><qti-map-entry map-key="KI" mapped-value="1" case-sensitive="true"/></qti-mapping>
  </qti-response-declaration>
  <qti-item-body><p>Die Abkürzung lautet <qti-text-entry-interaction response-identifier="RESPONSE"/>.</p></qti-item-body>
</qti-assessment-item>`
	imp, err := ImportQTI("item.xml", []byte(item))
	if err != nil {
		t.Fatal(err)
	}
	q := questionByID(t, imp, "kuerzel")
	if q.Type != quiz.TypeText || q.Text != `Die Abkürzung lautet \_\_\_\_\_ .` || len(q.Accept) != 1 || !q.CaseSensitive {
		t.Errorf("QTI 3 text entry: %+v", q)
	}
}

func TestZipWithParentPathsIsRefused(t *testing.T) {
	pkg := buildZip(t, map[string]string{"imsmanifest.xml": qtiManifest, "../../etc/evil.xml": qti21Choice})
	_, err := ImportQTI("boese.zip", pkg)
	if err == nil || !strings.Contains(err.Error(), "outside the package") {
		t.Fatalf("want the package refused for ../ paths, got %v", err)
	}
}

func TestMergeIntoAnExistingQuizKeepsItsSettingsAndNumbersTakenIDs(t *testing.T) {
	existing := quiz.Definition{PassPercent: 60, Attempts: 2, Draw: 1, Review: quiz.Review{Show: []string{quiz.ShowCorrectness}},
		Questions: []quiz.Question{{ID: "irrtum", Type: quiz.TypeTrueFalse, Text: "Alt", Value: true}}}
	imp, err := ImportGIFT("f.gift", []byte("::Irrtum::Chatbots irren nie.{F}\n"))
	if err != nil {
		t.Fatal(err)
	}
	appended := *imp
	appended.Definition.Questions = append([]quiz.Question(nil), imp.Definition.Questions...)
	appended.Converted = append([]Converted(nil), imp.Converted...)
	appended.MergeInto(existing, ModeAppend)
	d := appended.Definition
	if d.PassPercent != 60 || d.Attempts != 2 || len(d.Questions) != 2 || d.Questions[0].Text != "Alt" || d.Questions[1].ID != "irrtum-2" || appended.Converted[0].ID != "irrtum-2" {
		t.Errorf("append: %+v, converted %+v", d, appended.Converted)
	}
	mustValidate(t, &appended)
	imp.MergeInto(existing, ModeReplace)
	if d := imp.Definition; d.PassPercent != 60 || len(d.Questions) != 1 || d.Questions[0].ID != "irrtum" || d.Questions[0].Text != "Chatbots irren nie." {
		t.Errorf("replace: %+v", d)
	}
	data, err := QuizYAML(imp.Definition)
	if err != nil || !strings.Contains(string(data), "draw: 1") {
		t.Errorf("the settings must be written: %v\n%s", err, data)
	}
}

func TestImagesEmbeddedAsDataURIsAreCarriedAlong(t *testing.T) {
	xml := `<quiz><question type="truefalse"><name><text>Bild</text></name>
<questiontext format="html"><text><![CDATA[<p>Zeigt das Bild ein Netz? <img alt="Netz" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(pngBytes) + `"> <img src="javascript:alert(1)" alt="x"></p>]]></text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>
<question type="truefalse"><name><text>Nur Daten</text></name>
<questiontext format="html"><text><![CDATA[<p>Und dieses? <img alt="Netz" src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(pngBytes) + `"></p>]]></text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`
	imp, err := ImportMoodleXML("f.xml", []byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	if r := skippedReason(t, imp, "Bild"); !strings.Contains(r, "no source the sanitizer keeps") {
		t.Errorf("an image with a script URL must make the question unconvertible, got %q", r)
	}
	q := questionByID(t, imp, "nur-daten")
	if q.Text != "Und dieses? ![Netz](media/eingebettet.png)" || len(imp.Media) != 1 || !bytes.Equal(imp.Media[0].Data, pngBytes) {
		t.Errorf("text %q, media %+v", q.Text, imp.Media)
	}
}

func TestMarkdownWithAnImageFromAnotherServerIsNotConverted(t *testing.T) {
	imp, err := ImportGIFT("f.gift", []byte("::Fern::[markdown]Was zeigt ![Bild](https://example.org/x.png)? {T}\n\n::Nah::[markdown]Was ist **fett**? {T}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r := skippedReason(t, imp, "Fern"); !strings.Contains(r, "https://example.org/x.png") {
		t.Errorf("reason %q", r)
	}
	if q := questionByID(t, imp, "nah"); q.Text != "Was ist **fett**?" {
		t.Errorf("markdown text %q", q.Text)
	}
}

// Moodle writes files of answers inside the <answer> and links audio with @@PLUGINFILE@@ too
// (as in Moodle's own fixture question/format/xml/tests/fixtures/multichoice.xml).
func TestMoodleLinkedFilesAndAnswerImagesAreCarriedAlong(t *testing.T) {
	png := base64.StdEncoding.EncodeToString(pngBytes)
	xml := `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 2295  -->
  <question type="multichoice">
    <name><text>Greeting</text></name>
    <questiontext format="html">
      <text><![CDATA[<p><a href="@@PLUGINFILE@@/bonjour.mp3">Listen to this greeting:</a><br /><br />What language is being spoken?</p>]]></text>
<file name="bonjour.mp3" encoding="base64">SUQzAwAAAAAAEFRDT04=</file>
    </questiontext>
    <defaultgrade>1.0000000</defaultgrade>
    <idnumber></idnumber>
    <single>true</single>
    <answer fraction="0" format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/flag-uk.png" alt="British Flag" width="30" height="20" /> English</p>]]></text>
<file name="flag-uk.png" encoding="base64">` + png + `</file>
      <feedback format="html"><text><![CDATA[<p>Sorry, listen again.</p>]]></text></feedback>
    </answer>
    <answer fraction="100" format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/flag-france.png" alt="French flag" /> French</p>]]></text>
<file name="flag-france.png" encoding="base64">` + png + `</file>
    </answer>
  </question>
  <question type="multichoice">
    <name><text>Script</text></name>
    <questiontext format="html"><text><![CDATA[<p><a href="@@PLUGINFILE@@/tool.exe">Download</a></p>]]></text>
<file name="tool.exe" encoding="base64">TVo=</file></questiontext>
    <answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>
  </question>
</quiz>`
	imp, err := ImportMoodleXML("multichoice.xml", []byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	q := questionByID(t, imp, "greeting")
	if q.Points != 0 || q.Text != "[Listen to this greeting:](media/bonjour.mp3)\\\n\\\nWhat language is being spoken?" {
		t.Errorf("text %q, points %v", q.Text, q.Points)
	}
	if q.Options[1].Text != "![French flag](media/flag-france.png) French" || !q.Options[1].Correct || q.Options[0].Feedback != "Sorry, listen again." {
		t.Errorf("options %+v", q.Options)
	}
	var names []string
	for _, m := range imp.Media {
		names = append(names, m.Name)
	}
	if strings.Join(names, " ") != "bonjour.mp3 flag-uk.png flag-france.png" {
		t.Errorf("media %v", names)
	}
	if r := skippedReason(t, imp, "Script"); !strings.Contains(r, `"tool.exe" is of a type ailit does not serve`) {
		t.Errorf("reason %q", r)
	}
	mustValidate(t, imp)
}

// Moodle 1.9 files (as Moodle's fixture sample_questions_with_old_image_tag.xml) keep the image
// beside the text and call Cloze questions "cloze".
func TestMoodle19ImageTagAndClozeAreHandled(t *testing.T) {
	xml := `<quiz>
  <question type="cloze"><name><text>cloze question with image</text></name>
    <questiontext><text><![CDATA[The capital of France is {1:SHORTANSWER:%100%Paris}.]]></text></questiontext></question>
  <question type="multichoice"><name><text>mcq with image</text></name>
    <questiontext format="html"><text><![CDATA[This is a question with an image in the old &quot;image&quot; field]]></text></questiontext>
    <image>moodle.png</image>
    <image_base64>
` + base64.StdEncoding.EncodeToString(pngBytes) + `
    </image_base64>
    <single>true</single>
    <answer fraction="0"><text>
wrong answer
        </text><feedback><text>

          </text></feedback></answer>
    <answer fraction="100"><text>
right answer
        </text></answer>
  </question>
</quiz>`
	imp, err := ImportMoodleXML("old.xml", []byte(xml))
	if err != nil {
		t.Fatal(err)
	}
	if r := skippedReason(t, imp, "cloze question with image"); !strings.Contains(r, "Cloze") {
		t.Errorf("cloze reason %q", r)
	}
	q := questionByID(t, imp, "mcq-with-image")
	if q.Text != `This is a question with an image in the old "image" field`+"\n\n![moodle](media/moodle.png)" || q.Options[0].Text != "wrong answer" || q.Options[0].Feedback != "" || !q.Options[1].Correct {
		t.Errorf("question %+v", q)
	}
	if len(imp.Media) != 1 || imp.Media[0].Name != "moodle.png" {
		t.Errorf("media %+v", imp.Media)
	}
}
