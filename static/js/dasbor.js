/* Monitoring dashboard: draws the charts from the JSON the page carries (json_script) and sends a
 * click on a bar or slice to the list of records behind it. Every chart also has a table of the
 * same links under it, so nothing depends on this script. */
(function () {
  "use strict";

  function dataset(spec, ds) {
    return {
      label: ds.label,
      data: ds.data,
      backgroundColor: ds.warna,
      borderColor: spec.jenis === "doughnut" ? "#fff" : ds.warna,
      borderWidth: spec.jenis === "doughnut" ? 2 : 0,
      maxBarThickness: 28,
    };
  }

  function options(spec) {
    const valueAxis = spec.horizontal ? "x" : "y";
    const opts = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: spec.jenis === "doughnut" || spec.datasets.length > 1, position: "bottom" },
        tooltip: {
          callbacks: {
            label: function (ctx) {
              const value = spec.horizontal ? ctx.parsed.x : spec.jenis === "doughnut" ? ctx.parsed : ctx.parsed.y;
              return ctx.dataset.label + ": " + value + (spec.persen ? "%" : "");
            },
          },
        },
      },
      onClick: function (event, elements) {
        if (elements.length && spec.links[elements[0].index]) {
          window.location.assign(spec.links[elements[0].index]);
        }
      },
      onHover: function (event, elements) {
        event.native.target.classList.toggle("grafik-tunjuk", elements.length > 0);
      },
    };
    if (spec.jenis !== "doughnut") {
      opts.indexAxis = spec.horizontal ? "y" : "x";
      opts.scales = {};
      opts.scales[valueAxis] = { beginAtZero: true, ticks: { precision: 0 } };
      if (spec.persen) {
        opts.scales[valueAxis].max = 100;
        opts.scales[valueAxis].ticks.callback = function (v) { return v + "%"; };
      }
      if (spec.bertumpuk) {
        opts.scales.x = Object.assign(opts.scales.x || {}, { stacked: true });
        opts.scales.y = Object.assign(opts.scales.y || {}, { stacked: true });
      }
    }
    return opts;
  }

  function draw() {
    const source = document.getElementById("data-dasbor");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    const specs = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-grafik]").forEach(function (canvas) {
      const spec = specs[canvas.dataset.grafik];
      if (!spec) {
        return;
      }
      const box = canvas.parentElement;
      if (box.dataset.baris) {
        // One row per bar: the box grows with the number of provinces, teams or fasilitators.
        box.style.height = Math.max(120, 48 + 26 * Number(box.dataset.baris)) + "px";
      }
      new Chart(canvas, {
        type: spec.jenis,
        data: { labels: spec.labels, datasets: spec.datasets.map(function (ds) { return dataset(spec, ds); }) },
        options: options(spec),
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
