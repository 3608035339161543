package browsertest

import (
	"path/filepath"
	"testing"

	"github.com/ailit/ailit/internal/scorm/scormtest"
	"github.com/ailit/ailit/internal/store"
)

// sco2004 finds API_1484_11 as packages do and makes the calls authoring tools make, with the
// error calls of the adapter (GetLastError, GetErrorString, GetDiagnostic), and writes what it saw
// into the page.
const sco2004 = `(function () {
  var win = window, api = null;
  for (var i = 0; i < 10 && win; i++) { try { if (win.API_1484_11) { api = win.API_1484_11; break; } } catch (e) { break; } if (win.parent === win) break; win = win.parent; }
  var out = [];
  out.push("init=" + api.Initialize(""));
  out.push("bad=" + api.SetValue("cmi.completion_status", "fertig") + "/" + api.GetLastError() + "/" + api.GetErrorString(api.GetLastError()));
  out.push("diag=" + (api.GetDiagnostic("").indexOf("completion_status") >= 0));
  out.push("entry=" + api.GetValue("cmi.entry"));
  api.SetValue("cmi.location", "s2");
  api.SetValue("cmi.score.scaled", "0.8");
  api.SetValue("cmi.success_status", "passed");
  out.push("set=" + api.SetValue("cmi.completion_status", "completed") + "/" + api.GetLastError());
  out.push("commit=" + api.Commit(""));
  out.push("term=" + api.Terminate(""));
  out.push("after=" + api.GetValue("cmi.location") + "/" + api.GetLastError());
  document.getElementById("out").textContent = out.join(" ");
})();`

// TestSCORM2004PackageTalksToTheAdapterAndCompletesTheCourse runs a SCORM 2004 package that the
// test builds: every call goes through web/static/scorm-api.js to the server, and the course
// reaches 100 %.
func TestSCORM2004PackageTalksToTheAdapterAndCompletesTheCourse(t *testing.T) {
	dir := t.TempDir()
	scormtest.WriteCourse(t, dir, "paket2004", "scorm2004", scormtest.Package("scorm2004", sco2004))
	srv := Start(t, Options{CoursesDir: filepath.Join(dir)})
	srv.CreateUser(t, "ole@example.org", "ole-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "ole@example.org", "ole-password-1")
	Open(t, tab, "/courses/paket2004")
	if status := ClickButton(t, tab, "Kurs beginnen"); status != 200 {
		t.Fatalf("enrolling: status %d", status)
	}
	Open(t, tab, "/courses/paket2004/v/1.0.0/m/paket")
	frame := packageFrame(t, tab)
	waitInFrame(t, frame, "#out", "init=true bad=false/406/Data Model Element Type Mismatch diag=true entry=ab-initio "+
		"set=true/0 commit=true term=true after=/123")
	Open(t, tab, "/courses/paket2004")
	AssertText(t, tab, ".learn-course", "100 % erledigt")
}
