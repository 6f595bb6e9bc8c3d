// The apply form: a CV over the size limit is caught in the browser, before minutes of upload
// on a phone end in a refusal (the server checks again, whatever this says).
(function () {
  "use strict";
  var input = document.getElementById("id_cv");
  if (!input) return;
  var limit = parseInt(input.dataset.maxBytes, 10);
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (file && limit && file.size > limit) {
      input.setCustomValidity(input.dataset.tooBig);
      input.reportValidity();
      input.value = "";
    } else {
      input.setCustomValidity("");
    }
  });
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus();
})();
