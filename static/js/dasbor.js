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

  const LABEL_MAX = 26;

  // How many leading words every label has in common (never all of a label's words).
  function sharedWords(labels) {
    if (labels.length < 2) {
      return 0;
    }
    const words = labels.map(function (label) { return String(label).split(" "); });
    let n = 0;
    while (words.every(function (w) { return w.length > n + 1 && w[n] === words[0][n]; })) {
      n += 1;
    }
    return n;
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
      if (spec.horizontal) {
        // Long names (teams, fasilitators) would push the bars aside or be cut at the left edge:
        // the axis drops the words all names share ("Tim Advokasi") and shortens the rest; the
        // tooltip and the table below the chart give the whole name.
        const shared = sharedWords(spec.labels);
        opts.scales.y = {
          ticks: {
            autoSkip: false,
            callback: function (value) {
              const label = String(this.getLabelForValue(value)).split(" ").slice(shared).join(" ");
              return label.length > LABEL_MAX ? label.slice(0, LABEL_MAX - 1) + "…" : label;
            },
          },
        };
        opts.plugins.tooltip.callbacks.title = function (items) {
          return items.length ? spec.labels[items[0].dataIndex] : "";
        };
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
