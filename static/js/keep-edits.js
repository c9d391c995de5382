/*
 * Keeps what an editor types on an admin page in this browser until the page is saved,
 * and offers it back if it was lost: after the idle sign-out, a closed tab or a crash.
 * Page text only; callback requests never load this script.
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.querySelector('#content-main form[id$="_form"]');
  if (!form || !window.localStorage) {
    return;
  }
  var key = "unsaved-edits:" + location.pathname;

  function editableFields() {
    return form.querySelectorAll("textarea[name], input[type=text][name]");
  }

  function remember() {
    var values = {};
    editableFields().forEach(function (field) {
      values[field.name] = field.value;
    });
    localStorage.setItem(key, JSON.stringify(values));
  }

  function differsFromPage(values) {
    return Object.keys(values).some(function (name) {
      var field = form.elements[name];
      return field && field.value !== values[name];
    });
  }

  function offer(values) {
    var box = document.createElement("div");
    box.className = "keep-edits";
    box.setAttribute("role", "alert");
    var message = document.createElement("p");
    message.textContent = "This page has changes you typed earlier that were not saved.";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button";
    restore.textContent = "Put back my unsaved changes";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button";
    discard.textContent = "Throw them away";
    restore.addEventListener("click", function () {
      Object.keys(values).forEach(function (name) {
        var field = form.elements[name];
        if (field) {
          field.value = values[name];
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      box.remove();
    });
    discard.addEventListener("click", function () {
      localStorage.removeItem(key);
      box.remove();
    });
    box.append(message, restore, " ", discard);
    form.prepend(box);
  }

  if (document.querySelector(".messagelist .success")) {
    localStorage.removeItem(key); // just saved: nothing is pending
  }
  var stored = JSON.parse(localStorage.getItem(key) || "null");
  if (stored && differsFromPage(stored)) {
    offer(stored);
  }
  form.addEventListener("input", remember);
});
