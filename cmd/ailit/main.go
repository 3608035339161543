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

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, overview())
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
	case "inventory": // AI inventory (inventory.go)
		return cmdInventory(rest, stdout, stderr)
	// interchange (quiz import/export, SCORM export)
	case "quiz":
		return cmdQuiz(rest, stdout, stderr)
	case "api": // REST API service tokens (api.go)
		return cmdAPI(rest, stdout, stderr)
	case "xapi": // statements to a learning record store (xapi.go)
		return cmdXAPI(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "ailit", version)
		return 0
	case "help", "-h", "--help": // the command list is in help.go
		return cmdHelp(rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "ailit: unknown command %q\n\n%s", cmd, overview())
	return 2
}
