package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ailit/ailit/internal/store"
	"github.com/ailit/ailit/internal/xapi/lrstest"
)

func TestXAPIResendSendsTheRecordsSinceTheDayOnceEach(t *testing.T) {
	dir := t.TempDir()
	lrs := lrstest.New()
	defer lrs.Close()
	t.Setenv("AILIT_DATA_DIR", dir)
	t.Setenv("AILIT_COURSES_DIR", t.TempDir())
	if code, out, stderr := runCLI(t, "xapi", "resend", "--since", "2026-11-01"); code != 1 || !strings.Contains(stderr, "AILIT_XAPI_ENDPOINT") {
		t.Fatalf("without an LRS: exit %d\n%s\n%s", code, out, stderr)
	}
	t.Setenv("AILIT_XAPI_ENDPOINT", lrs.URL)
	t.Setenv("AILIT_XAPI_USERNAME", lrs.Username)
	t.Setenv("AILIT_XAPI_PASSWORD", lrs.Password)
	if code, _, stderr := runCLI(t, "migrate"); code != 0 {
		t.Fatal(stderr)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, "ailit.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	lea := store.User{Email: "lea@stadt.example", DisplayName: "Lea", Active: true}
	if err := db.CreateUser(ctx, &lea, nil); err != nil {
		t.Fatal(err)
	}
	for i, day := range []time.Time{time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)} {
		c := &store.Completion{RecordID: "R" + string(rune('1'+i)), UserID: lea.ID, CourseID: "ki-grundlagen", Version: "1.0." + string(rune('0'+i)), ContentHash: "h", CompletedAt: day}
		if err := db.TestWriter().Create(c).Error; err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	for range 2 {
		code, out, stderr := runCLI(t, "xapi", "resend", "--since", "2026-11-01")
		if code != 0 || !strings.Contains(out, "1 statements since 2026-11-01 queued") || !strings.Contains(out, "1 of 1 statements sent") {
			t.Fatalf("resend: exit %d\n%s\n%s", code, out, stderr)
		}
	}
	if sts := lrs.Statements(); len(sts) != 1 || lrs.Puts() != 2 {
		t.Fatalf("the LRS holds %d statements after %d PUTs, want 1 after 2", len(sts), lrs.Puts())
	}
	if code, _, stderr := runCLI(t, "xapi", "resend", "--since", "1.11.2026"); code != 1 || !strings.Contains(stderr, "--since") {
		t.Fatalf("bad date: exit %d %q", code, stderr)
	}
}
