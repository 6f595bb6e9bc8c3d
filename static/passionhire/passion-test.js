// A page of the candidate's Passion Test: the save indicator, retries when a save cannot reach
// the server, a Next/Submit that never races an autosave, a live character count under each
// why answer, one statement per "most"/"least" choice in a block, and focus on the error
// summary. (htmx does the saving; without JavaScript the page is a plain form.)
(function () {
  "use strict";

  if (window.htmx) {
    // Our errors come back as the status panel (422, 404, 409, 410): show them. A 5xx or a
    // request that hangs is an error the script retries.
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "(404|409|410|422)", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
    ];
    htmx.config.timeout = 15000;
  }

  // Words in the page's language from Django's JavaScript catalog (/jsi18n/, loaded before
  // this file); English if it did not load.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%s/g, function () { return values.shift(); });
  };
  var STATES = {
    plain: gettext("Answers save when you move on"),
    idle: gettext("Answers save as you go"),
    saving: gettext("Saving…"),
    saved: gettext("Saved"),
    invalid: gettext("Not saved: see below"),
    refused: gettext("Not saved"),
    offline: gettext("Not saved — check your connection. Retrying…"),
  };
  var ICONS = { saved: "bi-cloud-check", invalid: "bi-exclamation-circle", refused: "bi-exclamation-circle", offline: "bi-wifi-off" };

  function setState(state) {
    var element = document.getElementById("save-state");
    if (!element || element.dataset.state === state) return;
    element.dataset.state = state;
    element.textContent = STATES[state];
    if (ICONS[state]) {
      var icon = document.createElement("i");
      icon.className = "bi " + ICONS[state] + " me-1";
      icon.setAttribute("aria-hidden", "true");
      element.prepend(icon);
    }
  }

  function updateCounter(textarea) {
    var counter = document.getElementById(textarea.dataset.counter);
    if (!counter) return;
    var left = textarea.maxLength - textarea.value.length;
    counter.textContent = interpolate(gettext("%s / %s characters"), [textarea.value.length, textarea.maxLength]);
    counter.classList.toggle("text-danger", left < 100);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("passion-test");
    // The error summary takes the focus (and role=alert reads it out); each of its links
    // moves the focus to the first control of its question.
    var summary = document.getElementById("form-errors");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        var target = link && document.getElementById(link.hash.slice(1));
        if (!target) return;
        event.preventDefault();
        (target.closest("fieldset") || target).scrollIntoView();
        target.focus({ preventScroll: true });
      });
    }
    if (!form) return;
    setState("idle"); // with this script, answers save on every change

    // Every change the candidate makes gets a number; a save carries the number of the
    // latest change it includes. Only the answer to a save that includes the latest change
    // may say "Saved": an older save coming back late leaves "Saving…" alone.
    var latestChange = 0;
    var inFlight = 0;
    var retryDelay = 2000;
    var retryTimer = null;
    var submitting = false;
    var pendingSubmitter = null;

    function changed() {
      latestChange += 1;
      setState("saving");
    }
    form.addEventListener("change", changed, true); // capture: before htmx sees the change
    form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA") changed();
    }, true);

    // A block: the statement picked as "most like me" cannot also be "least", and back.
    form.addEventListener("change", function (event) {
      var input = event.target;
      var row = input.closest(".ph-fc-row");
      if (!row || !input.checked) return;
      var other = row.querySelector(
        input.name.endsWith("-most") ? ".ph-fc-least input" : ".ph-fc-most input"
      );
      if (other && other.checked) other.checked = false;
    }, true);

    form.addEventListener("htmx:confirm", function (event) {
      if (submitting) event.preventDefault(); // the page is being sent whole anyway
    });
    form.addEventListener("htmx:beforeRequest", function (event) {
      inFlight += 1;
      event.detail.xhr.phChange = latestChange;
    });
    form.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.xhr.phChange !== latestChange) event.detail.shouldSwap = false;
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      inFlight = Math.max(0, inFlight - 1);
      var xhr = event.detail.xhr;
      if (xhr.phChange === latestChange && xhr.status) {
        if (xhr.status < 300) {
          setState("saved");
          retryDelay = 2000;
        } else if (xhr.status === 422) {
          setState("invalid");
        } else if (xhr.status < 500) {
          setState("refused");
        }
      }
      if (pendingSubmitter && inFlight === 0) {
        var submitter = pendingSubmitter;
        pendingSubmitter = null;
        form.requestSubmit(submitter);
      }
    });

    function retryLater() {
      setState("offline");
      if (retryTimer) return;
      retryTimer = window.setTimeout(function () {
        retryTimer = null;
        htmx.trigger(form, "ph:retry");
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }
    form.addEventListener("htmx:sendError", retryLater);
    form.addEventListener("htmx:timeout", retryLater);
    form.addEventListener("htmx:responseError", retryLater);

    // Next, Back and Submit post the whole page. A save still on its way would race it, so
    // they wait for it (keeping the button that was pressed); after that no save starts.
    form.addEventListener("submit", function (event) {
      if (inFlight > 0) {
        event.preventDefault();
        pendingSubmitter = event.submitter || null;
        return;
      }
      submitting = true;
    });

    form.querySelectorAll("textarea[data-counter]").forEach(function (textarea) {
      updateCounter(textarea);
      textarea.addEventListener("input", function () { updateCounter(textarea); });
    });
  });
})();
