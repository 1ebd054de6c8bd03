// Giving pages: draw the progress bar from its data attribute (no inline styles under our CSP),
// show the processing fee for the chosen amount, and offer "copy the link" where the browser can.
(function () {
  "use strict";
  document.querySelectorAll(".progress__bar[data-percent]").forEach(function (bar) {
    bar.style.width = Math.min(100, Number(bar.dataset.percent) || 0) + "%";
  });

  var form = document.querySelector("form[data-fee-basis-points]");
  if (form) {
    var note = form.querySelector("[data-fee-note]");
    var basis = Number(form.dataset.feeBasisPoints);
    var fixed = Number(form.dataset.feeFixedCents);
    var template = note ? note.textContent : "";
    var chosenCents = function () {
      var checked = form.querySelector("input[name=amount]:checked");
      if (!checked) return 0;
      if (checked.value !== "other") return Number(checked.value);
      var typed = form.querySelector("input[name=other_amount]").value.replace(/[$,\s]/g, "");
      var dollars = Number(typed);
      return typed && isFinite(dollars) ? Math.round(dollars * 100) : 0;
    };
    var update = function () {
      var gift = chosenCents();
      if (!note) return;
      if (!gift) { note.textContent = template; return; }
      var fee = Math.ceil(((gift + fixed) * 10000) / (10000 - basis)) - gift;
      note.textContent = note.dataset.feeText
        ? note.dataset.feeText.replace("{fee}", "$" + (fee / 100).toFixed(2))
        : template;
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    var other = form.querySelector("input[name=other_amount]");
    if (other) {
      other.addEventListener("focus", function () {
        var choice = form.querySelector("input[name=amount][value=other]");
        if (choice) choice.checked = true;
      });
    }
    update();

    // Ask for the honoree's name only once "in honor" or "in memory" is chosen.
    var details = form.querySelector("[data-tribute-details]");
    var showDetails = function () {
      var chosen = form.querySelector("input[name=tribute]:checked");
      var needed = Boolean(chosen && chosen.value) || Boolean(details.querySelector(".field--error"));
      details.hidden = !needed;
    };
    if (details) {
      form.addEventListener("change", showDetails);
      showDetails();
    }
  }

  var copy = document.querySelector("[data-copy-link]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(window.location.href.split("?")[0]).then(function () {
        var status = document.querySelector("[data-copy-status]");
        if (status) status.textContent = copy.dataset.copied || "✓";
      });
    });
  }
})();
