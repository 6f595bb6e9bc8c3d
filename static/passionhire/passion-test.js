// The candidate's Passion Test page: a live character count under each why answer, and a
// visible warning when an autosave cannot reach the server. (htmx does the saving.)
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
