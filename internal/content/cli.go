package content

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
)

// ValidateCommand implements `ailit courses validate [DIR] [--json]`: it prints every problem and a
// summary and returns the exit code (0 when everything is valid, 1 otherwise).
func ValidateCommand(w io.Writer, dir string, asJSON bool) int {
	_, report, err := Load(dir)
	if err != nil {
		fmt.Fprintln(w, err)
		return 1
	}
	summary := validationSummary(report)
	if asJSON {
		problems := report.Problems
		if problems == nil {
			problems = []Problem{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(struct {
			Problems []Problem `json:"problems"`
			Summary  string    `json:"summary"`
		}{problems, summary})
	} else {
		for _, p := range report.Problems {
			fmt.Fprintln(w, p.String())
		}
		fmt.Fprintln(w, summary)
	}
	if len(report.Problems) > 0 {
		return 1
	}
	return 0
}

func validationSummary(r *LoadReport) string {
	if len(r.Problems) == 0 && len(r.Policies) > 0 {
		return fmt.Sprintf("OK: %d versions and %d policy versions checked, no problems.", len(r.Versions), len(r.Policies))
	}
	if len(r.Problems) == 0 {
		return fmt.Sprintf("OK: %d versions checked, no problems.", len(r.Versions))
	}
	return fmt.Sprintf("%d problems; %d of %d versions cannot be served.", len(r.Problems), r.Count(StatusBroken), len(r.Versions))
}

// ListCommand implements `ailit courses list [DIR]`: one line per version folder with its status
// (published, draft or broken) and title, and the course a translation translates.
func ListCommand(w io.Writer, dir string) int {
	_, report, err := Load(dir)
	if err != nil {
		fmt.Fprintln(w, err)
		return 1
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "COURSE\tVERSION\tSTATUS\tTITLE")
	for _, v := range report.Versions {
		title := v.Title
		if v.TranslationOf != "" {
			title += " (translation of " + v.TranslationOf + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", v.CourseID, v.Folder, v.Status, title)
	}
	for _, v := range report.Policies { // documents to confirm (policy.go)
		fmt.Fprintf(tw, "%s\t%s\t%s (policy)\t%s\n", v.CourseID, v.Folder, v.Status, v.Title)
	}
	_ = tw.Flush()
	if broken := report.Count(StatusBroken); broken > 0 {
		fmt.Fprintf(w, "%d broken versions: run `ailit courses validate %s` to see why.\n", broken, dir)
	}
	return 0
}
