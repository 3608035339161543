package web

import (
	"strings"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/workspace"
)

// anyCourseTitle is the title of the newest published version, else of a draft, else the id.
func anyCourseTitle(lib *content.Library, id string) string {
	if lib == nil {
		return id
	}
	course := lib.Catalog().AnyCourse(id)
	if course == nil {
		return id
	}
	if v := course.Latest(); v != nil {
		return v.Manifest.Title
	}
	for _, v := range course.Drafts() {
		if v.Manifest.Title != "" {
			return v.Manifest.Title
		}
	}
	return id
}

// folderLabel names a version folder: "Entwurf" for the draft, "Version 1.2.0" otherwise.
func folderLabel(lang, folder string) string {
	if folder == "draft" {
		return i18n.T(lang, "workspace.status.draft")
	}
	return i18n.T(lang, "workspace.version") + " " + folder
}

// patchReasons says in the reader's language why a patch release is not possible:
// "Fragen geändert: definition-ki".
func patchReasons(l string, d content.VersionDiff) []string {
	var out []string
	for _, r := range workspace.PatchReasonList(d) {
		out = append(out, i18n.T(l, "wsdiff.reason."+r.Kind)+": "+strings.Join(r.IDs, ", "))
	}
	return out
}
