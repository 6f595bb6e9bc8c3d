// Candidates see offered times in their own time zone: each <time class="ph-local-time"> is
// rewritten from its UTC datetime with the browser's zone (the server text is the fallback).
(function () {
  "use strict";
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // In the page's language (<html lang>), as the server wrote it.
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
  });
  document.querySelectorAll("time.ph-local-time").forEach(function (el) {
    const when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) { el.textContent = format.format(when); }
  });
  document.querySelectorAll(".ph-tz-name").forEach(function (el) {
    const name = (zone || "UTC").replace(/_/g, " ");
    el.textContent = el.dataset.yours ? name + " " + el.dataset.yours : name;
  });
})();
