package api

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// strongETag is the SHA-256 of the body: the same bytes, the same tag (completions pages).
func strongETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// reportETag is a weak tag over what a report says: its sections and filters, without the
// moment it was made, the evidence log's head it quotes and the integrity hash over both. Those
// change with every request (each report sent is itself an entry in the evidence log), so a tag
// over the bytes would never match; W/ says the bytes may differ while the content is the same.
func reportETag(body []byte) string {
	var doc struct {
		Meta struct {
			Fields []struct{ Key, Value string }
		}
		Sections json.RawMessage
	}
	if json.Unmarshal(body, &doc) != nil {
		return "W/" + strongETag(body)
	}
	h := sha256.New()
	h.Write(doc.Sections)
	for _, f := range doc.Meta.Fields {
		switch f.Key {
		case "generated_at", "evidence_count", "evidence_head":
			continue
		}
		h.Write([]byte("\x00" + f.Key + "\x00" + f.Value))
	}
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// sendCached answers a large read with its ETag, or 304 without a body when the client's
// If-None-Match names it. Cache-Control lets only the client keep a copy and makes it ask again
// every time (the data are personal and change).
func sendCached(c *fiber.Ctx, etag, contentType string, body []byte) error {
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, no-cache")
	c.Set(fiber.HeaderVary, "Authorization, Accept-Language")
	if matches(c.Get(fiber.HeaderIfNoneMatch), etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	c.Set(fiber.HeaderContentType, contentType)
	return c.Status(fiber.StatusOK).Send(body)
}

// matches is the weak comparison RFC 9110 asks of If-None-Match: "*" or any listed tag, W/ or not.
func matches(header, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
