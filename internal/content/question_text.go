package content

// QuestionText is the text of a question of v by id, or "" when v has no such question.
func QuestionText(v *Version, id string) string {
	if v == nil {
		return ""
	}
	for _, m := range v.Modules {
		if m.Quiz == nil {
			continue
		}
		for _, q := range m.Quiz.Questions {
			if q.ID == id {
				return q.Text
			}
		}
	}
	return ""
}
