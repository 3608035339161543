package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ailit/ailit/internal/scorm"
)

// cmdPackage is "ailit package unpack": it unpacks a SCORM or cmi5 zip into the package folder of
// a module, refusing zips with paths that leave the folder, and says what lesson.md needs.
func cmdPackage(args []string, stdout, stderr io.Writer) int {
	const usageLine = "usage: ailit package unpack --kind scorm12|scorm2004|cmi5 FILE.zip MODULE_DIR"
	if len(args) == 0 || args[0] != "unpack" {
		fmt.Fprintln(stderr, usageLine)
		return 2
	}
	fs := flag.NewFlagSet("ailit package unpack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	kind := fs.String("kind", scorm.KindSCORM12, "scorm12, scorm2004 or cmi5")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() != 2 || !slices.Contains(scorm.Kinds, *kind) {
		fmt.Fprintln(stderr, usageLine)
		return 2
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "ailit package unpack:", err)
		return 1
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		fmt.Fprintln(stderr, "ailit package unpack:", err)
		return 1
	}
	dest := filepath.Join(fs.Arg(1), "package")
	files, err := scorm.Unpack(f, info.Size(), *kind, dest)
	if err != nil {
		fmt.Fprintln(stderr, "ailit package unpack:", err)
		return 1
	}
	fmt.Fprintf(stdout, "%d files unpacked into %s.\nAdd to the front matter of %s:\n  package: %s\nthen run: ailit courses validate\n",
		len(files), dest, filepath.Join(fs.Arg(1), "lesson.md"), strings.TrimSpace(*kind))
	return 0
}
