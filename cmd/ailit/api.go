package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ailit/ailit/internal/api"
	"github.com/ailit/ailit/internal/i18n"
)

const apiUsage = `usage:
  ailit api token create --name N --scope S [--scope S …] [--allow-ip CIDR …] [--expires YYYY-MM-DD] [--rate N]
  ailit api token list
  ailit api token revoke ID
scopes: people:write, org:write, reports:read, evidence:read, assignments:read, completions:read`

// cmdAPI manages the REST API's service tokens from the command line, like the admin page.
func cmdAPI(args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 || args[0] != "token" {
		fmt.Fprintln(stderr, apiUsage)
		return 2
	}
	switch args[1] {
	case "create":
		return cmdAPITokenCreate(args[2:], stdout, stderr)
	case "list":
		return cmdAPITokenList(args[2:], stdout, stderr)
	case "revoke":
		return cmdAPITokenRevoke(args[2:], stdout, stderr)
	}
	fmt.Fprintln(stderr, apiUsage)
	return 2
}

// cmdAPITokenCreate prints the new token once, on standard output alone (so that a script can
// take it), and everything else on standard error.
func cmdAPITokenCreate(args []string, stdout, stderr io.Writer) int {
	var name, expires string
	var rate int
	var scopes, allow multiFlag
	cfg, fs, err := loadConfig("api token create", args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "what the token is for, e.g. \"HR system\"")
		fs.Var(&scopes, "scope", "what the token may do (repeatable): "+strings.Join(scopeNames(), ", "))
		fs.Var(&allow, "allow-ip", "address or CIDR the token may be used from (repeatable; default: any)")
		fs.StringVar(&expires, "expires", "", "last day the token works (YYYY-MM-DD, Berlin); default: no end")
		fs.IntVar(&rate, "rate", 0, fmt.Sprintf("calls per minute (default %d)", api.DefaultRatePerMinute))
	})
	if err != nil {
		return fail(stderr, err)
	}
	if fs.NArg() > 0 {
		return fail(stderr, fmt.Errorf("unexpected argument %q\n%s", fs.Arg(0), apiUsage))
	}
	spec := api.TokenSpec{Name: name, Scopes: scopes, AllowIPs: allow, RatePerMinute: rate}
	if expires != "" {
		day, err := time.ParseInLocation(time.DateOnly, expires, i18n.Berlin)
		if err != nil {
			return fail(stderr, fmt.Errorf("--expires %q: expected a day like 2027-12-31", expires))
		}
		end := day.AddDate(0, 0, 1).UTC()
		spec.ExpiresAt = &end
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	secret, tok, errs, err := api.CreateToken(ctx, db, spec, nil)
	if err != nil {
		return fail(stderr, err)
	}
	if errs != nil {
		flags := map[string]string{"name": "--name", "scopes": "--scope", "allow_ips": "--allow-ip", "expires": "--expires", "rate": "--rate"}
		var msgs []string
		for field, key := range errs {
			msgs = append(msgs, flags[field]+": "+i18n.T("en", key))
		}
		return fail(stderr, errors.New(strings.Join(msgs, "\n")))
	}
	fmt.Fprintf(stderr, "Created API token #%d %q with %s. It is shown this once; keep it in your secret store:\n", tok.ID, tok.Name, tok.Scopes)
	fmt.Fprintln(stdout, secret)
	return 0
}

func cmdAPITokenList(args []string, stdout, stderr io.Writer) int {
	cfg, _, err := loadConfig("api token list", args, stdout, stderr, nil)
	if err != nil {
		return fail(stderr, err)
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	tokens, err := db.APITokens(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	lastUse, err := db.APITokenLastUse(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tSTARTS WITH\tSCOPES\tALLOWED FROM\tRATE/MIN\tEXPIRES\tLAST USED\tSTATE")
	now := db.Now()
	for _, t := range tokens {
		state := t.Usable(now)
		if state == "" {
			state = "active"
		}
		expires, used, from := "never", "never", t.AllowIPs
		if t.ExpiresAt != nil {
			expires = t.ExpiresAt.Format(time.RFC3339)
		}
		if at, ok := lastUse[t.ID]; ok {
			used = at.Format(time.RFC3339)
		}
		if from == "" {
			from = "any"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", t.ID, t.Name, t.Hint, strings.ReplaceAll(t.Scopes, " ", ","), from, t.RatePerMinute, expires, used, state)
	}
	w.Flush()
	return 0
}

func cmdAPITokenRevoke(args []string, stdout, stderr io.Writer) int {
	cfg, fs, err := loadConfig("api token revoke", args, stdout, stderr, nil)
	if err != nil {
		return fail(stderr, err)
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if fs.NArg() != 1 || err != nil {
		fmt.Fprintln(stderr, "usage: ailit api token revoke ID (the number from ailit api token list)")
		return 2
	}
	ctx := context.Background()
	db, err := openStore(ctx, cfg, newLogger(cfg, stderr))
	if err != nil {
		return fail(stderr, err)
	}
	defer db.Close()
	if err := db.RevokeAPIToken(ctx, id, nil); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "API token #%d is revoked; it stops working at once.\n", id)
	return 0
}

func scopeNames() []string {
	var out []string
	for _, s := range api.AllScopes {
		out = append(out, string(s))
	}
	return out
}
