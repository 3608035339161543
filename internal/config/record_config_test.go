package config

import (
	"errors"
	"strings"
	"testing"
)

func TestRecordSettingsDefaultToHiddenNameAndBuiltInWording(t *testing.T) {
	cfg, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.VerifyShowName || cfg.OrgName != "Ihre Verwaltung" || cfg.RecordWording != "" {
		t.Fatalf("defaults: show name %v, org %q, wording %q", cfg.VerifyShowName, cfg.OrgName, cfg.RecordWording)
	}
}

func TestRecordSettingsAreRead(t *testing.T) {
	cfg, err := load(t, map[string]string{
		"AILIT_VERIFY_SHOW_NAME": "true", "AILIT_ORG_NAME": "Stadt Münster", "AILIT_RECORD_WORDING": "Eigener Wortlaut.",
	})
	if err != nil || !cfg.VerifyShowName || cfg.OrgName != "Stadt Münster" || cfg.RecordWording != "Eigener Wortlaut." {
		t.Fatalf("%v %+v", err, cfg)
	}
	cfg, err = load(t, nil, "-verify-show-name=false", "-org-name=Kreis Lippe")
	if err != nil || cfg.VerifyShowName || cfg.OrgName != "Kreis Lippe" {
		t.Fatalf("flags: %v %+v", err, cfg)
	}
}

func TestInvalidRecordSettingsNameTheVariable(t *testing.T) {
	for _, tc := range []struct{ name, value string }{
		{"AILIT_VERIFY_SHOW_NAME", "vielleicht"},
		{"AILIT_ORG_NAME", strings.Repeat("x", 201)},
		{"AILIT_RECORD_WORDING", strings.Repeat("x", 1001)},
	} {
		_, err := load(t, map[string]string{tc.name: tc.value})
		var ce *Error
		if !errors.As(err, &ce) || ce.Name != tc.name {
			t.Errorf("%s=%.20q: got %v, want an error naming %s", tc.name, tc.value, err, tc.name)
		}
	}
}
