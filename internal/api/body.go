package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// decodeBody reads the JSON body into v: at most MaxBodyBytes (413), JSON only (415), and a
// syntax error names its line and column (400). Unknown fields are refused, so a misspelt field
// name is not silently dropped.
func decodeBody(c *fiber.Ctx, v any) *Problem {
	if c.Request().Header.ContentLength() > MaxBodyBytes || len(c.Body()) > MaxBodyBytes {
		return tooLarge()
	}
	if ct := c.Get(fiber.HeaderContentType); !strings.HasPrefix(strings.ToLower(ct), fiber.MIMEApplicationJSON) {
		return problem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
			"The body must be JSON, sent with \"Content-Type: application/json\" (got %q).", ct)
	}
	body := c.Body()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			line, col := position(body, dec.InputOffset())
			return badJSON("After the JSON value at line %d, column %d, there is more; send one object.", line, col)
		}
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return badJSON("The body is empty; send a JSON object.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(body, int64(len(body)))
		return badJSON("The JSON ends early at line %d, column %d: a bracket or quote is not closed.", line, col)
	case errors.As(err, &se):
		line, col := position(body, se.Offset)
		return badJSON("The JSON is invalid at line %d, column %d: %s.", line, col, strings.TrimPrefix(se.Error(), "json: "))
	case errors.As(err, &te):
		line, col := position(body, te.Offset)
		p := badJSON("At line %d, column %d, %q must be %s, not %s.", line, col, te.Field, jsonKind(te.Type.Kind().String()), te.Value)
		p.Errors = []FieldError{{Pointer: "/" + strings.ReplaceAll(te.Field, ".", "/"), Detail: fmt.Sprintf("must be %s", jsonKind(te.Type.Kind().String()))}}
		return p
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		line, col := position(body, dec.InputOffset())
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		p := badJSON("Unknown field %q near line %d, column %d. The fields are described in %s/openapi.json.", field, line, col, Prefix)
		p.Errors = []FieldError{{Pointer: "/" + field, Detail: "unknown field"}}
		return p
	}
	return badJSON("The body is not valid JSON: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

func badJSON(detail string, args ...any) *Problem {
	return problem(http.StatusBadRequest, "invalid-json", "The body is not valid JSON", detail, args...)
}

// position turns a byte offset into a 1-based line and column (columns count characters).
func position(b []byte, offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(b)))
	before := b[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, len([]rune(string(before[lineStart:]))) + 1
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "slice", "array":
		return "an array"
	case "struct", "map":
		return "an object"
	case "bool":
		return "true or false"
	}
	return "a number"
}
