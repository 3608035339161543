package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"

	assets "github.com/ailit/ailit/web"
)

// assetIndex gives static files fingerprinted URLs (/static/app.3f2a1b9c.css), so they can be
// cached for a year and still change with each release. A file is hashed the first time a page
// links it or a browser asks for its fingerprinted name: the pages link a handful of files, and
// hashing all 4.7 MB of embedded files (mostly fonts that the style sheets name plainly) on every
// start would only put them into memory.
type assetIndex struct {
	urls sync.Map // "app.css" → "/static/app.3f2a1b9c.css", or "" for a file that is not there
}

func newAssetIndex() *assetIndex { return &assetIndex{} }

// URL returns the fingerprinted URL of a static file (or the plain one if it is missing, which
// happens only when the front-end packages were not installed).
func (idx *assetIndex) URL(name string) string {
	if u, ok := idx.urls.Load(name); ok {
		if u == "" {
			return "/static/" + name
		}
		return u.(string)
	}
	u := ""
	if b, err := fs.ReadFile(assets.Static, path.Join("static", name)); err == nil {
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		u = "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	}
	idx.urls.Store(name, u)
	return idx.URL(name)
}

var fingerprint = regexp.MustCompile(`^(.+)\.[0-9a-f]{8}(\.[^./]+)$`)

// original returns the file a fingerprinted name stands for, when the fingerprint is the file's
// current one.
func (idx *assetIndex) original(hashed string) (string, bool) {
	m := fingerprint.FindStringSubmatch(hashed)
	if m == nil {
		return "", false
	}
	name := m[1] + m[2]
	return name, idx.URL(name) == "/static/"+hashed
}
