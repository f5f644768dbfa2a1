/* Summaries of the visible records, drawn as plain SVG: money or records (the arrow-width choice) by
   provider, by recipient, by sector and by kind of money, and the flows provider → recipient as a
   Sankey diagram (between provinces when the pairs are too many to read).  A bar of a provider or a
   recipient selects it; a sector's bar keeps only that sector.  Text goes in through textContent. */
(function () {
  "use strict";
  var D = window.Duikou, FMT = window.duikouFormat, NODES = D.NODES, el = D.el;
  var SVG = "http://www.w3.org/2000/svg";
  var BARS = 12, FLOWS = 10;

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function valueText(v, money) { return money ? FMT.yuan(v) : String(v); }

  /** Totals of the records by a key: [[key, value], …], largest first. */
  function totals(records, keyOf, money) {
    var out = new Map();
    records.forEach(function (r) {
      if (money) {
        if (r.money === null) return;
        keyOf(r).forEach(function (kv) { out.set(kv[0], (out.get(kv[0]) || 0) + kv[1]); });
      } else keyOf(r).forEach(function (kv) { out.set(kv[0], (out.get(kv[0]) || 0) + 1); });
    });
    return Array.from(out.entries()).sort(function (a, b) { return b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1); });
  }

  function barChart(id, title, rows, money, label, color, onPick) {
    var shown = rows.slice(0, BARS), top = shown.length ? shown[0][1] : 0;
    var width = 440, labelW = 150, valueW = 80, rowH = 22, height = Math.max(1, shown.length) * rowH + 6;
    var box = el("section", { cls: "dk-chart", "data-chart": id }, [el("h3", { text: title })]);
    if (!shown.length) { box.appendChild(el("p", { cls: "dk-hint", text: D.t("noRecords") })); return box; }
    var chart = svg("svg", { width: width, height: height, role: "img" });
    shown.forEach(function (row, i) {
      var y = i * rowH + 3, w = top ? (width - labelW - valueW) * row[1] / top : 0;
      var g = svg("g", { "class": "dk-bar", "data-key": String(row[0]), "data-value": String(row[1]) });
      g.appendChild(svg("title", {}, label(row[0]) + ": " + (money ? FMT.exact(row[1]) : row[1])));
      var name = svg("text", { x: labelW - 6, y: y + 15, "text-anchor": "end" }, label(row[0]));
      var bar = svg("rect", { x: labelW, y: y + 2, width: Math.max(1, w).toFixed(1), height: rowH - 6, rx: 2, fill: color(row[0]) });
      var value = svg("text", { x: labelW + w + 5, y: y + 15, "class": "dk-bar-value" }, valueText(row[1], money));
      g.appendChild(name); g.appendChild(bar); g.appendChild(value);
      if (onPick) { g.classList.add("dk-pick"); g.addEventListener("click", function () { onPick(row[0]); }); }
      chart.appendChild(g);
    });
    box.appendChild(chart);
    if (rows.length > BARS) box.appendChild(el("p", { cls: "dk-hint", text: "… " + (rows.length - BARS) + (D.state().lang === "en" ? " more" : " 项未列出") }));
    return box;
  }

  function province(id) {
    var chain = NODES[id].chain;
    return chain.length ? chain[0][1] : NODES[id].label;
  }
  /** Flows provider → recipient; between provinces when there are more than 40 pairs. */
  function sankey(records, money) {
    var pairs = new Set(records.map(function (r) { return r.pair; }));
    var byProvince = pairs.size > 40;
    var side = function (id) { return byProvince ? province(id) : NODES[id].label; };
    var flows = new Map();
    records.forEach(function (r) {
      if (money && r.money === null) return;
      var k = side(r.from) + "\u0000" + side(r.to);
      flows.set(k, (flows.get(k) || 0) + (money ? r.money : 1));
    });
    var left = new Map(), right = new Map();
    flows.forEach(function (v, k) { var p = k.split("\u0000"); left.set(p[0], (left.get(p[0]) || 0) + v); right.set(p[1], (right.get(p[1]) || 0) + v); });
    var other = D.state().lang === "en" ? "others" : "其他";
    function keep(m) {
      var names = Array.from(m.entries()).sort(function (a, b) { return b[1] - a[1]; }).map(function (x) { return x[0]; });
      return new Set(names.slice(0, FLOWS));
    }
    var keepL = keep(left), keepR = keep(right), merged = new Map();
    flows.forEach(function (v, k) {
      var p = k.split("\u0000"), a = keepL.has(p[0]) ? p[0] : other, b = keepR.has(p[1]) ? p[1] : other;
      var key = a + "\u0000" + b;
      merged.set(key, (merged.get(key) || 0) + v);
    });
    var title = byProvince ? (D.state().lang === "en" ? "Flows between provinces" : "省际流向")
                           : (D.state().lang === "en" ? "Flows: provider → recipient" : "流向:帮扶方 → 受援方");
    var box = el("section", { cls: "dk-chart dk-sankey", "data-chart": "flows", "data-by": byProvince ? "province" : "pair" },
                 [el("h3", { text: title })]);
    if (!merged.size) { box.appendChild(el("p", { cls: "dk-hint", text: D.t("noRecords") })); return box; }
    var sums = function (end) {
      var m = new Map();
      merged.forEach(function (v, k) { var n = k.split("\u0000")[end]; m.set(n, (m.get(n) || 0) + v); });
      return Array.from(m.entries()).sort(function (a, b) { return (a[0] === other) - (b[0] === other) || b[1] - a[1]; });
    };
    var L = sums(0), R = sums(1), total = 0;
    merged.forEach(function (v) { total += v; });
    // 360 px for all the flows; a node is at least 14 px tall, so that its name never overlaps the next
    var width = Math.max(560, (root.clientWidth || 900) - 40), gap = 6, nodeW = 12, lx = 220, rx = width - 220;
    var scale = 360 / total, MIN = 14;
    var columnHeight = function (list) { return list.reduce(function (h, item) { return h + Math.max(MIN, item[1] * scale) + gap; }, 10); };
    var chart = svg("svg", { width: width, height: Math.ceil(Math.max(columnHeight(L), columnHeight(R))), role: "img" });
    function column(list, x, anchor, dx) {
      var y = 5, at = new Map();
      list.forEach(function (item) {
        var h = Math.max(MIN, item[1] * scale);
        at.set(item[0], { y: y, used: 0 });
        chart.appendChild(svg("rect", { x: x, y: y.toFixed(1), width: nodeW, height: h.toFixed(1), fill: "#4e79a7" }));
        var label = svg("text", { x: x + dx, y: (y + h / 2 + 4).toFixed(1), "text-anchor": anchor, "class": "dk-flow-name" },
                        item[0] + " " + valueText(item[1], money));
        chart.appendChild(label);
        y += h + gap;
      });
      return at;
    }
    var atL = column(L, lx - nodeW, "end", -6), atR = column(R, rx, "start", nodeW + 6);
    Array.from(merged.entries()).sort(function (a, b) { return b[1] - a[1]; }).forEach(function (kv) {
      var p = kv[0].split("\u0000"), h = Math.max(1, kv[1] * scale), a = atL.get(p[0]), b = atR.get(p[1]);
      var y0 = a.y + a.used + h / 2, y1 = b.y + b.used + h / 2, mid = (lx + rx) / 2;
      a.used += h; b.used += h;
      var path = svg("path", { d: "M" + lx + "," + y0.toFixed(1) + " C" + mid + "," + y0.toFixed(1) + " " + mid + "," + y1.toFixed(1) + " " + rx + "," + y1.toFixed(1),
                               "stroke-width": h.toFixed(1), "class": "dk-flow", "data-from": p[0], "data-to": p[1], "data-value": String(kv[1]) });
      path.appendChild(svg("title", {}, p[0] + " → " + p[1] + ": " + (money ? FMT.exact(kv[1]) : kv[1])));
      chart.insertBefore(path, chart.firstChild);
    });
    box.appendChild(chart);
    return box;
  }

  var root = document.getElementById("dk-summary");
  D.views.push({
    render: function () {
      var s = D.state();
      if (s.tab !== "summary") return;
      var records = D.visibleRecords(), money = s.weight === "money";
      D.clear(root);
      var bar = el("div", { cls: "dk-summary-bar" });
      ["n", "money"].forEach(function (w) {
        var b = el("button", { type: "button", "data-weight": w, text: D.t(w === "n" ? "byRecords" : "byMoney"),
                               on: function () { D.commit({ weight: w }); } });
        b.setAttribute("aria-pressed", String(s.weight === w));
        bar.appendChild(b);
      });
      var sum = D.summarise(records);
      bar.appendChild(el("span", { cls: "dk-hint", text: D.t("recordsN").replace("{n}", String(sum.n)) + (sum.money !== null ? " · " : "") }));
      if (sum.money !== null) bar.appendChild(D.money(sum.money));
      root.appendChild(bar);
      var nodeColor = function () { return "#4e79a7"; };
      var grid = el("div", { cls: "dk-charts" });
      var one = function (r) { return [[r.from, money ? r.money : 1]]; };
      grid.appendChild(barChart("provider", D.t("provider"), totals(records, one, money), money,
                                function (id) { return NODES[id].label; }, nodeColor, function (id) { D.commit({ node: Number(id), pair: null, rec: null, tab: "graph" }); }));
      grid.appendChild(barChart("recipient", D.t("recipient"), totals(records, function (r) { return [[r.to, money ? r.money : 1]]; }, money), money,
                                function (id) { return NODES[id].label; }, nodeColor, function (id) { D.commit({ node: Number(id), pair: null, rec: null, tab: "graph" }); }));
      grid.appendChild(barChart("sector", D.t("sector"), totals(records, function (r) { return [[r.sector, money ? r.money : 1]]; }, money), money,
                                D.sectorName, D.sectorColor, function (sector) {
                                  D.commit({ hideSectors: Object.keys(D.META.sectors).filter(function (x) { return x !== sector; }).sort() });
                                }));
      grid.appendChild(barChart("kind", D.t("moneyKind"), totals(records.filter(function (r) { return r.money !== null; }), function (r) {
        return money ? Object.keys(r.kinds).map(function (k) { return [k, r.kinds[k]]; }) : [[r.kind, 1]];
      }, money), money, D.kindOfMoney, function () { return "#d4a017"; }, null));
      root.appendChild(grid);
      root.appendChild(sankey(records, money));
    }
  });
})();
