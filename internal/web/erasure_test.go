package web_test

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/web/webtest"
)

func TestAdminDeletesAPersonsDataAfterConfirmingAndTheRecordStillVerifies(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	ctx := context.Background()
	env.CreateUser(t, "it@stadt.example", pw, store.RoleAdmin)
	lea := env.CreateUser(t, "lea@stadt.example", pw, store.RoleLearner)
	comp := complete(t, env, lea, nil)
	verifyURL := verifyPath(t, env, comp)
	admin := env.Client(t)
	admin.Login("it@stadt.example", pw)
	path := "/admin/users/" + strconv.FormatInt(lea.ID, 10) + "/data"

	page := admin.Get(path)
	if page.Status != 200 || !strings.Contains(page.Body, "Daten dieser Person löschen") || !strings.Contains(page.Body, "Keine Löschsperre.") {
		t.Fatalf("data page: %d", page.Status)
	}
	// A wrong confirmation deletes nothing and says so next to the field.
	r := admin.Post(path[:len(path)-len("/data")]+"/erase", url.Values{"reason": {"request"}, "confirm": {"lena@stadt.example"}})
	if r.Status != 422 || !strings.Contains(r.Body, `id="f-confirm-error"`) || !strings.Contains(r.Body, "Es wurde nichts gelöscht.") {
		t.Fatalf("wrong confirmation: %d", r.Status)
	}
	// A hold on the person suspends it.
	if r := admin.Post("/admin/users/"+strconv.FormatInt(lea.ID, 10)+"/holds", url.Values{"hold_reason": {"Az. 4 K 12/26"}}); r.Status != 303 {
		t.Fatalf("placing a hold: %d %s", r.Status, r.Body)
	}
	page = admin.Get(path)
	if !strings.Contains(page.Body, "Az. 4 K 12/26") || strings.Contains(page.Body, "Daten endgültig löschen") {
		t.Fatal("the data page under a hold still offers the deletion")
	}
	if r := admin.Post("/admin/users/"+strconv.FormatInt(lea.ID, 10)+"/erase", url.Values{"reason": {"request"}, "confirm": {"lea@stadt.example"}}); r.Status != 409 {
		t.Fatalf("erasing under a hold: %d", r.Status)
	}
	holds, _ := env.Store.ActiveHolds(ctx)
	if r := admin.Post("/admin/holds/"+strconv.FormatInt(holds[0].ID, 10)+"/release", url.Values{"back": {path}}); r.Status != 303 || r.Location() != path {
		t.Fatalf("release: %d %s", r.Status, r.Location())
	}
	r = admin.Post("/admin/users/"+strconv.FormatInt(lea.ID, 10)+"/erase", url.Values{"reason": {"request"}, "confirm": {"LEA@stadt.example"}})
	if r.Status != 303 {
		t.Fatalf("erase: %d %s", r.Status, r.Body)
	}
	if after := admin.Get(path); !strings.Contains(after.Body, "Die Daten der Person sind gelöscht.") || !strings.Contains(after.Body, "Gelöschte Person ") {
		t.Error("after the deletion the page does not say so")
	}
	users := admin.Get("/admin/users")
	if strings.Contains(users.Body, "lea@stadt.example") {
		t.Error("the user list still shows the deleted address")
	}
	// The record she was issued is still genuine, without her name.
	v := env.Client(t).Get(verifyURL)
	if v.Status != 200 || !strings.Contains(v.Body, "Ausgestellt an eine Person, deren Daten inzwischen gelöscht wurden.") || strings.Contains(v.Body, "lea") {
		t.Errorf("verification after the deletion: %d\n%s", v.Status, v.Body)
	}
	// She can no longer log in.
	c := env.Client(t)
	if r := c.Post("/login", url.Values{"email": {"lea@stadt.example"}, "password": {pw}}); r.Status == 303 {
		t.Error("a deleted person could log in")
	}
}

func TestAdminPlacesAndReleasesAHoldOnAUnit(t *testing.T) {
	t.Parallel()
	env := webtest.New(t)
	amt, _ := env.Store.CreateOrgUnit(context.Background(), nil, "Ordnungsamt")
	env.CreateUser(t, "it@stadt.example", pw, store.RoleAdmin)
	admin := env.Client(t)
	admin.Login("it@stadt.example", pw)
	admin.Get("/admin/holds")
	if r := admin.Post("/admin/holds", url.Values{"org_unit_id": {"0"}, "hold_reason": {""}}); r.Status != 422 ||
		!strings.Contains(r.Body, `id="f-org_unit_id-error"`) || !strings.Contains(r.Body, `id="f-hold_reason-error"`) {
		t.Fatalf("empty hold form: %d", r.Status)
	}
	if r := admin.Post("/admin/holds", url.Values{"org_unit_id": {strconv.FormatInt(amt.ID, 10)}, "hold_reason": {"Prüfung durch den Rechnungshof"}}); r.Status != 303 {
		t.Fatalf("unit hold: %d", r.Status)
	}
	page := admin.Get("/admin/holds")
	if !strings.Contains(page.Body, "Ordnungsamt") || !strings.Contains(page.Body, "Prüfung durch den Rechnungshof") {
		t.Fatal("the holds page does not list the unit hold")
	}
	var n int64
	env.Store.TestWriter().Model(&store.EvidenceEvent{}).Where("type = ?", store.EventLegalHoldPlaced).Count(&n)
	if n != 1 {
		t.Errorf("%d hold entries in the evidence log", n)
	}
}
