package web

import "github.com/gofiber/fiber/v2"

// inventoryPublicSetting switches the public register page on or off (logged).
func (a *App) inventoryPublicSetting(c *fiber.Ctx) error {
	on := c.FormValue("public_register") == "1"
	if err := a.db.SetPublicRegister(c.UserContext(), currentUser(c).ID, on); err != nil {
		return err
	}
	msg := "inventory.public.off"
	if on {
		msg = "inventory.public.on"
	}
	webSession(c).flash(tr(lang(c))(msg))
	return c.Redirect("/admin/inventory", fiber.StatusSeeOther)
}
