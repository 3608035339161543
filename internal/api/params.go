package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/i18n"
)

// lang is the language of messages meant for people (the HR import's row messages, report
// labels): the first supported one of Accept-Language, German otherwise.
func lang(c *fiber.Ctx) string { return i18n.FromAcceptLanguage(c.Get(fiber.HeaderAcceptLanguage)) }

// boolQuery reads a true/false query parameter; anything else is a validation problem.
func boolQuery(c *fiber.Ctx, name string) (bool, *Problem) {
	switch strings.ToLower(c.Query(name)) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, invalid(fmt.Sprintf("%s must be true or false.", name), FieldError{Pointer: name, Detail: "must be true or false"})
}

// marshal writes v as JSON without HTML escaping: "&" in a next link stays "&", not "\u0026".
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// sendJSON answers 200 with v.
func sendJSON(c *fiber.Ctx, v any) error {
	b, err := marshal(v)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusOK).Send(b)
}
