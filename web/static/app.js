// ailit: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary after a form was rejected, so screen readers announce it.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
