// Command ailit is the AI-literacy training platform: one binary with subcommands for serving,
// migrating, checking courses and managing users.
package main

import (
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `ailit – AI-literacy training platform for public administrations

Usage:
  ailit serve [--demo] [flags]        start the platform (runs migrations first)
  ailit migrate [flags]               apply database migrations
  ailit users create --email E --name N --role R [--role R …] [--password P]
  ailit users import FILE.csv [--dry-run] [--mode full|add-update] [--confirm-deactivations N]
  ailit courses validate [--json] [DIR]
  ailit courses list [DIR]
  ailit package unpack --kind scorm12|scorm2004|cmi5 FILE.zip MODULE_DIR  unpack a package into MODULE_DIR/package
  ailit backup FILE                   copy the SQLite database consistently (server may run)
  ailit evidence verify [--checkpoint FILE]  check the hash chain of the evidence log (exit 1 if broken)
  ailit evidence checkpoint [--out FILE]     write a signed checkpoint of the log's head
  ailit report export --format csv|xlsx|pdf|json --out FILE [--unit U] [--course C] [--status S] [--from D --to D]
  ailit report evidence --format csv|xlsx|pdf|json --out FILE [--unit U] [--from D --to D]
  ailit report verify FILE            recompute a report file's integrity hash (exit 1 if it differs)
  ailit retention run [--dry-run] [--as-of DATE]  delete what is past its retention period
  ailit demo seed --users N --units M build a synthetic organisation (demos, load tests)
  ailit version

Every flag can also be set as an environment variable (AILIT_ADDR, AILIT_DATABASE_URL, …);
run "ailit serve -h" for the list.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(rest, stdout, stderr)
	case "migrate":
		return cmdMigrate(rest, stdout, stderr)
	case "users":
		return cmdUsers(rest, stdout, stderr)
	case "courses":
		return cmdCourses(rest, stdout, stderr)
	case "package": // package modules (SCORM, cmi5): package.go
		return cmdPackage(rest, stdout, stderr)
	case "backup":
		return cmdBackup(rest, stdout, stderr)
	case "evidence":
		return cmdEvidence(rest, stdout, stderr)
	case "report":
		return cmdReport(rest, stdout, stderr)
	case "demo":
		return cmdDemo(rest, stdout, stderr)
	case "retention":
		return cmdRetention(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "ailit", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "ailit: unknown command %q\n\n%s", cmd, usage)
	return 2
}
