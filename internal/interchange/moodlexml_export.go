package interchange

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/quiz"
)

// MediaReader reads a file of the module folder by its relative path ("media/x.png").
type MediaReader func(rel string) ([]byte, error)

var mediaLink = regexp.MustCompile(`\]\((media/[^)\s]+)\)`)

// ExportMoodleXML writes a quiz's questions as a Moodle XML question file. Texts keep their
// Markdown (format="markdown", which Moodle renders); images from media/ are embedded as
// @@PLUGINFILE@@ files. Option, item and pair ids travel in an ailit-id attribute that Moodle
// ignores, so that importing the file again gives the same keys.
func ExportMoodleXML(d *quiz.Definition, media MediaReader) ([]byte, error) {
	w := &xmlWriter{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<quiz>\n")
	for _, q := range d.Questions {
		if err := w.moodleQuestion(q, media); err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
	}
	w.raw("</quiz>\n")
	return w.b.Bytes(), nil
}

var moodleTypes = map[string]string{
	quiz.TypeSingle: "multichoice", quiz.TypeMultiple: "multichoice", quiz.TypeTrueFalse: "truefalse",
	quiz.TypeOrder: "ordering", quiz.TypeMatch: "matching", quiz.TypeNumeric: "numerical", quiz.TypeText: "shortanswer",
}

func (w *xmlWriter) moodleQuestion(q quiz.Question, media MediaReader) error {
	w.raw(fmt.Sprintf("  <question type=%q>\n", moodleTypes[q.Type]))
	w.raw("    <name><text>" + esc(questionName(q.Text)) + "</text></name>\n")
	if err := w.moodleText("questiontext", q.Text, media, "    "); err != nil {
		return err
	}
	if err := w.moodleText("generalfeedback", q.Explanation, media, "    "); err != nil {
		return err
	}
	w.raw("    <defaultgrade>" + num(q.MaxPoints()) + "</defaultgrade>\n")
	w.raw("    <idnumber>" + esc(q.ID) + "</idnumber>\n")
	switch q.Type {
	case quiz.TypeSingle, quiz.TypeMultiple:
		w.raw(fmt.Sprintf("    <single>%t</single>\n    <shuffleanswers>true</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n", q.Type == quiz.TypeSingle))
		correct := 0
		for _, o := range q.Options {
			if o.Correct {
				correct++
			}
		}
		for _, o := range q.Options {
			fraction := "0"
			if q.Type == quiz.TypeMultiple {
				// Moodle adds the fractions of the chosen answers and stops at 0: with wrong answers
				// worth minus one correct answer this is exactly ailit's partial credit.
				share := 100 / float64(correct)
				fraction = num(-share)
				if o.Correct {
					fraction = num(share)
				}
			} else if o.Correct {
				fraction = "100"
			}
			if err := w.moodleAnswer(fraction, o.ID, o.Text, o.Feedback, media); err != nil {
				return err
			}
		}
	case quiz.TypeTrueFalse:
		answer, _ := q.TrueFalseAnswer()
		w.raw(fmt.Sprintf("    <answer fraction=%q format=\"moodle_auto_format\"><text>true</text>", pct(answer)))
		if err := w.moodleText("feedback", q.FeedbackTrue, media, ""); err != nil {
			return err
		}
		w.raw("</answer>\n")
		w.raw(fmt.Sprintf("    <answer fraction=%q format=\"moodle_auto_format\"><text>false</text>", pct(!answer)))
		if err := w.moodleText("feedback", q.FeedbackFalse, media, ""); err != nil {
			return err
		}
		w.raw("</answer>\n")
	case quiz.TypeOrder:
		w.raw("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n    <showgrading>SHOW</showgrading>\n")
		for i, it := range q.Items {
			if err := w.moodleAnswer(strconv.Itoa(i+1), it.ID, it.Text, "", media); err != nil {
				return err
			}
		}
	case quiz.TypeMatch:
		w.raw("    <shuffleanswers>true</shuffleanswers>\n")
		for _, p := range q.Pairs {
			w.raw(fmt.Sprintf("    <subquestion format=\"markdown\" ailit-id=%q>", p.ID))
			if err := w.moodleMarkdown(p.Prompt, media); err != nil {
				return err
			}
			w.raw("<answer><text>" + esc(p.Answer) + "</text></answer></subquestion>\n")
		}
		for _, dist := range q.Distractors {
			w.raw("    <subquestion format=\"markdown\"><text></text><answer><text>" + esc(dist) + "</text></answer></subquestion>\n")
		}
	case quiz.TypeNumeric:
		answer, _ := q.NumericAnswer()
		w.raw("    <answer fraction=\"100\"><text>" + num(answer) + "</text><tolerance>" + num(q.Tolerance) + "</tolerance></answer>\n")
		if q.Unit != "" {
			w.raw("    <units><unit><multiplier>1</multiplier><unit_name>" + esc(q.Unit) + "</unit_name></unit></units>\n")
			w.raw("    <unitgradingtype>0</unitgradingtype>\n    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n")
		}
	case quiz.TypeText:
		usecase := "0"
		if q.CaseSensitive {
			usecase = "1"
		}
		w.raw("    <usecase>" + usecase + "</usecase>\n")
		for _, a := range q.Accept {
			w.raw("    <answer fraction=\"100\" format=\"moodle_auto_format\"><text>" + esc(a) + "</text></answer>\n")
		}
	default:
		return fmt.Errorf("unknown question type %q", q.Type)
	}
	w.raw("  </question>\n")
	return nil
}

func (w *xmlWriter) moodleAnswer(fraction, id, text, feedback string, media MediaReader) error {
	w.raw(fmt.Sprintf("    <answer fraction=%q format=\"markdown\" ailit-id=%q>", fraction, id))
	if err := w.moodleMarkdown(text, media); err != nil {
		return err
	}
	if err := w.moodleText("feedback", feedback, media, ""); err != nil {
		return err
	}
	w.raw("</answer>\n")
	return nil
}

// moodleText writes <tag format="markdown"><text>…</text><file …/></tag>.
func (w *xmlWriter) moodleText(tag, text string, media MediaReader, indent string) error {
	if text == "" && tag != "questiontext" {
		return nil
	}
	w.raw(indent + "<" + tag + ` format="markdown">`)
	if err := w.moodleMarkdown(text, media); err != nil {
		return err
	}
	w.raw("</" + tag + ">")
	if indent != "" {
		w.raw("\n")
	}
	return nil
}

// moodleMarkdown writes <text> with images from media/ pointed at embedded files.
func (w *xmlWriter) moodleMarkdown(text string, media MediaReader) error {
	var files []string
	seen := map[string]bool{}
	out := mediaLink.ReplaceAllStringFunc(text, func(m string) string {
		rel := mediaLink.FindStringSubmatch(m)[1]
		if !seen[rel] {
			seen[rel] = true
			files = append(files, rel)
		}
		return "](@@PLUGINFILE@@/" + path.Base(rel) + ")"
	})
	w.raw("<text>" + esc(out) + "</text>")
	for _, rel := range files {
		data, err := media(rel)
		if err != nil {
			return fmt.Errorf("image %s: %w", rel, err)
		}
		w.raw(fmt.Sprintf(`<file name=%q path="/" encoding="base64">`, path.Base(rel)) + base64.StdEncoding.EncodeToString(data) + "</file>")
	}
	return nil
}

type xmlWriter struct{ b bytes.Buffer }

func (w *xmlWriter) raw(s string) { w.b.WriteString(s) }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func pct(correct bool) string {
	if correct {
		return "100"
	}
	return "0"
}

// questionName is the short name Moodle shows in its question bank: the start of the text.
func questionName(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	if r := []rune(s); len(r) > 70 {
		s = string(r[:67]) + "..."
	}
	return s
}
