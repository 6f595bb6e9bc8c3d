// A role's board: drag a card to another column (SortableJS), or send its "Move to…" form,
// and htmx posts the move. A column accepts only the moves the card's menu offers; a move
// that needs a reason asks for it first. A refused move (stale, or against the flow) puts the
// card back and says why. Without JavaScript the menus are plain forms.
(function () {
  "use strict";

  var board, status, dialog, pending;

  function csrf() {
    return document.querySelector("[name=csrfmiddlewaretoken]").value;
  }

  function label(stage) {
    var heading = document.getElementById("col-" + stage);
    return heading ? heading.firstChild.textContent.trim() : stage;
  }

  function needsReason(stage) {
    return board.dataset.reasonNeeded.split(" ").indexOf(stage) !== -1;
  }

  function allowed(card, stage) {
    return (card.dataset.targets || "").split(" ").indexOf(stage) !== -1;
  }

  function say(html) {
    status.innerHTML = html;
  }

  // The page's own words (board.html writes them translated into data attributes).
  function sayRefused(text) {
    var alert = document.createElement("div");
    alert.className = "alert alert-danger py-2 px-3 small mb-0";
    alert.textContent = text;
    status.replaceChildren(alert);
  }

  function putBack(card) {
    var origin = card.phOrigin;
    if (!origin) return;
    origin.list.insertBefore(card, origin.list.children[origin.index] || null);
    card.classList.remove("ph-card-moving");
  }

  function send(card, stage, reason, byKeyboard) {
    var id = card.id;
    card.classList.add("ph-card-moving");
    htmx
      .ajax("POST", card.dataset.moveUrl, {
        source: card,
        target: card,
        swap: "outerHTML",
        values: {
          to: stage,
          seen_stage: card.dataset.stage,
          reason: reason || "",
          csrfmiddlewaretoken: csrf(),
        },
      })
      .then(function () {
        // After a move from the keyboard, the focus stays on the moved card.
        var moved = document.getElementById(id);
        if (byKeyboard && moved && moved.dataset.stage === stage) {
          moved.querySelector(".ph-card-name").focus();
        }
      });
  }

  // Ask for the reason of a move that needs one; `then(reason)` sends it, a cancel puts the
  // card back.
  function askReason(card, stage) {
    pending = { card: card, stage: stage };
    document.getElementById("move-reason-what").textContent = board.dataset.sayMove
      .replace("{name}", function () { return card.dataset.name; })
      .replace("{stage}", function () { return label(stage); });
    document.getElementById("move-reason-text").value = "";
    dialog.showModal();
  }

  function move(card, stage, reason, byKeyboard) {
    if (needsReason(stage) && !reason) {
      askReason(card, stage);
      return;
    }
    send(card, stage, reason, byKeyboard);
  }

  function remember(card) {
    var list = card.parentNode;
    card.phOrigin = { list: list, index: Array.prototype.indexOf.call(list.children, card) };
  }

  function listOf(stage) {
    return board.querySelector(".ph-board-list[data-stage='" + stage + "']");
  }

  document.addEventListener("DOMContentLoaded", function () {
    board = document.querySelector(".ph-board-wrap");
    if (!board || !window.htmx || !window.Sortable) return;
    // htmx copies an element's style attribute onto its replacement as it settles; SortableJS
    // leaves one on a dropped card, and our Content-Security-Policy refuses inline styles.
    htmx.config.attributesToSettle = ["class", "width", "height"];
    status = document.getElementById("board-status");
    dialog = document.getElementById("move-reason");

    board.querySelectorAll(".ph-board-list").forEach(function (list) {
      Sortable.create(list, {
        group: {
          name: "board",
          pull: true,
          put: function (to, from, dragged) {
            return allowed(dragged, to.el.dataset.stage);
          },
        },
        draggable: ".ph-card-movable",
        filter: "a, details, summary, select, textarea, button, input, label",
        preventOnFilter: false,
        sort: false,
        animation: 150,
        delay: 200,
        delayOnTouchOnly: true,
        onAdd: function (event) {
          event.item.phOrigin = { list: event.from, index: event.oldIndex };
          move(event.item, event.to.dataset.stage, "", false);
        },
      });
    });

    // The "Move to…" menu: the same move, sent with htmx; the card goes to its new column
    // at once and comes back if the move is refused.
    board.addEventListener("submit", function (event) {
      var form = event.target.closest(".ph-move-form");
      if (!form) return;
      event.preventDefault();
      var card = form.closest(".ph-card");
      var stage = form.elements.to.value;
      var reason = form.elements.reason.value.trim();
      remember(card);
      var list = listOf(stage);
      if (list) list.prepend(card);
      move(card, stage, reason, true);
    });

    document.getElementById("move-reason-form").addEventListener("submit", function (event) {
      var reason = document.getElementById("move-reason-text").value.trim();
      if (!reason) {
        event.preventDefault();
        return;
      }
      var job = pending;
      pending = null;
      dialog.close();
      send(job.card, job.stage, reason, job.card.contains(document.activeElement));
    });
    document.getElementById("move-reason-cancel").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (pending) {
        putBack(pending.card);
        say("");
        pending = null;
      }
    });

    // Our refusals (409 stale, 422 against the flow or without a reason) come back as a
    // short message: show it and put the card back where it was.
    document.body.addEventListener("htmx:responseError", function (event) {
      var card = event.detail.elt;
      if (!card.classList || !card.classList.contains("ph-card")) return;
      putBack(card);
      var xhr = event.detail.xhr;
      if (xhr.status === 409 || xhr.status === 422) {
        say(xhr.responseText);
      } else {
        sayRefused(board.dataset.sayFailed);
      }
    });
    document.body.addEventListener("htmx:sendError", function (event) {
      var card = event.detail.elt;
      if (!card.classList || !card.classList.contains("ph-card")) return;
      putBack(card);
      sayRefused(board.dataset.sayOffline);
    });
  });
})();
