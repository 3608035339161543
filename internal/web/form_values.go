package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"
)

// formValues is the request's form as url.Values, for the forms of web/form (which know nothing of
// Fiber): the query string first, then the urlencoded body or the fields of a multipart body, the
// order in which Fiber's FormValue looks.
func formValues(c *fiber.Ctx) url.Values {
	v := url.Values{}
	c.Request().URI().QueryArgs().VisitAll(func(k, val []byte) { v.Add(string(k), string(val)) })
	if mf, err := c.MultipartForm(); err == nil {
		for k, vals := range mf.Value {
			v[k] = append(v[k], vals...)
		}
		return v
	}
	c.Request().PostArgs().VisitAll(func(k, val []byte) { v.Add(string(k), string(val)) })
	return v
}
