package web_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/config"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestTheXAPIPageListsTheQueueAndTheLRSAnswerOfFailures(t *testing.T) {
	t.Parallel()
	env := webtest.New(t, webtest.Options{Configure: func(cfg *config.Config) {
		cfg.XAPI = config.XAPI{Endpoint: "https://lrs.stadt.example/xapi", Actor: config.XAPIActorPseudonym, AccountHomePage: cfg.BaseURL}
	}})
	c := adminClient(t, env)
	ctx := context.Background()
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	rows := []store.XAPIStatement{
		{StatementID: "0b5c2a1e-0000-5000-8000-000000000001", EventKey: "completion:R1", Verb: "completed", Body: "{}", EventAt: at},
		{StatementID: "0b5c2a1e-0000-5000-8000-000000000002", EventKey: "attempt:1", Verb: "passed", Body: "{}", EventAt: at.Add(time.Minute)},
		{StatementID: "0b5c2a1e-0000-5000-8000-000000000003", EventKey: "enrollment:1", Verb: "registered", Body: "{}", EventAt: at.Add(2 * time.Minute)},
	}
	if _, err := env.Store.QueueXAPIStatements(ctx, rows); err != nil {
		t.Fatal(err)
	}
	claimed, _ := env.Store.ClaimDueXAPIStatements(ctx, 10, time.Minute)
	env.Store.MarkXAPISent(ctx, claimed[0].ID)
	env.Store.MarkXAPIFailed(ctx, claimed[1].ID, errors.New("LRS answered HTTP 503: maintenance"), time.Now().Add(time.Hour), false)
	r := c.Get("/admin/xapi")
	for _, want := range []string{"Die Übermittlung ist eingeschaltet (LRS https://lrs.stadt.example/xapi)", "nur unter ihrem Pseudonym",
		"2 Aussagen warten, 1 wurden übermittelt, 0 hat der LRS abgelehnt", "Fehlgeschlagene Aussagen (1)", "HTTP 503: maintenance",
		"Quiz bestanden", "0b5c2a1e-0000-5000-8000-000000000002", "übermittelt am", "ailit xapi resend --since"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the xAPI page lacks %q:\n%s", want, r.Body)
		}
	}
	off := webtest.New(t)
	if r := adminClient(t, off).Get("/admin/xapi"); !strings.Contains(r.Body, "AILIT_XAPI_ENDPOINT ist nicht gesetzt") || !strings.Contains(r.Body, "Noch keine Aussagen") {
		t.Errorf("without an LRS:\n%s", r.Body)
	}
}

func TestAPersonSeesTheXAPIStatementsAboutThemInMyData(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	ben := env.CreateUser(t, "ben@stadt.example", pw, store.RoleLearner)
	at := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	body := `{"id":"0b5c2a1e-0000-5000-8000-00000000000a","verb":{"id":"http://adlnet.gov/expapi/verbs/completed"}}`
	rows := []store.XAPIStatement{
		{StatementID: "0b5c2a1e-0000-5000-8000-00000000000a", EventKey: "completion:R1", Verb: "completed", UserID: &lea.ID, Body: body, EventAt: at},
		{StatementID: "0b5c2a1e-0000-5000-8000-00000000000b", EventKey: "completion:R2", Verb: "passed", UserID: &ben.ID, Body: "{}", EventAt: at},
	}
	if _, err := env.Store.QueueXAPIStatements(context.Background(), rows); err != nil {
		t.Fatal(err)
	}
	c := env.Client(t)
	c.Login("lea@stadt.example", pw)
	page := c.Get("/account/data")
	if !strings.Contains(page.Body, "Lernnachweise an den Learning Record Store (xAPI)") || !strings.Contains(page.Body, "abgeschlossen") || strings.Contains(page.Body, "Quiz bestanden") {
		t.Errorf("My data shows the wrong xAPI statements:\n%s", page.Body)
	}
	download := c.Get("/account/data.json")
	if !strings.Contains(download.Body, `"statement_id": "0b5c2a1e-0000-5000-8000-00000000000a"`) || !strings.Contains(download.Body, `"http://adlnet.gov/expapi/verbs/completed"`) || strings.Contains(download.Body, "00000000000b") {
		t.Errorf("the download's xAPI statements:\n%s", download.Body)
	}
}
