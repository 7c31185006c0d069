// Register forms, a little help on top of plain HTML (everything works without it):
// - the error summary takes focus on load (where `autofocus` was not honoured), and its links
//   move focus into the field they name, not just scroll to it;
// - a form marked data-warn-unsaved asks before the page is left with changes not saved
//   (never after it was submitted); data-unsaved marks a form the server sent back holding
//   input that is not saved yet (a row just added, errors to correct).
(function () {
  "use strict";

  var FIELDS = "input:not([type=hidden]), select, textarea";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    if (document.activeElement !== summary && !summary.contains(document.activeElement)) {
      summary.focus();
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      var field = target && (target.matches(FIELDS) ? target : target.querySelector(FIELDS));
      if (!field) {
        return;
      }
      event.preventDefault();
      // Show the field with its label (and legend), then put the cursor in it.
      (target.closest(".field, fieldset") || target).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  function snapshot(form) {
    var data = new FormData(form);
    data.delete("csrf_token");
    return new URLSearchParams(data).toString();
  }

  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var initial = snapshot(form);
    var submitted = false;
    form.addEventListener("submit", function () {
      submitted = true;
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitted) {
        return;
      }
      if (!form.hasAttribute("data-unsaved") && snapshot(form) === initial) {
        return;
      }
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when returnValue is set
    });
  });
})();
