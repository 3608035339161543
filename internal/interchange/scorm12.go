package interchange

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html/template"

	"regexp"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

//go:embed scormfiles/ailit-scorm.js scormfiles/ailit-scorm.css
var scormFiles embed.FS

// ExportSCORM12 writes a course version as a SCORM 1.2 package: one SCO per module (its lesson
// rendered with ailit's Markdown renderer, followed by its quiz), the version's media under files/,
// a small runtime script that reports to the LMS, and imsmanifest.xml. The package is checked with
// ValidatePackageZip before it is returned, so a package that is handed out also validates.
func ExportSCORM12(v *content.Version) ([]byte, error) {
	zb := newZipBuilder()
	write := zb.write
	for _, name := range []string{"ailit-scorm.js", "ailit-scorm.css"} {
		data, _ := scormFiles.ReadFile("scormfiles/" + name)
		if err := write(name, data); err != nil {
			return nil, err
		}
	}
	var media []string
	for _, rel := range v.FileNames() {
		if _, ok := content.MediaType(rel); !ok {
			continue
		}
		data, err := v.ReadFile(rel)
		if err != nil {
			return nil, err
		}
		if err := write("files/"+rel, data); err != nil {
			return nil, err
		}
		media = append(media, "files/"+rel)
	}

	var items, resources strings.Builder
	pageOf := map[string]string{}
	for _, m := range v.Modules {
		pageOf[m.ID] = m.Folder + ".html"
	}
	for _, m := range v.Modules {
		page, quizScript, err := scormModulePage(v, m, pageOf)
		if err != nil {
			return nil, fmt.Errorf("module %s: %w", m.ID, err)
		}
		if err := write(pageOf[m.ID], page); err != nil {
			return nil, err
		}
		mastery := ""
		files := fmt.Sprintf("      <file href=%q/>\n", pageOf[m.ID])
		if quizScript != nil {
			name := "quiz-" + m.ID + ".js"
			if err := write(name, quizScript); err != nil {
				return nil, err
			}
			files += fmt.Sprintf("      <file href=%q/>\n", name)
			mastery = fmt.Sprintf("\n        <adlcp:masteryscore>%d</adlcp:masteryscore>", m.Quiz.PassPercent)
		}
		fmt.Fprintf(&items, "      <item identifier=%q identifierref=%q isvisible=\"true\">\n        <title>%s</title>%s\n      </item>\n",
			"item-"+m.ID, "res-"+m.ID, esc(m.Title), mastery)
		fmt.Fprintf(&resources, "    <resource identifier=%q type=\"webcontent\" adlcp:scormtype=\"sco\" href=%q>\n%s      <dependency identifierref=\"common\"/>\n    </resource>\n",
			"res-"+m.ID, pageOf[m.ID], files)
	}
	resources.WriteString("    <resource identifier=\"common\" type=\"webcontent\" adlcp:scormtype=\"asset\">\n      <file href=\"ailit-scorm.js\"/>\n      <file href=\"ailit-scorm.css\"/>\n")
	for _, f := range media {
		fmt.Fprintf(&resources, "      <file href=%q/>\n", f)
	}
	resources.WriteString("    </resource>\n")
	manifest := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier=%q version=%q
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>%s</title>
%s    </organization>
  </organizations>
  <resources>
%s  </resources>
</manifest>
`, qtiIdent("ailit-"+v.CourseID+"-"+v.Version), esc(v.Version), esc(v.Manifest.Title), items.String(), resources.String())
	if err := write("imsmanifest.xml", []byte(manifest)); err != nil {
		return nil, err
	}
	pkg, err := zb.bytes()
	if err != nil {
		return nil, err
	}
	if _, ps := ValidatePackageZip("export.zip", pkg); len(ps) > 0 {
		return nil, fmt.Errorf("the exported package does not validate: %v", ps)
	}

	return pkg, nil
}

var moduleHref = regexp.MustCompile(`href="\./m/([a-z0-9-]+)(#[^"]*)?"`)

// scormModulePage renders one module's page and, for a quiz, the script with its keys.
func scormModulePage(v *content.Version, m *content.Module, pageOf map[string]string) ([]byte, []byte, error) {
	opts := content.RenderOptions{Language: v.Manifest.Language, Base: ".", Modules: v.ModuleFolderIDs()}
	lesson, err := m.RenderLesson(opts)
	if err != nil {
		return nil, nil, err
	}
	relink := func(h template.HTML) template.HTML {
		return template.HTML(moduleHref.ReplaceAllStringFunc(string(h), func(s string) string { //nolint:gosec // rewrites our own sanitized output
			sm := moduleHref.FindStringSubmatch(s)
			if page, ok := pageOf[sm[1]]; ok {
				return `href="` + page + sm[2] + `"`
			}
			return s
		}))
	}
	data := struct {
		Lang, Title, CourseTitle, QuizScript string
		Lesson                               template.HTML
		Questions                            []scormQuestion
		T                                    scormTexts
	}{Lang: v.Manifest.Language, Title: m.Title, CourseTitle: v.Manifest.Title, Lesson: relink(lesson)}
	var script []byte
	if m.Quiz != nil {
		data.T = scormTextsFor(v.Manifest.Language, m.Quiz.PassPercent)
		data.QuizScript = "quiz-" + m.ID + ".js"
		opts.Dir = "modules/" + m.Folder
		inline := func(s string) template.HTML {
			h, err := content.RenderInline(s, opts)
			if err != nil {
				return template.HTML(template.HTMLEscapeString(s)) //nolint:gosec // escaped
			}
			return relink(h)
		}
		if data.Questions, script, err = scormQuiz(m, inline); err != nil {
			return nil, nil, err
		}
	}
	var page bytes.Buffer
	if err := scormPage.Execute(&page, data); err != nil {
		return nil, nil, err
	}
	return page.Bytes(), script, nil
}

// scormQuestion is a presented question with its texts rendered.
type scormQuestion struct {
	ID, Type, Field, Unit string
	Text                  template.HTML
	Options               []scormChoice
	Items                 []scormPart
	Positions             []int
	Prompts               []scormPart
	Choices               []scormChoice
}

type scormChoice struct {
	ID   string
	Text template.HTML
}

type scormPart struct {
	Field string
	Text  template.HTML
}

// scormKey is what ailit-scorm.js grades a question with.
type scormKey struct {
	ID            string      `json:"id"`
	Type          string      `json:"type"`
	Points        float64     `json:"points"`
	Field         string      `json:"field,omitempty"`
	Correct       []string    `json:"correct,omitempty"`
	Parts         []scormPair `json:"parts,omitempty"`
	Value         float64     `json:"value"`
	Tolerance     float64     `json:"tolerance"`
	Accept        []string    `json:"accept,omitempty"`
	CaseSensitive bool        `json:"caseSensitive,omitempty"`
}

type scormPair struct {
	Field  string `json:"field"`
	Answer string `json:"answer"`
}

func scormQuiz(m *content.Module, inline func(string) template.HTML) ([]scormQuestion, []byte, error) {
	d := *m.Quiz
	d.Draw = 0 // the page holds every question; the script draws
	h := fnv.New64a()
	h.Write([]byte(m.ID))
	layout := quiz.NewLayout(d, int64(h.Sum64()>>1))
	presented := layout.Present(d)
	byID := map[string]quiz.Question{}
	for _, q := range d.Questions {
		byID[q.ID] = q
	}
	lang := m.Version().Manifest.Language
	var questions []scormQuestion
	var keys []scormKey
	for _, p := range presented {
		q := byID[p.ID]
		sq := scormQuestion{ID: p.ID, Type: p.Type, Field: quiz.FieldName(p.ID), Unit: p.Unit, Text: inline(p.Text), Positions: p.Positions}
		key := scormKey{ID: q.ID, Type: q.Type, Points: q.MaxPoints(), Field: sq.Field}
		switch q.Type {
		case quiz.TypeSingle, quiz.TypeMultiple:
			for _, o := range p.Options {
				sq.Options = append(sq.Options, scormChoice{o.ID, inline(o.Text)})
			}
			for _, o := range q.Options {
				if o.Correct {
					key.Correct = append(key.Correct, o.ID)
				}
			}
		case quiz.TypeTrueFalse:
			yes, no := "Richtig", "Falsch"
			if lang == "en" {
				yes, no = "True", "False"
			}
			sq.Options = []scormChoice{{"true", template.HTML(yes)}, {"false", template.HTML(no)}} //nolint:gosec // constants
			answer, _ := q.TrueFalseAnswer()
			key.Correct = []string{strconv.FormatBool(answer)}
		case quiz.TypeOrder:
			position := map[string]int{}
			for i, it := range q.Items {
				position[it.ID] = i + 1
			}
			for _, it := range p.Items {
				sq.Items = append(sq.Items, scormPart{it.Field, inline(it.Text)})
				key.Parts = append(key.Parts, scormPair{it.Field, strconv.Itoa(position[it.ID])})
			}
		case quiz.TypeMatch:
			choiceOf := map[string]string{}
			for _, c := range p.Choices {
				sq.Choices = append(sq.Choices, scormChoice{c.ID, inline(c.Text)})
				choiceOf[c.Text] = c.ID
			}
			answers := map[string]string{}
			for _, pair := range q.Pairs {
				answers[pair.ID] = pair.Answer
			}
			for _, pr := range p.Prompts {
				sq.Prompts = append(sq.Prompts, scormPart{pr.Field, inline(pr.Text)})
				key.Parts = append(key.Parts, scormPair{pr.Field, choiceOf[answers[pr.ID]]})
			}
		case quiz.TypeNumeric:
			key.Value, _ = q.NumericAnswer()
			key.Tolerance = q.Tolerance
		case quiz.TypeText:
			key.Accept, key.CaseSensitive = q.Accept, q.CaseSensitive
		}
		questions = append(questions, sq)
		keys = append(keys, key)
	}
	data, err := json.Marshal(struct {
		Pass      int        `json:"pass"`
		Draw      int        `json:"draw"`
		Questions []scormKey `json:"questions"`
	}{m.Quiz.PassPercent, m.Quiz.Draw, keys})
	if err != nil {
		return nil, nil, err
	}
	script := []byte("/* Quiz keys of module " + m.ID + ", read by ailit-scorm.js. */\nwindow.ailitQuiz = " + string(data) + ";\n")
	return questions, script, nil
}

func itoa(i int) string { return strconv.Itoa(i) }
