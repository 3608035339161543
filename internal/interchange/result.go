package interchange

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ailit/ailit/internal/content"
	"github.com/ailit/ailit/internal/quiz"
)

// Formats of quiz import and export.
const (
	FormatMoodleXML = "moodlexml"
	FormatGIFT      = "gift"
	FormatQTI       = "qti"
)

// DefaultPassPercent is the pass mark of an imported quiz: question banks carry none.
const DefaultPassPercent = 80

// Import is the outcome of converting a foreign question file: the questions that were converted
// and, one by one, those that were not, with the reason. Nothing is written from an Import that
// has skipped questions unless the caller says so.
type Import struct {
	Format     string
	Definition quiz.Definition
	Converted  []Converted
	Skipped    []Skipped
	Media      []MediaFile // images the converted questions use, to be written into media/
}

// Converted names a question that was converted.
type Converted struct {
	Source string // where it was in the file: "questions.xml:12" or "item3.xml"
	Name   string // its name or title in the source
	ID     string // the ailit question id
	Type   string // the ailit question type
}

// Skipped names a question that could not be converted and why. Key and Args give the reason for
// translation (interchange.reason.<Key>); Reason is the English text.
type Skipped struct {
	Source string
	Name   string
	Reason string
	Key    string
	Args   []any
}

func (s Skipped) String() string {
	if s.Name != "" {
		return fmt.Sprintf("%s (%s): %s", s.Source, s.Name, s.Reason)
	}
	return s.Source + ": " + s.Reason
}

// MediaFile is an image carried along from the source, under a safe name inside media/.
type MediaFile struct {
	Name string // the file name inside media/, e.g. "diagramm-1.png"
	Data []byte
}

// unsupported is the error a converter returns for a question it cannot convert: the key of the
// reason (reasons.go) and its arguments.
type unsupported struct {
	key  string
	args []any
}

func (u unsupported) Error() string { return fmt.Sprintf(reasonTexts[u.key], u.args...) }

func notConvertible(key string, args ...any) error {
	if _, ok := reasonTexts[key]; !ok {
		panic("interchange: no reason text for " + key) // a programming error, caught by the tests
	}
	return unsupported{key, args}
}

// builder collects converted questions with ids unique in the quiz and their media with unique,
// safe names.
type builder struct {
	imp       *Import
	ids       map[string]bool
	mediaName map[string]bool
}

func newBuilder(format string) *builder {
	return &builder{
		imp:       &Import{Format: format, Definition: quiz.Definition{PassPercent: DefaultPassPercent}},
		ids:       map[string]bool{},
		mediaName: map[string]bool{},
	}
}

// add records a converted question (after checking it against ailit's rules) or the reason it was
// not converted. The media the question uses are only kept when the question is.
func (b *builder) add(source, name string, q quiz.Question, media *mediaSet, err error) {
	if err == nil {
		q.ID = b.uniqueID(q.ID, name)
		if msg := questionProblem(q); msg != "" {
			err = notConvertible("invalid", msg)
		}
	}
	if err != nil {
		sk := Skipped{Source: source, Name: name, Reason: err.Error()}
		var u unsupported
		if errors.As(err, &u) {
			sk.Key, sk.Args = u.key, u.args
		}
		b.imp.Skipped = append(b.imp.Skipped, sk)
		return
	}
	b.ids[q.ID] = true
	b.imp.Definition.Questions = append(b.imp.Definition.Questions, q)
	if media != nil {
		b.imp.Media = append(b.imp.Media, media.keep()...)
	}
	b.imp.Converted = append(b.imp.Converted, Converted{Source: source, Name: name, ID: q.ID, Type: q.Type})
}

// questionProblem checks one question the way the validator will check the written file.
func questionProblem(q quiz.Question) string {
	d := quiz.Definition{PassPercent: DefaultPassPercent, Questions: []quiz.Question{q}}
	if ps := d.Problems(); len(ps) > 0 {
		return strings.TrimPrefix(ps[0].String(), "$.questions[0].")
	}
	return ""
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9-]+$`)
	notIDChars  = regexp.MustCompile(`[^a-z0-9]+`)
	umlauts     = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "Ä", "ae", "Ö", "oe", "Ü", "ue")
	maxIDLength = 48
)

// slug makes an id from a name: lowercase ASCII letters, digits and hyphens.
func slug(s string) string {
	s = notIDChars.ReplaceAllString(strings.ToLower(umlauts.Replace(s)), "-")
	s = strings.Trim(s, "-")
	if len(s) > maxIDLength {
		s = strings.TrimRight(s[:maxIDLength], "-")
	}
	return s
}

// uniqueID keeps a valid preferred id, else derives one from the name, and numbers duplicates.
func (b *builder) uniqueID(preferred, name string) string {
	id := preferred
	if !idPattern.MatchString(id) {
		id = slug(preferred)
	}
	if id == "" {
		id = slug(name)
	}
	if id == "" {
		id = "frage"
	}
	base := id
	for n := 2; b.ids[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// subIDs gives options, items and pairs their ids: the source's own when they are valid and
// unique, else a, b, c, ….
func subIDs(preferred []string) []string {
	out := make([]string, len(preferred))
	seen := map[string]bool{}
	valid := true
	for _, p := range preferred {
		if !idPattern.MatchString(p) || seen[p] {
			valid = false
			break
		}
		seen[p] = true
	}
	for i := range out {
		if valid {
			out[i] = preferred[i]
		} else {
			out[i] = letterID(i)
		}
	}
	return out
}

func letterID(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return "o" + strconv.Itoa(i+1)
}

// mediaSet gathers the images of one question under safe names in media/.
type mediaSet struct {
	b     *builder
	files []MediaFile
	taken map[string]bool
}

func (b *builder) media() *mediaSet { return &mediaSet{b: b, taken: map[string]bool{}} }

// add stores data under a safe version of name and returns the path the quiz text uses. An image
// must be of a type ailit shows; a linked file (link) of any type ailit serves (PDF, audio, video).
func (m *mediaSet) add(name string, data []byte, link bool) (string, error) {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	ext := strings.ToLower(path.Ext(base))
	_, servable := content.MediaType(ext)
	switch {
	case link && !servable:
		return "", notConvertible("file-type", base)
	case !link && (!servable || !strings.HasPrefix(mediaKind(ext), "image")):
		return "", notConvertible("image-type", base)
	}
	if len(data) > content.MaxMediaBytes {
		return "", notConvertible("image-too-large", base)
	}
	stem := slug(strings.TrimSuffix(base, path.Ext(base)))
	if stem == "" {
		stem = "bild"
	}
	safe := stem + ext
	for n := 2; m.b.mediaName[safe] || m.taken[safe]; n++ {
		safe = stem + "-" + strconv.Itoa(n) + ext
	}
	m.taken[safe] = true
	m.files = append(m.files, MediaFile{Name: safe, Data: data})
	return "media/" + safe, nil
}

// keep marks the set's names as used once its question was converted.
func (m *mediaSet) keep() []MediaFile {
	for _, f := range m.files {
		m.b.mediaName[f.Name] = true
	}
	return m.files
}

func mediaKind(ext string) string {
	t, _ := content.MediaType(ext)
	return t
}

// AvoidMediaNames renames carried-along images whose names are taken (taken answers for a file
// name inside media/) and points the question texts at the new names, so an import never
// overwrites a file that is already there.
func (imp *Import) AvoidMediaNames(taken func(name string) bool) {
	used := map[string]bool{}
	for _, m := range imp.Media {
		used[m.Name] = true
	}
	for i, m := range imp.Media {
		if !taken(m.Name) {
			continue
		}
		ext := path.Ext(m.Name)
		stem := strings.TrimSuffix(m.Name, ext)
		name := m.Name
		for n := 2; taken(name) || used[name]; n++ {
			name = stem + "-" + strconv.Itoa(n) + ext
		}
		used[name] = true
		imp.Media[i].Name = name
		imp.replaceInTexts("](media/"+m.Name+")", "](media/"+name+")")
	}
}

// replaceInTexts replaces a string in every text of every question.
func (imp *Import) replaceInTexts(old, repl string) {
	r := func(s *string) { *s = strings.ReplaceAll(*s, old, repl) }
	for qi := range imp.Definition.Questions {
		q := &imp.Definition.Questions[qi]
		r(&q.Text)
		r(&q.Explanation)
		r(&q.FeedbackTrue)
		r(&q.FeedbackFalse)
		for i := range q.Options {
			r(&q.Options[i].Text)
			r(&q.Options[i].Feedback)
		}
		for i := range q.Items {
			r(&q.Items[i].Text)
		}
		for i := range q.Pairs {
			r(&q.Pairs[i].Prompt)
		}
	}
}

// Import modes into a module that has a quiz already.
const (
	ModeAppend  = "append"  // the imported questions are added after the existing ones
	ModeReplace = "replace" // the imported questions replace the existing ones
)

// MergeInto puts the imported questions into an existing quiz, keeping its settings (pass mark,
// attempts, review, …): appended after its questions (ids that are taken are numbered) or in
// their place. A draw larger than the new pool is reduced to the pool.
func (imp *Import) MergeInto(existing quiz.Definition, mode string) {
	merged := existing
	merged.Questions = nil
	taken := map[string]bool{}
	if mode == ModeAppend {
		merged.Questions = append(merged.Questions, existing.Questions...)
		for _, q := range existing.Questions {
			taken[q.ID] = true
		}
	}
	for i, q := range imp.Definition.Questions {
		id := q.ID
		for n := 2; taken[id]; n++ {
			id = q.ID + "-" + strconv.Itoa(n)
		}
		taken[id] = true
		if id != q.ID {
			for j := range imp.Converted {
				if imp.Converted[j].ID == q.ID {
					imp.Converted[j].ID = id
				}
			}
		}
		q.ID = id
		imp.Definition.Questions[i] = q
		merged.Questions = append(merged.Questions, q)
	}
	if merged.Draw > len(merged.Questions) {
		merged.Draw = len(merged.Questions)
	}
	imp.Definition = merged
}

// checkUTF8 refuses text that is not UTF-8, naming the line of the first bad byte: quiz.yaml must
// be UTF-8, and a wrong encoding would garble every umlaut.
func checkUTF8(file string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("%s:%d: the file is not UTF-8 text; save or export it as UTF-8", file, bytes.Count(data[:i], []byte("\n"))+1)
		}
		i += size
	}
	return nil
}

// dataURIImage decodes an image embedded as a data: URI for the media folder.
func (m *mediaSet) addDataURI(uri string) (string, error) {
	header, payload, ok := strings.Cut(uri, ",")
	mime := strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(header), "data:"), ";base64")
	ext := map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp", "image/avif": ".avif"}[mime]
	if !ok || ext == "" {
		return "", notConvertible("image-type", "data:"+mime)
	}
	data, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(payload), ""))
	if err != nil {
		return "", notConvertible("image-base64", "data:"+mime)
	}
	return m.add("eingebettet"+ext, data, false)
}
