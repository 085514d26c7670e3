// Swagger UI draws a parameter's value field (a select of its allowed values, a text box)
// without a label; name each after its parameter so that screen readers say what it is.
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      var name = row.getAttribute("data-param-name");
      row.querySelectorAll(".parameters-col_description select, .parameters-col_description input, .parameters-col_description textarea")
        .forEach(function (field) {
          if (!field.hasAttribute("aria-label") && !field.labels?.length) {
            field.setAttribute("aria-label", name);
          }
        });
    });
  }
  new MutationObserver(function () { label(document); })
    .observe(document.body, { childList: true, subtree: true });
})();
