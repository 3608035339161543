package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// command is one line of "ailit help" and the head of the command's own --help.
type command struct {
	name     string // "report export"
	synopsis string // how to call it
	summary  string // what it does, in one line
}

// commands lists every subcommand in the order "ailit help" shows them.
var commands = []command{
	{"serve", "ailit serve [--demo] [flags]", "start the platform (runs migrations first)"},
	{"migrate", "ailit migrate", "apply database migrations"},
	{"users create", "ailit users create --email E [--name N] [--role R …] [--password P]", "create an account (the password is generated and printed once unless given)"},
	{"users import", "ailit users import FILE.csv [--dry-run] [--mode full|add-update] [--confirm-deactivations N]", "import people and org units from an HR export"},
	{"courses validate", "ailit courses validate [--json] [DIR]", "check the course folders; every problem with file:line"},
	{"courses list", "ailit courses list [DIR]", "list the courses and their versions"},
	{"courses export", "ailit courses export --format scorm12 COURSE VERSION --out FILE.zip", "a SCORM 1.2 package of a course version, for another LMS"},
	{"quiz import", "ailit quiz import --format moodlexml|gift|qti FILE --out quiz.yaml [--skip-unsupported] [--force]", "convert Moodle XML, GIFT or QTI questions into an ailit quiz, with a report per question"},
	{"quiz export", "ailit quiz export --format moodlexml|qti COURSE VERSION MODULE --out FILE", "a module's quiz as Moodle XML or a QTI 2.1 package"},
	{"package unpack", "ailit package unpack --kind scorm12|scorm2004|cmi5 FILE.zip MODULE_DIR", "unpack a SCORM or cmi5 package into a module folder (refuses ../ paths, links, oversized files)"},
	{"backup", "ailit backup FILE", "copy the SQLite database consistently (the server may run)"},
	{"evidence verify", "ailit evidence verify [--checkpoint FILE]", "check the hash chain of the evidence log, and against a checkpoint (exit 1 if broken)"},
	{"evidence checkpoint", "ailit evidence checkpoint [--out FILE]", "write a signed checkpoint of the evidence log's head, to file outside ailit"},
	{"report export", "ailit report export --format csv|xlsx|pdf|json --out FILE [filters]", "write the manager report to a file (a CSV comes with FILE.csv.integrity.json)"},
	{"report evidence", "ailit report evidence --format csv|xlsx|pdf|json --out FILE [filters]", "write the Art. 4 evidence report (\"Nachweis KI-Kompetenz\") to a file"},
	{"report verify", "ailit report verify [--integrity SIDECAR] FILE", "check a report file against its integrity hash (exit 1 if it differs)"},
	{"inventory export", "ailit inventory export --format json|csv [--out FILE]", "write the AI inventory (\"KI-Register\") with its rules to a file"},
	{"inventory import", "ailit inventory import FILE [--dry-run]", "check, then apply an inventory file (nothing imported on any error)"},
	{"api token create", "ailit api token create --name N --scope S [--scope S …] [--allow-ip CIDR …] [--expires DATE] [--rate N]", "create a service token of the REST API (shown once)"},
	{"api token list", "ailit api token list", "list the REST API's service tokens"},
	{"api token revoke", "ailit api token revoke ID", "revoke a service token at once"},
	{"retention run", "ailit retention run [--dry-run] [--as-of YYYY-MM-DD]", "delete what is past its retention period, with counts per data category"},
	{"xapi resend", "ailit xapi resend --since YYYY-MM-DD [--queue-only]", "send the xAPI statements of every record since the day to the LRS again (no duplicates)"},
	{"demo seed", "ailit demo seed [--users N] [--units M] [--courses C] [--seed S]", "build a synthetic organisation (demos, load tests)"},
	{"version", "ailit version", "print the version"},
	{"help", "ailit help [COMMAND]", "list the commands, or show one command's help"},
}

// sharedFlags are listed in every command's help beside its own flags. The server's other
// settings (LDAP, OIDC, SMTP, …) are accepted everywhere, as flags or AILIT_* variables, but
// belong to "ailit serve -h".
var sharedFlags = []string{"data-dir", "database-url", "courses-dir"}

func commandNamed(name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

// overview is the text of "ailit help": one line per command.
func overview() string {
	var b strings.Builder
	b.WriteString("ailit – AI-literacy training platform for public administrations\n\nUsage: ailit COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-17s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun \"ailit help COMMAND\" or \"ailit COMMAND --help\" for its flags. Every setting can also be\n" +
		"given as an environment variable (AILIT_DATA_DIR, AILIT_DATABASE_URL, …); \"ailit serve --help\" lists them all.\n")
	return b.String()
}

// cmdHelp runs "ailit help [COMMAND …]".
func cmdHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, overview())
		return 0
	}
	name := strings.Join(args, " ")
	if _, ok := commandNamed(name); !ok || name == "help" {
		fmt.Fprintf(stderr, "ailit help: no command %q\n\n%s", name, overview())
		return 2
	}
	if name == "version" {
		fmt.Fprintln(stdout, "Usage: ailit version\n\nprint the version")
		return 0
	}
	return run(append(args, "--help"), stdout, stderr)
}

// withHelp gives fs a usage text that shows the command's synopsis and summary, its own flags
// (registered before the call) and the shared ones; with all, every flag (serve). Help that was
// asked for goes to stdout, help after a mistake to stderr.
func withHelp(fs *flag.FlagSet, name string, args []string, stdout, stderr io.Writer, all bool) {
	own := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) { own[f.Name] = true })
	fs.SetOutput(stderr)
	if wantsHelp(args) {
		fs.SetOutput(stdout)
	}
	fs.Usage = func() {
		w := fs.Output()
		c, _ := commandNamed(name)
		fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.synopsis, c.summary)
		mine := flag.NewFlagSet(name, flag.ContinueOnError)
		shared := flag.NewFlagSet(name, flag.ContinueOnError)
		fs.VisitAll(func(f *flag.Flag) {
			switch {
			case all || own[f.Name]:
				mine.Var(f.Value, f.Name, f.Usage)
			case slices.Contains(sharedFlags, f.Name):
				shared.Var(f.Value, f.Name, f.Usage)
			}
		})
		for _, part := range []struct {
			title string
			fs    *flag.FlagSet
		}{{"Flags", mine}, {"Shared flags", shared}} {
			n := 0
			part.fs.VisitAll(func(*flag.Flag) { n++ })
			if n > 0 {
				fmt.Fprintf(w, "\n%s:\n", part.title)
				part.fs.SetOutput(w)
				part.fs.PrintDefaults()
			}
		}
	}
}

func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "-help" || a == "--help" })
}

// helpShown reports whether err only says that the help was asked for (and printed).
func helpShown(err error) bool { return errors.Is(err, flag.ErrHelp) }

// groupHelp lists the subcommands of a group ("report") with one line each: on stdout when asked
// for (exit 0), else on stderr (exit 2).
func groupHelp(group string, args []string, stdout, stderr io.Writer) int {
	w, code := stderr, 2
	if wantsHelp(args) {
		w, code = stdout, 0
	}
	fmt.Fprintf(w, "Usage: ailit %s SUBCOMMAND [flags]\n\n", group)
	for _, c := range commands {
		if strings.HasPrefix(c.name, group+" ") {
			fmt.Fprintf(w, "  %-17s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintf(w, "\nRun \"ailit help %s SUBCOMMAND\" for its flags.\n", group)
	return code
}

// usageExit is the exit code after a failed flag parse: 0 when only the help was asked for (and
// printed), 2 for a usage mistake (the flag package has printed the problem and the help).
func usageExit(err error) int {
	if helpShown(err) {
		return 0
	}
	return 2
}
