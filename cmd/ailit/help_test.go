package main

import (
	"strings"
	"testing"
)

func TestHelpListsEveryCommandOnOneLine(t *testing.T) {
	code, out, _ := runCLI(t, "help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, c := range commands {
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "  "+c.name+" ") {
				line = l
			}
		}
		if line == "" || !strings.HasSuffix(line, c.summary) {
			t.Errorf("no line %q … %q in:\n%s", c.name, c.summary, out)
		}
	}
	if strings.Contains(out, "-ldap") || strings.Contains(out, "--smtp") {
		t.Error("the command list shows server flags")
	}
}

// serverOnly are flags of the server that no other command's help may list.
var serverOnly = []string{"-ldap-url", "-oidc-issuer", "-smtp-host", "-addr", "-session-key", "-trusted-proxies"}

func TestEachCommandsHelpShowsItsOwnAndTheSharedFlagsOnly(t *testing.T) {
	tests := []struct {
		args []string
		own  []string
	}{
		{[]string{"report", "export", "--help"}, []string{"-format", "-out", "-unit", "-course", "-status", "-from", "-to", "-area", "-lang", "-table"}},
		{[]string{"report", "evidence", "-h"}, []string{"-format", "-out"}},
		{[]string{"users", "create", "--help"}, []string{"-email", "-name", "-role", "-password"}},
		{[]string{"users", "import", "--help"}, []string{"-dry-run"}},
		{[]string{"demo", "seed", "--help"}, []string{"-users", "-units", "-courses", "-seed"}},
		{[]string{"migrate", "--help"}, nil},
		{[]string{"backup", "--help"}, nil},
		{[]string{"evidence", "verify", "--help"}, nil},
		{[]string{"help", "report", "export"}, []string{"-format", "-out"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, stderr := runCLI(t, tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if !strings.HasPrefix(out, "Usage: ailit ") {
				t.Errorf("help does not start with the synopsis:\n%s", out)
			}
			for _, f := range append(tt.own, "-data-dir", "-database-url", "-courses-dir") {
				if !strings.Contains(out, "  "+f+" ") && !strings.Contains(out, "  "+f+"\n") {
					t.Errorf("help lacks %s:\n%s", f, out)
				}
			}
			for _, f := range serverOnly {
				if strings.Contains(out, f) {
					t.Errorf("help lists the server flag %s", f)
				}
			}
		})
	}
}

func TestServeHelpStillListsEverySetting(t *testing.T) {
	code, out, _ := runCLI(t, "serve", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range append(serverOnly, "-demo", "-data-dir") {
		if !strings.Contains(out, "  "+f+" ") && !strings.Contains(out, "  "+f+"\n") {
			t.Errorf("serve help lacks %s", f)
		}
	}
}

func TestAMistakeShowsTheHelpOnStderrAndExitsTwo(t *testing.T) {
	code, out, stderr := runCLI(t, "report", "export", "--no-such-flag")
	if code != 1 && code != 2 || out != "" || !strings.Contains(stderr, "flag provided but not defined: -no-such-flag") || !strings.Contains(stderr, "Usage: ailit report export") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	code, _, stderr = runCLI(t, "report", "frobnicate")
	if code != 2 || !strings.Contains(stderr, `unknown subcommand "frobnicate"`) || !strings.Contains(stderr, "report verify ") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}
