// Package config reads ailit's configuration from flags and environment variables and validates it,
// so that a typo in a deployment stops the start with a message that names the variable.
package config

import (
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Config is everything `ailit serve` and the other subcommands need to know.
type Config struct {
	Addr           string        // AILIT_ADDR: listen address
	BaseURL        string        // AILIT_BASE_URL: public URL, decides cookie Secure flag and absolute links
	DataDir        string        // AILIT_DATA_DIR: SQLite file, session keys, signing keys
	DatabaseURL    string        // AILIT_DATABASE_URL: sqlite file path/URL or postgres:// URL
	CoursesDir     string        // AILIT_COURSES_DIR
	SessionKey     []byte        // AILIT_SESSION_KEY (hex, 32 or 64 bytes); generated into the data dir when empty
	SessionMaxAge  time.Duration // AILIT_SESSION_MAX_AGE: absolute lifetime of a login
	SessionIdle    time.Duration // AILIT_SESSION_IDLE: a session unused this long ends
	LogLevel       slog.Level    // AILIT_LOG_LEVEL: debug, info, warn, error
	TrustedProxies []string      // AILIT_TRUSTED_PROXIES: comma-separated IPs/CIDRs allowed to set X-Forwarded-For
	DemoPassword   string        // AILIT_DEMO_PASSWORD: password for the --demo accounts
	SMTP           SMTP          // AILIT_SMTP_*: reminder emails; off when the host is empty
	PrivacyLevel   string        // AILIT_PRIVACY_LEVEL: what managers see (aggregate, status, results)
	OrgName        string        // AILIT_ORG_NAME: the issuer printed on records of participation
	RecordWording  string        // AILIT_RECORD_WORDING: legal wording on records; "" = built-in text per language
	VerifyShowName bool          // AILIT_VERIFY_SHOW_NAME: the public verification page shows the person's name
	WorkspaceGit   bool          // AILIT_WORKSPACE_GIT: publishing in the trainer workspace commits to the courses git repository
	LoginHelp      string        // AILIT_LOGIN_HELP: whom people turn to when they cannot log in ("das IT-Service-Desk, Tel. 1234")
	SSO            SSO           // AILIT_LOCAL_LOGIN, AILIT_OIDC_*, AILIT_LDAP_*, AILIT_SSO_MAPPING_FILE (sso.go)
	XAPI           XAPI          // AILIT_XAPI_*: statements to a learning record store (xapi.go)
}

// Env is a lookup function such as os.LookupEnv; tests pass a map.
type Env func(string) (string, bool)

// Error names the setting that is wrong, so the operator knows what to fix.
type Error struct {
	Name    string // the environment variable (the flag carries the same meaning)
	Value   string
	Problem string
}

func (e *Error) Error() string {
	return fmt.Sprintf("configuration: %s=%q: %s", e.Name, e.Value, e.Problem)
}

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{
		Addr:          ":8080",
		BaseURL:       "http://localhost:8080",
		DataDir:       "./data",
		CoursesDir:    "./courses",
		SessionMaxAge: 12 * time.Hour,
		SessionIdle:   2 * time.Hour,
		LogLevel:      slog.LevelInfo,
		SMTP:          SMTP{Port: 587, StartTLS: true},
		PrivacyLevel:  PrivacyStatus,
		OrgName:       "Ihre Verwaltung",
		SSO:           SSO{LocalLogin: true},
	}
}

// setting ties an environment variable to a flag of the same meaning.
type setting struct {
	env, flag, usage string
	value            *string
}

// getter returns a setting's value, trimmed ("" when unset).
type getter func(name string) string

// group reads and checks one group of settings into cfg, adding every problem it finds to p.
type group func(cfg *Config, get getter, p *Problems)

var coreSettings = []setting{
	{"AILIT_ADDR", "addr", "listen address", nil},
	{"AILIT_BASE_URL", "base-url", "public base URL (https://… in production)", nil},
	{"AILIT_DATA_DIR", "data-dir", "directory for the database file and keys", nil},
	{"AILIT_DATABASE_URL", "database-url", "SQLite file or postgres:// URL (default: ailit.db in the data directory)", nil},
	{"AILIT_COURSES_DIR", "courses-dir", "directory with the course folders", nil},
	{"AILIT_SESSION_KEY", "session-key", "hex key for session data (generated when empty)", nil},
	{"AILIT_SESSION_MAX_AGE", "session-max-age", "absolute lifetime of a login, e.g. 12h", nil},
	{"AILIT_SESSION_IDLE", "session-idle", "a login unused this long ends, e.g. 2h", nil},
	{"AILIT_LOG_LEVEL", "log-level", "debug, info, warn or error", nil},
	{"AILIT_TRUSTED_PROXIES", "trusted-proxies", "comma-separated proxy IPs or CIDRs", nil},
	{"AILIT_DEMO_PASSWORD", "demo-password", "password of the demo accounts (serve --demo)", nil},
	{"AILIT_ORG_NAME", "org-name", "organisation named as issuer on records of participation", nil},
	{"AILIT_RECORD_WORDING", "record-wording", "legal wording printed on records of participation (default: built-in text)", nil},
	{"AILIT_VERIFY_SHOW_NAME", "verify-show-name", "true: the public verification page shows the person's name", nil},
	{"AILIT_WORKSPACE_GIT", "workspace-git", "1/true: publishing in the trainer workspace makes a git commit in the courses folder", nil},
	{"AILIT_LOGIN_HELP", "login-help", "whom to turn to when a login fails, shown after \"Wenden Sie sich an\", e.g. \"das IT-Service-Desk (Tel. 1234)\"", nil},
}

// groups are the validators, one per group of settings, in the order their problems are listed.
var groups = []group{loadServer, loadStorage, loadSessions, loadLogging, loadRecords, loadWorkspace, loadDemo, loadOrgSettings, loadSSOSettings, loadXAPI}

// Load reads the environment, then the flags in args (flags win), and validates the result. Every
// problem is reported at once (as Problems), so a deployment is fixed in one round, not one
// variable per restart. fs receives the flag definitions so subcommands can add their own flags
// before parsing.
func Load(fs *flag.FlagSet, args []string, env Env) (Config, error) {
	cfg := Defaults()
	raw := map[string]*string{}
	settings := slices.Concat(coreSettings, orgSettings, ssoSettings, xapiSettings)
	for i := range settings {
		s := &settings[i]
		v, _ := env(s.env)
		s.value = fs.String(s.flag, v, s.usage+" ("+s.env+")")
		raw[s.env] = s.value
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	get := func(name string) string { return strings.TrimSpace(*raw[name]) }
	var problems Problems
	for _, g := range groups {
		g(&cfg, get, &problems)
	}
	if len(problems) > 0 {
		return cfg, problems
	}
	return cfg, nil
}

// loadServer: where ailit listens, its public URL and the proxies in front of it.
func loadServer(cfg *Config, get getter, p *Problems) {
	if v := get("AILIT_ADDR"); v != "" {
		if _, port, err := net.SplitHostPort(v); err != nil || !validPort(port) {
			p.add("AILIT_ADDR", v, "expected host:port, for example :8080 or 127.0.0.1:8080")
		} else {
			cfg.Addr = v
		}
	}
	if v := get("AILIT_BASE_URL"); v != "" {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			p.add("AILIT_BASE_URL", v, "expected an absolute http:// or https:// URL")
		} else {
			cfg.BaseURL = strings.TrimRight(v, "/")
		}
	}
	if v := get("AILIT_TRUSTED_PROXIES"); v != "" {
		for _, proxy := range strings.Split(v, ",") {
			proxy = strings.TrimSpace(proxy)
			if net.ParseIP(proxy) == nil {
				if _, _, err := net.ParseCIDR(proxy); err != nil {
					p.add("AILIT_TRUSTED_PROXIES", v, fmt.Sprintf("%q is neither an IP address nor a CIDR range", proxy))
					continue
				}
			}
			cfg.TrustedProxies = append(cfg.TrustedProxies, proxy)
		}
	}
}

// loadStorage: the data directory, the database and the course folders.
func loadStorage(cfg *Config, get getter, p *Problems) {
	if v := get("AILIT_DATA_DIR"); v != "" {
		cfg.DataDir = v
	}
	if problem := checkDataDir(cfg.DataDir); problem != "" {
		p.add("AILIT_DATA_DIR", cfg.DataDir, problem)
	}
	cfg.DatabaseURL = filepath.Join(cfg.DataDir, "ailit.db")
	if v := get("AILIT_DATABASE_URL"); v != "" {
		if err := checkDatabaseURL(v); err != nil {
			p.add("AILIT_DATABASE_URL", redact(v), err.Error())
		} else {
			cfg.DatabaseURL = v
		}
	}
	// The default ./courses is checked by the commands that read courses; a folder named
	// explicitly must exist for every command.
	if v := get("AILIT_COURSES_DIR"); v != "" {
		cfg.CoursesDir = v
		if problem := checkReadableDir(v); problem != "" {
			p.add("AILIT_COURSES_DIR", v, problem)
		}
	}
}

// loadSessions: the session key and how long logins last.
func loadSessions(cfg *Config, get getter, p *Problems) {
	if v := get("AILIT_SESSION_KEY"); v != "" {
		key, err := hex.DecodeString(v)
		if err != nil || (len(key) != 32 && len(key) != 64) {
			p.add("AILIT_SESSION_KEY", "(hidden)", "expected 64 or 128 hex characters (32 or 64 random bytes)")
		} else {
			cfg.SessionKey = key
		}
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"AILIT_SESSION_MAX_AGE", &cfg.SessionMaxAge}, {"AILIT_SESSION_IDLE", &cfg.SessionIdle}} {
		if v := get(d.name); v != "" {
			dur, err := time.ParseDuration(v)
			if err != nil || dur < time.Minute {
				p.add(d.name, v, "expected a duration of at least 1m, for example 30m or 12h")
				continue
			}
			*d.dst = dur
		}
	}
}

func loadLogging(cfg *Config, get getter, p *Problems) {
	if v := get("AILIT_LOG_LEVEL"); v != "" {
		if err := cfg.LogLevel.UnmarshalText([]byte(v)); err != nil {
			p.add("AILIT_LOG_LEVEL", v, "expected debug, info, warn or error")
		}
	}
}

// loadRecords: what records of participation and their verification page say.
func loadRecords(cfg *Config, get getter, p *Problems) {
	if v := get("AILIT_ORG_NAME"); v != "" {
		if utf8.RuneCountInString(v) > 200 {
			p.add("AILIT_ORG_NAME", v, "must have at most 200 characters")
		} else {
			cfg.OrgName = v
		}
	}
	cfg.RecordWording = get("AILIT_RECORD_WORDING")
	if utf8.RuneCountInString(cfg.RecordWording) > 1000 {
		p.add("AILIT_RECORD_WORDING", cfg.RecordWording, "must have at most 1000 characters")
	}
	p.boolean(get, "AILIT_VERIFY_SHOW_NAME", &cfg.VerifyShowName, "expected true or false")
	cfg.LoginHelp = get("AILIT_LOGIN_HELP")
	if utf8.RuneCountInString(cfg.LoginHelp) > 200 {
		p.add("AILIT_LOGIN_HELP", cfg.LoginHelp, "at most 200 characters: a contact, not a text")
	}
}

func loadWorkspace(cfg *Config, get getter, p *Problems) {
	p.boolean(get, "AILIT_WORKSPACE_GIT", &cfg.WorkspaceGit, "expected 1 or 0 (true or false)")
}

func loadDemo(cfg *Config, get getter, p *Problems) {
	cfg.DemoPassword = get("AILIT_DEMO_PASSWORD")
	if cfg.DemoPassword != "" && len(cfg.DemoPassword) < 8 {
		p.add("AILIT_DEMO_PASSWORD", "(hidden)", "must have at least 8 characters")
	}
}

// PublishedDir keeps a copy of every published course version, so learners keep their version
// when its files on disk are changed or deleted (content.Library.KeepPublished).
func (c Config) PublishedDir() string { return filepath.Join(c.DataDir, "published") }

// RenderCacheDir holds the rendered lessons and decoded quizzes of published versions, shared by
// the server and the commands that load the courses (content.Library.CacheRendered).
func (c Config) RenderCacheDir() string { return filepath.Join(c.DataDir, "cache", "versions") }

// Secure reports whether cookies must carry the Secure flag (the site is served over https).
func (c Config) Secure() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// IsPostgres reports whether the database URL points to PostgreSQL.
func (c Config) IsPostgres() bool { return IsPostgresURL(c.DatabaseURL) }

// IsPostgresURL reports whether a database URL points to PostgreSQL.
func IsPostgresURL(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

func checkDatabaseURL(v string) error {
	if IsPostgresURL(v) {
		u, err := url.Parse(v)
		if err != nil || u.Host == "" {
			return fmt.Errorf("not a valid PostgreSQL URL; expected postgres://user:password@host:5432/dbname")
		}
		return nil
	}
	if strings.Contains(v, "://") {
		return fmt.Errorf("unsupported scheme; use a SQLite file path (for example ./data/ailit.db) or a postgres:// URL")
	}
	return nil
}

// redact hides the password of a database URL in error messages.
func redact(v string) string {
	u, err := url.Parse(v)
	if err != nil || u.User == nil {
		return v
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535
}
