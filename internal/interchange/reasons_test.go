package interchange

import (
	"regexp"
	"slices"
	"testing"

	"github.com/ailit/ailit/internal/i18n"
)

var verbs = regexp.MustCompile(`%[a-z%]`)

func TestEveryReasonHasAGermanAndAnEnglishTextWithTheSameArguments(t *testing.T) {
	for key, text := range reasonTexts {
		k := "interchange.reason." + key
		if en := i18n.T("en", k); en != text {
			t.Errorf("%s: English catalog has %q, the package %q", k, en, text)
		}
		de := i18n.T("de", k)
		if de == k {
			t.Errorf("%s has no German text", k)
			continue
		}
		if !slices.Equal(verbs.FindAllString(de, -1), verbs.FindAllString(text, -1)) {
			t.Errorf("%s: the German text %q takes other arguments than %q", k, de, text)
		}
	}
}
