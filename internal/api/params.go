package api

import (
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
