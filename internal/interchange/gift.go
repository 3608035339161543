package interchange

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/ailit/ailit/internal/quiz"
)

// GIFT (Moodle's one-page text format) is parsed by first replacing the escaped special characters
// (\~ \= \# \{ \} \: \\) with private-use runes, so the grammar can be read with plain string
// operations, and putting them back in every text at the end.
var (
	giftEscapes   = strings.NewReplacer(`\\`, "\uE000", `\~`, "\uE001", `\=`, "\uE002", `\#`, "\uE003", `\{`, "\uE004", `\}`, "\uE005", `\:`, "\uE006", `\n`, "\uE007")
	giftUnescapes = strings.NewReplacer("\uE000", `\`, "\uE001", "~", "\uE002", "=", "\uE003", "#", "\uE004", "{", "\uE005", "}", "\uE006", ":", "\uE007", "\n")
	giftWeight    = regexp.MustCompile(`^%(-?[0-9]+(?:\.[0-9]+)?)%`)
)

// giftChunk is one question of a GIFT file with the line it starts on.
type giftChunk struct {
	line int
	text string
}

// ImportGIFT converts a GIFT file.
func ImportGIFT(file string, data []byte) (*Import, error) {
	if err := checkUTF8(file, data); err != nil {
		return nil, err
	}
	src := strings.TrimPrefix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\ufeff")
	chunks, err := giftChunks(file, src)
	if err != nil {
		return nil, err
	}
	b := newBuilder(FormatGIFT)
	for _, c := range chunks {
		source := fmt.Sprintf("%s:%d", file, c.line)
		title, q, err := giftQuestion(c.text)
		b.add(source, title, q, nil, err)
	}
	if len(chunks) == 0 {
		return nil, fmt.Errorf("%s: the file contains no questions", file)
	}
	return b.imp, nil
}

// giftChunks splits the file into questions at blank lines outside answer blocks, dropping
// comments and category lines. An answer block that is never closed is an error with its line.
func giftChunks(file, src string) ([]giftChunk, error) {
	var chunks []giftChunk
	var cur []string
	start, depth, openLine := 0, 0, 0
	flush := func() {
		if len(cur) > 0 && strings.TrimSpace(strings.Join(cur, "")) != "" {
			chunks = append(chunks, giftChunk{start, strings.Join(cur, "\n")})
		}
		cur = nil
	}
	for i, raw := range strings.Split(src, "\n") {
		line := giftEscapes.Replace(raw)
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "//"):
			continue
		case depth == 0 && strings.HasPrefix(trimmed, "$CATEGORY:"):
			continue
		case depth == 0 && trimmed == "":
			flush()
			continue
		}
		if len(cur) == 0 {
			start = i + 1
		}
		for _, r := range line {
			switch r {
			case '{':
				if depth > 0 {
					return nil, fmt.Errorf("%s:%d: a { opens an answer block inside another one; write \\{ for a literal brace", file, i+1)
				}
				depth, openLine = 1, i+1
			case '}':
				if depth == 0 {
					return nil, fmt.Errorf("%s:%d: a } closes no answer block; write \\} for a literal brace", file, i+1)
				}
				depth = 0
			}
		}
		cur = append(cur, line)
	}
	if depth > 0 {
		return nil, fmt.Errorf("%s:%d: the answer block opened here is never closed with }", file, openLine)
	}
	flush()
	return chunks, nil
}

func giftQuestion(chunk string) (string, quiz.Question, error) {
	var q quiz.Question
	s := strings.TrimSpace(chunk)
	title := ""
	if rest, ok := strings.CutPrefix(s, "::"); ok {
		if t, after, ok := strings.Cut(rest, "::"); ok {
			title, s = strings.TrimSpace(giftUnescapes.Replace(t)), strings.TrimSpace(after)
		}
	}
	q.ID = title
	format := "moodle"
	if m := regexp.MustCompile(`^\[(html|markdown|plain|moodle)\]`).FindStringSubmatch(s); m != nil {
		format, s = m[1], strings.TrimSpace(s[len(m[0]):])
	}
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return title, q, notConvertible("gift-description")
	}
	closeAt := open + strings.IndexByte(s[open:], '}')
	stem, block, tail := strings.TrimSpace(s[:open]), s[open+1:closeAt], strings.TrimSpace(s[closeAt+1:])
	if tail != "" {
		stem += " _____ " + tail // "missing word": the blank stands where the block was
	}
	text := func(t string) (string, error) { return giftText(t, format) }
	var err error
	if q.Text, err = text(stem); err != nil {
		return title, q, err
	}
	if q.ID == "" {
		q.ID = giftUnescapes.Replace(stem)
	}
	if i := strings.Index(block, "####"); i >= 0 {
		if q.Explanation, err = text(block[i+4:]); err != nil {
			return title, q, err
		}
		block = block[:i]
	}
	block = strings.TrimSpace(block)
	upper := strings.ToUpper(strings.SplitN(block, "#", 2)[0])
	switch {
	case block == "":
		return title, q, notConvertible("gift-essay")
	case strings.HasPrefix(block, "#"):
		err = giftNumeric(&q, block[1:])
	case upper == "T" || upper == "TRUE" || upper == "F" || upper == "FALSE":
		err = giftTrueFalse(&q, block, text)
	case strings.Contains(block, "->"):
		err = giftMatch(&q, block, text)
	default:
		err = giftChoice(&q, block, text)
	}
	return title, q, err
}

func giftText(s, format string) (string, error) {
	s = strings.TrimSpace(giftUnescapes.Replace(s))
	switch format {
	case "markdown":
		return s, checkMarkdownImages(s)
	case "plain":
		return plainToMarkdown(s), nil
	}
	return htmlToMarkdown(s, func(src string, _ bool) (string, error) {
		return "", notConvertible("gift-image", shorten(src))
	})
}

type giftAnswer struct {
	marker   byte // '=' or '~'
	weight   float64
	weighted bool
	text     string
	feedback string
}

// giftAnswers splits "=right#fb ~wrong ~%50%half" into answers.
func giftAnswers(block string) []giftAnswer {
	var out []giftAnswer
	cur := -1
	for i := 0; i < len(block); i++ {
		if c := block[i]; c == '=' || c == '~' {
			if c == '=' && i+1 < len(block) && block[i+1] == '>' { // "->" never starts an answer
				continue
			}
			out = append(out, giftAnswer{marker: c})
			cur = len(out) - 1
			continue
		}
		if cur >= 0 {
			out[cur].text += block[i : i+1] // bytes: UTF-8 sequences stay whole
		}
	}
	for i := range out {
		a := &out[i]
		if m := giftWeight.FindStringSubmatch(a.text); m != nil {
			a.weight, _ = strconv.ParseFloat(m[1], 64)
			a.weighted, a.text = true, a.text[len(m[0]):]
		}
		a.text, a.feedback, _ = strings.Cut(a.text, "#")
		a.text, a.feedback = strings.TrimSpace(a.text), strings.TrimSpace(a.feedback)
	}
	return out
}

func giftChoice(q *quiz.Question, block string, text func(string) (string, error)) error {
	answers := giftAnswers(block)
	if len(answers) == 0 {
		return notConvertible("gift-no-answers")
	}
	wrong, right, partial := 0, 0, false
	for _, a := range answers {
		if a.marker == '~' {
			wrong++
			if a.weighted && a.weight > 0 {
				partial = true
			}
		} else {
			right++
		}
	}
	if wrong == 0 { // only "=" answers: short answer
		q.Type = quiz.TypeText
		for _, a := range answers {
			if a.weighted && a.weight < 100 {
				return notConvertible("text-partial", giftUnescapes.Replace(a.text), a.weight)
			}
			if strings.Contains(a.text, "*") {
				return notConvertible("text-wildcard", giftUnescapes.Replace(a.text))
			}
			q.Accept = append(q.Accept, giftUnescapes.Replace(a.text))
		}
		return nil
	}
	q.Type = quiz.TypeSingle
	if partial || right != 1 {
		q.Type = quiz.TypeMultiple
	}
	for i, a := range answers {
		t, err := text(a.text)
		if err != nil {
			return err
		}
		fb, err := text(a.feedback)
		if err != nil {
			return err
		}
		correct := a.marker == '=' || a.weighted && a.weight > 0
		q.Options = append(q.Options, quiz.Option{ID: letterID(i), Text: t, Correct: correct, Feedback: fb})
	}
	return nil
}

func giftTrueFalse(q *quiz.Question, block string, text func(string) (string, error)) error {
	q.Type = quiz.TypeTrueFalse
	parts := strings.Split(block, "#")
	answer := strings.HasPrefix(strings.ToUpper(strings.TrimSpace(parts[0])), "T")
	q.Value = answer
	// GIFT: {T#feedback for a wrong answer#feedback for a right answer}
	var wrongFB, rightFB string
	var err error
	if len(parts) > 1 {
		if wrongFB, err = text(parts[1]); err != nil {
			return err
		}
	}
	if len(parts) > 2 {
		if rightFB, err = text(parts[2]); err != nil {
			return err
		}
	}
	if answer {
		q.FeedbackTrue, q.FeedbackFalse = rightFB, wrongFB
	} else {
		q.FeedbackTrue, q.FeedbackFalse = wrongFB, rightFB
	}
	return nil
}

func giftMatch(q *quiz.Question, block string, text func(string) (string, error)) error {
	q.Type = quiz.TypeMatch
	for _, a := range giftAnswers(block) {
		prompt, answer, ok := strings.Cut(a.text, "->")
		if !ok || a.marker != '=' {
			return notConvertible("gift-match-form", giftUnescapes.Replace(a.text))
		}
		answer = strings.TrimSpace(giftUnescapes.Replace(answer))
		if strings.TrimSpace(prompt) == "" {
			q.Distractors = append(q.Distractors, answer)
			continue
		}
		p, err := text(prompt)
		if err != nil {
			return err
		}
		q.Pairs = append(q.Pairs, quiz.Pair{ID: letterID(len(q.Pairs)), Prompt: p, Answer: answer})
	}
	return nil
}

// giftNumeric reads "3.14:0.01", "1..5" or "=3:0 =%50%2:1" (only one fully correct number).
func giftNumeric(q *quiz.Question, block string) error {
	q.Type = quiz.TypeNumeric
	block = strings.TrimSpace(block)
	specs := []string{block}
	if strings.HasPrefix(block, "=") {
		specs = nil
		for _, a := range giftAnswers(block) {
			if a.weighted && a.weight < 100 {
				if a.weight > 0 {
					return notConvertible("gift-numeric-partial", a.text, a.weight)
				}
				continue
			}
			specs = append(specs, a.text)
		}
	} else {
		specs[0], _, _ = strings.Cut(specs[0], "#")
	}
	if len(specs) != 1 {
		return notConvertible("numeric-several", len(specs))
	}
	spec := strings.TrimSpace(specs[0])
	if lo, hi, ok := strings.Cut(spec, ".."); ok {
		l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if err1 != nil || err2 != nil || h < l {
			return notConvertible("gift-range", spec)
		}
		q.Value, q.Tolerance = (l+h)/2, (h-l)/2
		return nil
	}
	value, tol, _ := strings.Cut(spec, ":")
	v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil || math.IsInf(v, 0) {
		return notConvertible("not-a-number", giftUnescapes.Replace(value))
	}
	q.Value = v
	if tol != "" {
		if q.Tolerance, err = strconv.ParseFloat(strings.TrimSpace(tol), 64); err != nil {
			return notConvertible("tolerance-not-number", tol)
		}
	}
	return nil
}
