package i18n

import "testing"

// T runs for nearly every text of every page (the template function "t").
func BenchmarkT(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		T("de", "nav.courses")
		T("en", "lesson.position", 2, 3)
	}
}
