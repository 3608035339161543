package store

// ErasureTables exposes which tables deleting a person changes and which it keeps, for the
// coverage test.
func ErasureTables() (changed, kept []string) {
	for _, s := range erasureSteps {
		changed = append(changed, s.table)
	}
	return changed, erasureKeeps
}
