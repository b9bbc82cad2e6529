// Forms (docs/ui.md, "Forms"): when a page or an htmx swap brings an error summary, focus moves
// to it, so keyboard and screen-reader users hear what to correct; a link in the summary moves
// to its field and shows the field's label (or the legend of its group) with it.
(function () {
  "use strict";

  function focusSummary(root) {
    if (!root || !root.querySelector) {
      return;
    }
    var summary = root.matches && root.matches("[data-error-summary]")
      ? root
      : root.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  function labelFor(target) {
    var fieldset = target.closest("fieldset");
    if (fieldset && (target.type === "radio" || target.type === "checkbox")) {
      return fieldset.querySelector("legend") || target;
    }
    var labels = target.labels;
    return labels && labels.length ? labels[0] : target;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) {
      return;
    }
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    labelFor(target).scrollIntoView();
    target.focus({ preventScroll: true });
  });

  document.addEventListener("DOMContentLoaded", function () {
    focusSummary(document);
  });
  // htmx fires htmx:load for every piece of content it swaps in.
  document.addEventListener("htmx:load", function (event) {
    if (event.detail && event.detail.elt !== document.body) {
      focusSummary(event.detail.elt);
    }
  });
})();
