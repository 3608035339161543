package scorm

import "testing"

func TestCMI5MoveOnDecidesWhetherTheModuleIsDone(t *testing.T) {
	const reg = "6f1e2f3a-0000-4000-8000-000000000001"
	stmt := func(verb string) string {
		return `{"verb":{"id":"http://adlnet.gov/expapi/verbs/` + verb + `"},"context":{"registration":"` + reg + `"}}`
	}
	for _, tc := range []struct {
		moveOn string
		verbs  []string
		done   bool
	}{
		{"Completed", []string{"initialized", "completed"}, true},
		{"Completed", []string{"initialized", "passed"}, false},
		{"Passed", []string{"passed"}, true},
		{"Passed", []string{"failed"}, false},
		{"CompletedAndPassed", []string{"completed"}, false},
		{"CompletedAndPassed", []string{"completed", "passed"}, true},
		{"CompletedOrPassed", []string{"passed"}, true},
		{"CompletedOrPassed", []string{"initialized", "terminated"}, false},
		{"NotApplicable", []string{"initialized"}, true},
		{"NotApplicable", nil, false},
	} {
		st := NewState(KindCMI5)
		st.CMI5 = &CMI5{Registration: reg}
		for _, v := range tc.verbs {
			if _, err := st.ApplyStatements([]byte(stmt(v))); err != nil {
				t.Fatal(err)
			}
		}
		if got := st.Outcome(tc.moveOn).ModuleDone(); got != tc.done {
			t.Errorf("moveOn %s after %v: done = %v, want %v", tc.moveOn, tc.verbs, got, tc.done)
		}
	}
	st := NewState(KindCMI5)
	st.CMI5 = &CMI5{Registration: reg}
	for _, bad := range []string{"kein json", `{"verb":{"id":""},"context":{"registration":"` + reg + `"}}`,
		`[` + stmt("completed") + `,{"verb":{"id":"x"},"context":{"registration":"fremd"}}]`} {
		if _, err := st.ApplyStatements([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
	if st.CMI5.Completed || st.CMI5.Statements != 0 {
		t.Errorf("a refused batch left traces: %+v", st.CMI5)
	}
}
