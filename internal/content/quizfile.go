package content

import (
	"github.com/ailit/ailit/internal/quiz"
)

// parsedQuiz is a decoded quiz.yaml with the positions of its values.
type parsedQuiz struct {
	definition *quiz.Definition
	doc        *yamlDoc
}

// ParseQuiz reads a quiz.yaml into a quiz definition and reports every problem with its position.
// The definition is nil when the file cannot be read as YAML.
func ParseQuiz(relPath string, data []byte) (*quiz.Definition, []Problem) {
	p, ps := parseQuizFile(relPath, data)
	if p == nil {
		return nil, ps
	}
	return p.definition, ps
}

func parseQuizFile(relPath string, data []byte) (*parsedQuiz, []Problem) {
	var d quiz.Definition
	doc, ps := decodeYAML(relPath, data, 0, &d)
	if doc == nil {
		return nil, ps
	}
	ps = append(ps, doc.requireFields("pass_percent", "questions")...)
	for _, p := range d.Problems() {
		if p.Path == "$.pass_percent" && !doc.has("$.pass_percent") || p.Path == "$.questions" && !doc.has("$.questions") {
			continue // reported as a missing field above
		}
		ps = append(ps, doc.problemAt(p.Path, "%s", p.Message))
	}
	return &parsedQuiz{&d, doc}, ps
}
