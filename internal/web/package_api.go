package web

import (
	"encoding/json"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/learning"
	"github.com/ailit/ailit/internal/scorm"
)

// packageCall is one SCORM API call as the adapter (web/static/scorm-api.js) sends it.
type packageCall struct {
	Method  string `json:"method"` // Initialize, Terminate, GetValue, SetValue, Commit, GetErrorString, Abandon
	Element string `json:"element"`
	Value   string `json:"value"`
	Page    string `json:"page"` // the adapter's id of this load of the package page
}

type packageAnswer struct {
	Result     string `json:"result"`
	Error      int    `json:"error"`
	Diagnostic string `json:"diagnostic,omitempty"`
}

// maxPackageCallBytes allows the longest value (SCORM 2004 suspend_data, 64000 characters of up
// to four bytes) with room for the JSON around it.
const maxPackageCallBytes = 300 << 10

// packageAPI runs one API call of a launch on the server, which is authoritative: the pure state
// machine in internal/scorm decides, every change is stored before the answer, and Commit,
// Terminate and the unload beacon (Abandon) map the outcome to the module's progress in the same
// transaction. A bad call gets its SCORM error code in a 200 answer, never a 500. The frame has
// an opaque origin and sends no cookie; the token in the path is the credential, so there is no
// ambient authority for another site to ride on (CSRF), and the answer may be read by any origin
// that knows the token.
func (a *App) packageAPI(c *fiber.Ctx) error {
	c.Set(fiber.HeaderAccessControlAllowOrigin, "*")
	c.Set(fiber.HeaderCacheControl, "no-store")
	token := c.Params("token")
	at, err := a.db.PackageAttemptByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	t := a.learn.TargetOf(at)
	if t == nil {
		return c.Status(fiber.StatusNotFound).JSON(packageAnswer{"false", 101, "this launch has ended; open the module again"})
	}
	var call packageCall
	if len(c.Body()) > maxPackageCallBytes {
		return c.JSON(packageAnswer{"false", 201, "the call is too large"})
	}
	if err := json.Unmarshal(c.Body(), &call); err != nil {
		return c.JSON(packageAnswer{"false", 201, "the call is not JSON"})
	}
	launch, err := a.launchOf(c.UserContext(), t)
	if err != nil {
		return err
	}
	switch call.Method {
	case "GetErrorString":
		code, _ := strconv.Atoi(call.Element)
		return c.JSON(packageAnswer{Result: scorm.ErrorString(at.Kind, code)})
	case "GetValue":
		st, err := learning.DecodeState(at)
		if err != nil {
			return err
		}
		v, e := scorm.NewSession(st, launch).GetValue(call.Element)
		return c.JSON(packageAnswer{v, e.Code, e.Diagnostic})
	case "Initialize", "SetValue", "Commit", "Terminate", "Abandon":
	default:
		return c.JSON(packageAnswer{"false", 101, "unknown method " + strconv.Quote(call.Method)})
	}
	var answer packageAnswer
	found, err := a.learn.UpdatePackage(c.UserContext(), token, func(_ *learning.PackageTarget, st *scorm.State) (save, evaluate bool, err error) {
		s := scorm.NewSession(st, launch)
		var e scorm.Error
		switch call.Method {
		case "Initialize":
			answer.Result, e = s.InitializeFrom(call.Page, call.Element)
		case "SetValue":
			answer.Result, e = s.SetValue(call.Element, call.Value)
		case "Commit":
			answer.Result, e = s.Commit(call.Element)
		case "Terminate":
			answer.Result, e = s.Terminate(call.Element)
		case "Abandon":
			answer.Result = strconv.FormatBool(s.AbandonFrom(call.Page))
		}
		answer.Error, answer.Diagnostic = e.Code, e.Diagnostic
		if e.Code != 0 || answer.Result == "false" {
			return false, false, nil // nothing changed
		}
		return true, call.Method != "SetValue" && call.Method != "Initialize", nil
	})
	if err != nil {
		return err
	}
	if !found {
		answer = packageAnswer{"false", 101, "this launch has ended"}
	}
	return c.JSON(answer)
}
