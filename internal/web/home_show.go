package web

import "github.com/gofiber/fiber/v2"

// homeShow is the start page after login.
func (a *App) homeShow(c *fiber.Ctx) error {
	return a.render(c, fiber.StatusOK, "home", nil, nil)
}
