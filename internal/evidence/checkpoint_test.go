package evidence

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"
)

func testKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

var at = time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)

func mustCheckpoint(t *testing.T, head Head, instance string, priv ed25519.PrivateKey) Checkpoint {
	t.Helper()
	cp, err := NewCheckpoint(head, instance, at, priv)
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

func TestCheckpointRoundTripVerifiesWithTheInstanceKeyOnly(t *testing.T) {
	priv := testKey(1)
	cp := mustCheckpoint(t, Head{Count: 42, Hash: strings.Repeat("ab", 32)}, "https://lernen.jena.example", priv)
	var buf bytes.Buffer
	if err := cp.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got.Count != 42 || got.Head != cp.Head || !got.CreatedAt.Equal(at) || got.Instance != "https://lernen.jena.example" {
		t.Fatalf("parsed %+v", got)
	}
	if err := got.Verify(priv.Public().(ed25519.PublicKey)); err != nil {
		t.Fatalf("own key: %v", err)
	}
	if err := got.Verify(testKey(2).Public().(ed25519.PublicKey)); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("another instance's key: %v", err)
	}
}

func TestCheckpointWithAChangedFieldFailsItsSignature(t *testing.T) {
	priv := testKey(1)
	pub := priv.Public().(ed25519.PublicKey)
	cp := mustCheckpoint(t, Head{Count: 42, Hash: strings.Repeat("ab", 32)}, "x", priv)
	for name, change := range map[string]func(*Checkpoint){
		"count":    func(c *Checkpoint) { c.Count = 41 },
		"head":     func(c *Checkpoint) { c.Head = strings.Repeat("cd", 32) },
		"time":     func(c *Checkpoint) { c.CreatedAt = c.CreatedAt.Add(time.Hour) },
		"instance": func(c *Checkpoint) { c.Instance = "y" },
	} {
		changed := cp
		change(&changed)
		if err := changed.Verify(pub); !errors.Is(err, ErrBadSignature) {
			t.Errorf("changed %s: %v", name, err)
		}
	}
}

func TestParseRefusesWhatIsNotACheckpoint(t *testing.T) {
	for name, text := range map[string]string{
		"not json":       "hello",
		"other format":   `{"format":"x/1","count":0,"head":""}`,
		"unknown field":  `{"format":"` + Format + `","count":0,"head":"","extra":1}`,
		"count, no head": `{"format":"` + Format + `","count":3,"head":""}`,
		"negative count": `{"format":"` + Format + `","count":-1,"head":""}`,
	} {
		if _, err := Parse(strings.NewReader(text)); !errors.Is(err, ErrNotACheckpoint) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestCompareFindsARemovedTailAndARewrittenLog(t *testing.T) {
	hashes := map[int64]string{1: "h1", 2: "h2", 3: "h3", 4: "h4"}
	hashAt := func(seq int64) (string, error) { return hashes[seq], nil }
	cp := Checkpoint{Count: 3, Head: "h3", CreatedAt: at}
	tests := []struct {
		name  string
		count int64
		cp    Checkpoint
		want  string
	}{
		{"same log", 3, cp, ""},
		{"log grew since", 4, cp, ""},
		{"tail removed", 2, cp, "1 entries were removed"},
		{"rewritten", 4, Checkpoint{Count: 3, Head: "other", CreatedAt: at}, "entry 3 of the log is not the one"},
		{"empty checkpoint", 0, Checkpoint{}, ""},
	}
	for _, tt := range tests {
		err := tt.cp.Compare(tt.count, hashAt)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
