// "Share this role": copy a personal link, or hand it to the device's share sheet where the
// browser has one (navigator.share). Without JavaScript the link is still there to select.
// Its words come from the buttons' data- attributes, in the page's language.
(function () {
  "use strict";
  function status(id, text) {
    const el = document.querySelector('[data-ph-copy-status="' + id + '"]');
    if (el) { el.textContent = text; }
  }
  function copyFallback(input) {
    input.focus();
    input.select();
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }
  document.querySelectorAll("[data-ph-copy]").forEach(function (button) {
    const id = button.getAttribute("data-ph-copy");
    const input = document.getElementById(id);
    if (!input) { return; }
    button.addEventListener("click", function () {
      const done = function () {
        status(id, button.getAttribute("data-ph-copied") || "Copied. Paste it wherever you like.");
      };
      const failed = function () {
        if (copyFallback(input)) { done(); } else {
          status(id, button.getAttribute("data-ph-copy-failed") || "Select the link and copy it.");
        }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, failed);
      } else {
        failed();
      }
    });
  });
  if (typeof navigator.share !== "function") { return; }
  document.querySelectorAll("[data-ph-share]").forEach(function (button) {
    const input = document.getElementById(button.getAttribute("data-ph-share"));
    if (!input) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({
        title: button.getAttribute("data-ph-share-title") || document.title,
        text: button.getAttribute("data-ph-share-text") || "We're hiring, and I thought of you.",
        url: input.value,
      }).catch(function () { /* the person closed the share sheet */ });
    });
  });
})();
