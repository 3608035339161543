package workspace

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// MaxMediaBytes is the upload limit for media other than images (the course format's limit).
const MaxMediaBytes = 20 << 20

// Errors of media changes.
var (
	ErrMediaType     = errors.New("the file is not an image, PDF, MP3, MP4 or WebM file")
	ErrMediaTooLarge = errors.New("the file is larger than 20 MiB")
	ErrMediaKind     = errors.New("the new file must be of the same type as the one it replaces")
	ErrNoMedia       = errors.New("the module has no such file")
)

// documentExtensions are the media types besides images that can be uploaded, by sniffed type.
var documentExtensions = map[string]string{
	"application/pdf": ".pdf", "audio/mpeg": ".mp3", "video/mp4": ".mp4", "video/webm": ".webm",
}

// sniffMedia decides the type of an upload by its content, never by its name, and checks the size
// limit of that type. It returns the file extension and whether the file is an image.
func sniffMedia(data []byte) (ext string, image bool, err error) {
	kind := http.DetectContentType(data)
	if ext, ok := imageExtensions[kind]; ok {
		if len(data) > MaxImageBytes {
			return "", true, ErrImageTooLarge
		}
		return ext, true, nil
	}
	if ext, ok := documentExtensions[kind]; ok {
		if len(data) > MaxMediaBytes {
			return "", false, ErrMediaTooLarge
		}
		return ext, false, nil
	}
	return "", false, ErrMediaType
}

// MediaUse is a line of a lesson that refers to a media file.
type MediaUse struct {
	File string // "modules/01-x/lesson.md"
	Line int
}

func (u MediaUse) String() string { return fmt.Sprintf("%s:%d", u.File, u.Line) }

// MediaFile is a file in a module's media folder with the lesson lines that use it.
type MediaFile struct {
	Name  string
	Size  int64
	Image bool
	Uses  []MediaUse
}

// MediaInUseError is a delete refused because lessons still use the file.
type MediaInUseError struct{ Uses []MediaUse }

func (e *MediaInUseError) Error() string {
	uses := make([]string, len(e.Uses))
	for i, u := range e.Uses {
		uses[i] = u.String()
	}
	return "the file is still used in " + strings.Join(uses, ", ")
}

// mediaRef finds references to media files in Markdown: "media/x.png" of the same module or
// "../01-other/media/x.png" of another one.
var mediaRef = regexp.MustCompile(`(?:\.\./([0-9]+-[a-z0-9]+(?:-[a-z0-9]+)*)/)?media/([a-z0-9][a-z0-9._-]*)`)

// mediaUses scans every lesson of a version folder and returns the uses of each module's media
// by "folder/name".
func mediaUses(dir string, mods []ModuleFolder) map[string][]MediaUse {
	uses := map[string][]MediaUse{}
	for _, m := range mods {
		rel := "modules/" + m.Folder + "/lesson.md"
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			continue
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, ref := range mediaRef.FindAllStringSubmatch(line, -1) {
				folder := m.Folder
				if ref[1] != "" {
					folder = ref[1]
				}
				key := folder + "/" + ref[2]
				uses[key] = append(uses[key], MediaUse{File: rel, Line: i + 1})
			}
		}
	}
	return uses
}

// Media lists the files of a module's media folder in the draft with size and uses.
func (w *Workspace) Media(courseID, moduleID string) ([]MediaFile, error) {
	m, err := w.FindModule(courseID, DraftFolder, moduleID)
	if err != nil {
		return nil, err
	}
	dir := w.draftDir(courseID)
	mods, err := w.Modules(courseID, DraftFolder)
	if err != nil {
		return nil, err
	}
	uses := mediaUses(dir, mods)
	entries, err := os.ReadDir(filepath.Join(dir, "modules", m.Folder, "media"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []MediaFile
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, err
		}
		_, isImage := imageTypeOf(e.Name())
		out = append(out, MediaFile{Name: e.Name(), Size: info.Size(), Image: isImage, Uses: uses[m.Folder+"/"+e.Name()]})
	}
	return out, nil
}

func imageTypeOf(name string) (string, bool) {
	ext := strings.ToLower(path.Ext(name))
	for kind, e := range imageExtensions {
		if e == ext || (ext == ".jpeg" && e == ".jpg") {
			return kind, true
		}
	}
	return "", false
}

// mediaRel checks a module id and a media file name and returns the module and the file's path
// in the version folder.
func (w *Workspace) mediaRel(courseID, moduleID, name string) (ModuleFolder, string, error) {
	m, err := w.FindModule(courseID, DraftFolder, moduleID)
	if err != nil {
		return m, "", err
	}
	if !mediaName.MatchString(name) {
		return m, "", fmt.Errorf("%w: %w: %q", ErrNoMedia, ErrBadName, name)
	}
	rel := "modules/" + m.Folder + "/media/" + name
	if _, err := os.Lstat(filepath.Join(w.draftDir(courseID), filepath.FromSlash(rel))); err != nil {
		return m, "", ErrNoMedia
	}
	return m, rel, nil
}

// AddMedia stores a PDF, audio or video file in a module's media folder under a free name derived
// from the uploaded one and returns that name. Images go through AddImage, which needs an alt text.
func (w *Workspace) AddMedia(courseID, moduleID, fileName string, data []byte) (string, error) {
	m, err := w.FindModule(courseID, DraftFolder, moduleID)
	if err != nil {
		return "", err
	}
	ext, image, err := sniffMedia(data)
	if err != nil {
		return "", err
	}
	if image {
		return "", ErrAltMissing
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	draft := w.draftDir(courseID)
	mediaDir := filepath.Join(draft, "modules", m.Folder, "media")
	name := freeName(mediaDir, baseName(fileName), ext)
	rel := filepath.Join("modules", m.Folder, "media", name)
	err = w.changeDraft(courseID,
		func(staged string) error { return writeAtomic(filepath.Join(staged, rel), data) },
		func(string) error { return writeAtomic(filepath.Join(draft, rel), data) })
	return name, err
}

// ReplaceMedia writes new content to an existing media file; the name, and so every lesson line
// that uses it, stays. The new content must be of the same type.
func (w *Workspace) ReplaceMedia(courseID, moduleID, name string, data []byte) error {
	_, rel, err := w.mediaRel(courseID, moduleID, name)
	if err != nil {
		return err
	}
	ext, _, err := sniffMedia(data)
	if err != nil {
		return err
	}
	if have := strings.ToLower(path.Ext(name)); have != ext && (have != ".jpeg" || ext != ".jpg") {
		return ErrMediaKind
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	draft := w.draftDir(courseID)
	return w.changeDraft(courseID,
		func(staged string) error { return writeAtomic(filepath.Join(staged, filepath.FromSlash(rel)), data) },
		func(string) error { return writeAtomic(filepath.Join(draft, filepath.FromSlash(rel)), data) })
}

// DeleteMedia removes a media file, refused with a MediaInUseError while a lesson uses it.
func (w *Workspace) DeleteMedia(courseID, moduleID, name string) error {
	m, rel, err := w.mediaRel(courseID, moduleID, name)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	draft := w.draftDir(courseID)
	mods, err := w.Modules(courseID, DraftFolder)
	if err != nil {
		return err
	}
	if uses := mediaUses(draft, mods)[m.Folder+"/"+name]; len(uses) > 0 {
		return &MediaInUseError{Uses: slices.Clone(uses)}
	}
	return w.changeDraft(courseID,
		func(staged string) error { return os.Remove(filepath.Join(staged, filepath.FromSlash(rel))) },
		func(string) error { return os.Remove(filepath.Join(draft, filepath.FromSlash(rel))) })
}
