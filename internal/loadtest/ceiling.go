package loadtest

import (
	"net"

	"github.com/gofiber/fiber/v2"
)

// StartCeiling starts a tiny Fiber app on a loopback port that answers "ok" in plain text: the
// fastest a Fiber handler can be on this machine, the ceiling for the real routes. stop ends it.
func StartCeiling() (url string, stop func(), err error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/", func(c *fiber.Ctx) error { return c.SendString("ok") })
	go func() { _ = app.Listener(l) }()
	return "http://" + l.Addr().String(), func() { _ = app.Shutdown() }, nil
}
