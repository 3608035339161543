package main

import (
	"fmt"
	"io"
	"os"

	"github.com/ailit/ailit/internal/interchange"
)

// coursesExport runs "ailit courses export --format scorm12 COURSE VERSION --out FILE.zip".
func coursesExport(args []string, stdout, stderr io.Writer) int {
	ef, ok := parseExportFlags("courses export", "scorm12", "scorm12", 2, args, stderr)
	if !ok {
		fmt.Fprintln(stderr, "usage: ailit courses export --format scorm12 COURSE VERSION --out FILE.zip [--courses DIR]")
		return 2
	}
	if ef.format != "scorm12" {
		return fail(stderr, fmt.Errorf("unknown course export format %q: use scorm12", ef.format))
	}
	v, err := loadVersion(ef.dir, ef.pos[0], ef.pos[1])
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Exporting %s %s: %d modules …\n", v.CourseID, v.Version, len(v.Modules))
	data, err := interchange.ExportSCORM12(v)
	if err != nil {
		return fail(stderr, err)
	}
	if err := os.WriteFile(ef.out, data, 0o644); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Wrote %s (SCORM 1.2, %d KiB); its manifest passed the package validator.\n", ef.out, len(data)/1024)
	return 0
}
