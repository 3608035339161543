package config

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
}

func TestDefaultsWhenNothingIsSet(t *testing.T) {
	cfg, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":8080" || cfg.DataDir != "./data" || cfg.CoursesDir != "./courses" || cfg.LogLevel != slog.LevelInfo {
		t.Fatalf("unexpected defaults: %+v", cfg)
	}
	if cfg.DatabaseURL != filepath.Join("data", "ailit.db") {
		t.Fatalf("default database = %q, want a SQLite file in the data directory", cfg.DatabaseURL)
	}
	if cfg.Secure() {
		t.Fatal("http base URL must not set Secure cookies")
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	cfg, err := load(t, map[string]string{"AILIT_ADDR": ":9000", "AILIT_DATA_DIR": "/srv/ailit"}, "-addr", "127.0.0.1:9100")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9100" {
		t.Errorf("addr = %q", cfg.Addr)
	}
	if cfg.DatabaseURL != "/srv/ailit/ailit.db" {
		t.Errorf("database follows the data dir: %q", cfg.DatabaseURL)
	}
}

func TestPostgresURLIsAccepted(t *testing.T) {
	cfg, err := load(t, map[string]string{"AILIT_DATABASE_URL": "postgres://ailit:pw@db.intern:5432/ailit?sslmode=require"})
	if err != nil || !cfg.IsPostgres() {
		t.Fatalf("postgres URL: %v %+v", err, cfg)
	}
}

func TestHTTPSBaseURLMakesCookiesSecure(t *testing.T) {
	cfg, err := load(t, map[string]string{"AILIT_BASE_URL": "https://lernen.jena.de/"})
	if err != nil || !cfg.Secure() || cfg.BaseURL != "https://lernen.jena.de" {
		t.Fatalf("%v %+v", err, cfg)
	}
}

func TestBadValuesNameTheVariable(t *testing.T) {
	for _, tc := range []struct {
		name, value string
	}{
		{"AILIT_ADDR", "8080"},
		{"AILIT_ADDR", ":99999"},
		{"AILIT_BASE_URL", "lernen.jena.de"},
		{"AILIT_BASE_URL", "ftp://x"},
		{"AILIT_DATABASE_URL", "mysql://x"},
		{"AILIT_DATABASE_URL", "postgres://"},
		{"AILIT_SESSION_KEY", "zz"},
		{"AILIT_SESSION_KEY", strings.Repeat("ab", 10)},
		{"AILIT_SESSION_MAX_AGE", "ewig"},
		{"AILIT_SESSION_IDLE", "10s"},
		{"AILIT_LOG_LEVEL", "verbose"},
		{"AILIT_TRUSTED_PROXIES", "10.0.0.1,localhost"},
		{"AILIT_DEMO_PASSWORD", "kurz"},
		{"AILIT_WORKSPACE_GIT", "vielleicht"},
		{"AILIT_LOGIN_HELP", strings.Repeat("Service-Desk ", 20)},
	} {
		_, err := load(t, map[string]string{tc.name: tc.value})
		var ce *Error
		if !errors.As(err, &ce) || ce.Name != tc.name || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s=%q: got %v, want an error naming %s", tc.name, tc.value, err, tc.name)
		}
	}
}

func TestDatabasePasswordIsNotPrintedInErrors(t *testing.T) {
	// A valid URL passes; the redaction is checked on the helper directly.
	if got := redact("postgres://ailit:geheim@db:5432/x"); strings.Contains(got, "geheim") {
		t.Fatalf("password visible: %s", got)
	}
}

func TestDurationsAreParsed(t *testing.T) {
	cfg, err := load(t, map[string]string{"AILIT_SESSION_MAX_AGE": "8h", "AILIT_SESSION_IDLE": "30m"})
	if err != nil || cfg.SessionMaxAge != 8*time.Hour || cfg.SessionIdle != 30*time.Minute {
		t.Fatalf("%v %+v", err, cfg)
	}
}

func TestSessionKeyIsGeneratedOnceAndKept(t *testing.T) {
	dir := t.TempDir()
	a := Config{DataDir: dir}
	if err := a.EnsureSessionKey(); err != nil || len(a.SessionKey) != 64 {
		t.Fatalf("first start: %v, %d bytes", err, len(a.SessionKey))
	}
	b := Config{DataDir: dir}
	if err := b.EnsureSessionKey(); err != nil || string(a.SessionKey) != string(b.SessionKey) {
		t.Fatal("second start did not reuse the stored key")
	}
}

func TestWorkspaceGitIsOffByDefaultAndOnWithOne(t *testing.T) {
	cfg, _ := load(t, nil)
	if cfg.WorkspaceGit {
		t.Fatal("workspace git is on by default")
	}
	cfg, err := load(t, map[string]string{"AILIT_WORKSPACE_GIT": "1"})
	if err != nil || !cfg.WorkspaceGit {
		t.Fatalf("AILIT_WORKSPACE_GIT=1: %v %v", cfg.WorkspaceGit, err)
	}
}
