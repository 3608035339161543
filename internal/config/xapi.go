package config

import (
	"net/url"
	"strings"
)

// XAPI is the learning record store that receives xAPI statements. An empty Endpoint switches
// sending off (nothing is queued either).
type XAPI struct {
	Endpoint        string // AILIT_XAPI_ENDPOINT: the LRS base URL, ".../statements" is appended
	Username        string // AILIT_XAPI_USERNAME: Basic auth key
	Password        string // AILIT_XAPI_PASSWORD: Basic auth secret
	AccountHomePage string // AILIT_XAPI_ACCOUNT_HOMEPAGE: actor.account.homePage (default: the base URL)
	Actor           string // AILIT_XAPI_ACTOR: pseudonym (default) or name
}

// Enabled reports whether statements are sent.
func (x XAPI) Enabled() bool { return x.Endpoint != "" }

// How the actor of a statement is named.
const (
	XAPIActorPseudonym = "pseudonym" // account.name is the report pseudonym; no name, no e-mail
	XAPIActorName      = "name"      // account.name is the e-mail address, name the display name
)

var xapiSettings = []setting{
	{"AILIT_XAPI_ENDPOINT", "xapi-endpoint", "xAPI learning record store URL, e.g. https://lrs.example/xapi (empty: off)", nil},
	{"AILIT_XAPI_USERNAME", "xapi-username", "LRS Basic auth key", nil},
	{"AILIT_XAPI_PASSWORD", "xapi-password", "LRS Basic auth secret", nil},
	{"AILIT_XAPI_ACCOUNT_HOMEPAGE", "xapi-account-homepage", "homePage of the statements' actor account (default: the base URL)", nil},
	{"AILIT_XAPI_ACTOR", "xapi-actor", "pseudonym (default) or name: how people are named in statements", nil},
}

// loadXAPI: the learning record store. It runs after loadServer, so the base URL is known.
func loadXAPI(cfg *Config, get getter, p *Problems) {
	x := XAPI{Actor: XAPIActorPseudonym, AccountHomePage: cfg.BaseURL}
	if v := get("AILIT_XAPI_ENDPOINT"); v != "" {
		if !absoluteHTTP(v) {
			p.add("AILIT_XAPI_ENDPOINT", v, "expected an absolute http:// or https:// URL of the LRS, e.g. https://lrs.example/xapi")
		} else {
			x.Endpoint = strings.TrimRight(v, "/")
		}
	}
	x.Username = get("AILIT_XAPI_USERNAME")
	x.Password = get("AILIT_XAPI_PASSWORD")
	if x.Endpoint != "" && (x.Username == "") != (x.Password == "") {
		p.add("AILIT_XAPI_USERNAME", x.Username, "set both AILIT_XAPI_USERNAME and AILIT_XAPI_PASSWORD, or neither")
	}
	if v := get("AILIT_XAPI_ACCOUNT_HOMEPAGE"); v != "" {
		if !absoluteHTTP(v) {
			p.add("AILIT_XAPI_ACCOUNT_HOMEPAGE", v, "expected an absolute http:// or https:// URL (an IRL identifying this ailit)")
		} else {
			x.AccountHomePage = v
		}
	}
	if v := get("AILIT_XAPI_ACTOR"); v != "" {
		if v != XAPIActorPseudonym && v != XAPIActorName {
			p.add("AILIT_XAPI_ACTOR", v, "expected pseudonym or name")
		} else {
			x.Actor = v
		}
	}
	cfg.XAPI = x
}

func absoluteHTTP(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
