package contenttest_test

import (
	"testing"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/content/contenttest"
)

func TestManifestPassesTheValidatorWithDefaultsAndWithEveryField(t *testing.T) {
	for _, m := range []contenttest.Manifest{
		{ID: "kurs"},
		{ID: "kurs", Version: "1.1.0", Change: "minor", Title: "Titel", Summary: "Text.", Minutes: 30, Quizzes: "none", ReviewDue: "2099-01-01"},
	} {
		got, problems := content.ParseManifest("kurs/"+m.Version+"/course.yaml", []byte(m.YAML()))
		if len(problems) > 0 {
			t.Fatalf("%+v: %v", m, problems)
		}
		if got.ID != "kurs" {
			t.Fatalf("id = %q", got.ID)
		}
	}
}
