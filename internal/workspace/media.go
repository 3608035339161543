package workspace

import (
	"errors"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// MaxImageBytes is the upload limit for one image.
const MaxImageBytes = 5 << 20

// Errors of an image upload.
var (
	ErrNotAnImage    = errors.New("the file is not a PNG, JPEG, WebP or GIF image")
	ErrImageTooLarge = errors.New("the image is larger than 5 MiB")
	ErrAltMissing    = errors.New("the image needs an alt text, or must be marked as decorative")
)

// imageExtensions are the image types accepted, by sniffed content type.
var imageExtensions = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "image/gif": ".gif",
}

// ImageUpload is an image for a module of the draft with its alt text.
type ImageUpload struct {
	CourseID     string
	ModuleFolder string
	FileName     string // as uploaded; only used to derive a readable name
	Data         []byte
	Alt          string
	Decorative   bool // no information: alt text "-" (docs/course-format.md)
}

// AddImage stores an image in the module's media folder of the draft and inserts it as Markdown
// at the end of the lesson (lessonHash guards against concurrent edits of the lesson). The type is
// decided by the content, never by the file name. It returns the Markdown it inserted.
func (w *Workspace) AddImage(up ImageUpload, lessonHash string) (string, error) {
	dir, err := ModuleDir(up.ModuleFolder)
	if err != nil {
		return "", err
	}
	if len(up.Data) > MaxImageBytes {
		return "", ErrImageTooLarge
	}
	ext, ok := imageExtensions[http.DetectContentType(up.Data)]
	if !ok {
		return "", ErrNotAnImage
	}
	alt := strings.Join(strings.Fields(up.Alt), " ")
	if up.Decorative {
		alt = "-"
	}
	if alt == "" {
		return "", ErrAltMissing
	}
	alt = strings.NewReplacer("[", "(", "]", ")").Replace(alt)

	w.mu.Lock()
	defer w.mu.Unlock()
	draft := w.draftDir(up.CourseID)
	lessonRel := dir + "/lesson.md"
	lesson, err := readOptional(filepath.Join(draft, filepath.FromSlash(lessonRel)))
	if err != nil {
		return "", err
	}
	if Hash(lesson) != lessonHash {
		return "", &ConflictError{Current: lesson, Hash: Hash(lesson)}
	}
	name := freeName(filepath.Join(draft, filepath.FromSlash(dir), "media"), baseName(up.FileName), ext)
	mediaRel := dir + "/media/" + name
	snippet := "![" + alt + "](media/" + name + ")"
	updated := []byte(strings.TrimRight(string(lesson), "\n") + "\n\n" + snippet + "\n")
	write := func(root string) error {
		if err := writeAtomic(filepath.Join(root, filepath.FromSlash(mediaRel)), up.Data); err != nil {
			return err
		}
		return writeAtomic(filepath.Join(root, filepath.FromSlash(lessonRel)), updated)
	}
	if err := w.changeDraft(up.CourseID, write, func(string) error { return write(draft) }); err != nil {
		return "", err
	}
	return snippet, nil
}

var unsafeNameChars = regexp.MustCompile(`[^a-z0-9]+`)

// baseName turns an uploaded file name into a lowercase name without extension: "Mein Bild.PNG"
// → "mein-bild".
func baseName(upload string) string {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(upload, "\\", "/")), path.Ext(upload))
	base = strings.ToLower(base)
	base = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(base)
	base = strings.Trim(unsafeNameChars.ReplaceAllString(base, "-"), "-")
	if len(base) > 60 {
		base = strings.Trim(base[:60], "-")
	}
	if base == "" {
		base = "bild"
	}
	return base
}

// freeName finds a file name in dir that is not taken yet: bild.png, bild-2.png, …
func freeName(dir, base, ext string) string {
	name := base + ext
	for i := 2; ; i++ {
		if _, err := os.Lstat(filepath.Join(dir, name)); os.IsNotExist(err) {
			return name
		}
		name = base + "-" + strconv.Itoa(i) + ext
	}
}
