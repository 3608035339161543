package config

import (
	"net/mail"
	"strconv"
)

// SMTP is the mail server for reminder emails. An empty Host switches reminders off.
type SMTP struct {
	Host     string // AILIT_SMTP_HOST
	Port     int    // AILIT_SMTP_PORT (default 587)
	Username string // AILIT_SMTP_USERNAME (empty: no authentication)
	Password string // AILIT_SMTP_PASSWORD
	From     string // AILIT_SMTP_FROM, e.g. "ailit <ailit@stadt.example>"
	StartTLS bool   // AILIT_SMTP_STARTTLS (default true)
}

// Enabled reports whether reminders are sent.
func (s SMTP) Enabled() bool { return s.Host != "" }

// Privacy levels of manager reports, agreed with the staff council.
const (
	PrivacyAggregate = "aggregate" // counts per unit only; groups smaller than 5 hidden
	PrivacyStatus    = "status"    // per person: status, due date, completed date, version
	PrivacyResults   = "results"   // adds pass/fail and score
)

var orgSettings = []setting{
	{"AILIT_SMTP_HOST", "smtp-host", "mail server for reminders (empty: reminders off)", nil},
	{"AILIT_SMTP_PORT", "smtp-port", "mail server port (default 587)", nil},
	{"AILIT_SMTP_USERNAME", "smtp-username", "mail server login (empty: none)", nil},
	{"AILIT_SMTP_PASSWORD", "smtp-password", "mail server password", nil},
	{"AILIT_SMTP_FROM", "smtp-from", "sender address of reminders", nil},
	{"AILIT_SMTP_STARTTLS", "smtp-starttls", "use STARTTLS (true or false, default true)", nil},
	{"AILIT_PRIVACY_LEVEL", "privacy-level", "what managers see: aggregate, status or results (default status)", nil},
}

// loadOrgSettings: reminder mail and what managers see.
func loadOrgSettings(cfg *Config, get getter, p *Problems) {
	cfg.SMTP.Host = get("AILIT_SMTP_HOST")
	if v := get("AILIT_SMTP_PORT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 65535 {
			p.add("AILIT_SMTP_PORT", v, "expected a port number between 1 and 65535, for example 587")
		} else {
			cfg.SMTP.Port = n
		}
	}
	cfg.SMTP.Username = get("AILIT_SMTP_USERNAME")
	cfg.SMTP.Password = get("AILIT_SMTP_PASSWORD")
	p.boolean(get, "AILIT_SMTP_STARTTLS", &cfg.SMTP.StartTLS, "expected true or false")
	cfg.SMTP.From = get("AILIT_SMTP_FROM")
	if cfg.SMTP.Host != "" {
		if _, err := mail.ParseAddress(cfg.SMTP.From); err != nil {
			p.add("AILIT_SMTP_FROM", cfg.SMTP.From, "expected a sender address such as ailit@stadt.example (required when AILIT_SMTP_HOST is set)")
		}
	}
	if v := get("AILIT_PRIVACY_LEVEL"); v != "" {
		if v != PrivacyAggregate && v != PrivacyStatus && v != PrivacyResults {
			p.add("AILIT_PRIVACY_LEVEL", v, "expected aggregate, status or results")
		} else {
			cfg.PrivacyLevel = v
		}
	}
}
