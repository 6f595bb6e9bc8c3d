// The candidate's Passion Test page: a live character count under each why answer, a submit
// that never races an autosave, and a visible warning when an autosave cannot reach the
// server. (htmx does the saving.)
(function () {
  "use strict";

  function updateCounter(textarea) {
    var counter = document.getElementById(textarea.dataset.counter);
    if (!counter) return;
    var left = textarea.maxLength - textarea.value.length;
    counter.textContent = textarea.value.length + " / " + textarea.maxLength + " characters";
    counter.classList.toggle("text-danger", left < 100);
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Submitting posts every answer. An autosave still on its way would race it (and be
    // refused once the test is submitted), so the submit waits for it; after the submit,
    // no autosave starts.
    var form = document.getElementById("passion-test");
    var submitting = false;
    var waitingToSubmit = false;
    var inFlight = 0;
    if (form) {
      form.addEventListener("submit", function (event) {
        if (inFlight > 0) {
          event.preventDefault();
          waitingToSubmit = true;
          return;
        }
        submitting = true;
      });
      document.body.addEventListener("htmx:confirm", function (event) {
        if (submitting) event.preventDefault();
      });
      document.body.addEventListener("htmx:beforeSend", function () { inFlight += 1; });
      document.body.addEventListener("htmx:afterRequest", function () {
        inFlight = Math.max(0, inFlight - 1);
        if (waitingToSubmit && inFlight === 0) {
          waitingToSubmit = false;
          form.requestSubmit();
        }
      });
    }
    document.querySelectorAll("textarea[data-counter]").forEach(function (textarea) {
      updateCounter(textarea);
      textarea.addEventListener("input", function () { updateCounter(textarea); });
    });
    document.body.addEventListener("htmx:sendError", function () {
      var status = document.getElementById("save-status");
      if (status) {
        status.insertAdjacentHTML(
          "beforeend",
          '<div class="alert alert-warning mb-0 mt-2 py-2 small" role="alert">' +
            "You seem to be offline; your latest answers are not saved yet. " +
            "They will be when you next change an answer or submit.</div>"
        );
      }
    });
  });
})();
