package loadtest

import (
	"net"

	"github.com/gofiber/fiber/v2"
)

// StartCeiling starts a minimal Fiber app on a loopback port that answers every GET with body, as
// content type contentType: the same bytes a real page sends, from memory, with no work at all.
// It is the ceiling for that page on this machine (framework, network stack, load generator);
// stop ends it.
func StartCeiling(body []byte, contentType string) (url string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/*", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, contentType)
		return c.Send(body)
	})
	go func() { _ = app.Listener(l) }()
	return "http://" + l.Addr().String(), func() { _ = app.Shutdown() }, nil
}
