package browsertest

import (
	"context"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/domain"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/xapi"
	"github.com/ailit/ailit/internal/xapi/lrstest"
)

// Issue 16 (xAPI): a learner begins a course; the scheduler's xAPI step sends "registered" to the
// learning record store under her pseudonym; the admin sees it as sent on the xAPI page. While the
// LRS is down the page shows the failure with the LRS's answer.
func TestAnEnrolmentReachesTheLRSAndTheAdminSeesTheQueue(t *testing.T) {
	lrs := lrstest.New()
	defer lrs.Close()
	srv := Start(t, Options{Configure: func(c *config.Config) {
		c.XAPI = config.XAPI{Endpoint: lrs.URL, Username: lrs.Username, Password: lrs.Password, AccountHomePage: c.BaseURL, Actor: config.XAPIActorPseudonym}
	}})
	srv.CreateUser(t, "alex.admin@example.org", "admin-password-1", store.RoleAdmin)
	srv.CreateUser(t, "lea@example.org", "lea-password-1", store.RoleLearner)
	sender := xapi.NewSender(srv.Store, srv.Config, domain.SystemClock{}, nil)
	sender.Titles = func(context.Context) func(string) string {
		return func(key string) string {
			if c := srv.Library.Catalog().Course(key); c != nil && c.Latest() != nil {
				return c.Latest().Manifest.Title
			}
			return ""
		}
	}

	lea := srv.NewTab(t)
	Login(t, lea, "lea@example.org", "lea-password-1")
	Open(t, lea, "/courses/ki-grundlagen")
	ClickButton(t, lea, "Kurs beginnen")

	admin := srv.NewTab(t)
	Login(t, admin, "alex.admin@example.org", "admin-password-1")
	lrs.SetDown(true)
	if err := sender.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	Open(t, admin, "/admin/xapi")
	AssertHeading(t, admin, "Lernnachweise an einen Learning Record Store (xAPI)")
	AssertText(t, admin, "[role=status]", "nur unter ihrem Pseudonym")
	AssertText(t, admin, "#xapi-failed-caption", "Fehlgeschlagene Aussagen (1)")
	AssertText(t, admin, "main", "HTTP 503")
	AssertAccessible(t, admin, "xAPI queue with a failure")
	Screenshot(t, admin, "xapi-failed")

	lrs.SetDown(false)
	if _, err := srv.Store.RequeueXAPISince(context.Background(), srv.Store.Now().AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	if err := sender.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	Open(t, admin, "/admin/xapi")
	AssertText(t, admin, "main", "0 Aussagen warten, 1 wurden übermittelt")
	AssertText(t, admin, "main", "Keine fehlgeschlagenen Aussagen.")
	AssertText(t, admin, "main", "übermittelt am")
	AssertAccessible(t, admin, "xAPI queue, all sent")
	Screenshot(t, admin, "xapi-sent")

	sts := lrs.Statements()
	if len(sts) != 1 {
		t.Fatalf("the LRS holds %d statements, want the enrolment", len(sts))
	}
	obj := sts[0]["object"].(map[string]any)
	if obj["id"] != srv.URL+"/xapi/activities/course/ki-grundlagen" || strings.Contains(sts[0]["actor"].(map[string]any)["account"].(map[string]any)["name"].(string), "lea") {
		t.Errorf("statement %v", sts[0])
	}
}
