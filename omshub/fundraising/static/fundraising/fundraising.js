// The page form: show the team fields that match the answer to "Are you raising money with a team?".
// Without this script every field shows, and the server ignores the ones the answer does not need.
(function () {
  "use strict";
  var radios = document.querySelectorAll('input[name="team_choice"]');
  if (!radios.length) return;
  var groups = document.querySelectorAll(".fr-team[data-team]");
  var update = function () {
    var chosen = document.querySelector('input[name="team_choice"]:checked');
    var value = chosen ? chosen.value : "";
    groups.forEach(function (group) {
      group.hidden = group.dataset.team !== value;
    });
  };
  radios.forEach(function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
