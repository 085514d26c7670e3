// "Copy" buttons next to read-only fields (e.g. calendar addresses). Without
// JavaScript the buttons stay hidden and the field can be selected and copied.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copy);
      var status = document.getElementById(button.dataset.copy + "-status");
      if (!field) return;
      field.focus();
      field.select();
      var done = function () {
        if (status) status.textContent = button.dataset.copied || "";
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
