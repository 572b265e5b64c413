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
      // Vote forms are sent by sendVote, which has its own guard.
      if (form.hasAttribute("data-vote-form")) {
        return;
      }
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

  // One polite live region for messages of the scripts below.
  function announce(message) {
    var region = document.getElementById("live-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "live-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    // Empty first, so the same message twice is announced twice.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message || "";
    }, 100);
  }

  // The vote form with this action in a document (the action identifies the proposal).
  function findVoteForm(root, action) {
    var forms = root.querySelectorAll("form[data-vote-form]");
    for (var i = 0; i < forms.length; i += 1) {
      if (forms[i].action === action) {
        return forms[i];
      }
    }
    return null;
  }

  // The vote box in the fresh page that stands where `box` stands now.
  function matchingVoteBox(freshDocument, box, action) {
    var form = findVoteForm(freshDocument, action);
    if (form) {
      return form.closest("[data-vote-box]");
    }
    // No form any more (voting closed meanwhile): find it by the card around it.
    var holder = box.closest("[id]");
    if (holder) {
      var freshHolder = freshDocument.getElementById(holder.id);
      if (freshHolder) {
        return freshHolder.querySelector("[data-vote-box]");
      }
    }
    return null;
  }

  function showVoteError(box, message) {
    var alert = box.previousElementSibling;
    if (!alert || !alert.hasAttribute("data-vote-error")) {
      alert = document.createElement("p");
      alert.className = "alert alert--error";
      alert.setAttribute("data-vote-error", "");
      box.parentNode.insertBefore(alert, box);
    }
    alert.textContent = message;
    announce(message);
  }

  function clearVoteError(box) {
    var alert = box.previousElementSibling;
    if (alert && alert.hasAttribute("data-vote-error")) {
      alert.remove();
    }
  }

  function setBusy(form, busy) {
    form.querySelectorAll("button").forEach(function (button) {
      if (busy) {
        button.setAttribute("aria-disabled", "true");
      } else {
        button.removeAttribute("aria-disabled");
      }
    });
    if (busy) {
      form.dataset.sending = "true";
    } else {
      delete form.dataset.sending;
    }
  }

  // Put the fresh vote box (and the "votes left" notes) from the reloaded page in place.
  function replaceVoteParts(box, action, buttonIndex, message) {
    return fetch(window.location.href, {
      headers: { "Accept": "text/html" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("reload failed");
      }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      var freshBox = matchingVoteBox(fresh, box, action);
      if (!freshBox) {
        throw new Error("vote box not found");
      }
      var newBox = document.importNode(freshBox, true);
      box.replaceWith(newBox);
      var freshLeft = fresh.querySelectorAll("[data-votes-left]");
      document.querySelectorAll("[data-votes-left]").forEach(function (note, index) {
        if (freshLeft[index]) {
          note.replaceWith(document.importNode(freshLeft[index], true));
        }
      });
      // Focus the button at the same place as the one pressed, else the first one.
      var buttons = newBox.querySelectorAll("form[data-vote-form] button[type=submit]");
      var target = buttons[buttonIndex] || buttons[0];
      if (target) {
        target.focus();
      }
      var counts = newBox.querySelector("[data-vote-counts]");
      announce(message + (counts ? " " + counts.textContent.replace(/\s+/g, " ").trim() : ""));
    });
  }

  // If the script cannot do it, the form is sent the ordinary way (with the pressed button).
  function submitNatively(form, submitter) {
    form.dataset.nativeSubmit = "true";
    if (submitter && typeof form.requestSubmit === "function") {
      form.requestSubmit(submitter);
      return;
    }
    if (submitter && submitter.name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = submitter.name;
      input.value = submitter.value;
      form.appendChild(input);
    }
    form.submit();
  }

  // Voting without a reload: send the form, then refresh only its vote box.
  function sendVote(form, submitter) {
    var box = form.closest("[data-vote-box]");
    var action = form.action;
    var buttons = Array.prototype.slice.call(form.querySelectorAll("button[type=submit]"));
    var buttonIndex = Math.max(0, buttons.indexOf(submitter));
    // FormData(form) leaves out the pressed button; its name=value is the vote.
    var body = new FormData(form);
    if (submitter && submitter.name) {
      body.append(submitter.name, submitter.value);
    }
    setBusy(form, true);
    fetch(action, {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        return { ok: response.ok, data: data };
      });
    }).then(function (result) {
      if (!result.ok) {
        setBusy(form, false);
        showVoteError(box, result.data.message);
        return;
      }
      clearVoteError(box);
      replaceVoteParts(box, action, buttonIndex, result.data.message).catch(function () {
        // The vote is counted; if the page part cannot be refreshed, show the whole page.
        window.location.reload();
      });
    }).catch(function () {
      // No JSON answer (expired session, network): send the form the ordinary way.
      setBusy(form, false);
      submitNatively(form, submitter);
    });
  }

  function enhanceVoting() {
    if (!window.fetch || !window.FormData || !window.DOMParser) {
      return;
    }
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.hasAttribute("data-vote-form") || form.dataset.nativeSubmit === "true") {
        return;
      }
      // Without event.submitter (old browsers) the vote is unknown: let the form go as usual.
      if (!event.submitter) {
        return;
      }
      event.preventDefault();
      if (form.dataset.sending === "true") {
        return;
      }
      sendVote(form, event.submitter);
    });
    // Back from the back-forward cache: the script takes over again.
    window.addEventListener("pageshow", function () {
      document.querySelectorAll("form[data-vote-form]").forEach(function (form) {
        delete form.dataset.nativeSubmit;
        setBusy(form, false);
      });
    });
  }

  // While the title is typed, show proposals that look similar (fragment from our server).
  function similarProposals() {
    var source = document.querySelector("input[data-similar-source]");
    var container = document.getElementById("similar-proposals");
    if (!source || !container || !container.dataset.similarUrl || !window.fetch) {
      return;
    }
    var timer = null;
    var latest = 0;
    source.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var value = source.value.trim();
        latest += 1;
        var request = latest;
        if (value.length < 4) {
          container.textContent = "";
          return;
        }
        fetch(container.dataset.similarUrl + "?title=" + encodeURIComponent(value), {
          headers: { "Accept": "text/html" },
          credentials: "same-origin"
        }).then(function (response) {
          return response.ok ? response.text() : "";
        }).then(function (html) {
          // Only the answer to the latest request counts.
          if (request !== latest) {
            return;
          }
          html = html.trim();
          if (html) {
            container.innerHTML = html;
          } else {
            container.textContent = "";
          }
        }).catch(function () {
          // Without an answer the form simply works as before.
        });
      }, 400);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    preventDoubleSubmit();
    confirmButtons();
    enhanceVoting();
    similarProposals();
  });
})();
