package sso

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/ailit/ailit/internal/config"
)

// Errors of the OIDC login. The wrapped text is for the log; the user sees a message per kind.
var (
	ErrUnavailable = errors.New("sso: the identity provider cannot be reached")
	ErrDenied      = errors.New("sso: the identity provider refused the login")
	ErrBadResponse = errors.New("sso: the identity provider's answer is not valid")
)

// FlowLifetime is how long a started login may take at the identity provider.
const FlowLifetime = 10 * time.Minute

// OIDC is the OpenID Connect client (authorization code flow with PKCE, state and nonce). The
// provider is discovered at start; when it is down, the next use after RetryAfter tries again, so
// ailit starts and serves local logins meanwhile.
type OIDC struct {
	cfg         config.OIDC
	redirectURL string
	log         *slog.Logger
	http        *http.Client
	RetryAfter  time.Duration

	mu         sync.Mutex
	provider   *oidc.Provider
	verifier   *oidc.IDTokenVerifier
	endSession string
	lastTry    time.Time
}

// NewOIDC returns a client whose callback is baseURL + /auth/oidc/callback.
func NewOIDC(cfg config.OIDC, baseURL string, log *slog.Logger) *OIDC {
	return &OIDC{cfg: cfg, redirectURL: baseURL + "/auth/oidc/callback", log: log,
		http: &http.Client{Timeout: 10 * time.Second}, RetryAfter: 30 * time.Second}
}

// Discover fetches the provider's metadata once (at start; later tries happen on demand).
func (o *OIDC) Discover(ctx context.Context) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.discoverLocked(ctx)
}

func (o *OIDC) discoverLocked(ctx context.Context) error {
	o.lastTry = time.Now()
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, o.http), 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(ctx, o.cfg.Issuer)
	if err != nil {
		o.log.Error("sso: OIDC discovery failed; the login page offers SSO again once the provider answers",
			"issuer", o.cfg.Issuer, "err", err)
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	var meta struct {
		EndSession string `json:"end_session_endpoint"`
	}
	_ = p.Claims(&meta) // optional metadata: without it logout stays local
	o.provider, o.endSession = p, meta.EndSession
	o.verifier = p.VerifierContext(oidc.ClientContext(context.Background(), o.http), &oidc.Config{ClientID: o.cfg.ClientID})
	o.log.Info("sso: OIDC provider discovered", "issuer", o.cfg.Issuer, "end_session", meta.EndSession != "")
	return nil
}

// Available reports whether the provider is known. When it is not, a new discovery is started in
// the background (at most once per RetryAfter), so the login page never waits for a dead provider.
func (o *OIDC) Available() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return true
	}
	if time.Since(o.lastTry) >= o.RetryAfter {
		o.lastTry = time.Now()
		go func() { _ = o.Discover(context.Background()) }()
	}
	return false
}

// ready returns the provider, trying discovery now when the last try is long enough ago.
func (o *OIDC) ready(ctx context.Context) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider == nil {
		if time.Since(o.lastTry) < o.RetryAfter {
			return nil, nil, fmt.Errorf("%w: discovery failed less than %s ago", ErrUnavailable, o.RetryAfter)
		}
		if err := o.discoverLocked(ctx); err != nil {
			return nil, nil, err
		}
	}
	return o.provider, o.verifier, nil
}

// Flow is one login in progress, kept in ailit's server-side session until the callback.
type Flow struct {
	State    string `json:"state"`
	Nonce    string `json:"nonce"`
	Verifier string `json:"verifier"` // PKCE code verifier
	Next     string `json:"next"`     // where to go after login
	Started  int64  `json:"started"`  // unix seconds
}

// NewFlow starts a login with fresh random state, nonce and PKCE verifier.
func NewFlow(next string, now time.Time) Flow {
	return Flow{State: randomString(), Nonce: randomString(), Verifier: oauth2.GenerateVerifier(), Next: next, Started: now.Unix()}
}

// Encode and DecodeFlow store the flow as one session value.
func (f Flow) Encode() string { b, _ := json.Marshal(f); return string(b) }

// DecodeFlow reads a flow stored with Encode.
func DecodeFlow(s string) (Flow, error) {
	var f Flow
	if err := json.Unmarshal([]byte(s), &f); err != nil || f.State == "" {
		return f, fmt.Errorf("%w: no login in progress in this session", ErrBadResponse)
	}
	return f, nil
}

// Check compares the state the provider sent back (in constant time) and the flow's age.
func (f Flow) Check(state string, now time.Time) error {
	if subtle.ConstantTimeCompare([]byte(f.State), []byte(state)) != 1 {
		return fmt.Errorf("%w: state does not match the login started in this session", ErrBadResponse)
	}
	if now.Sub(time.Unix(f.Started, 0)) > FlowLifetime {
		return fmt.Errorf("%w: the login was started more than %s ago", ErrBadResponse, FlowLifetime)
	}
	return nil
}

func (o *OIDC) oauth2Config(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: o.redirectURL, Scopes: o.cfg.Scopes}
}

// AuthURL is where the browser goes to log in at the provider.
func (o *OIDC) AuthURL(ctx context.Context, f Flow) (string, error) {
	p, _, err := o.ready(ctx)
	if err != nil {
		return "", err
	}
	return o.oauth2Config(p).AuthCodeURL(f.State, oidc.Nonce(f.Nonce), oauth2.S256ChallengeOption(f.Verifier)), nil
}

// Identity is a verified login at the provider.
type Identity struct {
	Subject string
	Claims  Attributes
	IDToken string // raw, kept for RP-initiated logout (id_token_hint)
}

// Exchange redeems the code with the PKCE verifier and verifies the ID token: signature, issuer,
// audience, expiry and the flow's nonce.
func (o *OIDC) Exchange(ctx context.Context, code string, f Flow) (*Identity, error) {
	p, verifier, err := o.ready(ctx)
	if err != nil {
		return nil, err
	}
	ctx = oidc.ClientContext(ctx, o.http)
	tok, err := o.oauth2Config(p).Exchange(ctx, code, oauth2.VerifierOption(f.Verifier))
	if err != nil {
		return nil, fmt.Errorf("%w: code exchange: %v", ErrBadResponse, err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return nil, fmt.Errorf("%w: the token response has no id_token", ErrBadResponse)
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fmt.Errorf("%w: ID token: %v", ErrBadResponse, err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		return nil, fmt.Errorf("%w: ID token nonce does not match the login started in this session", ErrBadResponse)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, fmt.Errorf("%w: ID token claims: %v", ErrBadResponse, err)
	}
	return &Identity{Subject: idt.Subject, Claims: claimStrings(claims), IDToken: raw}, nil
}

// LogoutURL is the provider's end-session URL with id_token_hint and post_logout_redirect_uri, or ""
// when the provider offers no RP-initiated logout.
func (o *OIDC) LogoutURL(idToken, postLogoutRedirect string) string {
	o.mu.Lock()
	end := o.endSession
	o.mu.Unlock()
	if end == "" || idToken == "" {
		return ""
	}
	u, err := url.Parse(end)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("id_token_hint", idToken)
	q.Set("post_logout_redirect_uri", postLogoutRedirect)
	q.Set("client_id", o.cfg.ClientID)
	u.RawQuery = q.Encode()
	return u.String()
}

// claimStrings flattens JSON claims to strings: strings, numbers, booleans and lists of them.
func claimStrings(claims map[string]any) Attributes {
	out := Attributes{}
	for k, v := range claims {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				if s, ok := scalar(e); ok {
					out[k] = append(out[k], s)
				}
			}
		default:
			if s, ok := scalar(v); ok {
				out[k] = []string{s}
			}
		}
	}
	return out
}

func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	}
	return "", false
}

func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
