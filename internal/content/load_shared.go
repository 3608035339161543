package content

import (
	"html/template"
	"maps"
	"sync"

	"github.com/ailit/ailit/internal/quiz"
)

// loadShared is what the versions of one load share. Successive releases of a course keep most
// modules as they were, and an installation with a long history holds many of them: a quiz file
// that is byte for byte the same parses into the same definition, and a rendered text that is the
// same is kept once. Without this, 200 versions hold 200 copies of mostly equal lessons.
type loadShared struct {
	mu      sync.Mutex
	quizzes map[string]*parsedQuiz // by the file's sha256; only files that loaded without a problem (doc nil when restored from the render cache)
	html    map[string]template.HTML
	texts   map[string][]map[string]template.HTML // by quiz file digest: the distinct rendered texts
	hashes  map[string]map[string]string          // by quiz file digest: the question hashes
}

func newLoadShared() *loadShared {
	return &loadShared{quizzes: map[string]*parsedQuiz{}, html: map[string]template.HTML{},
		texts: map[string][]map[string]template.HTML{}, hashes: map[string]map[string]string{}}
}

// parseQuiz is parseQuizFile, taking the definition of an identical file parsed before in this
// load. The definition is shared, so nothing may change it after the load (nothing does: the
// catalog is read-only); problems are never shared, so each names its own file.
func (s *loadShared) parseQuiz(relPath, digest string, data []byte) (*parsedQuiz, []Problem) {
	if s == nil || digest == "" {
		return parseQuizFile(relPath, data)
	}
	s.mu.Lock()
	p, ok := s.quizzes[digest]
	s.mu.Unlock()
	if ok && p.doc != nil {
		return &parsedQuiz{p.definition, &yamlDoc{path: relPath, file: p.doc.file}}, nil
	}
	p, ps := parseQuizFile(relPath, data)
	if p == nil || len(ps) > 0 {
		return p, ps
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Another version may have parsed the same file meanwhile, or restored it from the cache:
	// the definition met first is the one shared.
	if first, ok := s.quizzes[digest]; ok {
		p.definition = first.definition
	}
	s.quizzes[digest] = p
	return p, nil
}

// definition returns the definition of the quiz file with this digest that the load met first,
// or d (then the one kept for the digest): a quiz restored from the render cache is shared as a
// parsed one is.
func (s *loadShared) definition(digest string, d *quiz.Definition) *quiz.Definition {
	if s == nil || digest == "" || d == nil {
		return d
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.quizzes[digest]; ok {
		return p.definition
	}
	s.quizzes[digest] = &parsedQuiz{definition: d}
	return d
}

// keep returns the copy of h kept for this load, so equal texts share their bytes.
func (s *loadShared) keep(h template.HTML) template.HTML {
	if s == nil || h == "" {
		return h
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if kept, ok := s.html[string(h)]; ok {
		return kept
	}
	s.html[string(h)] = h
	return h
}

// shareQuizMaps gives module m, whose quiz file has digest, the maps of rendered texts and
// question hashes that an equal module met before holds. The hashes depend on the file alone; the
// rendered texts also on the version's links, so they are shared only when they are equal.
func (s *loadShared) shareQuizMaps(digest string, m *Module) {
	if s == nil || digest == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.QuestionHashes != nil {
		if h, ok := s.hashes[digest]; ok && maps.Equal(h, m.QuestionHashes) {
			m.QuestionHashes = h
		} else if !ok {
			s.hashes[digest] = m.QuestionHashes
		}
	}
	if m.texts == nil {
		return
	}
	for _, t := range s.texts[digest] {
		if maps.Equal(t, m.texts) {
			m.texts = t
			return
		}
	}
	s.texts[digest] = append(s.texts[digest], m.texts)
}
