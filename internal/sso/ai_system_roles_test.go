package sso

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
)

func TestGroupsGiveAISystemRolesFromTheMappingFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "mapping.yaml")
	os.WriteFile(good, []byte("ai_system_roles:\n  KI-Aufsicht-Chatbot: [\"chatbot-buergerservice:oversight\"]\n"+
		"  Fachverfahren-Admins: [\"chatbot-buergerservice:administrator\", \"dokumentenklassifikator:administrator\"]\n"), 0o600)
	m, err := LoadMapping(good)
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.Profile(m.OIDC, Attributes{"email": {"a@stadt.example"}, "groups": {"ki-aufsicht-chatbot", "fachverfahren-admins", "andere"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.SystemRole{{Key: "chatbot-buergerservice", Role: "administrator"}, {Key: "chatbot-buergerservice", Role: "oversight"},
		{Key: "dokumentenklassifikator", Role: "administrator"}}
	if !reflect.DeepEqual(p.AISystemRoles, want) {
		t.Errorf("roles = %+v, want %+v", p.AISystemRoles, want)
	}
	if p, _ := m.Profile(m.OIDC, Attributes{"email": {"a@stadt.example"}}); p.AISystemRoles == nil || len(p.AISystemRoles) != 0 {
		t.Errorf("without groups the roles are %+v, want an empty list (so SSO roles are removed)", p.AISystemRoles)
	}
	if p, _ := DefaultMapping().Profile(m.OIDC, Attributes{"email": {"a@stadt.example"}}); p.AISystemRoles != nil {
		t.Error("without ai_system_roles in the mapping, SSO must leave AI system roles alone")
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("ai_system_roles:\n  X: [\"chatbot-buergerservice:chef\"]\n"), 0o600)
	if _, err := LoadMapping(bad); err == nil || !strings.Contains(err.Error(), `group "X"`) || !strings.Contains(err.Error(), "oversight") {
		t.Errorf("bad role: %v", err)
	}
}
