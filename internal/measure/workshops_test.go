package measure_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ailit/ailit/internal/measure"
)

// workshopKits are the trainer guides shipped in docs/workshops with the length each promises.
var workshopKits = map[string]int{
	"genki-praxis-90.md":           90,
	"ki-aufsicht-fallwerkstatt.md": 180,
}

var (
	kitScheduleRow = regexp.MustCompile(`(?m)^\| (\d+):(\d\d) \| (\d+) min \|`)
	kitSessionKey  = regexp.MustCompile("`(session:[^`]+)`")
)

// TestShippedWorkshopKitsGiveATrainerWhatTheyNeed reads every kit as a trainer would: an English
// summary first, a schedule whose rows follow on from each other and add up to the length the kit
// promises, exercises, material, what attendance covers, and one live-session key that ailit
// accepts, which docs/measures.md lists so that assignments and inventory rules can require it.
func TestShippedWorkshopKitsGiveATrainerWhatTheyNeed(t *testing.T) {
	dir := filepath.Join("..", "..", "docs", "workshops")
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(workshopKits) {
		t.Errorf("docs/workshops has %d kits, want %d (add a new kit to workshopKits with its length)", len(files), len(workshopKits))
	}
	measures, err := os.ReadFile(filepath.Join("..", "..", "docs", "measures.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, minutes := range workshopKits {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		text := string(raw)
		if _, rest, _ := strings.Cut(text, "\n\n"); !strings.HasPrefix(rest, "> **English summary.**") {
			t.Errorf("%s: the text after the title is not the English summary", name)
		}
		for _, section := range []string{"## 3. Ablauf", "## 4. Die ", "## 5. Material", "## 6. Lösungen", "## 7. Was die Teilnahme abdeckt", "## 8. Quellen"} {
			if !strings.Contains(text, "\n"+section) {
				t.Errorf("%s has no section %q", name, section)
			}
		}

		rows := kitScheduleRow.FindAllStringSubmatch(text, -1)
		if len(rows) < 4 {
			t.Errorf("%s: the schedule has %d timed rows, want at least 4", name, len(rows))
		}
		at := 0
		for _, r := range rows {
			h, _ := strconv.Atoi(r[1])
			m, _ := strconv.Atoi(r[2])
			length, _ := strconv.Atoi(r[3])
			if start := h*60 + m; start != at {
				t.Errorf("%s: the row starting at %s:%s should start at %d:%02d", name, r[1], r[2], at/60, at%60)
			}
			at = h*60 + m + length
		}
		if at != minutes {
			t.Errorf("%s: the schedule ends after %d minutes, the kit promises %d", name, at, minutes)
		}

		keys := map[string]bool{}
		for _, k := range kitSessionKey.FindAllStringSubmatch(text, -1) {
			keys[k[1]] = true
		}
		if len(keys) != 1 {
			t.Errorf("%s names the session keys %v, want exactly one", name, keys)
		}
		for key := range keys {
			ref, err := measure.ParseKey(key)
			if err != nil || ref.Kind != measure.Session {
				t.Errorf("%s: %s is not a live-session key ailit accepts (%v)", name, key, err)
			}
			if !strings.Contains(string(measures), "`"+key+"`") || !strings.Contains(string(measures), "workshops/"+name) {
				t.Errorf("docs/measures.md does not list %s with its key %s", name, key)
			}
		}
	}
}
