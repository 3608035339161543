package measure

// Titles finds the title to show for a stored measure key; each lookup returns "" when it does
// not know the id, and the key itself is shown then.
type Titles struct {
	Course   func(id string) string
	Policy   func(id string) string
	Session  func(id string) string
	External func(id string) string
}

// Of returns the title of the measure a key names.
func (t Titles) Of(key string) string {
	r, err := ParseKey(key)
	if err != nil {
		return key
	}
	lookup := map[Kind]func(string) string{Course: t.Course, Policy: t.Policy, Session: t.Session, External: t.External}[r.Kind]
	if lookup != nil {
		if title := lookup(r.ID); title != "" {
			return title
		}
	}
	return key
}
