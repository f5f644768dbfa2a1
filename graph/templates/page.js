/* Duikou explorer: reads the graph from the page's JSON blocks, draws it with vis-network and keeps the
   view (selected node, filters, mode, language) in the URL fragment so it can be bookmarked and Back works.

   Safety: every string from the data reaches the DOM through textContent or createElement, never as
   markup, and vis draws labels on a canvas; titles (which vis would show as HTML) are never set.

   Globals for other scripts: `network` (vis's, as in every pyvis page), `duikouSelect(iri)` and
   `duikouShowSubgraph(nodeIris, edgePairs)` for the SPARQL query panel. */
var network;

(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var NODES = readJson("dk-nodes");
  var EDGES = readJson("dk-edges");
  var META = readJson("dk-meta");
  var OPTIONS = readJson("dk-options");
  var STYLE = META.style;
  var SENTENCES = META.sentences;
  var DOCS = META.docs;

  var UI = {
    zh: {
      search: "搜索", searchHint: "输入中文或拼音(可不带声调),如 九龙 或 jiulong", png: "导出 PNG",
      kinds: "类型", sectors: "帮扶领域", document: "文档", allDocs: "全部文档", mode: "视图",
      modeAll: "全部", modeNb: "邻域", modePath: "路径", depth: "步数", from: "起点", to: "终点",
      showAll: "显示全部", close: "关闭", nbNeedsNode: "先选择一个节点。", noPath: "两点之间没有路径。",
      count: "显示 {n} 个节点、{e} 条关系(共 {N} 个节点)",
      subgraph: "查询结果:{n} 个节点", kind: "类型", code: "行政区划代码", chain: "所在地",
      aliases: "别名", roles: "职务", cert: "认证", quantities: "数量", evidence: "证据",
      noEvidence: "没有记录证据句。", provider: "帮扶方", recipient: "受援方", sector: "领域",
      amount: "金额/数量", date: "日期", trigger: "动词", relation: "关系", role: "职务",
      nbHere: "查看邻域", pathFrom: "设为路径起点", pathTo: "设为路径终点", noMatch: "没有匹配项",
      approx: "约", yuan: "元", selectHint: "点击节点或关系查看详情;证据句中高亮的是提及。",
      doc: "文档"
    },
    en: {
      search: "Search", searchHint: "Chinese or pinyin, tones optional, e.g. 九龙 or jiulong", png: "Export PNG",
      kinds: "Kinds", sectors: "Sectors", document: "Document", allDocs: "All documents", mode: "View",
      modeAll: "All", modeNb: "Neighbourhood", modePath: "Path", depth: "Steps", from: "From", to: "To",
      showAll: "Show all", close: "Close", nbNeedsNode: "Select a node first.",
      noPath: "No path between these two.",
      count: "Showing {n} nodes, {e} relations (of {N} nodes)", subgraph: "Query result: {n} nodes",
      kind: "Kind", code: "Division code", chain: "Place", aliases: "Also called", roles: "Posts",
      cert: "Certification", quantities: "Quantities", evidence: "Evidence",
      noEvidence: "No evidence sentence recorded.", provider: "Provider", recipient: "Recipient",
      sector: "Sector", amount: "Amount", date: "Date", trigger: "Verb", relation: "Relation", role: "Post",
      nbHere: "Neighbourhood", pathFrom: "Path from here", pathTo: "Path to here", noMatch: "No match",
      approx: "about", yuan: "yuan", selectHint: "Click a node or a relation for details; mentions are highlighted in the evidence.",
      doc: "Document"
    }
  };

  // ---- indexes ----------------------------------------------------------------------------------
  var byIri = new Map();
  var incident = NODES.map(function () { return []; });
  NODES.forEach(function (n) { byIri.set(n.iri, n); });
  EDGES.forEach(function (e) {
    incident[e.from].push(e.id);
    if (e.to !== e.from) incident[e.to].push(e.id);
  });
  // Breadth-first search meets assistance first, so among equally short chains it follows help given.
  incident.forEach(function (list) {
    list.sort(function (a, b) { return (EDGES[a].rel === "assists" ? 0 : 1) - (EDGES[b].rel === "assists" ? 0 : 1) || a - b; });
  });

  function plainPinyin(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, "").toLowerCase().replace(/v/g, "u");
  }
  var SEARCH = NODES.map(function (n) {
    return { id: n.id, names: [n.label].concat(n.aliases), py: plainPinyin(n.py), value: n.value };
  });

  // ---- state ------------------------------------------------------------------------------------
  var state = defaults();
  var subgraph = null;       // {nodes: Set, edges: Set|null} from duikouShowSubgraph
  var edgePanel = null;      // edge id whose details are open, if any
  // Everything starts visible, so the first refresh only touches what the URL's filters hide.
  var visibleNodes = new Set(NODES.map(function (n) { return n.id; }));
  var visibleEdges = new Set(EDGES.map(function (e) { return e.id; }));

  function defaults() {
    return { node: null, hideKinds: [], hideSectors: [], doc: "", mode: "all", depth: 1, from: null, to: null, lang: "zh" };
  }
  function t(key) { return UI[state.lang][key]; }
  function name(obj) { return obj[state.lang] || obj.zh; }
  function shortIri(iri) { return iri.indexOf(META.base) === 0 ? iri.slice(META.base.length) : iri; }
  function nodeOf(ref) {
    if (ref === null || ref === undefined) return null;
    return byIri.get(ref) || byIri.get(META.base + ref) || null;
  }

  function encode(s) {
    var p = new URLSearchParams();
    if (s.node !== null) p.set("n", shortIri(NODES[s.node].iri));
    if (s.hideKinds.length) p.set("hide", s.hideKinds.join(","));
    if (s.hideSectors.length) p.set("hidesec", s.hideSectors.join(","));
    if (s.doc) p.set("doc", s.doc);
    if (s.mode !== "all") p.set("mode", s.mode);
    if (s.mode === "nb") p.set("depth", String(s.depth));
    if (s.mode === "path" && s.from !== null) p.set("from", shortIri(NODES[s.from].iri));
    if (s.mode === "path" && s.to !== null) p.set("to", shortIri(NODES[s.to].iri));
    if (s.lang !== "zh") p.set("lang", s.lang);
    return p.toString();
  }
  function decode(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ""));
    var s = defaults();
    var pick = function (key) { var n = nodeOf(p.get(key)); return n ? n.id : null; };
    s.node = pick("n");
    s.hideKinds = (p.get("hide") || "").split(",").filter(function (k) { return k in STYLE.groups; });
    s.hideSectors = (p.get("hidesec") || "").split(",").filter(function (k) { return k in META.sectors; });
    s.doc = DOCS.indexOf(p.get("doc")) >= 0 ? p.get("doc") : "";
    s.mode = ["nb", "path"].indexOf(p.get("mode")) >= 0 ? p.get("mode") : "all";
    s.depth = Math.min(6, Math.max(1, parseInt(p.get("depth"), 10) || 1));
    s.from = pick("from");
    s.to = pick("to");
    s.lang = p.get("lang") === "en" ? "en" : "zh";
    return s;
  }

  // ---- drawing ----------------------------------------------------------------------------------
  function visNode(n) {
    var g = STYLE.groups[n.group];
    // Sizes from importance here, not vis's `value`: vis rescans every node's value for each node added.
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: 6 + 24 * n.value, font: { size: 12 + Math.round(10 * n.value) },
      shape: g.shape,
      color: { background: g.color, border: "#ffffff", highlight: { background: g.color, border: "#222222" },
               hover: { background: g.color, border: "#222222" } }
    };
  }
  function visEdge(e) {
    var rel = STYLE.relations[e.rel] || { width: 1, color: "#cccccc" };
    var color = e.rel === "assists" ? (STYLE.sectors[e.sector] || STYLE.sectors.general) : rel.color;
    var out = {
      id: e.id, from: e.from, to: e.to, width: rel.width, dashes: !!rel.dashes,
      color: { color: color, highlight: e.rel === "assists" ? color : "#999999", hover: color, opacity: e.rel === "assists" ? 1 : 0.8 },
      arrows: { to: { enabled: true, scaleFactor: e.rel === "assists" ? 0.8 : 0.4 } }
    };
    if (e.curve) out.smooth = { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve) };
    return out;
  }

  var container = document.getElementById("mynetwork");
  var nodeSet = new vis.DataSet(NODES.map(visNode));
  var edgeSet = new vis.DataSet(EDGES.map(visEdge));
  network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, OPTIONS);
  // A white background, so that the exported PNG is not transparent.
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  network.once("afterDrawing", function () {
    document.documentElement.setAttribute("data-drawn", String(Math.round(performance.now())));
  });

  // ---- filters and modes ------------------------------------------------------------------------
  function baseNode(n) {
    if (state.hideKinds.indexOf(n.group) >= 0) return false;
    if (state.doc && n.docs.indexOf(DOCS.indexOf(state.doc)) < 0) return false;
    return !subgraph || subgraph.nodes.has(n.id);
  }
  function baseEdge(e, nodeOk) {
    if (!nodeOk[e.from] || !nodeOk[e.to]) return false;
    if (e.rel === "assists" && state.hideSectors.indexOf(e.sector) >= 0) return false;
    if (state.doc && e.ev.length && e.docs.indexOf(DOCS.indexOf(state.doc)) < 0) return false;
    return !subgraph || !subgraph.edges || subgraph.edges.has(e.id);
  }
  function other(e, id) { return e.from === id ? e.to : e.from; }

  function nearby(start, depth, edgeOk) {
    var dist = new Map([[start, 0]]);
    var queue = [start];
    for (var i = 0; i < queue.length; i++) {
      var cur = queue[i];
      if (dist.get(cur) >= depth) continue;
      incident[cur].forEach(function (eid) {
        if (!edgeOk[eid]) return;
        var nb = other(EDGES[eid], cur);
        if (!dist.has(nb)) { dist.set(nb, dist.get(cur) + 1); queue.push(nb); }
      });
    }
    return dist;
  }
  function shortestPath(a, b, edgeOk) {
    var via = new Map([[a, null]]);
    var queue = [a];
    for (var i = 0; i < queue.length && !via.has(b); i++) {
      var cur = queue[i];
      incident[cur].forEach(function (eid) {
        if (!edgeOk[eid]) return;
        var nb = other(EDGES[eid], cur);
        if (!via.has(nb)) { via.set(nb, eid); queue.push(nb); }
      });
    }
    if (!via.has(b)) return null;
    var nodes = [b], edges = [];
    for (var n = b; n !== a; ) { var eid = via.get(n); edges.push(eid); n = other(EDGES[eid], n); nodes.push(n); }
    return { nodes: nodes.reverse(), edges: edges.reverse() };
  }

  var pathResult = null;
  function refreshVisibility() {
    var nodeOk = NODES.map(baseNode);
    var edgeOk = EDGES.map(function (e) { return baseEdge(e, nodeOk); });
    var keepNode = nodeOk.slice(), keepEdge = edgeOk.slice();
    pathResult = null;
    if (state.mode === "nb" && state.node !== null) {
      var dist = nodeOk[state.node] ? nearby(state.node, state.depth, edgeOk) : new Map();
      keepNode = NODES.map(function (n) { return dist.has(n.id); });
      keepEdge = EDGES.map(function (e) { return edgeOk[e.id] && keepNode[e.from] && keepNode[e.to]; });
    } else if (state.mode === "path" && state.from !== null && state.to !== null) {
      pathResult = nodeOk[state.from] && nodeOk[state.to] ? shortestPath(state.from, state.to, edgeOk) : null;
      var onPath = new Set(pathResult ? pathResult.nodes : []), pathEdges = new Set(pathResult ? pathResult.edges : []);
      keepNode = NODES.map(function (n) { return onPath.has(n.id); });
      keepEdge = EDGES.map(function (e) { return pathEdges.has(e.id); });
    }
    var nodeUpdates = [], edgeUpdates = [];
    NODES.forEach(function (n) {
      if (keepNode[n.id] !== visibleNodes.has(n.id)) {
        nodeUpdates.push({ id: n.id, hidden: !keepNode[n.id] });
        if (keepNode[n.id]) visibleNodes.add(n.id); else visibleNodes.delete(n.id);
      }
    });
    EDGES.forEach(function (e) {
      if (keepEdge[e.id] !== visibleEdges.has(e.id)) {
        edgeUpdates.push({ id: e.id, hidden: !keepEdge[e.id] });
        if (keepEdge[e.id]) visibleEdges.add(e.id); else visibleEdges.delete(e.id);
      }
    });
    if (nodeUpdates.length) nodeSet.update(nodeUpdates);
    if (edgeUpdates.length) edgeSet.update(edgeUpdates);
    return nodeUpdates.length + edgeUpdates.length > 0;
  }

  // ---- DOM helpers (text only) ------------------------------------------------------------------
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else if (k === "cls") node.className = props[k];
      else if (k === "on") node.addEventListener("click", props[k]);
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function nodeLink(id, text) {
    var n = NODES[id];
    return el("a", { href: "#", cls: "dk-link", "data-node": n.iri, text: text || n.label, on: function (ev) {
      ev.preventDefault(); select(id);
    } });
  }
  function chip(color, text, onClick) {
    var c = el(onClick ? "button" : "span", { cls: "dk-chip", text: text });
    c.style.borderColor = color;
    if (onClick) c.addEventListener("click", onClick);
    return c;
  }
  function sectorName(s) { var n = META.sectors[s]; return n ? (state.lang === "en" ? n[1] : n[0]) : s; }
  function relName(r) { return STYLE.relations[r] ? name(STYLE.relations[r]) : r; }
  function kindName(n) { return STYLE.kinds[n.kind] ? name(STYLE.kinds[n.kind]) : n.kind; }
  function quantityText(q) {
    var parts = [q.text || String(q.value)];
    if (q.counts) parts.push(q.counts);
    // the normalised value only where it says more than the text: money in yuan (6488.19万元), or 余/约
    if (q.value !== null && q.value !== undefined && (q.unit === "CNY" || q.approximate)) {
      parts.push("(" + (q.approximate ? t("approx") + " " : "") + Number(q.value).toLocaleString(state.lang === "en" ? "en" : "zh-CN") +
                 " " + (q.unit === "CNY" ? t("yuan") : q.unit || "") + ")");
    }
    return parts.join(" ");
  }

  function evidenceList(items) {
    if (!items.length) return el("p", { cls: "dk-hint", text: t("noEvidence") });
    return el("ol", { cls: "dk-evidence" }, items.map(function (item) {
      var s = SENTENCES[item[0]], text = s[0], marks = item[1], quote = el("q");
      var at = 0;
      marks.forEach(function (m) {
        if (m[0] > at) quote.appendChild(document.createTextNode(text.slice(at, m[0])));
        quote.appendChild(el("mark", { text: text.slice(m[0], m[1]) }));
        at = m[1];
      });
      if (at < text.length) quote.appendChild(document.createTextNode(text.slice(at)));
      return el("li", {}, [quote, el("cite", { text: t("doc") + ": " + DOCS[s[1]] })]);
    }));
  }
  function facts(rows) {
    var dl = el("dl", { cls: "dk-facts" });
    rows.forEach(function (r) {
      if (!r[1] || (Array.isArray(r[1]) && !r[1].length)) return;
      dl.appendChild(el("dt", { text: r[0] }));
      var dd = el("dd");
      (Array.isArray(r[1]) ? r[1] : [r[1]]).forEach(function (c) { dd.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
      dl.appendChild(dd);
    });
    return dl;
  }

  // ---- side panel -------------------------------------------------------------------------------
  var panel = document.getElementById("dk-panel");
  var panelBody = document.getElementById("dk-panel-body");

  function chainNodes(n) {
    var out = [];
    n.chain.forEach(function (c, i) {
      if (i) out.push(" › ");
      out.push(c[0] >= 0 && c[0] !== n.id ? nodeLink(c[0], c[1]) : el("span", { text: c[1] }));
    });
    return out;
  }

  function relationGroups(n) {
    var groups = new Map();
    incident[n.id].forEach(function (eid) {
      var e = EDGES[eid], dir = e.from === n.id ? "out" : "in";
      if (e.from === e.to) dir = "out";
      var key = e.rel + ":" + dir;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    });
    var order = Object.keys(STYLE.relations);
    var keys = Array.from(groups.keys()).sort(function (a, b) {
      var ra = a.split(":"), rb = b.split(":");
      return order.indexOf(ra[0]) - order.indexOf(rb[0]) || (ra[1] === "out" ? -1 : 1);
    });
    var wrap = el("div", { cls: "dk-relations" });
    keys.forEach(function (key) {
      var parts = key.split(":"), rel = STYLE.relations[parts[0]];
      var heading = rel ? name(rel[parts[1]]) : parts[0];
      // one line per neighbour, one tag per record: thirty records of 青白江区 stay one readable line
      var byNeighbour = new Map();
      groups.get(key).forEach(function (e) {
        var nb = other(e, n.id);
        if (!byNeighbour.has(nb)) byNeighbour.set(nb, []);
        byNeighbour.get(nb).push(e);
      });
      var list = el("ul");
      byNeighbour.forEach(function (edges, nb) {
        var item = el("li", {}, [nodeLink(nb)]);
        edges.sort(function (a, b) { return (a.sector || "").localeCompare(b.sector || "") || a.id - b.id; });
        edges.forEach(function (e) {
          if (e.rel === "assists") {
            item.appendChild(chip(STYLE.sectors[e.sector] || STYLE.sectors.general, sectorName(e.sector), function () { showEdge(e.id); }));
          } else if (e.roles && e.roles.length) {
            item.appendChild(chip("#bbbbbb", e.roles.join("、"), function () { showEdge(e.id); }));
          }
        });
        list.appendChild(item);
      });
      wrap.appendChild(el("section", { "data-rel": key }, [el("h3", { text: heading + " (" + byNeighbour.size + ")" }), list]));
    });
    return wrap;
  }

  function showNode(id) {
    var n = NODES[id], g = STYLE.groups[n.group];
    edgePanel = null;
    clear(panelBody);
    var badge = chip(g.color, g.symbol + " " + kindName(n));
    panelBody.appendChild(el("h2", { id: "dk-node-name", text: n.label }));
    if (n.py) panelBody.appendChild(el("p", { cls: "dk-pinyin", lang: "zh-Latn-pinyin", text: n.py }));
    panelBody.appendChild(facts([
      [t("kind"), [badge]],
      [t("code"), n.code],
      [t("chain"), n.chain.length ? chainNodes(n) : ""],
      [t("aliases"), n.aliases.join("、")],
      [t("roles"), n.roles.join("、")],
      [t("cert"), n.cert.join("、")],
      [t("quantities"), n.qty.map(function (q) { return el("div", { text: quantityText(q) }); })]
    ]));
    panelBody.appendChild(el("div", { cls: "dk-actions" }, [
      el("button", { type: "button", text: t("nbHere"), on: function () { commit({ mode: "nb", node: id }); } }),
      el("button", { type: "button", text: t("pathFrom"), on: function () { commit({ mode: "path", from: id }); } }),
      el("button", { type: "button", text: t("pathTo"), on: function () { commit({ mode: "path", to: id }); } })
    ]));
    panelBody.appendChild(relationGroups(n));
    panelBody.appendChild(el("h3", { text: t("evidence") + " (" + n.ev.length + ")" }));
    panelBody.appendChild(evidenceList(n.ev));
    panel.hidden = false;
  }

  function showEdge(eid) {
    var e = EDGES[eid];
    edgePanel = eid;
    clear(panelBody);
    var title = relName(e.rel) + (e.rel === "assists" ? " · " + sectorName(e.sector) : "");
    panelBody.appendChild(el("h2", { id: "dk-edge-name", text: title }));
    var rows = e.rel === "assists" ? [
      [t("provider"), [nodeLink(e.from)]],
      [t("recipient"), [nodeLink(e.to)]],
      [t("sector"), [chip(STYLE.sectors[e.sector] || STYLE.sectors.general, sectorName(e.sector))]],
      [t("amount"), (e.amounts || []).map(function (q) { return el("div", { text: quantityText(q) }); })],
      [t("date"), e.date],
      [t("trigger"), e.trigger]
    ] : [
      [t("relation"), [nodeLink(e.from), " → ", nodeLink(e.to)]],
      [t("role"), (e.roles || []).join("、")]
    ];
    panelBody.appendChild(facts(rows));
    panelBody.appendChild(el("h3", { text: t("evidence") + " (" + e.ev.length + ")" }));
    panelBody.appendChild(evidenceList(e.ev));
    panel.hidden = false;
    network.selectEdges([eid]);
  }

  document.getElementById("dk-panel-close").addEventListener("click", function () { commit({ node: null }); });

  // ---- sidebar: legend, filters, modes ----------------------------------------------------------
  function countBy(items, key) {
    var out = {};
    items.forEach(function (i) { out[i[key]] = (out[i[key]] || 0) + 1; });
    return out;
  }
  var kindCounts = countBy(NODES, "group");
  var sectorCounts = countBy(EDGES.filter(function (e) { return e.rel === "assists"; }), "sector");

  function renderLegend() {
    var kinds = document.getElementById("dk-kinds"), sectors = document.getElementById("dk-sectors");
    clear(kinds); clear(sectors);
    Object.keys(STYLE.groups).forEach(function (k) {
      if (!kindCounts[k]) return;
      var g = STYLE.groups[k];
      var box = el("input", { type: "checkbox", "data-kind": k });
      box.checked = state.hideKinds.indexOf(k) < 0;
      box.addEventListener("change", function () { toggle("hideKinds", k, !box.checked); });
      var sym = el("span", { cls: "dk-sym", text: g.symbol });
      sym.style.color = g.color;
      kinds.appendChild(el("li", {}, [el("label", {}, [box, sym, name(g), el("span", { cls: "dk-n", text: String(kindCounts[k]) })])]));
    });
    Object.keys(META.sectors).sort(function (a, b) { return sectorCounts[b] - sectorCounts[a] || (a < b ? -1 : 1); }).forEach(function (s) {
      var box = el("input", { type: "checkbox", "data-sector": s });
      box.checked = state.hideSectors.indexOf(s) < 0;
      box.addEventListener("change", function () { toggle("hideSectors", s, !box.checked); });
      var line = el("span", { cls: "dk-line" });
      line.style.background = STYLE.sectors[s] || STYLE.sectors.general;
      sectors.appendChild(el("li", {}, [el("label", {}, [box, line, sectorName(s), el("span", { cls: "dk-n", text: String(sectorCounts[s]) })])]));
    });
    var select = document.getElementById("dk-doc");
    clear(select);
    select.appendChild(el("option", { value: "", text: t("allDocs") }));
    DOCS.forEach(function (d) { if (d) select.appendChild(el("option", { value: d, text: d })); });
    select.value = state.doc;
  }
  function toggle(key, value, hide) {
    var list = state[key].filter(function (v) { return v !== value; });
    if (hide) list.push(value);
    var change = {};
    change[key] = list.sort();
    commit(change);
  }
  document.getElementById("dk-doc").addEventListener("change", function (ev) { commit({ doc: ev.target.value }); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=dk-mode]"), function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) commit({ mode: radio.value }); });
  });
  document.getElementById("dk-depth").addEventListener("change", function (ev) {
    commit({ depth: Math.min(6, Math.max(1, parseInt(ev.target.value, 10) || 1)) });
  });
  document.getElementById("dk-sub-clear").addEventListener("click", function () { showSubgraph(null); });

  function renderModes() {
    Array.prototype.forEach.call(document.querySelectorAll("input[name=dk-mode]"), function (r) { r.checked = r.value === state.mode; });
    document.getElementById("dk-nb-opts").hidden = state.mode !== "nb";
    document.getElementById("dk-path-opts").hidden = state.mode !== "path";
    document.getElementById("dk-depth").value = String(state.depth);
    document.getElementById("dk-nb-hint").textContent = state.mode === "nb" && state.node === null ? t("nbNeedsNode") : "";
    document.getElementById("dk-from").value = state.from !== null ? NODES[state.from].label : "";
    document.getElementById("dk-to").value = state.to !== null ? NODES[state.to].label : "";
    var path = document.getElementById("dk-path");
    clear(path);
    if (state.mode === "path" && state.from !== null && state.to !== null) {
      if (!pathResult) path.appendChild(el("li", { cls: "dk-hint", text: t("noPath") }));
      else pathResult.nodes.forEach(function (id) { path.appendChild(el("li", {}, [nodeLink(id)])); });
    }
    document.getElementById("dk-sub").hidden = !subgraph;
    if (subgraph) document.getElementById("dk-sub-text").textContent = t("subgraph").replace("{n}", String(subgraph.nodes.size));
    document.getElementById("dk-count").textContent = t("count").replace("{n}", String(visibleNodes.size))
      .replace("{e}", String(visibleEdges.size)).replace("{N}", String(NODES.length));
  }

  // ---- search with suggestions ------------------------------------------------------------------
  function matches(query, limit) {
    var raw = query.trim(), typed = plainPinyin(raw);
    if (!raw) return [];
    var latin = /^[a-z0-9]+$/.test(typed);
    var found = [];
    SEARCH.forEach(function (s) {
      var best = 9;
      s.names.forEach(function (nm) {
        if (nm === raw) best = Math.min(best, 0);
        else if (nm.indexOf(raw) === 0) best = Math.min(best, 1);
        else if (nm.indexOf(raw) > 0) best = Math.min(best, 3);
      });
      if (latin && s.py) {
        if (s.py === typed) best = Math.min(best, 0);
        else if (s.py.indexOf(typed) === 0) best = Math.min(best, 2);
        else if (s.py.indexOf(typed) > 0) best = Math.min(best, 4);
      }
      if (best < 9) found.push([best, -s.value, NODES[s.id].label.length, s.id]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return found.slice(0, limit).map(function (f) { return f[3]; });
  }

  function suggest(input, list, onPick) {
    var items = [], active = -1;
    function close() { list.hidden = true; clear(list); items = []; active = -1; }
    function show() {
      clear(list);
      items = matches(input.value, 12);
      active = items.length ? 0 : -1;
      if (!items.length) {
        if (input.value.trim()) list.appendChild(el("li", { cls: "dk-hint", text: t("noMatch") }));
      }
      items.forEach(function (id, i) {
        var n = NODES[id], g = STYLE.groups[n.group];
        var sym = el("span", { cls: "dk-sym", text: g.symbol });
        sym.style.color = g.color;
        var li = el("li", { role: "option", "data-node": n.iri, cls: i === active ? "active" : "" },
                    [sym, el("span", { cls: "dk-s-label", text: n.label }), el("span", { cls: "dk-s-py", text: n.py }),
                     el("span", { cls: "dk-s-kind", text: kindName(n) })]);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); pick(id); });
        list.appendChild(li);
      });
      list.hidden = !input.value.trim();
    }
    function pick(id) { close(); input.blur(); onPick(id); }
    function highlight() { Array.prototype.forEach.call(list.children, function (li, i) { li.className = i === active ? "active" : ""; }); }
    input.addEventListener("input", show);
    input.addEventListener("focus", function () { if (input.value.trim()) show(); });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; highlight(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp" && items.length) { active = (active + items.length - 1) % items.length; highlight(); ev.preventDefault(); }
      else if (ev.key === "Enter" && active >= 0) { pick(items[active]); ev.preventDefault(); }
      else if (ev.key === "Escape") close();
    });
  }
  suggest(document.getElementById("dk-search"), document.getElementById("dk-search-list"), function (id) { select(id); });
  suggest(document.getElementById("dk-from"), document.getElementById("dk-from-list"), function (id) { commit({ from: id }); });
  suggest(document.getElementById("dk-to"), document.getElementById("dk-to-list"), function (id) { commit({ to: id }); });

  // ---- hover: Chinese label with pinyin, sector of an assistance arrow --------------------------
  var tip = document.getElementById("dk-tip");
  function showTip(pointer, lines) {
    clear(tip);
    lines.forEach(function (l, i) { if (l) tip.appendChild(el(i ? "span" : "strong", { text: l })); });
    var box = container.getBoundingClientRect();
    tip.style.left = (box.left + pointer.x + 14) + "px";
    tip.style.top = (box.top + pointer.y + 14) + "px";
    tip.hidden = false;
  }
  network.on("hoverNode", function (p) {
    var n = NODES[p.node];
    showTip(p.pointer.DOM, [n.label, n.py, kindName(n)]);
  });
  network.on("hoverEdge", function (p) {
    var e = EDGES[p.edge];
    var head = e.rel === "assists" ? sectorName(e.sector) : relName(e.rel) + ((e.roles || []).length ? " · " + e.roles.join("、") : "");
    showTip(p.pointer.DOM, [head, NODES[e.from].label + " → " + NODES[e.to].label]);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });

  // ---- clicks, selection and the URL ------------------------------------------------------------
  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  function focusOn(id) {
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  }
  function fitVisible() {
    var ids = Array.from(visibleNodes);
    if (ids.length && ids.length < NODES.length) network.fit({ nodes: ids, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  }

  function select(id) { commit({ node: id }, { focus: true }); }

  function renderTexts() {
    document.documentElement.lang = state.lang === "en" ? "en" : "zh";
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) { node.textContent = t(node.getAttribute("data-i18n")); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-title]"), function (node) { node.title = t(node.getAttribute("data-i18n-title")); });
    var lang = document.getElementById("dk-lang");
    lang.textContent = state.lang === "en" ? "中文" : "English";
    lang.lang = state.lang === "en" ? "zh" : "en";
  }

  var shownLang = null;
  function apply(next, opts) {
    var before = state;
    state = next;
    var filtersChanged = refreshVisibility();
    if (state.lang !== shownLang) { shownLang = state.lang; renderTexts(); }
    renderLegend();
    renderModes();
    if (state.node !== null) {
      if (edgePanel === null || before.node !== state.node) showNode(state.node);
      else showEdge(edgePanel);
      network.selectNodes([state.node]);
    } else if (edgePanel !== null) {
      showEdge(edgePanel);
    } else {
      panel.hidden = true;
      // unselectAll costs a redraw (0.4 s at 10,000 nodes): only when something is selected
      if (network.getSelectedNodes().length || network.getSelectedEdges().length) network.unselectAll();
    }
    if (opts && opts.focus && state.node !== null && (state.mode === "all" || !filtersChanged)) focusOn(state.node);
    else if (filtersChanged && state.mode !== "all") fitVisible();
  }
  function commit(change, opts) {
    var next = Object.assign({}, state, change);
    if ("node" in change) edgePanel = null;
    apply(next, opts);
    var hash = encode(next);
    if (encode(decode(location.hash)) !== hash) location.hash = hash;
  }
  window.addEventListener("hashchange", function () {
    var next = decode(location.hash);
    if (encode(next) !== encode(state)) { edgePanel = null; apply(next, { focus: true }); }
  });

  document.getElementById("dk-lang").addEventListener("click", function () { commit({ lang: state.lang === "en" ? "zh" : "en" }); });
  document.getElementById("dk-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var link = el("a", { href: canvas.toDataURL("image/png"), download: "duikou.png" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  // ---- API for the query panel ------------------------------------------------------------------
  function showSubgraph(nodeIris, edgePairs) {
    if (!nodeIris) {
      subgraph = null;
    } else {
      var ids = new Set();
      nodeIris.forEach(function (iri) { var n = nodeOf(iri); if (n) ids.add(n.id); });
      if (!ids.size) return 0;  // nothing of this page: leave the view as it is, the caller draws its own
      var edges = null;
      if (edgePairs) {
        var wanted = new Set(edgePairs.map(function (p) {
          var a = nodeOf(Array.isArray(p) ? p[0] : p.from), b = nodeOf(Array.isArray(p) ? p[1] : p.to);
          return a && b ? a.id + ">" + b.id : "";
        }));
        edges = new Set(EDGES.filter(function (e) { return wanted.has(e.from + ">" + e.to); }).map(function (e) { return e.id; }));
        // pairs that are no relation of the page (record → provider …) leave every relation among the nodes
        if (!edges.size) edges = null;
      }
      subgraph = { nodes: ids, edges: edges };
    }
    commit({ mode: "all" });
    fitVisible();
    return subgraph ? subgraph.nodes.size : NODES.length;
  }
  window.duikouShowSubgraph = showSubgraph;
  window.duikouSelect = function (iri) {
    var n = nodeOf(iri);
    if (!n) return false;
    select(n.id);
    return true;
  };

  apply(decode(location.hash), { focus: true });
})();
