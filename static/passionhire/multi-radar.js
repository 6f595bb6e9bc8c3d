// Draws a radar of several datasets (a candidate against the role's weights, or 2-4
// candidates overlaid) from the JSON the page embeds with json_script: no inline script.
// The page's table carries the same numbers for anyone who cannot read the chart.
(function () {
  "use strict";
  var COLOURS = ["#b0174f", "#2563eb", "#0f766e", "#b45309"];
  document.addEventListener("DOMContentLoaded", function () {
    var canvas = document.getElementById("multi-radar");
    var source = document.getElementById("multi-radar-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var colour = 0;
    var datasets = data.datasets.map(function (set) {
      if (set.dashed) {
        return {
          label: set.label, data: set.data, fill: false, borderColor: "#6c757d",
          borderDash: [5, 4], pointRadius: 0, borderWidth: 1.5,
        };
      }
      var c = COLOURS[colour++ % COLOURS.length];
      return {
        label: set.label, data: set.data, fill: true, borderColor: c, pointBackgroundColor: c,
        backgroundColor: c + "22", spanGaps: false,
      };
    });
    new Chart(canvas, {
      type: "radar",
      data: { labels: data.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: "transparent" } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  });
})();
