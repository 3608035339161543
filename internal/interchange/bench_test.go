package interchange

import (
	"fmt"
	"strings"
	"testing"
)

// bigMoodleXML is a question bank of n single-choice questions with HTML texts.
func bigMoodleXML(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><quiz>`)
	for i := range n {
		fmt.Fprintf(&b, `<question type="multichoice"><name><text>Frage %d</text></name>
<questiontext format="html"><text><![CDATA[<p>Was gilt nach <b>Art. %d</b>? <em>Bitte wählen.</em></p>]]></text></questiontext>
<single>true</single><answer fraction="100"><text>Richtig %d</text><feedback><text>Ja.</text></feedback></answer>
<answer fraction="0"><text>Falsch %d</text></answer><answer fraction="0"><text>Auch falsch %d</text></answer></question>`, i, i, i, i, i)
	}
	b.WriteString(`</quiz>`)
	return []byte(b.String())
}

func BenchmarkImportMoodleXML1000Questions(b *testing.B) {
	data := bigMoodleXML(1000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		imp, err := ImportMoodleXML("f.xml", data)
		if err != nil || len(imp.Converted) != 1000 {
			b.Fatal(err)
		}
		if _, err := QuizYAML(imp.Definition); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExportSCORM12ShippedCourse(b *testing.B) {
	cat := loadShippedCatalog(b)
	v := cat.Course("ki-grundlagen").Latest()
	for b.Loop() {
		if _, err := ExportSCORM12(v); err != nil {
			b.Fatal(err)
		}
	}
}
