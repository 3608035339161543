package workspace

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
)

// GitAuthor is the trainer who publishes, recorded as the commit author.
type GitAuthor struct {
	Name  string
	Email string
}

// commitPublish commits the new version folder and the removed draft folder when the courses folder is a
// git work tree. It returns a note for the trainer when it skipped or failed; publishing itself
// has succeeded by then, so a git problem never undoes it.
func commitPublish(root, courseID, version, draft, msg string, author GitAuthor) string {
	gitBin, err := exec.LookPath("git")
	if err != nil {
		return "git is not installed; no commit was made"
	}
	run := func(args ...string) (string, error) {
		cmd := exec.Command(gitBin, append([]string{"-C", root}, args...)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return strings.TrimSpace(out.String()), err
	}
	if out, err := run("rev-parse", "--is-inside-work-tree"); err != nil || out != "true" {
		return "the courses folder is not a git repository; no commit was made"
	}
	paths := []string{courseID + "/" + version}
	if tracked, _ := run("ls-files", "--", courseID+"/"+draft); tracked != "" && draft != version {
		paths = append(paths, courseID+"/"+draft) // record the draft's removal too
	}
	if out, err := run(append([]string{"add", "-A", "--"}, paths...)...); err != nil {
		return "git add failed: " + out
	}
	who := fmt.Sprintf("%s <%s>", author.Name, author.Email)
	out, err := run(append([]string{"-c", "user.name=" + author.Name, "-c", "user.email=" + author.Email,
		"commit", "--quiet", "--author", who, "-m", msg, "--"}, paths...)...)
	if err != nil {
		return "git commit failed: " + out
	}
	return ""
}
