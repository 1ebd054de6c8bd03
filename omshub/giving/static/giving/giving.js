// Giving pages: draw the progress bar from its data attribute (no inline styles under our CSP),
// show the processing fee for the chosen amount, name the amount on the button, and offer "copy the link" where the browser can.
(function () {
  "use strict";
  document.querySelectorAll(".progress__bar[data-percent]").forEach(function (bar) {
    bar.style.width = Math.min(100, Number(bar.dataset.percent) || 0) + "%";
  });

  // The same reading of a typed amount as omshub/core/money.py (parse_amount), kept in step
  // by tests/e2e/test_donor_journey.py. It only fills the button's label and the hidden
  // confirm_cents: the server parses again and asks whenever the two disagree.
  var parseAmount = function (text, language) {
    var body = text.trim().replace(/\u00a0/g, " ");
    var strip = function (affixes, atStart) {
      for (var i = 0; i < affixes.length; i++) {
        var upper = body.toUpperCase();
        var found = atStart ? upper.indexOf(affixes[i]) === 0 : upper.slice(-affixes[i].length) === affixes[i];
        if (found) {
          body = (atStart ? body.slice(affixes[i].length) : body.slice(0, -affixes[i].length)).trim();
          return;
        }
      }
    };
    strip(["US$", "USD", "$"], true);
    strip(["US$", "USD", "$"], false);
    if (!/^[0-9.,]+$/.test(body)) return null;
    var groups = body.split(/[.,]/);
    var marks = body.match(/[.,]/g) || [];
    if (groups.join("").length > 12) return null;
    if (!marks.length) return Number(body) * 100;
    for (var g = 1; g < groups.length; g++) if (groups[g] === "") return null;
    if (groups[0] === "" && marks.length > 1) return null;
    var last = groups[groups.length - 1];
    var lastMark = marks[marks.length - 1];
    var cents = function (whole, fraction) {
      return Number(whole || "0") * 100 + Number((fraction + "00").slice(0, 2));
    };
    if (last.length > 3) return null;
    if (marks.length > 1) {
      var first = groups[0];
      var middle = groups.slice(1, -1);
      var grouping = marks.slice(0, -1);
      if (!first || first.length > 3 || first === "0") return null;
      for (var m = 0; m < middle.length; m++) if (middle[m].length !== 3) return null;
      for (var k = 0; k < grouping.length; k++) if (grouping[k] !== grouping[0]) return null;
      var whole = first + middle.join("");
      if (lastMark === grouping[0]) return last.length === 3 ? Number(whole + last) * 100 : null;
      return last.length <= 2 ? cents(whole, last) : null;
    }
    if (last.length <= 2) return language === "en" && lastMark === "," ? null : cents(groups[0], last);
    if (groups[0] === "" || groups[0] === "0") return null;
    if (language === "en" && lastMark === ".") return null;
    return Number(groups[0] + last) * 100;
  };
  // As the `money` template filter shows it (omshub/core/money.py, format_money), with the
  // separators and pattern the server put on the form: "$1,025.50", "1.025,50 US$", "$25".
  var moneyIn = function (form) {
    var group = form.dataset.moneyGroup || ",";
    var decimal = form.dataset.moneyDecimal || ".";
    var pattern = form.dataset.moneyPattern || "${amount}";
    return function (cents) {
      var units = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, group);
      var rest = cents % 100;
      return pattern.replace("{amount}", rest ? units + decimal + (rest < 10 ? "0" : "") + rest : units);
    };
  };

  var form = document.querySelector("form[data-fee-basis-points]");
  if (form) {
    var money = moneyIn(form);
    var note = form.querySelector("[data-fee-note]");
    var basis = Number(form.dataset.feeBasisPoints);
    var fixed = Number(form.dataset.feeFixedCents);
    var template = note ? note.textContent : "";
    var button = form.querySelector("[data-give-button]");
    var confirmed = form.querySelector("[data-confirm-cents]");
    var chosenCents = function () {
      var checked = form.querySelector("input[name=amount]:checked");
      if (!checked) return 0;
      if (checked.value !== "other") return Number(checked.value);
      return parseAmount(form.querySelector("input[name=other_amount]").value, form.dataset.language || "en") || 0;
    };
    var update = function () {
      var gift = chosenCents();
      var covered = form.querySelector("input[name=cover_fee]");
      var fee = gift ? Math.ceil(((gift + fixed) * 10000) / (10000 - basis)) - gift : 0;
      if (note) {
        note.textContent = gift && note.dataset.feeText ? note.dataset.feeText.replace("{fee}", money(fee)) : template;
      }
      if (button && confirmed) {
        var total = gift + (covered && covered.checked ? fee : 0);
        button.textContent = gift
          ? button.dataset.labelAmount.replace("{amount}", money(total))
          : button.dataset.labelDefault;
        confirmed.value = gift ? String(gift) : "";
      }
    };
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    var other = form.querySelector("input[name=other_amount]");
    if (other) {
      other.addEventListener("focus", function () {
        var choice = form.querySelector("input[name=amount][value=other]");
        if (choice) choice.checked = true;
        update();
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
      navigator.clipboard.writeText(copy.dataset.copyUrl || window.location.href.split("?")[0]).then(function () {
        var status = document.querySelector("[data-copy-status]");
        if (status) status.textContent = copy.dataset.copied || "✓";
      });
    });
  }
})();
