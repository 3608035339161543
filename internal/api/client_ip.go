package api

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// clientIP is the address a call comes from, resolved as the app resolves it (Fiber's c.IP():
// X-Forwarded-For only from a proxy in AILIT_TRUSTED_PROXIES). When the header lists several
// addresses, each proxy appended the one it saw: the client is the last address that is not a
// trusted proxy. The first address is never taken, because a client can put anything there.
func (a *API) clientIP(c *fiber.Ctx) string {
	ip := c.IP()
	if !strings.Contains(ip, ",") {
		return strings.TrimSpace(ip)
	}
	trusted, _ := ParseAllowList(strings.Join(a.cfg.TrustedProxies, ","))
	parts := strings.Split(ip, ",")
	for i := len(parts) - 1; i > 0; i-- {
		p := strings.TrimSpace(parts[i])
		if _, err := netip.ParseAddr(p); err != nil || len(trusted) == 0 || !Allowed(trusted, p) {
			return p // the client, or something that is no address (which no allow list lets in)
		}
	}
	return strings.TrimSpace(parts[0])
}
