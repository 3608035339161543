package web

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/ailit/ailit/internal/assign"
	"github.com/ailit/ailit/internal/compliance"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
)

// maxReasonLength matches the column of assignment_exemptions.reason.
const maxReasonLength = 500

// exemptionsView is the exemption form and the list of exempted people, for the admin's
// assignment page and the manager's team exemptions page alike.
type exemptionsView struct {
	Action   string         // where the forms post
	Options  []exemptOption // members who may be exempted
	Exempted []store.MemberRecord
	Member   string // the chosen option after a validation error
	Reason   string
}

type exemptOption struct {
	Value string // "assignmentID:userID"
	Label string
}

// memberValue names one person on one assignment in a form.
func memberValue(assignmentID, userID int64) string {
	return fmt.Sprintf("%d:%d", assignmentID, userID)
}

// exemptionsOf builds the view from evaluated member records; withTitle puts the assignment's
// title in front of the name (the team page covers several assignments).
func exemptionsOf(es []compliance.Evaluated, action string, withTitle bool) exemptionsView {
	v := exemptionsView{Action: action}
	for _, e := range es {
		if e.State == assign.Exempted {
			v.Exempted = append(v.Exempted, e.MemberRecord)
			continue
		}
		label := e.User.DisplayName + " (" + e.User.Email + ")"
		if withTitle {
			label = e.Assignment.Title + ": " + label
		}
		v.Options = append(v.Options, exemptOption{Value: memberValue(e.Assignment.ID, e.User.ID), Label: label})
	}
	return v
}

// changeExemption exempts a member with a reason (action "exempt") or ends an exemption (action
// "remove"). The member must be in the viewer's scope, and in assignment onlyAssignment unless it
// is 0: anyone else answers 404, so a manager can never exempt someone outside their units.
// errs holds field messages; msg is the flash after success.
func (a *App) changeExemption(c *fiber.Ctx, sc store.Scope, onlyAssignment int64) (errs map[string]string, msg string, err error) {
	t := tr(lang(c))
	ctx := c.UserContext()
	errs = map[string]string{}
	aid, uid, ok := parseMember(c.FormValue("member"))
	if !ok {
		errs["member"] = t("exempt.err.member")
		return errs, "", nil
	}
	if onlyAssignment != 0 && aid != onlyAssignment {
		return nil, "", domain.Errorf(domain.ENOTFOUND, "member not found")
	}
	rec, err := a.memberInScope(ctx, sc, aid, uid)
	if err != nil {
		return nil, "", err
	}
	switch c.FormValue("action") {
	case "exempt":
		reason := strings.TrimSpace(c.FormValue("reason"))
		if reason == "" || len(reason) > maxReasonLength {
			errs["reason"] = t("exempt.err.reason")
			return errs, "", nil
		}
		err = a.db.SetExemption(ctx, store.AssignmentExemption{AssignmentID: aid, UserID: uid, Reason: reason, CreatedBy: currentUser(c).ID})
		msg = t("exempt.done", rec.User.DisplayName, rec.Assignment.Title)
	case "remove":
		err = a.db.RemoveExemption(ctx, aid, uid)
		msg = t("exempt.removed", rec.User.DisplayName, rec.Assignment.Title)
	default:
		return nil, "", domain.Errorf(domain.EINVALID, "unknown action")
	}
	if err == nil {
		a.log.Info("exemption changed", "by", currentUser(c).ID, "assignment_id", aid, "user_id", uid, "action", c.FormValue("action"))
	}
	return nil, msg, err
}

// memberInScope loads one current member of an assignment, if the scope may see them.
func (a *App) memberInScope(ctx context.Context, sc store.Scope, assignmentID, userID int64) (*store.MemberRecord, error) {
	recs, err := a.db.MemberRecords(ctx, sc, store.RecordFilter{AssignmentID: assignmentID, UserID: userID})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, domain.Errorf(domain.ENOTFOUND, "member not found")
	}
	return &recs[0], nil
}

func parseMember(s string) (assignmentID, userID int64, ok bool) {
	a, u, found := strings.Cut(s, ":")
	if !found {
		return 0, 0, false
	}
	aid, err1 := strconv.ParseInt(a, 10, 64)
	uid, err2 := strconv.ParseInt(u, 10, 64)
	return aid, uid, err1 == nil && err2 == nil && aid > 0 && uid > 0
}
