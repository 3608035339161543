package interchange

import (
	"testing"
)

// The importers read files from other systems: whatever they get, they return an import or an
// error, never panic, and what they convert passes ailit's validator.

func checkImport(t *testing.T, imp *Import, err error) {
	if err != nil || len(imp.Converted) == 0 {
		return
	}
	if _, err := QuizYAML(imp.Definition); err != nil {
		t.Fatalf("converted questions do not validate: %v", err)
	}
}

func FuzzImportGIFT(f *testing.F) {
	f.Add(giftSample)
	f.Add("::a::b {=c ~d}\n\n{#1..}\n\nx {T#y#z}\n\n::t::{=a -> b =c -> d}")
	f.Fuzz(func(t *testing.T, s string) {
		imp, err := ImportGIFT("f.gift", []byte(s))
		checkImport(t, imp, err)
	})
}

func FuzzImportMoodleXML(f *testing.F) {
	f.Add(moodleSample)
	f.Add(`<quiz><question type="numerical"><answer fraction="100"><text>1</text><tolerance>x</tolerance></answer></question></quiz>`)
	f.Fuzz(func(t *testing.T, s string) {
		imp, err := ImportMoodleXML("f.xml", []byte(s))
		checkImport(t, imp, err)
	})
}

func FuzzImportQTIItem(f *testing.F) {
	f.Add(qti21Choice)
	f.Add(qti21Match)
	f.Add(qti21Order)
	f.Fuzz(func(t *testing.T, s string) {
		imp, err := ImportQTI("item.xml", []byte(s))
		checkImport(t, imp, err)
	})
}
