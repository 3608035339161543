package interchange

import (
	"encoding/base64"
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/quiz"
)

// ImportMoodleXML converts a Moodle XML question file (docs: "Moodle XML format" in Moodle's
// question import). Categories are skipped silently (they are not questions); every other question
// is converted or listed with the reason.
func ImportMoodleXML(file string, data []byte) (*Import, error) {
	root, err := parseXML(file, data)
	if err != nil {
		return nil, err
	}
	if root.Name != "quiz" {
		return nil, fmt.Errorf("%s:%d: a Moodle XML file starts with <quiz>, this one with <%s>", file, root.Line, root.Name)
	}
	b := newBuilder(FormatMoodleXML)
	for _, qn := range root.all("question") {
		qtype := qn.Attr["type"]
		if qtype == "category" {
			continue
		}
		source := fmt.Sprintf("%s:%d", file, qn.Line)
		name := strings.TrimSpace(qn.child("name").child("text").text())
		ms := b.media()
		q, err := moodleQuestion(qn, qtype, ms)
		b.add(source, name, q, ms, err)
	}
	if len(b.imp.Converted)+len(b.imp.Skipped) == 0 {
		return nil, fmt.Errorf("%s: the file contains no questions", file)
	}
	return b.imp, nil
}

func moodleQuestion(qn *node, qtype string, ms *mediaSet) (quiz.Question, error) {
	q := quiz.Question{ID: strings.TrimSpace(qn.child("idnumber").text())}
	if q.ID == "" {
		q.ID = strings.TrimSpace(qn.child("name").child("text").text())
	}
	var err error
	if q.Text, err = moodleText(qn.child("questiontext"), ms); err != nil {
		return q, err
	}
	if q.Explanation, err = moodleText(qn.child("generalfeedback"), ms); err != nil {
		return q, err
	}
	if img := strings.TrimSpace(qn.child("image").text()); img != "" {
		// Moodle 1.9 kept one image per question beside the text, in <image> and <image_base64>.
		data, derr := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(qn.child("image_base64").text()), ""))
		if derr != nil || len(data) == 0 {
			return q, notConvertible("image-not-embedded", img)
		}
		rel, err := ms.add(img, data, false)
		if err != nil {
			return q, err
		}
		alt := strings.TrimSuffix(path.Base(img), path.Ext(img))
		q.Text = strings.TrimSpace(q.Text + "\n\n![" + escapeMarkdown(alt) + "](" + rel + ")")
	}
	if g := strings.TrimSpace(qn.child("defaultgrade").text()); g != "" {
		if p, perr := strconv.ParseFloat(g, 64); perr == nil && p > 0 && p != 1 {
			q.Points = p
		}
	}
	switch qtype {
	case "multichoice":
		err = moodleChoice(&q, qn, ms)
	case "truefalse":
		err = moodleTrueFalse(&q, qn, ms)
	case "shortanswer":
		err = moodleShortAnswer(&q, qn)
	case "numerical":
		err = moodleNumerical(&q, qn)
	case "matching":
		err = moodleMatching(&q, qn, ms)
	case "ordering":
		err = moodleOrdering(&q, qn, ms)
	default:
		err = moodleUnsupported(qtype)
	}
	return q, err
}

// moodleUnsupported says why a Moodle question type is not converted.
func moodleUnsupported(qtype string) error {
	switch qtype {
	case "calculated", "calculatedsimple", "calculatedmulti":
		return notConvertible("moodle-calculated")
	case "cloze": // the name of multianswer in files of Moodle 1.9
		return notConvertible("moodle-multianswer")
	case "essay", "description", "randomsamatch", "random", "ddimageortext", "ddmarker", "ddwtos", "gapselect", "multianswer":
		return notConvertible("moodle-" + qtype)
	}
	return notConvertible("moodle-unknown", qtype)
}

// moodleText converts a text element (questiontext, feedback, answer) with its format and embedded
// files into Markdown.
func moodleText(n *node, ms *mediaSet) (string, error) {
	if n == nil {
		return "", nil
	}
	raw := n.child("text").text()
	if n.child("text") == nil {
		raw = n.text() // <answer><text> is the norm, but older files put the text directly
	}
	files := map[string]*node{}
	for _, f := range n.all("file") {
		files[f.Attr["name"]] = f
	}
	images := func(src string, link bool) (string, error) {
		if strings.HasPrefix(src, "data:") {
			return ms.addDataURI(src)
		}
		name, ok := strings.CutPrefix(src, "@@PLUGINFILE@@/")
		if !ok {
			if strings.Contains(src, "://") {
				return "", notConvertible("image-external", shorten(src))
			}
			return "", notConvertible("image-not-in-file", src)
		}
		name = unescapePath(name)
		f := files[name]
		if f == nil {
			return "", notConvertible("image-not-embedded", name)
		}
		data, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(f.text()), ""))
		if err != nil {
			return "", notConvertible("image-base64", name)
		}
		return ms.add(name, data, link)
	}
	switch n.Attr["format"] {
	case "markdown":
		// ailit's own export writes Markdown; its images are @@PLUGINFILE@@ links too.
		return markdownWithFiles(raw, images)
	case "plain_text":
		return plainToMarkdown(raw), nil
	default: // html, moodle_auto_format
		return htmlToMarkdown(raw, images)
	}
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

func unescapePath(s string) string {
	return strings.NewReplacer("%20", " ", "%28", "(", "%29", ")").Replace(s)
}

// markdownWithFiles rewrites @@PLUGINFILE@@ image links of a Markdown text to media/.
func markdownWithFiles(s string, images imageMapper) (string, error) {
	const marker = "](@@PLUGINFILE@@/"
	var out strings.Builder
	for {
		i := strings.Index(s, marker)
		if i < 0 {
			out.WriteString(s)
			break
		}
		end := strings.IndexByte(s[i+len(marker):], ')')
		if end < 0 {
			out.WriteString(s)
			break
		}
		src := "@@PLUGINFILE@@/" + s[i+len(marker):i+len(marker)+end]
		mapped, err := images(src, true) // a link or an image: any file ailit serves
		if err != nil {
			return "", err
		}
		out.WriteString(s[:i] + "](" + mapped + ")")
		s = s[i+len(marker)+end+1:]
	}
	md := strings.TrimSpace(out.String())
	return md, checkMarkdownImages(md)
}

type moodleAnswer struct {
	id       string
	text     string
	fraction float64
	feedback string
	node     *node
}

func moodleAnswers(qn *node, ms *mediaSet, textAsHTML bool) ([]moodleAnswer, error) {
	var out []moodleAnswer
	for _, a := range qn.all("answer") {
		fr, err := strconv.ParseFloat(strings.TrimSpace(a.Attr["fraction"]), 64)
		if err != nil && a.Attr["fraction"] != "" {
			return nil, notConvertible("fraction-not-number", a.Line, a.Attr["fraction"])
		}
		ans := moodleAnswer{id: a.Attr["ailit-id"], fraction: fr, node: a}
		if textAsHTML {
			if ans.text, err = moodleText(a, ms); err != nil {
				return nil, err
			}
		} else {
			ans.text = strings.TrimSpace(a.child("text").text())
		}
		if ans.feedback, err = moodleText(a.child("feedback"), ms); err != nil {
			return nil, err
		}
		out = append(out, ans)
	}
	return out, nil
}

func moodleChoice(q *quiz.Question, qn *node, ms *mediaSet) error {
	answers, err := moodleAnswers(qn, ms, true)
	if err != nil {
		return err
	}
	single := strings.TrimSpace(qn.child("single").text()) != "false"
	q.Type = quiz.TypeMultiple
	if single {
		q.Type = quiz.TypeSingle
	}
	ids := subIDs(mapSlice(answers, func(a moodleAnswer) string { return a.id }))
	for i, a := range answers {
		switch {
		case single && a.fraction > 0 && a.fraction < 100:
			return notConvertible("single-partial", i+1, a.fraction)
		case a.fraction < 0 && single:
			return notConvertible("single-negative", i+1, a.fraction)
		}
		q.Options = append(q.Options, quiz.Option{ID: ids[i], Text: a.text, Correct: a.fraction > 0, Feedback: a.feedback})
	}
	return nil
}

func moodleTrueFalse(q *quiz.Question, qn *node, ms *mediaSet) error {
	q.Type = quiz.TypeTrueFalse
	answers, err := moodleAnswers(qn, ms, false)
	if err != nil {
		return err
	}
	for _, a := range answers {
		isTrue := strings.EqualFold(a.text, "true")
		if !isTrue && !strings.EqualFold(a.text, "false") {
			return notConvertible("truefalse-answer", a.text)
		}
		if isTrue {
			q.FeedbackTrue = a.feedback
		} else {
			q.FeedbackFalse = a.feedback
		}
		if a.fraction >= 100 {
			q.Value = isTrue
		}
	}
	if q.Value == nil {
		return notConvertible("truefalse-none")
	}
	return nil
}

func moodleShortAnswer(q *quiz.Question, qn *node) error {
	q.Type = quiz.TypeText
	q.CaseSensitive = strings.TrimSpace(qn.child("usecase").text()) == "1"
	answers, err := moodleAnswers(qn, nil, false)
	if err != nil {
		return err
	}
	for _, a := range answers {
		switch {
		case a.fraction <= 0:
			continue // a wrong answer with feedback: ailit marks everything else wrong anyway
		case a.fraction < 100:
			return notConvertible("text-partial", a.text, a.fraction)
		case strings.Contains(a.text, "*"):
			return notConvertible("text-wildcard", a.text)
		}
		q.Accept = append(q.Accept, a.text)
	}
	return nil
}

func moodleNumerical(q *quiz.Question, qn *node) error {
	q.Type = quiz.TypeNumeric
	answers, err := moodleAnswers(qn, nil, false)
	if err != nil {
		return err
	}
	full := 0
	for _, a := range answers {
		if a.fraction <= 0 {
			continue
		}
		if a.fraction < 100 {
			return notConvertible("numeric-partial", a.text, a.fraction)
		}
		full++
		v, perr := strconv.ParseFloat(a.text, 64)
		if perr != nil || math.IsInf(v, 0) {
			return notConvertible("numeric-not-number", a.text)
		}
		q.Value = v
		if t := strings.TrimSpace(a.node.child("tolerance").text()); t != "" {
			if q.Tolerance, err = strconv.ParseFloat(t, 64); err != nil {
				return notConvertible("tolerance-not-number", t)
			}
		}
	}
	if full != 1 {
		return notConvertible("numeric-several", full)
	}
	units := qn.child("units").all("unit")
	switch {
	case len(units) == 1:
		q.Unit = strings.TrimSpace(units[0].child("unit_name").text())
	case len(units) > 1:
		return notConvertible("numeric-units", len(units))
	}
	return nil
}

func moodleMatching(q *quiz.Question, qn *node, ms *mediaSet) error {
	q.Type = quiz.TypeMatch
	var preferred []string
	for _, s := range qn.all("subquestion") {
		prompt, err := moodleText(s, ms)
		if err != nil {
			return err
		}
		answer := strings.TrimSpace(s.child("answer").child("text").text())
		if prompt == "" {
			q.Distractors = append(q.Distractors, answer) // Moodle's way of adding a wrong answer
			continue
		}
		q.Pairs = append(q.Pairs, quiz.Pair{Prompt: prompt, Answer: answer})
		preferred = append(preferred, s.Attr["ailit-id"])
	}
	for i, id := range subIDs(preferred) {
		q.Pairs[i].ID = id
	}
	return nil
}

// moodleOrdering reads the ordering question type (qtype_ordering, a widely installed plugin):
// the answers are listed in the correct order.
func moodleOrdering(q *quiz.Question, qn *node, ms *mediaSet) error {
	q.Type = quiz.TypeOrder
	answers, err := moodleAnswers(qn, ms, true)
	if err != nil {
		return err
	}
	// The plugin writes the answers in the correct order, their fractions numbering the positions.
	sort.SliceStable(answers, func(i, j int) bool { return answers[i].fraction < answers[j].fraction })
	ids := subIDs(mapSlice(answers, func(a moodleAnswer) string { return a.id }))
	for i, a := range answers {
		q.Items = append(q.Items, quiz.Item{ID: ids[i], Text: a.text})
	}
	return nil
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
