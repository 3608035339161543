package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/interchange"
)

// cmdQuiz runs "ailit quiz import|export" (docs/interchange.md).
func cmdQuiz(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: ailit quiz import --format moodlexml|gift|qti FILE --out quiz.yaml [--skip-unsupported] [--force]\n       ailit quiz export --format moodlexml|qti COURSE VERSION MODULE --out FILE [--courses DIR]")
		return 2
	}
	switch args[0] {
	case "import":
		return quizImport(args[1:], stdout, stderr)
	case "export":
		return quizExport(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "ailit quiz: unknown subcommand %q\n", args[0])
	return 2
}

// parseInterspersed parses flags that may come before, between or after the positional arguments
// ("import --format gift FILE --out quiz.yaml").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func quizImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ailit quiz import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "moodlexml, gift or qti")
	out := fs.String("out", "", "the quiz.yaml to write (media go into media/ next to it)")
	skip := fs.Bool("skip-unsupported", false, "write the convertible questions even if others cannot be converted")
	force := fs.Bool("force", false, "overwrite an existing --out file")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if *format == "" || *out == "" || len(files) != 1 {
		fmt.Fprintln(stderr, "usage: ailit quiz import --format moodlexml|gift|qti FILE --out quiz.yaml [--skip-unsupported] [--force]")
		return 2
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return fail(stderr, err)
	}
	imp, err := interchange.ImportQuiz(*format, files[0], data)
	if err != nil {
		return fail(stderr, err)
	}
	imp.WriteReport(stdout)
	qf, err := imp.Files(*skip)
	if err != nil {
		if errors.Is(err, interchange.ErrUnsupportedQuestions) {
			fmt.Fprintln(stderr, err.Error()+": pass --skip-unsupported")
			return 1
		}
		return fail(stderr, err)
	}
	if err := qf.WriteTo(*out, *force); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Wrote %s with %d questions (pass mark %d %%: check it). Skipped: %d.\n",
		*out, len(imp.Definition.Questions), imp.Definition.PassPercent, len(imp.Skipped))
	return 0
}

func quizExport(args []string, stdout, stderr io.Writer) int {
	ef, ok := parseExportFlags("quiz export", "", "moodlexml or qti", 3, args, stderr)
	if !ok || ef.format == "" {
		fmt.Fprintln(stderr, "usage: ailit quiz export --format moodlexml|qti COURSE VERSION MODULE --out FILE [--courses DIR]")
		return 2
	}
	pos := ef.pos
	v, err := loadVersion(ef.dir, pos[0], pos[1])
	if err != nil {
		return fail(stderr, err)
	}
	m := v.Module(pos[2])
	if m == nil {
		return fail(stderr, fmt.Errorf("version %s of %s has no module %q", pos[1], pos[0], pos[2]))
	}
	data, err := interchange.ExportQuiz(ef.format, m)
	if err != nil {
		return fail(stderr, err)
	}
	if err := os.WriteFile(ef.out, data, 0o644); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Wrote %s: %d questions of %s/%s/%s as %s.\n", ef.out, len(m.Quiz.Questions), pos[0], pos[1], pos[2], ef.format)
	return 0
}

// exportFlags are the flags and arguments shared by the export commands.
type exportFlags struct {
	format, out, dir string
	pos              []string
}

// parseExportFlags reads --format, --out and --courses around want positional arguments; ok is
// false when the command line does not fit.
func parseExportFlags(name, defaultFormat, formats string, want int, args []string, stderr io.Writer) (exportFlags, bool) {
	var ef exportFlags
	fs := flag.NewFlagSet("ailit "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&ef.format, "format", defaultFormat, formats)
	fs.StringVar(&ef.out, "out", "", "the file to write")
	fs.StringVar(&ef.dir, "courses", defaultCoursesDir(), "the courses folder")
	pos, err := parseInterspersed(fs, args)
	ef.pos = pos
	return ef, err == nil && ef.out != "" && len(pos) == want
}

func defaultCoursesDir() string {
	if d := os.Getenv("AILIT_COURSES_DIR"); d != "" {
		return d
	}
	return "./courses"
}

// loadVersion loads the courses folder and finds one version; a version with problems is refused
// with the validator's messages, because exporting it would hand out something ailit itself does
// not serve.
func loadVersion(dir, courseID, version string) (*content.Version, error) {
	cat, report, err := content.Load(dir)
	if err != nil {
		return nil, err
	}
	v, err := interchange.FindVersion(cat, courseID, version)
	if err != nil {
		for _, p := range report.Problems {
			if len(p.Path) > len(courseID) && p.Path[:len(courseID)+1] == courseID+"/" {
				err = fmt.Errorf("%w\n%s", err, p.String())
			}
		}
		return nil, err
	}
	return v, nil
}
