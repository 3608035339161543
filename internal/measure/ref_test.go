package measure

import "testing"

func TestParseReadsKindAndIDAndTakesABareIDAsCourse(t *testing.T) {
	tests := []struct {
		in      string
		want    Ref
		wantErr bool
	}{
		{"course:ki-sicher-nutzen", Ref{Course, "ki-sicher-nutzen"}, false},
		{"ki-grundlagen", Ref{Course, "ki-grundlagen"}, false},
		{" policy:dienstanweisung-ki ", Ref{Policy, "dienstanweisung-ki"}, false},
		{"session:workshop-genki", Ref{Session, "workshop-genki"}, false},
		{"external:zertifikat", Ref{External, "zertifikat"}, false},
		{"webinar:x", Ref{}, true},
		{"course:Bad_ID", Ref{}, true},
		{"course:", Ref{}, true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("Parse(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err == nil && tt.in == got.String() && got.String() != tt.in {
			t.Errorf("String() of %q = %q", tt.in, got.String())
		}
	}
	if s := (Ref{Policy, "dienstanweisung-ki"}).String(); s != "policy:dienstanweisung-ki" {
		t.Errorf("String() = %q", s)
	}
}

func TestKeyKeepsCourseIDsBareAndRoundTrips(t *testing.T) {
	tests := []struct {
		ref  Ref
		key  string
		kind Kind
	}{
		{Ref{Course, "ki-grundlagen"}, "ki-grundlagen", Course},
		{Ref{Policy, "dienstanweisung-ki"}, "policy:dienstanweisung-ki", Policy},
		{Ref{Session, "workshop-genki"}, "session:workshop-genki", Session},
		{Ref{External, "zertifikat"}, "external:zertifikat", External},
	}
	for _, tt := range tests {
		if got := tt.ref.Key(); got != tt.key {
			t.Errorf("%v.Key() = %q, want %q", tt.ref, got, tt.key)
		}
		back, err := ParseKey(tt.key)
		if err != nil || back != tt.ref {
			t.Errorf("ParseKey(%q) = %v, %v; want %v", tt.key, back, err, tt.ref)
		}
		if KindOfKey(tt.key) != tt.kind || IsCourseKey(tt.key) != (tt.kind == Course) {
			t.Errorf("KindOfKey(%q) = %q, want %q", tt.key, KindOfKey(tt.key), tt.kind)
		}
	}
}
