package main

import (
	"flag"
	"io"
	"os"

	"github.com/ailit/ailit/internal/content"
)

func cmdCourses(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || wantsHelp(args[:1]) || args[0] != "validate" && args[0] != "list" && args[0] != "export" {
		return groupHelp("courses", args, stdout, stderr)
	}
	if args[0] == "export" {
		return coursesExport(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("ailit courses "+args[0], flag.ContinueOnError)
	var asJSON *bool
	if args[0] == "validate" {
		asJSON = fs.Bool("json", false, "print problems as JSON")
	} else {
		asJSON = new(bool)
	}
	withHelp(fs, "courses "+args[0], args[1:], stdout, stderr, false)
	if err := fs.Parse(args[1:]); err != nil {
		return usageExit(err)
	}
	dir := fs.Arg(0)
	if dir == "" {
		dir = os.Getenv("AILIT_COURSES_DIR")
	}
	if dir == "" {
		dir = "./courses"
	}
	switch args[0] {
	case "validate":
		return content.ValidateCommand(stdout, dir, *asJSON)
	case "list":
		return content.ListCommand(stdout, dir)
	}
	return 2 // unreachable: the subcommand was checked above
}
