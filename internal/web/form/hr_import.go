package form

import (
	"net/url"
	"strconv"

	"github.com/ailit/ailit/internal/importer"
)

// HRImport is the choice on the HR import page: what the file stands for (upload and apply form)
// and, for a mass deactivation, the number typed to confirm it (apply form).
type HRImport struct {
	Mode    importer.Mode // valid after Validate
	Confirm string        // as typed
	rawMode string
}

// ParseHRImport reads the form; an absent mode is the full list.
func ParseHRImport(form url.Values) HRImport {
	f := HRImport{rawMode: trimmed(form, "mode"), Confirm: trimmed(form, "confirm")}
	f.Mode, _ = importer.ParseMode(f.rawMode)
	return f
}

// Validate checks the mode. Whether the typed number is right only the plan knows, when it is
// applied (importer.Plan.Confirmed).
func (f HRImport) Validate() Errors {
	if _, ok := importer.ParseMode(f.rawMode); !ok {
		return Errors{"mode": "import.err.mode"}
	}
	return nil
}

// ConfirmedDeactivations is the typed number, 0 when nothing or no number was typed.
func (f HRImport) ConfirmedDeactivations() int {
	n, err := strconv.Atoi(f.Confirm)
	if err != nil {
		return 0
	}
	return n
}
