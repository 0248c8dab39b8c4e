// Intreccio's behaviour: progressive enhancement only; every page works
// without JavaScript. No inline handlers anywhere (strict CSP).
(function () {
  "use strict";

  // Forms that submit themselves when a <select> changes (language,
  // organisation): the visible submit button stays for keyboard and no-JS use.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.requestSubmit();
    }
  });

  // Confirmation for dangerous actions: <button data-confirm="...">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  // Copy-to-clipboard buttons: <button data-copy-target="#id">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-target]") : null;
    if (!button || !navigator.clipboard) return;
    var source = document.querySelector(button.getAttribute("data-copy-target"));
    if (source) navigator.clipboard.writeText(source.textContent.trim());
  });
})();
