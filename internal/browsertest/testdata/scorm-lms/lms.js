/* A minimal SCORM 1.2 run-time (the API object an LMS puts into the window that frames a SCO),
   written for the browser journey: it speaks the real call protocol of the SCORM 1.2 RTE
   (string results "true"/"false", error codes 0/101/201/301/405) and records every call. */
window.lmsCalls = [];
window.lmsData = { "cmi.core.lesson_status": "not attempted", "cmi.core.student_name": "Test, Tina" };
window.lmsCommitted = null;
(function () {
  var state = "new", err = "0";
  var statuses = ["passed", "completed", "failed", "incomplete", "browsed", "not attempted"];
  function running() { if (state !== "running") { err = "301"; return false; } err = "0"; return true; }
  window.API = {
    LMSInitialize: function (p) {
      lmsCalls.push("LMSInitialize");
      if (p !== "") { err = "201"; return "false"; }
      if (state === "running") { err = "101"; return "false"; }
      state = "running"; err = "0"; return "true";
    },
    LMSFinish: function (p) {
      lmsCalls.push("LMSFinish");
      if (!running()) { return "false"; }
      state = "finished"; return "true";
    },
    LMSGetValue: function (k) {
      lmsCalls.push("LMSGetValue " + k);
      return running() ? (lmsData[k] || "") : "";
    },
    LMSSetValue: function (k, v) {
      lmsCalls.push("LMSSetValue " + k + "=" + v);
      if (!running()) { return "false"; }
      if (k === "cmi.core.lesson_status" && statuses.indexOf(v) < 0) { err = "405"; return "false"; }
      if (k === "cmi.core.score.raw" && (isNaN(parseFloat(v)) || v < 0 || v > 100)) { err = "405"; return "false"; }
      lmsData[k] = String(v); return "true";
    },
    LMSCommit: function (p) {
      lmsCalls.push("LMSCommit");
      if (!running()) { return "false"; }
      lmsCommitted = JSON.parse(JSON.stringify(lmsData)); return "true";
    },
    LMSGetLastError: function () { return err; },
    LMSGetErrorString: function (c) { return { "0": "No error", "101": "General exception", "201": "Invalid argument error", "301": "Not initialized", "405": "Incorrect Data Type" }[c] || ""; },
    LMSGetDiagnostic: function () { return ""; }
  };
  var params = new URLSearchParams(location.search);
  if (params.get("status")) { lmsData["cmi.core.lesson_status"] = params.get("status"); }
  if (params.get("score")) { lmsData["cmi.core.score.raw"] = params.get("score"); }
  document.addEventListener("DOMContentLoaded", function () {
    var sco = params.get("sco");
    if (sco) { document.getElementById("sco").src = sco; }
  });
}());
