package web_test

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/i18n"
	"github.com/ailit/ailit/internal/retention"
	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

// retentionForm is the admin form with the default periods and the given changes.
func retentionForm(changes map[retention.Category]string) url.Values {
	v := url.Values{}
	for _, d := range retention.Definitions {
		v.Set("period-"+string(d.Category), strconv.Itoa(d.Default))
	}
	for c, s := range changes {
		v.Set("period-"+string(c), s)
	}
	return v
}

func TestAdminSetsARetentionPeriodRunsTheDryRunAndApplies(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "it@stadt.example", pw, store.RoleAdmin)
	admin := env.Client(t)
	admin.Login("it@stadt.example", pw)
	ended := env.Store.Now().AddDate(0, 0, -3)
	if err := env.Store.TestWriter().Create(&store.WebSession{ID: "old", SecretHash: []byte("x"), CreatedAt: ended, LastSeenAt: ended, ExpiresAt: ended}).Error; err != nil {
		t.Fatal(err)
	}

	page := admin.Get("/admin/retention")
	for _, want := range []string{"Aufbewahrung und Löschung", "Anmeldesitzungen", "Art. 32 DSGVO", `name="period-sessions"`, `value="7"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("retention page lacks %q", want)
		}
	}
	// With the default of 7 days the session that ended 3 days ago is kept.
	plan := admin.Get("/admin/retention?plan=1")
	if !strings.Contains(plan.Body, "Zurzeit ist nichts zu löschen.") || strings.Contains(plan.Body, "Jetzt löschen") {
		t.Fatalf("dry run with the defaults shows something to delete:\n%s", plan.Body)
	}

	// A bad value re-renders with the message next to the field and saves nothing.
	bad := admin.Post("/admin/retention", retentionForm(map[retention.Category]string{retention.Sessions: "500"}))
	if bad.Status != 422 || !strings.Contains(bad.Body, `id="f-period-sessions-error"`) || !strings.Contains(bad.Body, "von 0 bis 90") {
		t.Fatalf("bad period: %d\n%s", bad.Status, bad.Body)
	}
	if r := admin.Post("/admin/retention", retentionForm(map[retention.Category]string{retention.Sessions: "1"})); r.Status != 303 {
		t.Fatalf("saving: %d %s", r.Status, r.Body)
	}
	if p, _ := env.Store.RetentionPolicy(t.Context()); p.Period(retention.Sessions) != 1 {
		t.Fatalf("saved period %d", p.Period(retention.Sessions))
	}

	plan = admin.Get("/admin/retention?plan=1")
	if !strings.Contains(plan.Body, `data-category="sessions">1<`) || !strings.Contains(plan.Body, "Jetzt löschen") {
		t.Fatalf("dry run after shortening the period:\n%s", plan.Body)
	}
	var sessions int64
	env.Store.TestWriter().Model(&store.WebSession{}).Where("id = ?", "old").Count(&sessions)
	if sessions != 1 {
		t.Fatal("the dry run deleted the session")
	}
	r := admin.Post("/admin/retention/run", url.Values{})
	if r.Status != 303 {
		t.Fatalf("run: %d", r.Status)
	}
	if after := admin.Get(r.Location()); !strings.Contains(after.Body, "Gelöscht: 1 Einträge.") {
		t.Errorf("after the run the page says:\n%s", after.Body)
	}
	env.Store.TestWriter().Model(&store.WebSession{}).Where("id = ?", "old").Count(&sessions)
	if sessions != 0 {
		t.Error("the run kept the old session")
	}
	// The admin's own session is not old: still logged in.
	if r := admin.Get("/admin/retention"); r.Status != 200 {
		t.Errorf("admin after the run: %d", r.Status)
	}
}

func TestMyDataShowsWhenEachKindOfDataIsDeleted(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	lea := env.Client(t)
	lea.Login("lea@stadt.example", pw)
	page := lea.Get("/account/data")
	if page.Status != 200 || !strings.Contains(page.Body, "Wann Ihre Daten gelöscht werden") {
		t.Fatalf("my data: %d", page.Status)
	}
	var session store.WebSession
	if err := env.Store.TestWriter().First(&session).Error; err != nil {
		t.Fatal(err)
	}
	want := `data-category="sessions">ab ` + i18n.FormatDate("de", session.ExpiresAt.AddDate(0, 0, 7))
	if !strings.Contains(page.Body, want) {
		t.Errorf("my data lacks %q", want)
	}
	if !strings.Contains(page.Body, `data-category="export_log">Keine Daten dieser Art gespeichert`) {
		t.Error("a category without data of the person should say so")
	}
	var data struct {
		Retention []struct {
			Category     string     `json:"category"`
			Period       int        `json:"period"`
			NextDeletion *time.Time `json:"next_deletion"`
		} `json:"retention"`
	}
	if err := json.Unmarshal([]byte(lea.Get("/account/data.json").Body), &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Retention) != len(retention.Definitions) || data.Retention[0].Category != "sessions" ||
		data.Retention[0].Period != 7 || data.Retention[0].NextDeletion == nil {
		t.Errorf("JSON retention %+v", data.Retention)
	}
}
