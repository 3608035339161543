package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ailit/ailit/internal/content"
)

func cmdCourses(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: ailit courses validate [--json] [DIR] | ailit courses list [DIR] | ailit courses export --format scorm12 COURSE VERSION --out FILE.zip")
		return 2
	}
	if args[0] == "export" {
		return coursesExport(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("ailit courses "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print problems as JSON")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
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
	fmt.Fprintf(stderr, "ailit courses: unknown command %q\n", args[0])
	return 2
}
