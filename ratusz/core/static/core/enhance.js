// Small enhancements; every page works without them (the elements they use
// start hidden and are shown here).
(function () {
  "use strict";

  // "Copy" buttons next to read-only fields (calendar addresses).
  function setUpCopy(root) {
    root.querySelectorAll("button[data-copy]:not([data-ready])").forEach(function (button) {
      button.dataset.ready = "1";
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
  }

  // Checkbox pickers: a filter box that narrows the list, and a count of what is ticked.
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l");
  }

  function setUpPickers(root) {
    root.querySelectorAll("[data-picker]:not([data-ready])").forEach(function (picker) {
      picker.dataset.ready = "1";
      var filter = picker.querySelector("[data-picker-filter]");
      var count = picker.querySelector("[data-picker-count]");
      var options = Array.prototype.slice.call(picker.querySelectorAll(".picker-option"));
      var texts = options.map(function (option) { return fold(option.textContent); });
      var boxes = picker.querySelectorAll("input[type=checkbox]");
      function recount() {
        var ticked = 0;
        boxes.forEach(function (box) { if (box.checked) ticked += 1; });
        if (count) count.textContent = count.dataset.pickerTemplate.replace("%(count)s", ticked);
      }
      if (filter) {
        filter.hidden = false;
        filter.addEventListener("input", function () {
          var words = fold(filter.value).split(/\s+/).filter(Boolean);
          options.forEach(function (option, index) {
            option.hidden = !words.every(function (word) { return texts[index].indexOf(word) !== -1; });
          });
        });
        // Enter in the filter must not submit the form.
        filter.addEventListener("keydown", function (event) {
          if (event.key === "Enter") event.preventDefault();
        });
      }
      picker.addEventListener("change", recount);
      recount();
    });
  }

  function setUp(root) {
    setUpCopy(root);
    setUpPickers(root);
  }

  setUp(document);
  // Parts of pages loaded by HTMX (filters, panels) get the same enhancements.
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
