// Draws the six-trait radar chart from the JSON the page embeds (json_script), so the page
// needs no inline script. The table beside the chart carries the same numbers.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var canvas = document.getElementById("trait-radar");
    var source = document.getElementById("trait-chart-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var datasets = [{
      label: canvas.dataset.testLabel,
      data: data.scores,
      fill: true,
      backgroundColor: "rgba(176, 23, 79, 0.18)",
      borderColor: "#b0174f",
      pointBackgroundColor: "#b0174f",
    }];
    if (data.combined.some(function (v, i) { return v !== null && v !== data.scores[i]; })) {
      datasets.push({
        label: canvas.dataset.allLabel,  // in the page's language
        data: data.combined,
        fill: false,
        borderColor: "#2563eb",
        borderDash: [5, 4],
        pointBackgroundColor: "#2563eb",
      });
    }
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
