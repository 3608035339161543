// ailit's SCORM API adapter (EUPL-1.2). ailit puts this file as the first script into every HTML
// page of a SCORM package it serves under /pkg/<token>/. The package frame is sandboxed without
// allow-same-origin, so it cannot reach the platform's window; the adapter therefore lives in the
// package's own window, where the SCORM API discovery looks first (window.API for SCORM 1.2,
// window.API_1484_11 for SCORM 2004). Every call goes synchronously to the server, which holds
// the data model and the state machine (internal/scorm) and answers with the value and the SCORM
// error code. When the page goes away without LMSFinish/Terminate, a beacon ends the session,
// so a package that never calls Commit loses nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    return;
  }
  var api = script.getAttribute("data-ailit-api");
  var kind = script.getAttribute("data-ailit-kind");
  var lastError = 0;
  var lastDiagnostic = "";
  var running = false;
  // This load of the page: the server ignores a late unload beacon of an earlier load.
  var page = Math.random().toString(36).slice(2) + Date.now().toString(36);

  function send(method, element, value) {
    var body = JSON.stringify({ method: method, element: element === undefined || element === null ? "" : String(element),
      value: value === undefined || value === null ? "" : String(value), page: page });
    try {
      var xhr = new XMLHttpRequest();
      xhr.open("POST", api, false); // SCORM calls return their value at once
      xhr.setRequestHeader("Content-Type", "text/plain;charset=UTF-8");
      xhr.send(body);
      if (xhr.status === 200 || xhr.status === 404) {
        return JSON.parse(xhr.responseText);
      }
    } catch (e) {
      // fall through: the platform could not be reached
    }
    return { result: "false", error: 101, diagnostic: "the platform could not be reached" };
  }

  function call(method, element, value) {
    var answer = send(method, element, value);
    lastError = answer.error || 0;
    lastDiagnostic = answer.diagnostic || "";
    if (lastError === 0 && method === "Initialize") {
      running = true;
    }
    if (lastError === 0 && method === "Terminate") {
      running = false;
    }
    return answer.result === undefined ? "" : String(answer.result);
  }

  function errorString(code) {
    return String(send("GetErrorString", code).result || "");
  }

  function diagnostic(code) {
    if (code === undefined || code === null || code === "" || String(code) === String(lastError)) {
      return lastDiagnostic;
    }
    return errorString(code);
  }

  if (kind === "scorm12") {
    window.API = {
      LMSInitialize: function (p) { return call("Initialize", p); },
      LMSFinish: function (p) { return call("Terminate", p); },
      LMSGetValue: function (e) { return call("GetValue", e); },
      LMSSetValue: function (e, v) { return call("SetValue", e, v); },
      LMSCommit: function (p) { return call("Commit", p); },
      LMSGetLastError: function () { return String(lastError); },
      LMSGetErrorString: function (c) { return errorString(c); },
      LMSGetDiagnostic: function (c) { return diagnostic(c); }
    };
  } else {
    window.API_1484_11 = {
      version: "1.0",
      Initialize: function (p) { return call("Initialize", p); },
      Terminate: function (p) { return call("Terminate", p); },
      GetValue: function (e) { return call("GetValue", e); },
      SetValue: function (e, v) { return call("SetValue", e, v); },
      Commit: function (p) { return call("Commit", p); },
      GetLastError: function () { return String(lastError); },
      GetErrorString: function (c) { return errorString(c); },
      GetDiagnostic: function (c) { return diagnostic(c); }
    };
  }

  // Leaving the page without LMSFinish/Terminate: the server ends the session (counts the time,
  // applies the mastery score, maps completion to the module). Synchronous requests are not
  // allowed while a page unloads, so this is a beacon; it carries no cookie, the token in the
  // URL is its credential.
  window.addEventListener("pagehide", function () {
    if (running && navigator.sendBeacon) {
      navigator.sendBeacon(api, JSON.stringify({ method: "Abandon", page: page }));
      running = false;
    }
  });
})();
