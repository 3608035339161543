package scorm

import "strings"

// LearnerName is cmi.core.student_name / cmi.learner_name. SCORM 1.2 asks for "Last, First"
// (RTE §3.4.2); SCORM 2004 leaves the form open, so the name is given as the person writes it.
func LearnerName(kind, displayName string) string {
	name := strings.TrimSpace(displayName)
	if kind != KindSCORM12 || strings.Contains(name, ",") {
		return name
	}
	i := strings.LastIndex(name, " ")
	if i < 0 {
		return name
	}
	return name[i+1:] + ", " + name[:i]
}
