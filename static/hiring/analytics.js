// Draws each analytics figure as a horizontal bar chart from the JSON the page embeds with
// json_script (no inline script). The table under every chart carries the same numbers for
// anyone who cannot read the chart.
(function () {
  "use strict";
  var COLOURS = ["#b0174f", "#2563eb", "#0f766e", "#b45309"];
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      var bars = data.labels.length * Math.max(1, data.datasets.length);
      canvas.parentNode.style.height = 48 + 26 * bars + (data.datasets.length > 1 ? 28 : 0) + "px";
      var scale = { beginAtZero: true };
      if (data.max !== null) scale.max = data.max;
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.datasets.map(function (set, i) {
            return { label: set.label, data: set.data, backgroundColor: COLOURS[i % COLOURS.length] };
          }),
        },
        options: {
          indexAxis: "y",
          maintainAspectRatio: false,
          animation: false,
          scales: { x: scale, y: { ticks: { autoSkip: false } } },
          plugins: { legend: { display: data.datasets.length > 1, position: "bottom" } },
        },
      });
    });
  });
})();
