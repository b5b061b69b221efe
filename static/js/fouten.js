// Accessible errors: focus the error summary after a failed submit (issue 16 part 3).
//
// The server renders the summary (templates/includes/form_errors.html) above the form
// that failed, with id "foutoverzicht" and tabindex="-1". Here it receives the focus when
// the page loads and after an htmx swap, so a screen reader reads it and the keyboard
// continues from there; a link in it moves the focus to its field.
(function () {
  "use strict";

  // A summary or field inside a closed <details> ("Ik ben niet akkoord") is opened first.
  function openDetails(element) {
    for (var e = element.parentElement; e; e = e.parentElement) {
      if (e.tagName === "DETAILS" && !e.open) e.open = true;
    }
  }

  function focusSummary() {
    var summary = document.getElementById("foutoverzicht");
    if (!summary) {
      // A refusal that is no form error (a service said no) is an error message at the
      // top (templates/includes/messages.html): it takes the focus the same way.
      summary = document.querySelector(".messages .utrecht-alert--error");
      if (!summary) return;
      summary.setAttribute("tabindex", "-1");
    }
    if (summary.dataset.gefocust === "ja") return;
    summary.dataset.gefocust = "ja";
    openDetails(summary);
    summary.focus();
  }

  // The label or legend above a field, so that it is in view with the field.
  function labelFor(field) {
    var fieldset = field.closest("fieldset");
    if (fieldset && (field.type === "radio" || field.type === "checkbox")) {
      var legend = fieldset.querySelector("legend");
      if (legend) return legend;
    }
    if (field.id) {
      var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
      if (label) return label;
    }
    return field;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".foutoverzicht a[href^='#']");
    if (!link) return;
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    openDetails(field);
    labelFor(field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
  document.addEventListener("htmx:afterSettle", focusSummary);
})();
