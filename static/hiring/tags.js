// The tags panel of a candidate's page: a refused tag comes back as the panel with the form's
// errors (422), which htmx would not swap in by default. (Without JavaScript the forms post.)
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 422 && target && target.id === "tags") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // Keep the keyboard where it was: back in the tag field after a swap.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "tags") {
      var field = document.querySelector("#tags input[name=name]");
      if (field) field.focus();
    }
  });
})();
