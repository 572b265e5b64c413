// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen-reader users hear what to fix.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }
  }

  // A second click on a submit button must not send the form twice.
  function preventDoubleSubmit() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.dataset.submitted === "true") {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "true";
      var buttons = form.querySelectorAll("button[type=submit]");
      buttons.forEach(function (button) {
        button.setAttribute("aria-disabled", "true");
      });
      // Allow a new submission when the page is shown again from the back-forward cache.
      window.addEventListener("pageshow", function () {
        form.dataset.submitted = "false";
        buttons.forEach(function (button) {
          button.removeAttribute("aria-disabled");
        });
      }, { once: true });
    });
  }

  // Buttons that remove something ask once more.
  function confirmButtons() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-confirm]");
      if (button && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    preventDoubleSubmit();
    confirmButtons();
  });
})();
