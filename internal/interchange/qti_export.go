package interchange

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

// QTIExport says what the exported package is called and in which language its fixed texts are.
type QTIExport struct {
	Identifier string // the test's identifier, e.g. "ki-grundlagen-was-ist-ki"
	Title      string
	Language   string // "de" or "en": the labels of true/false choices
}

// ExportQTI writes a quiz as an IMS content package (zip) with QTI 2.1 items, one assessmentTest
// and imsmanifest.xml. Texts are rendered with ailit's Markdown renderer; images from media/ go to
// files/media/. Explanations become modal feedback shown after answering; option feedback has no
// unconditional place in QTI's response templates and is left out.
func ExportQTI(d *quiz.Definition, media MediaReader, meta QTIExport) ([]byte, error) {
	zb := newZipBuilder()
	write := zb.write
	var resources strings.Builder
	var refs, deps strings.Builder
	written := map[string]bool{}
	for i, q := range d.Questions {
		item, images, err := qtiItem(q, meta.Language)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		name := "items/" + q.ID + ".xml"
		if err := write(name, item); err != nil {
			return nil, err
		}
		fmt.Fprintf(&resources, "    <resource identifier=%q type=\"imsqti_item_xmlv2p1\" href=%q>\n      <file href=%q/>\n", qtiIdent("item-"+q.ID), name, name)
		for _, rel := range images {
			target := "files/" + rel
			if !written[target] {
				data, err := media(rel)
				if err != nil {
					return nil, fmt.Errorf("question %s: image %s: %w", q.ID, rel, err)
				}
				if err := write(target, data); err != nil {
					return nil, err
				}
				written[target] = true
			}
			fmt.Fprintf(&resources, "      <file href=%q/>\n", target)
		}
		resources.WriteString("    </resource>\n")
		fmt.Fprintf(&deps, "      <dependency identifierref=%q/>\n", qtiIdent("item-"+q.ID))
		fmt.Fprintf(&refs, "      <assessmentItemRef identifier=\"ref%d\" href=%q/>\n", i+1, "items/"+q.ID+".xml")
	}
	test := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier=%q title=%q>
  <testPart identifier="part1" navigationMode="linear" submissionMode="simultaneous">
    <assessmentSection identifier="section1" title=%q visible="true">
%s    </assessmentSection>
  </testPart>
</assessmentTest>
`, qtiIdent(meta.Identifier), esc(meta.Title), esc(meta.Title), refs.String())
	if err := write("test.xml", []byte(test)); err != nil {
		return nil, err
	}
	manifest := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier=%q>
  <metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>
  <organizations/>
  <resources>
    <resource identifier="test" type="imsqti_test_xmlv2p1" href="test.xml">
      <file href="test.xml"/>
%s    </resource>
%s  </resources>
</manifest>
`, qtiIdent("pkg-"+meta.Identifier), deps.String(), resources.String())
	if err := write("imsmanifest.xml", []byte(manifest)); err != nil {
		return nil, err
	}
	pkg, err := zb.bytes()
	if err != nil {
		return nil, err
	}
	return pkg, nil
}

var notIdentChars = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

// qtiIdent makes a QTI identifier (an XML NCName) from an ailit id.
func qtiIdent(id string) string {
	id = notIdentChars.ReplaceAllString(id, "-")
	if id == "" || !(id[0] >= 'a' && id[0] <= 'z' || id[0] >= 'A' && id[0] <= 'Z' || id[0] == '_') {
		id = "i" + id
	}
	return id
}

// qtiRender renders a Markdown text for an item file in items/: images point at ../files/media/.
func qtiRender(s string, inline bool, images *[]string) string {
	for _, m := range mediaLink.FindAllStringSubmatch(s, -1) {
		*images = append(*images, m[1])
	}
	opts := content.RenderOptions{Base: "..", Dir: ""}
	var h string
	if inline {
		r, _ := content.RenderInline(s, opts)
		h = string(r)
	} else {
		r, _ := content.RenderMarkdown([]byte(s), opts)
		h = string(r)
	}
	return toXHTML(strings.TrimSpace(h))
}

func qtiItem(q quiz.Question, lang string) ([]byte, []string, error) {
	var images []string
	w := &xmlWriter{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.raw(fmt.Sprintf(`<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier=%q title=%q adaptive="false" timeDependent="false">`+"\n", qtiIdent(q.ID), esc(questionName(q.Text))))
	stem := qtiRender(q.Text, false, &images)
	var body, decl, processing string
	switch q.Type {
	case quiz.TypeSingle, quiz.TypeMultiple, quiz.TypeTrueFalse:
		body, decl, processing = qtiChoiceParts(q, lang, &images)
	case quiz.TypeOrder:
		var correct, choices strings.Builder
		for _, it := range q.Items {
			correct.WriteString("<value>" + qtiIdent(it.ID) + "</value>")
			choices.WriteString(fmt.Sprintf("      <simpleChoice identifier=%q>%s</simpleChoice>\n", qtiIdent(it.ID), qtiRender(it.Text, true, &images)))
		}
		decl = `<responseDeclaration identifier="RESPONSE" cardinality="ordered" baseType="identifier"><correctResponse>` + correct.String() + "</correctResponse></responseDeclaration>"
		body = "    <orderInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\">\n" + choices.String() + "    </orderInteraction>\n"
		processing = `<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>`
	case quiz.TypeMatch:
		body, decl, processing = qtiMatchParts(q, &images)
	case quiz.TypeNumeric:
		answer, _ := q.NumericAnswer()
		decl = `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float"><correctResponse><value>` + num(answer) + "</value></correctResponse></responseDeclaration>"
		unit := ""
		if q.Unit != "" {
			unit = " " + esc(q.Unit)
		}
		body = `    <p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="12"/>` + unit + "</p>\n"
		processing = fmt.Sprintf(`<responseProcessing><responseCondition><responseIf><equal toleranceMode="absolute" tolerance="%s %s"><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></equal><setOutcomeValue identifier="SCORE"><baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf><responseElse><setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue></responseElse></responseCondition></responseProcessing>`, num(q.Tolerance), num(q.Tolerance))
	case quiz.TypeText:
		var mapping strings.Builder
		for _, a := range q.Accept {
			mapping.WriteString(fmt.Sprintf(`<mapEntry mapKey=%q mappedValue="1" caseSensitive="%t"/>`, esc(a), q.CaseSensitive))
		}
		decl = `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="string"><correctResponse><value>` + esc(q.Accept[0]) + `</value></correctResponse><mapping defaultValue="0" upperBound="1">` + mapping.String() + "</mapping></responseDeclaration>"
		body = `    <p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="30"/></p>` + "\n"
		processing = `<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"/>`
	default:
		return nil, nil, fmt.Errorf("unknown question type %q", q.Type)
	}
	w.raw("  " + decl + "\n")
	w.raw(`  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>` + "\n")
	w.raw(`  <outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>` + num(q.MaxPoints()) + "</value></defaultValue></outcomeDeclaration>\n")
	if q.Explanation != "" {
		// FEEDBACK keeps its default after response processing, so the explanation is always shown.
		w.raw(`  <outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"><defaultValue><value>explanation</value></defaultValue></outcomeDeclaration>` + "\n")
	}
	w.raw("  <itemBody>\n    " + stem + "\n" + body + "  </itemBody>\n")
	w.raw("  " + processing + "\n")
	if q.Explanation != "" {
		w.raw(`  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="explanation" showHide="show">` + qtiRender(q.Explanation, false, &images) + "</modalFeedback>\n")
	}
	w.raw("</assessmentItem>\n")
	return w.b.Bytes(), dedupe(images), nil
}

func qtiChoiceParts(q quiz.Question, lang string, images *[]string) (body, decl, processing string) {
	type choice struct{ id, html string }
	var choices []choice
	var correct []string
	maxChoices := "1"
	cardinality := "single"
	switch q.Type {
	case quiz.TypeTrueFalse:
		yes, no := "Richtig", "Falsch"
		if lang == "en" {
			yes, no = "True", "False"
		}
		choices = []choice{{"true", yes}, {"false", no}}
		answer, _ := q.TrueFalseAnswer()
		correct = []string{fmt.Sprint(answer)}
	default:
		for _, o := range q.Options {
			choices = append(choices, choice{qtiIdent(o.ID), qtiRender(o.Text, true, images)})
			if o.Correct {
				correct = append(correct, qtiIdent(o.ID))
			}
		}
		if q.Type == quiz.TypeMultiple {
			maxChoices, cardinality = "0", "multiple"
		}
	}
	var values, mapping, list strings.Builder
	for _, c := range correct {
		values.WriteString("<value>" + c + "</value>")
	}
	for _, c := range choices {
		list.WriteString(fmt.Sprintf("      <simpleChoice identifier=%q>%s</simpleChoice>\n", c.id, c.html))
	}
	decl = fmt.Sprintf(`<responseDeclaration identifier="RESPONSE" cardinality=%q baseType="identifier"><correctResponse>%s</correctResponse>`, cardinality, values.String())
	processing = `<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>`
	if q.Type == quiz.TypeMultiple {
		// ailit's partial credit: each correct choice adds 1/n, each wrong one takes 1/n, never below 0.
		share := 1 / float64(len(correct))
		for _, o := range q.Options {
			v := -share
			if o.Correct {
				v = share
			}
			mapping.WriteString(fmt.Sprintf(`<mapEntry mapKey=%q mappedValue="%s"/>`, qtiIdent(o.ID), num(v)))
		}
		decl += `<mapping lowerBound="0" upperBound="1" defaultValue="0">` + mapping.String() + "</mapping>"
		processing = `<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"/>`
	}
	decl += "</responseDeclaration>"
	body = fmt.Sprintf("    <choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\" maxChoices=%q>\n%s    </choiceInteraction>\n", maxChoices, list.String())
	return body, decl, processing
}

func qtiMatchParts(q quiz.Question, images *[]string) (body, decl, processing string) {
	answerIDs := map[string]string{}
	var answers []string
	addAnswer := func(a string) {
		if _, ok := answerIDs[a]; !ok {
			answerIDs[a] = fmt.Sprintf("A%d", len(answers)+1)
			answers = append(answers, a)
		}
	}
	for _, p := range q.Pairs {
		addAnswer(p.Answer)
	}
	for _, d := range q.Distractors {
		addAnswer(d)
	}
	var values, mapping, prompts, targets strings.Builder
	share := 1 / float64(len(q.Pairs))
	for _, p := range q.Pairs {
		pair := qtiIdent(p.ID) + " " + answerIDs[p.Answer]
		values.WriteString("<value>" + pair + "</value>")
		mapping.WriteString(fmt.Sprintf(`<mapEntry mapKey=%q mappedValue="%s"/>`, pair, num(share)))
		prompts.WriteString(fmt.Sprintf("        <simpleAssociableChoice identifier=%q matchMax=\"1\">%s</simpleAssociableChoice>\n", qtiIdent(p.ID), qtiRender(p.Prompt, true, images)))
	}
	for _, a := range answers {
		targets.WriteString(fmt.Sprintf("        <simpleAssociableChoice identifier=%q matchMax=\"%d\">%s</simpleAssociableChoice>\n", answerIDs[a], len(q.Pairs), qtiRender(a, true, images)))
	}
	decl = `<responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair"><correctResponse>` + values.String() +
		`</correctResponse><mapping lowerBound="0" upperBound="1" defaultValue="0">` + mapping.String() + "</mapping></responseDeclaration>"
	body = fmt.Sprintf("    <matchInteraction responseIdentifier=\"RESPONSE\" shuffle=\"true\" maxAssociations=\"%d\">\n      <simpleMatchSet>\n%s      </simpleMatchSet>\n      <simpleMatchSet>\n%s      </simpleMatchSet>\n    </matchInteraction>\n",
		len(q.Pairs), prompts.String(), targets.String())
	processing = `<responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response"/>`
	return body, decl, processing
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, path.Clean(v))
		}
	}
	return out
}
