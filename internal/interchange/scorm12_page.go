package interchange

import "html/template"

// scormPage is one SCO: a module's lesson and, when it has one, its quiz. The page links only
// files of the package; the Content-Security-Policy meta keeps it that way in any LMS.
var scormPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>{{.Title}} – {{.CourseTitle}}</title>
<link rel="stylesheet" href="ailit-scorm.css">
{{if .QuizScript}}<script src="{{.QuizScript}}"></script>
{{end}}<script src="ailit-scorm.js"></script>
</head>
<body>
<header><p class="course-title">{{.CourseTitle}}</p></header>
<main>
<h1>{{.Title}}</h1>
{{.Lesson}}
{{if .Questions}}<section aria-labelledby="quiz-heading">
<h2 id="quiz-heading">{{.T.Quiz}}</h2>
<p>{{.T.PassNote}}</p>
<form id="ailit-quiz">
{{range .Questions}}<fieldset data-question="{{.ID}}">
<legend>{{.Text}}</legend>
{{if eq .Type "single" "truefalse"}}{{$f := .Field}}{{range .Options}}<label class="choice"><input type="radio" name="{{$f}}" value="{{.ID}}"> {{.Text}}</label>
{{end}}{{else if eq .Type "multiple"}}{{$f := .Field}}{{range .Options}}<label class="choice"><input type="checkbox" name="{{$f}}" value="{{.ID}}"> {{.Text}}</label>
{{end}}{{else if eq .Type "order"}}{{$q := .}}{{range .Items}}<label class="part">{{.Text}} <select name="{{.Field}}"><option value="">{{$.T.Position}}</option>{{range $q.Positions}}<option value="{{.}}">{{.}}</option>{{end}}</select></label>
{{end}}{{else if eq .Type "match"}}{{$q := .}}{{range .Prompts}}<label class="part">{{.Text}} <select name="{{.Field}}"><option value="">{{$.T.Choose}}</option>{{range $q.Choices}}<option value="{{.ID}}">{{.Text}}</option>{{end}}</select></label>
{{end}}{{else if eq .Type "numeric"}}<label class="part">{{$.T.Answer}} <input type="text" inputmode="decimal" name="{{.Field}}" maxlength="50" autocomplete="off">{{if .Unit}} {{.Unit}}{{end}}</label>
{{else}}<label class="part">{{$.T.Answer}} <input type="text" name="{{.Field}}" maxlength="500" autocomplete="off"></label>
{{end}}<p class="result" id="result-{{.ID}}" hidden></p>
</fieldset>
{{end}}<button type="submit">{{.T.Submit}}</button>
</form>
<p id="quiz-result" role="status" aria-live="polite" tabindex="-1"></p>
</section>
{{end}}</main>
</body>
</html>
`))

// scormTexts are the fixed texts of an exported page.
type scormTexts struct {
	Quiz, PassNote, Submit, Answer, Position, Choose string
}

func scormTextsFor(lang string, pass int) scormTexts {
	if lang == "en" {
		return scormTexts{"Quiz", "You pass with " + itoa(pass) + " % of the points.", "Check answers", "Answer:", "Position …", "Choose …"}
	}
	return scormTexts{"Quiz", "Bestanden ist das Quiz mit " + itoa(pass) + " % der Punkte.", "Antworten auswerten", "Antwort:", "Position …", "Bitte wählen …"}
}
