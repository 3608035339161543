package web

import (
	"crypto/subtle"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/scorm"
	"github.com/ailit/ailit/internal/store"
)

// cmi5 AUs run in the same sandboxed frame as SCORM packages and talk to an xAPI endpoint that
// belongs to one launch: /pkg/<token>/xapi/. ailit is not an LRS (docs: README, "SCORM
// packages"): the endpoint takes the AU's statements and reads completion, success and score
// from them, serves LMS.LaunchData and keeps the AU's own state documents; other resources answer
// 400. Requests need the auth token the AU got from the fetch URL (package_fetch.go).

const xapiVersion = "1.0.3"

func xapiHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
	c.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization, Content-Type, X-Experience-API-Version")
	c.Set(fiber.HeaderAccessControlAllowMethods, "GET, PUT, POST, OPTIONS")
	c.Set(fiber.HeaderAccessControlExposeHeaders, "X-Experience-API-Version")
	c.Set("X-Experience-API-Version", xapiVersion)
	c.Set(fiber.HeaderCacheControl, "no-store")
}

func xapiError(c *fiber.Ctx, status int, msg string) error {
	return c.Status(status).JSON(fiber.Map{"error": msg})
}

// packageXAPIPreflight answers the CORS preflight of the AU's xAPI requests (they carry an
// Authorization header, and the frame has an opaque origin).
func (a *App) packageXAPIPreflight(c *fiber.Ctx) error {
	xapiHeaders(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// packageXAPI is the attempt-scoped xAPI endpoint of a cmi5 launch.
func (a *App) packageXAPI(c *fiber.Ctx) error {
	xapiHeaders(c)
	token := c.Params("token")
	at, err := a.db.PackageAttemptByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	t := a.learn.TargetOf(at)
	if t == nil || at.Kind != scorm.KindCMI5 {
		return xapiError(c, fiber.StatusNotFound, "no such launch")
	}
	st, err := learning.DecodeState(at)
	if err != nil {
		return err
	}
	if !cmi5Authorized(c, st) {
		return xapiError(c, fiber.StatusUnauthorized, "the Authorization header must carry the auth token of the fetch URL")
	}
	resource := strings.Trim(c.Params("*"), "/")
	switch {
	case resource == "about" && c.Method() == fiber.MethodGet:
		return c.JSON(fiber.Map{"version": []string{xapiVersion}})
	case resource == "activities/state" && c.Method() == fiber.MethodGet:
		if c.Query("stateId") == "LMS.LaunchData" {
			c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
			return c.Send(scorm.LaunchData(st.CMI5.Registration, t.Module.Package.MoveOn, t.Module.Package.MasteryScore,
				a.cfg.BaseURL+modulePath(t.Version.CourseID, t.Version.Version, t.Module.ID)))
		}
		doc, ok := st.CMI5.Documents[c.Query("stateId")]
		if !ok {
			return xapiError(c, fiber.StatusNotFound, "no such state document")
		}
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.SendString(doc)
	case resource == "agents/profile" && c.Method() == fiber.MethodGet:
		return xapiError(c, fiber.StatusNotFound, "no learner preferences are stored")
	case resource == "activities/state" || resource == "statements":
	default:
		return xapiError(c, fiber.StatusBadRequest, "ailit's cmi5 endpoint does not offer "+c.Method()+" "+resource)
	}
	status, answer := fiber.StatusOK, ""
	found, err := a.learn.UpdatePackage(c.UserContext(), token, func(_ *learning.PackageTarget, st *scorm.State) (save, evaluate bool, err error) {
		if resource == "statements" {
			if _, err := st.ApplyStatements(c.Body()); err != nil {
				status, answer = fiber.StatusBadRequest, err.Error()
				return false, false, nil
			}
			return true, true, nil
		}
		id := c.Query("stateId")
		if id == "" || id == "LMS.LaunchData" || len(c.Body()) > maxPackageCallBytes {
			status, answer = fiber.StatusBadRequest, "stateId is missing, reserved or the document too large"
			return false, false, nil
		}
		if st.CMI5 == nil {
			return false, false, nil
		}
		if st.CMI5.Documents == nil {
			st.CMI5.Documents = map[string]string{}
		}
		st.CMI5.Documents[id] = string(c.Body())
		return true, false, nil
	})
	if err != nil {
		return err
	}
	if !found {
		status, answer = fiber.StatusNotFound, "no such launch"
	}
	if status != fiber.StatusOK {
		return xapiError(c, status, answer)
	}
	if resource == "statements" && c.Method() == fiber.MethodPost {
		return c.JSON([]string{})
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func cmi5Authorized(c *fiber.Ctx, st *scorm.State) bool {
	got, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Basic ")
	if !ok || st.CMI5 == nil || st.CMI5.AuthHash == "" {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(store.HashToken(got)), []byte(st.CMI5.AuthHash)) == 1
}

// packageFetch is the fetch URL of a cmi5 launch (cmi5 spec §8.2): the first POST gets the auth
// token for the xAPI endpoint; any later one gets the error the spec defines.
func (a *App) packageFetch(c *fiber.Ctx) error {
	xapiHeaders(c)
	token := c.Params("token")
	var answer any
	_, err := a.learn.UpdatePackage(c.UserContext(), token, func(t *learning.PackageTarget, st *scorm.State) (save, evaluate bool, err error) {
		if t.Attempt.Kind != scorm.KindCMI5 || st.CMI5 == nil {
			return false, false, nil
		}
		if st.CMI5.Fetched {
			answer = fiber.Map{"error-code": "1", "error-text": "the auth token of this launch was fetched already"}
			return false, false, nil
		}
		auth, err := learning.NewToken()
		if err != nil {
			return false, false, err
		}
		st.CMI5.Fetched, st.CMI5.AuthHash = true, store.HashToken(auth)
		answer = fiber.Map{"auth-token": auth}
		return true, false, nil
	})
	if err != nil {
		return err
	}
	if answer == nil {
		return xapiError(c, fiber.StatusNotFound, "no such launch")
	}
	return c.JSON(answer)
}
