/*
 * Pictures dropped, pasted or chosen with the "Choose a picture" button beside a Markdown
 * editor: uploaded, then put on a line of their
 * own as ![Describe this picture](address) with the placeholder selected, so the editor
 * types the description straight away. A refused file inserts nothing: its error is shown
 * beside the editor, naming the file that was chosen.
 *
 * This takes over from django-markdownx's own upload, which would put the text
 * "Invalid response" into the page on any error.
 */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var PLACEHOLDER = "Describe this picture";

  function csrfToken(editor) {
    var field = editor.form && editor.form.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function messageBox(editor) {
    var box = editor.parentNode.querySelector(".picture-upload-message");
    if (!box) {
      box = document.createElement("div");
      box.className = "picture-upload-message";
      box.setAttribute("role", "status");
      box.id = editor.id + "-upload-message";
      editor.parentNode.insertBefore(box, editor);
      var described = editor.getAttribute("aria-describedby");
      editor.setAttribute("aria-describedby", (described ? described + " " : "") + box.id);
    }
    return box;
  }

  function say(editor, text, isError) {
    var box = messageBox(editor);
    box.textContent = text;
    box.classList.toggle("errornote", Boolean(isError));
  }

  function insertPicture(editor, code) {
    var start = editor.selectionStart;
    var before = editor.value.slice(0, start);
    var after = editor.value.slice(editor.selectionEnd);
    // A blank line before and after: Markdown shows the picture as its own paragraph.
    var lead = before === "" ? "" : before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    var tail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    editor.value = before + lead + code + tail + after;
    var placeholderAt = before.length + lead.length + code.indexOf(PLACEHOLDER);
    editor.focus();
    editor.setSelectionRange(placeholderAt, placeholderAt + PLACEHOLDER.length);
    editor.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function upload(editor, file) {
    var body = new FormData();
    body.append("image", file);
    say(editor, "Adding " + file.name + "…", false);
    return fetch(editor.getAttribute("data-markdownx-upload-urls-path"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(editor) },
    })
      .then(function (response) {
        return response.json().catch(function () {
          return {};
        });
      })
      .then(function (answer) {
        if (answer.image_code) {
          insertPicture(editor, answer.image_code);
          say(editor, file.name + " was added. Type what the picture shows in place of the selected words.", false);
        } else {
          var reason = answer.image && answer.image[0];
          say(editor, reason || file.name + " was not added. Try again, or use a JPEG, PNG or WebP picture.", true);
        }
      })
      .catch(function () {
        say(editor, file.name + " was not added: the connection failed. Try again.", true);
      });
  }

  function uploadAll(editor, files) {
    Array.prototype.reduce.call(files, function (queue, file) {
      return queue.then(function () {
        return upload(editor, file);
      });
    }, Promise.resolve());
  }

  function takeFiles(event, files) {
    var editor = event.target;
    if (!editor.matches || !editor.matches(".markdownx-editor") || !files || !files.length) {
      return;
    }
    // Ours alone: django-markdownx's handler must not insert its own text as well.
    event.preventDefault();
    event.stopImmediatePropagation();
    uploadAll(editor, files);
  }

  // Not everyone can drag a file: a button opens the file chooser, and the picture goes
  // where the cursor was in the editor.
  function addChooseButton(editor) {
    var chooser = document.createElement("input");
    chooser.type = "file";
    chooser.accept = "image/jpeg,image/png,image/webp";
    chooser.multiple = true;
    chooser.hidden = true;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button choose-picture";
    button.textContent = "Choose a picture";
    button.setAttribute("aria-describedby", editor.id + "-choose-hint");
    var hint = document.createElement("span");
    hint.id = editor.id + "-choose-hint";
    hint.className = "help";
    hint.textContent = " or drag one into the text. It goes where the cursor is.";
    button.addEventListener("click", function () {
      chooser.click();
    });
    chooser.addEventListener("change", function () {
      if (chooser.files.length) {
        uploadAll(editor, chooser.files);
      }
      chooser.value = "";
    });
    var row = document.createElement("p");
    row.className = "choose-picture-row";
    row.append(button, hint, chooser);
    editor.parentNode.insertBefore(row, editor);
  }

  document.querySelectorAll(".markdownx-editor").forEach(addChooseButton);

  document.addEventListener("drop", function (event) {
    takeFiles(event, event.dataTransfer && event.dataTransfer.files);
  }, true);
  document.addEventListener("paste", function (event) {
    takeFiles(event, event.clipboardData && event.clipboardData.files);
  }, true);
});
