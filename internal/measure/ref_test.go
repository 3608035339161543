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
