package interchange

import (
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/quiz"
)

// This file converts one QTI assessmentItem (after normalizeQTI3) into an ailit question.

type qtiResponse struct {
	cardinality, baseType string
	correct               []string
	mapping               map[string]float64
	mapOrder              []string // mapping keys in document order
	caseSensitive         bool
}

func qtiResponses(root *node) map[string]*qtiResponse {
	out := map[string]*qtiResponse{}
	for _, d := range root.all("responseDeclaration") {
		r := &qtiResponse{cardinality: d.Attr["cardinality"], baseType: d.Attr["baseType"], mapping: map[string]float64{}}
		for _, v := range d.child("correctResponse").all("value") {
			r.correct = append(r.correct, strings.TrimSpace(v.text()))
		}
		for _, e := range d.child("mapping").all("mapEntry") {
			val, _ := strconv.ParseFloat(e.Attr["mappedValue"], 64)
			r.mapping[e.Attr["mapKey"]] = val
			r.mapOrder = append(r.mapOrder, e.Attr["mapKey"])
			if e.Attr["caseSensitive"] == "true" {
				r.caseSensitive = true
			}
		}
		out[d.Attr["identifier"]] = r
	}
	return out
}

var qtiSupported = map[string]bool{
	"choiceInteraction": true, "orderInteraction": true, "matchInteraction": true,
	"associateInteraction": true, "textEntryInteraction": true,
}

// qtiUnsupported says why an interaction is not converted.
func qtiUnsupported(name string) error {
	switch name {
	case "extendedTextInteraction":
		return notConvertible("qti-essay")
	case "hotspotInteraction", "graphicGapMatchInteraction", "graphicOrderInteraction", "graphicAssociateInteraction", "selectPointInteraction", "positionObjectInteraction":
		return notConvertible("qti-pointer", name)
	case "gapMatchInteraction", "inlineChoiceInteraction":
		return notConvertible("qti-gaps", name)
	case "uploadInteraction", "drawingInteraction", "mediaInteraction", "customInteraction", "portableCustomInteraction":
		return notConvertible("qti-not-gradable", name)
	}
	return notConvertible("qti-unknown", name)
}

func qtiQuestion(file string, root *node, files packageFiles, ms *mediaSet) (quiz.Question, error) {
	q := quiz.Question{ID: root.Attr["identifier"]}
	if q.ID == "" {
		q.ID = root.Attr["title"]
	}
	if root.Name != "assessmentItem" {
		return q, notConvertible("qti-not-item", root.Name)
	}
	body := root.child("itemBody")
	var interactions []*node
	var walk func(*node)
	walk = func(n *node) {
		for _, c := range n.Children {
			if strings.HasSuffix(c.Name, "Interaction") {
				interactions = append(interactions, c)
				continue
			}
			walk(c)
		}
	}
	if body != nil {
		walk(body)
	}
	switch {
	case len(interactions) == 0:
		return q, notConvertible("qti-none")
	case len(interactions) > 1:
		return q, notConvertible("qti-several", len(interactions))
	case !qtiSupported[interactions[0].Name]:
		return q, qtiUnsupported(interactions[0].Name)
	}
	ia := interactions[0]
	images := func(src string, link bool) (string, error) {
		if strings.HasPrefix(src, "data:") {
			return ms.addDataURI(src)
		}
		target, ok := resolveRef(file, src)
		if !ok {
			return "", notConvertible("image-outside-package", shorten(src))
		}
		data, exists := files[target]
		if !exists {
			return "", notConvertible("image-missing-package", target)
		}
		return ms.add(target, data, link)
	}
	toMD := func(n *node, replace replacer) (string, error) {
		if n == nil {
			return "", nil
		}
		return htmlToMarkdown(n.innerHTML(replace), images)
	}
	stem, err := toMD(body, func(n *node) (string, bool) {
		switch {
		case n == ia && n.Name == "textEntryInteraction":
			return " _____ ", true
		case n == ia, n.Name == "rubricBlock", n.Name == "feedbackBlock", n.Name == "templateBlock":
			return "", true
		}
		return "", false
	})
	if err != nil {
		return q, err
	}
	prompt, err := toMD(ia.child("prompt"), nil)
	if err != nil {
		return q, err
	}
	q.Text = strings.TrimSpace(strings.TrimSpace(stem) + "\n\n" + prompt)
	if fb := root.child("modalFeedback"); fb != nil {
		if q.Explanation, err = toMD(fb, nil); err != nil {
			return q, err
		}
	}
	for _, o := range root.all("outcomeDeclaration") {
		if o.Attr["identifier"] == "MAXSCORE" {
			if p, perr := strconv.ParseFloat(strings.TrimSpace(o.child("defaultValue").child("value").text()), 64); perr == nil && p > 0 && p != 1 {
				q.Points = p
			}
		}
	}
	resp := qtiResponses(root)[ia.Attr["responseIdentifier"]]
	if resp == nil {
		return q, notConvertible("qti-undeclared", ia.Attr["responseIdentifier"])
	}
	switch ia.Name {
	case "choiceInteraction":
		err = qtiChoice(&q, ia, resp, toMD)
	case "orderInteraction":
		err = qtiOrder(&q, ia, resp, toMD)
	case "matchInteraction", "associateInteraction":
		err = qtiMatch(&q, ia, resp, toMD)
	case "textEntryInteraction":
		err = qtiTextEntry(&q, root, resp)
	}
	return q, err
}

type mdFunc func(*node, replacer) (string, error)

func withoutFeedback(n *node) (string, bool) {
	return "", n.Name == "feedbackInline"
}

func qtiChoice(q *quiz.Question, ia *node, resp *qtiResponse, toMD mdFunc) error {
	choices := ia.all("simpleChoice")
	correct := map[string]bool{}
	for _, c := range resp.correct {
		correct[c] = true
	}
	single := ia.Attr["maxChoices"] == "1" || resp.cardinality == "single"
	if single && len(choices) == 2 && len(correct) == 1 {
		a, b := strings.ToLower(choices[0].Attr["identifier"]), strings.ToLower(choices[1].Attr["identifier"])
		if a == "true" && b == "false" || a == "false" && b == "true" {
			q.Type = quiz.TypeTrueFalse
			q.Value = correct[choices[0].Attr["identifier"]] == (a == "true")
			return nil
		}
	}
	q.Type = quiz.TypeMultiple
	if single {
		q.Type = quiz.TypeSingle
	}
	ids := subIDs(mapSlice(choices, func(n *node) string { return n.Attr["identifier"] }))
	for i, c := range choices {
		text, err := toMD(c, withoutFeedback)
		if err != nil {
			return err
		}
		fb, err := toMD(c.child("feedbackInline"), nil)
		if err != nil {
			return err
		}
		q.Options = append(q.Options, quiz.Option{ID: ids[i], Text: text, Correct: correct[c.Attr["identifier"]], Feedback: fb})
	}
	return nil
}

func qtiOrder(q *quiz.Question, ia *node, resp *qtiResponse, toMD mdFunc) error {
	q.Type = quiz.TypeOrder
	byID := map[string]*node{}
	for _, c := range ia.all("simpleChoice") {
		byID[c.Attr["identifier"]] = c
	}
	if len(resp.correct) != len(byID) {
		return notConvertible("order-incomplete", len(resp.correct), len(byID))
	}
	ids := subIDs(resp.correct)
	for i, id := range resp.correct {
		c := byID[id]
		if c == nil {
			return notConvertible("order-unknown", id)
		}
		text, err := toMD(c, withoutFeedback)
		if err != nil {
			return err
		}
		q.Items = append(q.Items, quiz.Item{ID: ids[i], Text: text})
	}
	return nil
}

// qtiMatch reads a matchInteraction (two sets: prompts, answers) or an associateInteraction (one
// set; each correct pair is read as prompt → answer).
func qtiMatch(q *quiz.Question, ia *node, resp *qtiResponse, toMD mdFunc) error {
	q.Type = quiz.TypeMatch
	choices := map[string]*node{}
	var order []string
	var targets []string
	sets := ia.all("simpleMatchSet")
	collect := func(set *node, isTarget bool) {
		for _, c := range set.all("simpleAssociableChoice") {
			choices[c.Attr["identifier"]] = c
			order = append(order, c.Attr["identifier"])
			if isTarget {
				targets = append(targets, c.Attr["identifier"])
			}
		}
	}
	if ia.Name == "matchInteraction" {
		if len(sets) != 2 {
			return notConvertible("qti-match-sets", len(sets))
		}
		collect(sets[0], false)
		collect(sets[1], true)
	} else {
		collect(ia, true)
	}
	used := map[string]bool{}
	var preferred []string
	for _, pair := range resp.correct {
		f := strings.Fields(pair)
		if len(f) != 2 || choices[f[0]] == nil || choices[f[1]] == nil {
			return notConvertible("match-bad-pair", pair)
		}
		if used[f[0]] {
			return notConvertible("match-several-partners", f[0])
		}
		used[f[0]], used[f[1]] = true, true
		prompt, err := toMD(choices[f[0]], nil)
		if err != nil {
			return err
		}
		answer, err := toMD(choices[f[1]], nil)
		if err != nil {
			return err
		}
		q.Pairs = append(q.Pairs, quiz.Pair{Prompt: prompt, Answer: answer})
		preferred = append(preferred, f[0])
	}
	for i, id := range subIDs(preferred) {
		q.Pairs[i].ID = id
	}
	if ia.Name == "matchInteraction" {
		for _, id := range order[:len(order)-len(targets)] {
			if !used[id] {
				return notConvertible("match-prompt-unanswered", id)
			}
		}
	}
	for _, id := range targets {
		if !used[id] {
			d, err := toMD(choices[id], nil)
			if err != nil {
				return err
			}
			q.Distractors = append(q.Distractors, d)
		}
	}
	return nil
}

func qtiTextEntry(q *quiz.Question, root *node, resp *qtiResponse) error {
	if len(resp.correct) == 0 {
		return notConvertible("qti-no-correct")
	}
	switch resp.baseType {
	case "float", "integer":
		q.Type = quiz.TypeNumeric
		v, err := strconv.ParseFloat(resp.correct[0], 64)
		if err != nil {
			return notConvertible("qti-not-number", resp.correct[0])
		}
		q.Value = v
		for _, eq := range root.find("equal") {
			if t := strings.Fields(eq.Attr["tolerance"]); len(t) > 0 && eq.Attr["toleranceMode"] == "absolute" {
				q.Tolerance, _ = strconv.ParseFloat(t[0], 64)
			}
		}
		return nil
	case "string", "":
		q.Type = quiz.TypeText
		q.CaseSensitive = resp.caseSensitive
		seen := map[string]bool{}
		add := func(s string) {
			if s != "" && !seen[s] {
				seen[s] = true
				q.Accept = append(q.Accept, s)
			}
		}
		for _, c := range resp.correct {
			add(c)
		}
		for _, k := range resp.mapOrder {
			if v := resp.mapping[k]; v > 0 && v < 1 && len(resp.mapping) > 1 {
				return notConvertible("text-partial-qti", k)
			} else if v > 0 {
				add(k)
			}
		}
		return nil
	}
	return notConvertible("qti-text-type", resp.baseType)
}
