package browsertest

import (
	"testing"

	"github.com/ailit/ailit/internal/scorm/scormtest"
	"github.com/ailit/ailit/internal/store"
)

// au5 is a cmi5 AU as the spec has it launch: it reads its launch parameters, fetches the auth
// token, reads LMS.LaunchData and sends initialized, completed, passed and terminated, from the
// sandboxed frame (opaque origin, so every xAPI call is a CORS request with a preflight).
const au5 = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>AU</title></head>
<body><main><h1>AU</h1><p id="out">läuft</p></main><script src="au.js"></script></body></html>`

const au5Script = `(async function () {
  var out = document.getElementById("out");
  try {
    var q = new URLSearchParams(location.search);
    var token = (await (await fetch(q.get("fetch"), { method: "POST" })).json())["auth-token"];
    var h = { "Authorization": "Basic " + token, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };
    var ld = await (await fetch(q.get("endpoint") + "activities/state?stateId=LMS.LaunchData&activityId=" +
      encodeURIComponent(q.get("activityId")) + "&registration=" + q.get("registration"), { headers: h })).json();
    var send = async function (verb, result) {
      var s = { actor: JSON.parse(q.get("actor")), verb: { id: "http://adlnet.gov/expapi/verbs/" + verb },
        object: { id: q.get("activityId") }, context: ld.contextTemplate };
      if (result) { s.result = result; }
      var r = await fetch(q.get("endpoint") + "statements", { method: "POST", headers: h, body: JSON.stringify(s) });
      return r.status;
    };
    var codes = [await send("initialized"), await send("completed", { completion: true }),
      await send("passed", { success: true, score: { scaled: 1 } }), await send("terminated")];
    out.textContent = "moveOn=" + ld.moveOn + " statements=" + codes.join(",");
  } catch (e) {
    out.textContent = "Fehler: " + e;
  }
})();`

// TestCMI5AUCompletesItsCourseFromTheSandboxedFrame runs a cmi5 AU the test builds in a real
// browser: the fetch URL, LMS.LaunchData and the statements reach the server from the frame's
// opaque origin, and the course reaches 100 %.
func TestCMI5AUCompletesItsCourseFromTheSandboxedFrame(t *testing.T) {
	dir := t.TempDir()
	scormtest.WriteCourse(t, dir, "paketcmi5", "cmi5", map[string]string{
		"cmi5.xml": `<?xml version="1.0"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://ailit.example/paketcmi5"><title><langstring lang="de">AU-Kurs</langstring></title></course>
  <au id="https://ailit.example/paketcmi5/au1" moveOn="CompletedAndPassed"><url>index.html</url></au>
</courseStructure>`,
		"index.html": au5, "au.js": au5Script,
	})
	srv := Start(t, Options{CoursesDir: dir})
	srv.CreateUser(t, "ina@example.org", "ina-password-1", store.RoleLearner)
	tab := srv.NewTab(t)
	Login(t, tab, "ina@example.org", "ina-password-1")
	Open(t, tab, "/courses/paketcmi5")
	if status := ClickButton(t, tab, "Kurs beginnen"); status != 200 {
		t.Fatalf("enrolling: status %d", status)
	}
	Open(t, tab, "/courses/paketcmi5/v/1.0.0/m/paket")
	frame := packageFrame(t, tab)
	waitInFrame(t, frame, "#out", "moveOn=CompletedAndPassed statements=200,200,200,200")
	Open(t, tab, "/courses/paketcmi5")
	AssertText(t, tab, ".learn-course", "100 % erledigt")
}
