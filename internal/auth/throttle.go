package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/ailit/ailit/internal/store"
)

// ThrottledError refuses a login attempt without checking the password: the address, the pair of
// account and address (or device), or the account has failed too often. RetryAfter is when the
// next attempt from there will be checked again.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string { return ErrThrottled.Error() }

// Is makes errors.Is(err, ErrThrottled) true.
func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

// Limit is one counter's rule within the window: the first Free failures cost nothing, each
// further one doubles the wait (counted from the window's first failure, so an attacker cannot
// fail faster than 2, 4, 8, ... seconds), and at Ceiling nothing is checked until the window ends.
type Limit struct{ Free, Ceiling int }

// wait is how long an attempt must wait after n failures in a window that started at start.
func (lim Limit) wait(n int, start, now time.Time, window time.Duration) time.Duration {
	if n < lim.Free {
		return 0
	}
	end := start.Add(window)
	until := end
	if n < lim.Ceiling {
		shift := min(n-lim.Free+1, 20)
		until = start.Add(time.Duration(1<<shift) * time.Second)
		if until.After(end) {
			until = end
		}
	}
	if d := until.Sub(now); d > 0 {
		return d
	}
	return 0
}

// Gate holds the counters one login attempt is checked against and counted in.
type Gate struct {
	l     *Login
	since time.Time
	rules map[string]Limit // key → rule
}

// check opens the Gate for an attempt with name (an email or directory login name) from ip. A
// known device (a device cookie of this account) has its own counter and is exempt from the
// address's and the account's ceilings: guesses from elsewhere never lock the owner out of it.
func (l *Login) check(ctx context.Context, name, ip, deviceID string) (*Gate, error) {
	acct := throttleKey("acct:", store.NormalizeEmail(name))
	g := &Gate{l: l, since: l.db.Now().Add(-l.Window), rules: map[string]Limit{}}
	if deviceID != "" {
		g.rules[throttleKey("dev:", acct+"|"+deviceID)] = l.PerSource
	} else {
		g.rules[throttleKey("src:", acct+"|"+ip)] = l.PerSource
		g.rules["ip:"+ip] = l.PerIP
		g.rules[acct] = Limit{Free: l.AccountCeiling, Ceiling: l.AccountCeiling}
	}
	now := l.db.Now()
	var longest time.Duration
	for key, rule := range g.rules {
		n, start, err := l.db.ThrottleWindow(ctx, key, g.since)
		if err != nil {
			return nil, err
		}
		longest = max(longest, rule.wait(n, start, now, l.Window))
	}
	if longest > 0 {
		return nil, &ThrottledError{RetryAfter: longest.Round(time.Second) + time.Second}
	}
	if deviceID != "" {
		// Failures from a known device still count for the account, so the owner sees them.
		g.rules[acct] = Limit{}
	}
	return g, nil
}

// Failed counts a failed attempt in every counter of the Gate.
func (g *Gate) Failed(ctx context.Context) error {
	keys := make([]string, 0, len(g.rules))
	for key := range g.rules {
		keys = append(keys, key)
	}
	return g.l.db.RecordFailure(ctx, g.since, keys...)
}

// Succeeded forgets the failures of this source for the account; the address's and the account's
// counters keep running, so a success does not reset a guessing attack elsewhere.
func (g *Gate) Succeeded(ctx context.Context) error {
	for key := range g.rules {
		if len(key) > 4 && (key[:4] == "src:" || key[:4] == "dev:") {
			if err := g.l.db.ClearFailures(ctx, key); err != nil {
				return err
			}
		}
	}
	return nil
}

// throttleKey keeps keys within the column's size whatever an attacker types as the email.
func throttleKey(prefix, s string) string {
	if len(s) <= 300 {
		return prefix + s
	}
	sum := sha256.Sum256([]byte(s))
	return prefix + "sha256:" + hex.EncodeToString(sum[:])
}
