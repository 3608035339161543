package config

import (
	"flag"
	"strings"
	"testing"
)

func TestOrgSettingsAreValidated(t *testing.T) {
	tests := []struct {
		env     map[string]string
		wantErr string
	}{
		{map[string]string{"AILIT_PRIVACY_LEVEL": "everything"}, "AILIT_PRIVACY_LEVEL"},
		{map[string]string{"AILIT_SMTP_HOST": "mail", "AILIT_SMTP_FROM": "ailit@stadt.example", "AILIT_SMTP_PORT": "0"}, "AILIT_SMTP_PORT"},
		{map[string]string{"AILIT_SMTP_HOST": "mail"}, "AILIT_SMTP_FROM"},
		{map[string]string{"AILIT_SMTP_STARTTLS": "ja"}, "AILIT_SMTP_STARTTLS"},
		{map[string]string{"AILIT_SMTP_HOST": "mail", "AILIT_SMTP_FROM": "ailit@stadt.example", "AILIT_PRIVACY_LEVEL": "aggregate"}, ""},
	}
	for _, tt := range tests {
		env := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		cfg, err := Load(flag.NewFlagSet("t", flag.ContinueOnError), nil, env)
		if tt.wantErr == "" {
			if err != nil || cfg.PrivacyLevel != PrivacyAggregate || !cfg.SMTP.Enabled() || cfg.SMTP.Port != 587 || !cfg.SMTP.StartTLS {
				t.Errorf("%v: cfg %+v, err %v", tt.env, cfg.SMTP, err)
			}
		} else if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%v: err %v, want one naming %s", tt.env, err, tt.wantErr)
		}
	}
	if d := Defaults(); d.PrivacyLevel != PrivacyStatus || d.SMTP.Enabled() {
		t.Errorf("defaults: privacy %q, smtp enabled %v", d.PrivacyLevel, d.SMTP.Enabled())
	}
}
