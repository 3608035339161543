package config

import (
	"flag"
	"strings"
	"testing"
)

func TestXAPISettingsAreValidatedByName(t *testing.T) {
	tests := []struct {
		env     map[string]string
		wantErr string
	}{
		{map[string]string{"AILIT_XAPI_ENDPOINT": "lrs.example/xapi"}, "AILIT_XAPI_ENDPOINT"},
		{map[string]string{"AILIT_XAPI_ENDPOINT": "https://lrs.example/xapi", "AILIT_XAPI_USERNAME": "key"}, "AILIT_XAPI_USERNAME"},
		{map[string]string{"AILIT_XAPI_ACTOR": "email"}, "AILIT_XAPI_ACTOR"},
		{map[string]string{"AILIT_XAPI_ACCOUNT_HOMEPAGE": "stadt"}, "AILIT_XAPI_ACCOUNT_HOMEPAGE"},
	}
	for _, tt := range tests {
		env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		_, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%v: err %v, want one naming %s", tt.env, err, tt.wantErr)
		}
	}
}

func TestXAPIDefaultsToPseudonymsUnderTheBaseURL(t *testing.T) {
	env := map[string]string{"AILIT_BASE_URL": "https://ailit.stadt.example/", "AILIT_XAPI_ENDPOINT": "https://lrs.example/xapi/",
		"AILIT_XAPI_USERNAME": "key", "AILIT_XAPI_PASSWORD": "secret"}
	cfg, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	want := XAPI{Endpoint: "https://lrs.example/xapi", Username: "key", Password: "secret", AccountHomePage: "https://ailit.stadt.example", Actor: XAPIActorPseudonym}
	if cfg.XAPI != want || !cfg.XAPI.Enabled() {
		t.Errorf("xapi config %+v, want %+v", cfg.XAPI, want)
	}
	if Defaults().XAPI.Enabled() {
		t.Error("xAPI is on without an endpoint")
	}
}
