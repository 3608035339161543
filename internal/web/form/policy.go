package form

import "net/url"

// PolicyConfirm is the confirmation of a policy document: the version and content hash the person
// read (from hidden fields) and the box they ticked.
type PolicyConfirm struct {
	Version, Hash string
	Read          bool
}

// NewPolicyConfirm reads the form.
func NewPolicyConfirm(form url.Values) PolicyConfirm {
	return PolicyConfirm{Version: trimmed(form, "version"), Hash: trimmed(form, "hash"), Read: form.Get("read") == "1"}
}

// Validate checks that the box is ticked and that the person read the version now in force
// (latestVersion, latestHash): a version published while they read asks them to read again.
func (f PolicyConfirm) Validate(latestVersion, latestHash string) Errors {
	errs := Errors{}
	if !f.Read {
		errs["read"] = "policy.err.read"
	}
	if f.Version != latestVersion || f.Hash != latestHash {
		errs["read"] = "policy.err.changed"
	}
	return errs
}
