/* Duikou explorer: reads the graph from the page's JSON blocks, draws it with vis-network and keeps the
   view (selection, filters, mode, tab, table query, language) in the URL fragment so it can be
   bookmarked and Back works.

   Data flow: one state → one pass of filters (refreshVisibility) → the visible nodes, edges and
   assistance records → every view (graph, records table, summaries, map) draws from those.  The views
   live in table.js, summary.js and map.js and register with `Duikou.views`.

   Safety: every string from the data reaches the DOM through textContent or createElement, never as
   markup, and vis draws labels on a canvas; titles (which vis would show as HTML) are never set.

   Globals for other scripts: `network` (vis's, as in every pyvis page), `duikouSelect(iri)` and
   `duikouShowSubgraph(nodeIris, edgePairs)` for the SPARQL query panel, `Duikou` for the views. */
var network;

(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var META = readJson("dk-meta");
  var OPTIONS = readJson("dk-options");
  var STYLE = META.style;
  var GROUP_OF = {};
  Object.keys(STYLE.groups).forEach(function (g) { STYLE.groups[g].kinds.forEach(function (k) { GROUP_OF[k] = g; }); });
  // Empty lists and one-document lists are shared between the items that have them, frozen so that no
  // view changes them: 180,000 nodes and edges at 10,000 articles allocate no list of their own for them.
  var NONE = Object.freeze([]), inDoc = [];
  var NODES = nodesOf(readJson("dk-nodes"));
  var EDGES = edgesOf(readJson("dk-edges"));
  var DOCS = META.docs;
  // The evidence (each node's and edge's sentences, their texts) is read when a panel first shows it.
  var SENTENCES = [], EVIDENCE = null;

  function docList(d) {
    if (typeof d !== "number") return d.length ? d : NONE;
    return inDoc[d] || (inDoc[d] = Object.freeze([d]));
  }
  /** Fills ``field`` of the items graph/page.py's _sparse columns name. */
  function fill(items, field, cols) {
    for (var k = 0; k < cols[0].length; k++) items[cols[0][k]][field] = cols[1][k];
  }
  function coded(column, table) { return function (i) { var k = column[i]; return k < 0 ? "" : table[k]; }; }
  /** graph/page.py's _node_columns as one object per node: the shape every view reads. */
  function nodesOf(c) {
    var out = new Array(c.iri.length);
    for (var i = 0; i < out.length; i++) {
      var iri = c.iri[i], kind = c.tables.kind[c.kind[i]];
      out[i] = { id: i, iri: iri.indexOf(":") < 0 ? META.base + iri : iri, label: c.label[i], py: c.py[i], kind: kind,
                 code: "", chain: NONE, aliases: NONE, qty: NONE, roles: NONE, cert: NONE,
                 ev: NONE, docs: docList(c.docs[i]), value: c.value[i], x: c.x[i], y: c.y[i], grp: c.grp[i], ll: null,
                 group: GROUP_OF[kind] || "organization" };
    }
    ["code", "ll", "aliases", "qty", "roles", "cert"].forEach(function (f) { fill(out, f, c.sparse[f]); });
    // a chain names its places by their index (their label is theirs) or, when left out of the page, by label
    var chains = c.tables.chain.map(function (chain) {
      return chain.map(function (p) { return typeof p === "number" ? [p, out[p].label] : [-1, p]; });
    });
    for (var j = 0; j < out.length; j++) if (c.chain[j] >= 0) out[j].chain = chains[c.chain[j]];
    return out;
  }
  /** graph/page.py's _edge_columns as one object per edge. */
  function edgesOf(c) {
    var T = c.tables, rel = coded(c.rel, T.rel), sector = coded(c.sector, T.sector), trigger = coded(c.trigger, T.trigger);
    var date = coded(c.date, T.date), prog = coded(c.prog, T.prog);
    var out = new Array(c.from.length);
    for (var i = 0; i < out.length; i++) {
      out[i] = { id: i, from: c.from[i], to: c.to[i], rel: rel(i), ev: NONE, docs: docList(c.docs[i]), sector: sector(i),
                 amounts: NONE, date: date(i), trigger: trigger(i), inf: false, prog: prog(i), roles: NONE };
    }
    fill(out, "amounts", c.sparse.amounts);
    fill(out, "roles", c.sparse.roles);
    c.inf.forEach(function (k) { out[k].inf = true; });
    return out;
  }
  /** Reads the evidence block once: every node's and edge's sentences as [sentence, marks].  The block
      comes after the scripts (page.html): until the browser has read it, panels show no sentences and
      are drawn again once it has. */
  var evidenceAwaited = false;
  function loadEvidence() {
    if (EVIDENCE) return;
    if (!document.getElementById("dk-evidence")) {
      if (!evidenceAwaited) {
        evidenceAwaited = true;
        document.addEventListener("DOMContentLoaded", function () { loadEvidence(); apply(state); });
      }
      return;
    }
    EVIDENCE = readJson("dk-evidence");
    SENTENCES = EVIDENCE.sentences;
    // graph/page.py writes a sentence's marks flat after its index: [s, start, end, start, end …]
    var pairs = function (items) {
      return items.map(function (flat) {
        var marks = [];
        for (var k = 1; k + 1 < flat.length; k += 2) marks.push([flat[k], flat[k + 1]]);
        return [flat[0], marks];
      });
    };
    NODES.forEach(function (n, i) { n.ev = pairs(EVIDENCE.nodes[i]); });
    EDGES.forEach(function (e, i) { e.ev = pairs(EVIDENCE.edges[i]); });
  }
  var FMT = window.duikouFormat;
  //: in a corpus this big the first view draws the most important nodes only: vis takes ~0.3 s per 1,000
  //: items to add, and at 10,000 articles adding 1,500 nodes and 3,000 arrows was a third of the time
  //: to the first readable drawing
  var FIRST_VIEW_CAP = 1000, EDGE_CAP = 2000;
  //: labels smaller than this many screen pixels are not drawn by vis; the overlay labels the top names
  var LABEL_PX = 11;
  //: the most important visible nodes are labelled even where their names overlap; the next ones where there is room
  var ALWAYS_LABELLED = 10;

  var UI = {
    zh: {
      search: "搜索", searchHint: "输入中文或拼音(可不带声调),如 九龙 或 jiulong", png: "导出 PNG",
      kinds: "类型", sectors: "帮扶领域", relTypes: "关系类型", document: "文档", allDocs: "全部文档", mode: "视图",
      modeAll: "全部", modeNb: "邻域", modePath: "路径", depth: "步数", from: "起点", to: "终点",
      showAll: "显示全部", close: "关闭", nbNeedsNode: "先选择一个节点。", noPath: "这两点之间没有路径。",
      count: "显示 {n} 个节点、{e} 条关系(共 {N} 个节点)", capped: "只显示最重要的 {n} 个节点(共 {N} 个)。",
      showEvery: "显示全部节点",
      subgraph: "查询结果:{n} 个节点", kind: "类型", code: "行政区划代码", chain: "所在地",
      aliases: "别名", roles: "职务", cert: "认证", quantities: "数量", evidence: "证据",
      noEvidence: "没有记录证据句。", provider: "帮扶方", recipient: "受援方", sector: "领域",
      amount: "金额/数量", date: "日期", trigger: "动词", relation: "关系", role: "职务",
      nbHere: "查看邻域", pathFrom: "设为路径起点", pathTo: "设为路径终点", noMatch: "没有匹配项",
      approx: "约", yuan: "元", selectHint: "点击节点或箭头查看详情;点击空白处取消选择;Esc 关闭。",
      doc: "文档", only: "只看", onlyTitle: "只显示这一项", orphans: "隐藏没有可见关系的节点", stated: "只看原文明确写出的记录",
      assistOnly: "只走帮扶关系", weight: "箭头粗细", byRecords: "按记录数", byMoney: "按金额",
      records: "记录", recordsN: "{n} 条记录", moneyKind: "资金类型", programme: "项目", stateLbl: "来源",
      statedV: "原文写明", inferredV: "据全文推断", drawAlone: "单独显示", pairTitle: "{a} → {b}",
      tabGraph: "关系图", tabMap: "地图", tabSummary: "统计", tableBtn: "记录表",
      fit: "适应窗口", zoomIn: "放大", zoomOut: "缩小", reset: "重置视图", menu: "筛选",
      context: "上下文", hideContext: "收起上下文", mentions: "其他提及", review: "待核查",
      reviewHint: "有帮扶用语但没有找到帮扶方和受援方的句子:", pinyinLabels: "节点名用拼音",
      fig: "主要领域", money: "金额", noRecords: "没有记录。", reverse: "(反向)"
    },
    en: {
      search: "Search", searchHint: "Chinese or pinyin, tones optional, e.g. 九龙 or jiulong", png: "Export PNG",
      kinds: "Kinds", sectors: "Sectors", relTypes: "Relations", document: "Document", allDocs: "All documents", mode: "View",
      modeAll: "All", modeNb: "Neighbourhood", modePath: "Path", depth: "Steps", from: "From", to: "To",
      showAll: "Show all", close: "Close", nbNeedsNode: "Select a node first.",
      noPath: "No path between these two.",
      count: "Showing {n} nodes, {e} relations (of {N} nodes)", capped: "Showing the {n} most important nodes (of {N}).",
      showEvery: "Show every node",
      subgraph: "Query result: {n} nodes",
      kind: "Kind", code: "Division code", chain: "Place", aliases: "Also called", roles: "Posts",
      cert: "Certification", quantities: "Quantities", evidence: "Evidence",
      noEvidence: "No evidence sentence recorded.", provider: "Provider", recipient: "Recipient",
      sector: "Sector", amount: "Amount", date: "Date", trigger: "Verb", relation: "Relation", role: "Post",
      nbHere: "Neighbourhood", pathFrom: "Path from here", pathTo: "Path to here", noMatch: "No match",
      approx: "about", yuan: "yuan", selectHint: "Click a node or an arrow for details; click empty space to deselect; Esc closes.",
      doc: "Document", only: "only", onlyTitle: "Show only this one", orphans: "Hide nodes left without a visible relation",
      stated: "Stated records only", assistOnly: "Assistance only", weight: "Arrow width", byRecords: "records",
      byMoney: "money", records: "Records", recordsN: "{n} records", moneyKind: "Kind of money", programme: "Programme",
      stateLbl: "Source", statedV: "stated", inferredV: "inferred from the article", drawAlone: "Draw on its own",
      pairTitle: "{a} → {b}", tabGraph: "Graph", tabMap: "Map", tabSummary: "Summary", tableBtn: "Records table",
      fit: "Fit", zoomIn: "Zoom in", zoomOut: "Zoom out", reset: "Reset view", menu: "Filters",
      context: "Context", hideContext: "Hide context", mentions: "Other mentions", review: "Needs review",
      reviewHint: "Sentences with an assistance word but no provider and recipient found:", pinyinLabels: "Pinyin labels",
      fig: "Main sector", money: "Money", noRecords: "No records.", reverse: " (reverse)"
    }
  };
  //: relation types the sidebar filters by, each a set of relations of style.json
  var REL_TYPES = {
    assists: { zh: "帮扶", en: "assistance", rels: ["assists"] },
    posts: { zh: "任职", en: "posts", rels: ["headOf", "memberOf"] },
    places: { zh: "地点", en: "places", rels: ["location", "containedInPlace"] },
    products: { zh: "产品", en: "products", rels: ["produces"] },
    events: { zh: "活动", en: "events", rels: ["organizer", "coOrganizer"] }
  };
  var REL_TYPE_OF = {};
  Object.keys(REL_TYPES).forEach(function (k) { REL_TYPES[k].rels.forEach(function (r) { REL_TYPE_OF[r] = k; }); });

  // ---- indexes ----------------------------------------------------------------------------------
  // Built on first use, like the search and sentence indexes below: the first view needs none of them.
  var byIri = null, incidentLists = null;
  function nodeByIri(iri) {
    if (!byIri) { byIri = new Map(); NODES.forEach(function (n) { byIri.set(n.iri, n); }); }
    return byIri.get(iri);
  }
  /** The edges at a node, assistance first: breadth-first search then meets assistance first, so among
      equally short chains it follows help given. */
  function incident(id) {
    if (!incidentLists) {
      incidentLists = NODES.map(function () { return []; });
      var assists = [], others = [];
      EDGES.forEach(function (e) { (e.rel === "assists" ? assists : others).push(e); });
      assists.concat(others).forEach(function (e) {
        incidentLists[e.from].push(e.id);
        if (e.to !== e.from) incidentLists[e.to].push(e.id);
      });
    }
    return incidentLists[id];
  }
  var RANKED = NODES.map(function (n) { return n.id; }).sort(function (a, b) { return NODES[b].value - NODES[a].value || a - b; });

  // One record per assistance edge, one pair per provider → recipient with all its records.  Records
  // without money (most) share one empty breakdown and one empty list of other quantities.
  var RECORDS = [], PAIRS = [], pairOf = new Map(), recordOf = new Array(EDGES.length);
  var NO_KINDS = Object.freeze({});
  EDGES.forEach(function (e) {
    if (e.rel !== "assists") return;
    var money = 0, kinds = NO_KINDS, hasMoney = false, mainKind = "", qty = NONE;
    if (e.amounts.length) {
      kinds = {};
      e.amounts.forEach(function (q) {
        if (q.unit !== "CNY" || q.value === null || q.value === undefined) return;
        var kind = STYLE.moneyKinds[q.kind] ? q.kind : "other";
        kinds[kind] = (kinds[kind] || 0) + Number(q.value);
        money += Number(q.value);
        hasMoney = true;
      });
      mainKind = Object.keys(kinds).sort(function (a, b) { return kinds[b] - kinds[a]; })[0] || "";
      qty = e.amounts.filter(function (q) { return q.unit !== "CNY"; });
    }
    var key = e.from * NODES.length + e.to, pair = pairOf.get(key);
    if (pair === undefined) {
      pairOf.set(key, pair = PAIRS.length);
      PAIRS.push({ id: PAIRS.length, from: e.from, to: e.to, recs: [] });
    }
    var r = {
      i: RECORDS.length, e: e.id, from: e.from, to: e.to, sector: e.sector, money: hasMoney ? money : null,
      kinds: kinds, kind: mainKind, date: e.date, verb: e.trigger, inf: e.inf,
      prog: e.prog || (e.docs.length ? (META.docinfo[e.docs[0]] || [])[3] : "") || "",
      doc: e.docs.length ? e.docs[0] : -1, pair: pair, qty: qty
    };
    RECORDS.push(r);
    recordOf[e.id] = r;
    PAIRS[pair].recs.push(r.i);
  });
  // Indexes only some actions need, built on first use (a 10,000-article page saves ~0.5 s at load).
  var docSentences = null, positionIn = null, SEARCH = null;
  /** Sentences of each document in text order, for a quoted sentence's neighbours. */
  function sentenceOrder() {
    if (docSentences) return;
    docSentences = DOCS.map(function () { return []; });
    SENTENCES.forEach(function (s, i) { if (docSentences[s[1]]) docSentences[s[1]].push(i); });
    docSentences.forEach(function (list) { list.sort(function (a, b) { return SENTENCES[a][2] - SENTENCES[b][2]; }); });
    positionIn = new Map();
    docSentences.forEach(function (list) { list.forEach(function (s, i) { positionIn.set(s, i); }); });
  }
  function plainPinyin(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, "").toLowerCase().replace(/v/g, "u");
  }
  function searchIndex() {
    return SEARCH || (SEARCH = NODES.map(function (n) {
      return { id: n.id, names: [n.label].concat(n.aliases), py: plainPinyin(n.py), value: n.value };
    }));
  }

  // ---- state ------------------------------------------------------------------------------------
  var state = defaults();
  var subgraph = null;       // {nodes: Set, edges: Set|null} from duikouShowSubgraph
  // shown*: what the filters and the mode let through; visible*: what the graph draws of it
  var shownNodes = new Set(), shownEdges = new Set(), shownPairs = new Map(), visibleRecords = [];
  var visibleNodes = new Set(), visibleEdges = new Set(), visiblePairs = new Map();
  var capped = false;

  function defaults() {
    return { node: null, pair: null, rec: null, hideKinds: [], hideSectors: [], hideRels: [], orphans: false,
             stated: false, doc: "", mode: "all", depth: 1, from: null, to: null, assistOnly: false, lang: "zh",
             py: false, weight: "n", tab: "graph", table: false, q: "", sort: "", every: false };
  }
  function t(key) { return UI[state.lang][key]; }
  function name(obj) { return obj[state.lang] || obj.zh; }
  function shortIri(iri) { return iri.indexOf(META.base) === 0 ? iri.slice(META.base.length) : iri; }
  function nodeOf(ref) {
    if (ref === null || ref === undefined) return null;
    return nodeByIri(ref) || nodeByIri(META.base + ref) || null;
  }
  function intIn(value, size) {
    var i = parseInt(value, 10);
    return isNaN(i) || i < 0 || i >= size ? null : i;
  }

  function encode(s) {
    var p = new URLSearchParams();
    if (s.node !== null) p.set("n", shortIri(NODES[s.node].iri));
    if (s.pair !== null) p.set("pair", String(s.pair));
    if (s.rec !== null) p.set("rec", String(s.rec));
    if (s.hideKinds.length) p.set("hide", s.hideKinds.join(","));
    if (s.hideSectors.length) p.set("hidesec", s.hideSectors.join(","));
    if (s.hideRels.length) p.set("hiderel", s.hideRels.join(","));
    if (s.orphans) p.set("orphans", "hide");
    if (s.stated) p.set("stated", "1");
    if (s.doc) p.set("doc", s.doc);
    if (s.mode !== "all") p.set("mode", s.mode);
    if (s.mode === "nb") p.set("depth", String(s.depth));
    if (s.mode === "path" && s.from !== null) p.set("from", shortIri(NODES[s.from].iri));
    if (s.mode === "path" && s.to !== null) p.set("to", shortIri(NODES[s.to].iri));
    if (s.mode !== "all" && s.assistOnly) p.set("assist", "1");
    if (s.weight !== "n") p.set("w", s.weight);
    if (s.tab !== "graph") p.set("tab", s.tab);
    if (s.table) p.set("table", "1");
    if (s.q) p.set("q", s.q);
    if (s.sort) p.set("sort", s.sort);
    if (s.every) p.set("every", "1");
    if (s.lang !== "zh") p.set("lang", s.lang);
    if (s.py) p.set("py", "1");
    return p.toString();
  }
  function decode(hash) {
    var p = new URLSearchParams(hash.replace(/^#/, ""));
    var s = defaults();
    var pick = function (key) { var n = nodeOf(p.get(key)); return n ? n.id : null; };
    var list = function (key, known) { return (p.get(key) || "").split(",").filter(function (k) { return k in known; }); };
    s.node = pick("n");
    s.pair = intIn(p.get("pair"), PAIRS.length);
    s.rec = intIn(p.get("rec"), RECORDS.length);
    s.hideKinds = list("hide", STYLE.groups);
    s.hideSectors = list("hidesec", META.sectors);
    s.hideRels = list("hiderel", REL_TYPES);
    s.orphans = p.get("orphans") === "hide";
    s.stated = p.get("stated") === "1";
    s.doc = DOCS.indexOf(p.get("doc")) >= 0 ? p.get("doc") : "";
    s.mode = ["nb", "path"].indexOf(p.get("mode")) >= 0 ? p.get("mode") : "all";
    s.depth = Math.min(6, Math.max(1, parseInt(p.get("depth"), 10) || 1));
    s.from = pick("from");
    s.to = pick("to");
    s.assistOnly = p.get("assist") === "1";
    s.weight = p.get("w") === "money" ? "money" : "n";
    s.tab = ["map", "summary"].indexOf(p.get("tab")) >= 0 ? p.get("tab") : "graph";
    s.table = p.get("table") === "1";
    s.q = p.get("q") || "";
    s.sort = p.get("sort") || "";
    s.every = p.get("every") === "1";
    s.lang = p.get("lang") === "en" ? "en" : "zh";
    s.py = p.get("py") === "1";
    return s;
  }

  // ---- drawing ----------------------------------------------------------------------------------
  function fontSize(n) { return 12 + Math.round(10 * n.value); }
  function shownLabel(n) { return state.lang === "en" && state.py && n.py ? n.py : n.label; }
  function visNode(n) {
    var g = STYLE.groups[n.group];
    // Sizes from importance here, not vis's `value`: vis rescans every node's value for each node added.
    return {
      id: n.id, label: shownLabel(n), x: n.x, y: n.y, size: 6 + 24 * n.value, font: { size: fontSize(n) },
      shape: g.shape,
      color: { background: g.color, border: "#ffffff", highlight: { background: g.color, border: "#222222" },
               hover: { background: g.color, border: "#222222" } }
    };
  }
  function relEdge(e) {
    var rel = STYLE.relations[e.rel] || { width: 1, color: "#cccccc" };
    return {
      id: e.id, from: e.from, to: e.to, width: rel.width, dashes: !!rel.dashes,
      color: { color: rel.color, highlight: "#999999", hover: rel.color, opacity: 0.8 },
      arrows: { to: { enabled: true, scaleFactor: 0.4 } }
    };
  }
  function sectorColor(s) { return STYLE.sectors[s] || STYLE.sectors.general; }
  function recordEdge(r) {
    // a record drawn on its own: a curve beside its pair's straight arrow
    var c = sectorColor(r.sector);
    return { id: "r" + r.i, from: r.from, to: r.to, width: 2.5, dashes: [6, 4],
             color: { color: c, highlight: c, hover: c }, smooth: { enabled: true, type: "curvedCW", roundness: 0.25 },
             arrows: { to: { enabled: true, scaleFactor: 0.7 } } };
  }

  var container = document.getElementById("mynetwork");
  var nodeSet = new vis.DataSet([]);
  var edgeSet = new vis.DataSet([]);
  network = new vis.Network(container, { nodes: nodeSet, edges: edgeSet }, OPTIONS);
  // A white background, so that the exported PNG is not transparent.
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    drawGroups(ctx);
  });
  var started = false;  // set by Duikou.start: before it vis draws an empty canvas
  network.on("afterDrawing", function (ctx) {
    drawTopLabels(ctx);
    if (started) markDrawn();
  });
  /** Marks the page's first drawing (on <html data-drawn>: ms since navigation), which tests and the
      benchmark wait for: the graph's, or the map's or the summaries' when the page opens on them. */
  function markDrawn() {
    if (!document.documentElement.hasAttribute("data-drawn")) {
      document.documentElement.setAttribute("data-drawn", String(Math.round(performance.now())));
    }
  }

  // ---- level of detail: pairing groups and the top names, drawn at a readable size at any zoom -----
  var groupBoxes = null, groupsDrawn = [];
  function computeGroupBoxes() {
    var boxes = META.groups.map(function (g) { return { g: g, x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity, n: 0 }; });
    var pos = network.getPositions(Array.from(visibleNodes));
    visibleNodes.forEach(function (id) {
      var k = NODES[id].grp;
      if (k < 0 || !pos[id]) return;
      var b = boxes[k], p = pos[id];
      b.x0 = Math.min(b.x0, p.x); b.y0 = Math.min(b.y0, p.y); b.x1 = Math.max(b.x1, p.x); b.y1 = Math.max(b.y1, p.y); b.n++;
    });
    groupBoxes = boxes.filter(function (b) { return b.n >= 2; }).sort(function (a, b) { return b.n - a.n; });
  }
  function pairingName(g) { return shownLabel(NODES[g[0]]) + " ⇄ " + shownLabel(NODES[g[1]]); }
  function drawGroups(ctx) {
    if (state.mode !== "all" || !META.groups.length || META.groups.length < 2) return;
    if (!groupBoxes) computeGroupBoxes();
    var scale = network.getScale(), pad = 30, drawn = 0;
    groupsDrawn = [];
    ctx.save();
    ctx.font = "600 " + (12 / scale) + "px " + OPTIONS.nodes.font.face;
    ctx.textBaseline = "bottom";
    for (var i = 0; i < groupBoxes.length && drawn < 80; i++) {
      var b = groupBoxes[i];
      if ((b.x1 - b.x0 + 2 * pad) * scale < 70) continue;  // too small on screen to name
      drawn++;
      ctx.fillStyle = "rgba(47, 93, 138, 0.045)";
      ctx.strokeStyle = "rgba(47, 93, 138, 0.25)";
      ctx.lineWidth = 1 / scale;
      ctx.beginPath();
      ctx.rect(b.x0 - pad, b.y0 - pad, b.x1 - b.x0 + 2 * pad, b.y1 - b.y0 + 2 * pad);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = "#2f5d8a";
      groupsDrawn.push(pairingName(b.g));
      ctx.fillText(fitted(ctx, pairingName(b.g), b.x1 - b.x0 + 2 * pad - 8 / scale), b.x0 - pad + 4 / scale, b.y0 - pad - 2 / scale);
    }
    ctx.restore();
  }
  /** The text, cut with an ellipsis to fit ``width`` canvas units: neighbouring groups' names never overlap. */
  function fitted(ctx, text, width) {
    if (ctx.measureText(text).width <= width) return text;
    var cut = text;
    while (cut.length > 1 && ctx.measureText(cut + "…").width > width) cut = cut.slice(0, -1);
    return cut + "…";
  }
  var overlayLabelled = [];
  function drawTopLabels(ctx) {
    var scale = network.getScale(), taken = [], limit = 60, px = LABEL_PX;
    var view = network.getViewPosition(), w = container.clientWidth / scale / 2, h = container.clientHeight / scale / 2;
    overlayLabelled = [];
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    var ranked = 0;
    for (var i = 0; i < RANKED.length && overlayLabelled.length < limit; i++) {
      var id = RANKED[i];
      if (!visibleNodes.has(id)) continue;
      var n = NODES[id], always = ranked++ < ALWAYS_LABELLED;
      if (fontSize(n) * scale >= px) { overlayLabelled.push([id, fontSize(n) * scale]); continue; }  // vis draws it
      var p = network.body.nodes[id];
      if (!p || Math.abs(p.x - view.x) > w || Math.abs(p.y - view.y) > h) continue;
      var text = shownLabel(n), size = px / scale;
      ctx.font = size + "px " + OPTIONS.nodes.font.face;
      var tw = ctx.measureText(text).width, top = p.y + (6 + 24 * n.value) + 2 / scale;
      var box = [p.x - tw / 2, top, p.x + tw / 2, top + size * 1.2];
      if (!always && taken.some(function (b) { return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]; })) continue;
      taken.push(box);
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "#ffffff";
      ctx.strokeText(text, p.x, top);
      ctx.fillStyle = "#222222";
      ctx.fillText(text, p.x, top);
      overlayLabelled.push([id, px]);
    }
    ctx.restore();
  }

  // ---- filters and modes ------------------------------------------------------------------------
  function baseNode(n) {
    if (state.hideKinds.indexOf(n.group) >= 0) return false;
    if (state.doc && n.docs.indexOf(DOCS.indexOf(state.doc)) < 0) return false;
    return !subgraph || subgraph.nodes.has(n.id);
  }
  function baseEdge(e, nodeOk) {
    if (!nodeOk[e.from] || !nodeOk[e.to]) return false;
    if (state.hideRels.indexOf(REL_TYPE_OF[e.rel] || "") >= 0) return false;
    if (e.rel === "assists" && state.hideSectors.indexOf(e.sector) >= 0) return false;
    if (e.rel === "assists" && state.stated && e.inf) return false;
    if (state.doc && e.docs.length && e.docs.indexOf(DOCS.indexOf(state.doc)) < 0) return false;
    return !subgraph || !subgraph.edges || subgraph.edges.has(e.id);
  }
  function other(e, id) { return e.from === id ? e.to : e.from; }

  function nearby(start, depth, edgeOk) {
    var dist = new Map([[start, 0]]);
    var queue = [start];
    for (var i = 0; i < queue.length; i++) {
      var cur = queue[i];
      if (dist.get(cur) >= depth) continue;
      incident(cur).forEach(function (eid) {
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
      incident(cur).forEach(function (eid) {
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
  /** Applies the state's filters and mode: which nodes, relations and records are visible.  Returns
      whether anything changed. */
  function refreshVisibility() {
    var nodeOk = NODES.map(baseNode);
    var edgeOk = EDGES.map(function (e) { return baseEdge(e, nodeOk); });
    var keepNode = nodeOk.slice(), keepEdge = edgeOk.slice();
    var walk = state.assistOnly ? edgeOk.map(function (ok, i) { return ok && EDGES[i].rel === "assists"; }) : edgeOk;
    pathResult = null;
    if (state.mode === "nb" && state.node !== null) {
      var dist = nodeOk[state.node] ? nearby(state.node, state.depth, walk) : new Map();
      keepNode = NODES.map(function (n) { return dist.has(n.id); });
      keepEdge = EDGES.map(function (e) { return walk[e.id] && keepNode[e.from] && keepNode[e.to]; });
    } else if (state.mode === "path" && state.from !== null && state.to !== null) {
      pathResult = nodeOk[state.from] && nodeOk[state.to] ? shortestPath(state.from, state.to, walk) : null;
      if (pathResult) {
        var onPath = new Set(pathResult.nodes), pathEdges = new Set(pathResult.edges);
        keepNode = NODES.map(function (n) { return onPath.has(n.id); });
        keepEdge = EDGES.map(function (e) { return pathEdges.has(e.id); });
      }
    }
    if (state.orphans) {
      var linked = new Uint8Array(NODES.length);
      EDGES.forEach(function (e) { if (keepEdge[e.id]) { linked[e.from] = 1; linked[e.to] = 1; } });
      keepNode = keepNode.map(function (k, i) { return k && (linked[i] === 1 || i === state.node); });
    }
    keepEdge = keepEdge.map(function (k, j) { return k && keepNode[EDGES[j].from] && keepNode[EDGES[j].to]; });
    // what the filters and the mode let through: the legend, the table, the summaries and the map read this
    var nodes = new Set(), edges = new Set();
    keepNode.forEach(function (k, j) { if (k) nodes.add(j); });
    keepEdge.forEach(function (k, j) { if (k) edges.add(j); });
    visibleRecords = RECORDS.filter(function (r) { return keepEdge[r.e]; });
    var pairs = new Map();
    visibleRecords.forEach(function (r) {
      if (!pairs.has(r.pair)) pairs.set(r.pair, []);
      pairs.get(r.pair).push(r);
    });
    var changed = !sameSet(nodes, shownNodes) || !sameSet(edges, shownEdges) || !samePairs(pairs, shownPairs);
    shownNodes = nodes; shownEdges = edges; shownPairs = pairs;
    // what the graph draws: all of it, or in a big corpus's overview the most important nodes and the
    // heaviest arrows among them, with what is selected
    capped = nodes.size > FIRST_VIEW_CAP && !state.every && state.mode === "all" && !subgraph;
    if (!capped) {
      visibleNodes = nodes; visibleEdges = edges; visiblePairs = pairs;
      return changed;
    }
    var allowed = new Uint8Array(NODES.length), room = FIRST_VIEW_CAP;
    for (var i = 0; i < RANKED.length && room > 0; i++) if (keepNode[RANKED[i]]) { allowed[RANKED[i]] = 1; room--; }
    var chosenPair = state.rec !== null ? RECORDS[state.rec].pair : state.pair;
    [state.node, state.from, state.to].forEach(function (id) { if (id !== null) allowed[id] = 1; });
    if (chosenPair !== null) { allowed[PAIRS[chosenPair].from] = 1; allowed[PAIRS[chosenPair].to] = 1; }
    var drawNodes = new Set(), drawEdges = new Set(), drawPairs = new Map();
    nodes.forEach(function (id) { if (allowed[id]) drawNodes.add(id); });
    var among = Array.from(pairs.keys()).filter(function (pid) { return allowed[PAIRS[pid].from] && allowed[PAIRS[pid].to]; });
    among.sort(function (a, b) { return pairs.get(b).length - pairs.get(a).length || a - b; });
    among = among.slice(0, EDGE_CAP);
    if (chosenPair !== null && pairs.has(chosenPair) && among.indexOf(chosenPair) < 0) among.push(chosenPair);
    among.forEach(function (pid) {
      drawPairs.set(pid, pairs.get(pid));
      pairs.get(pid).forEach(function (r) { drawEdges.add(r.e); });
    });
    var budget = EDGE_CAP - among.length;
    edges.forEach(function (id) {
      var e = EDGES[id];
      if (budget > 0 && e.rel !== "assists" && allowed[e.from] && allowed[e.to]) { drawEdges.add(id); budget--; }
    });
    visibleNodes = drawNodes; visibleEdges = drawEdges; visiblePairs = drawPairs;
    return changed;
  }
  function sameSet(a, b) {
    if (a.size !== b.size) return false;
    for (var x of a) if (!b.has(x)) return false;
    return true;
  }
  function samePairs(a, b) {
    if (a.size !== b.size) return false;
    for (var kv of a) { var other = b.get(kv[0]); if (!other || other.length !== kv[1].length) return false; }
    return true;
  }

  /** Summary of a set of records: count, money, main sector. */
  function summarise(recs) {
    var money = 0, hasMoney = false, sectors = {};
    recs.forEach(function (r) {
      if (r.money !== null) { money += r.money; hasMoney = true; }
      sectors[r.sector] = (sectors[r.sector] || 0) + 1;
    });
    var main = Object.keys(sectors).sort(function (a, b) { return sectors[b] - sectors[a] || (a < b ? -1 : 1); })[0];
    return { n: recs.length, money: hasMoney ? money : null, sector: main, sectors: sectors };
  }

  /** Brings the vis DataSets in line with the visible sets: one arrow per visible pair, the relations,
      the record drawn on its own.  Items enter the DataSets when first shown and are hidden after. */
  var nodesIn = new Set(), nodesShown = new Set(), edgesIn = new Set(), edgesShown = new Set(), pairLook = new Map();
  var drawnLabels = null;
  function place(set, shown, vid, want, make, adds, updates) {
    if (want && !set.has(vid)) { adds.push(make()); set.add(vid); shown.add(vid); }
    else if (want && !shown.has(vid)) { updates.push({ id: vid, hidden: false }); shown.add(vid); }
    else if (!want && shown.has(vid)) { updates.push({ id: vid, hidden: true }); shown.delete(vid); }
  }
  function syncVis() {
    var nodeAdds = [], nodeUpdates = [], edgeAdds = [], edgeUpdates = [];
    var labels = state.lang + state.py;
    NODES.forEach(function (n) {
      place(nodesIn, nodesShown, n.id, visibleNodes.has(n.id), function () { return visNode(n); }, nodeAdds, nodeUpdates);
    });
    if (labels !== drawnLabels && drawnLabels !== null) {
      nodesIn.forEach(function (id) { nodeUpdates.push({ id: id, label: shownLabel(NODES[id]) }); });
    }
    EDGES.forEach(function (e) {
      if (e.rel !== "assists") place(edgesIn, edgesShown, e.id, visibleEdges.has(e.id), function () { return relEdge(e); }, edgeAdds, edgeUpdates);
    });
    var top = 0, sums = new Map();
    visiblePairs.forEach(function (recs, pid) {
      var s = summarise(recs);
      sums.set(pid, s);
      top = Math.max(top, state.weight === "money" ? s.money || 0 : s.n);
    });
    PAIRS.forEach(function (p) {
      var vid = "p" + p.id, s = sums.get(p.id);
      if (!s) { place(edgesIn, edgesShown, vid, false, null, edgeAdds, edgeUpdates); return; }
      var v = state.weight === "money" ? s.money || 0 : s.n, c = sectorColor(s.sector);
      var item = { id: vid, from: p.from, to: p.to, width: Math.round(10 * (1.5 + 6 * Math.sqrt(top ? v / top : 0))) / 10,
                   color: { color: c, highlight: c, hover: c, opacity: 1 }, arrows: { to: { enabled: true, scaleFactor: 0.8 } } };
      var look = item.width + c;
      if (edgesIn.has(vid) && pairLook.get(vid) !== look) edgeUpdates.push({ id: vid, width: item.width, color: item.color });
      pairLook.set(vid, look);
      place(edgesIn, edgesShown, vid, true, function () { return item; }, edgeAdds, edgeUpdates);
    });
    var alone = state.rec !== null && visibleEdges.has(RECORDS[state.rec].e) ? state.rec : null;
    edgesShown.forEach(function (vid) {
      if (typeof vid === "string" && vid[0] === "r" && vid !== "r" + alone) place(edgesIn, edgesShown, vid, false, null, edgeAdds, edgeUpdates);
    });
    if (alone !== null) place(edgesIn, edgesShown, "r" + alone, true, function () { return recordEdge(RECORDS[alone]); }, edgeAdds, edgeUpdates);
    drawnLabels = labels;
    oneDrawing(function () {
      if (nodeAdds.length) nodeSet.add(nodeAdds);
      if (nodeUpdates.length) nodeSet.update(nodeUpdates);
      if (edgeAdds.length) edgeSet.add(edgeAdds);
      if (edgeUpdates.length) edgeSet.update(edgeUpdates);
    });
    groupBoxes = null;
  }
  /** Runs ``change`` with vis's drawing held, then draws once in the next frame.  With physics off, vis
      draws the whole canvas at once on every change to its DataSets (its startSimulation emits
      "_redraw"): the first view was drawn twice at the wrong zoom before it was fitted, a fifth of a
      second at 10,000 articles.  Nested calls draw once, after the outermost. */
  var held = 0;
  function oneDrawing(change) {
    var emitter = network.body.emitter;
    if (!held++) emitter.emit("_blockRedraw");
    try { change(); } finally {
      if (!--held) { emitter.emit("_allowRedraw"); emitter.emit("_requestRedraw"); }
    }
  }

  // ---- DOM helpers (text only) ------------------------------------------------------------------
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else if (k === "cls") node.className = props[k];
      else if (k === "on") node.addEventListener("click", props[k]);
      else if (k === "title") node.title = props[k];
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c !== null && c !== undefined && c !== "") node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
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
    if (onClick) { c.type = "button"; c.addEventListener("click", onClick); }
    return c;
  }
  function sectorName(s) { var n = META.sectors[s]; return n ? (state.lang === "en" ? n[1] : n[0]) : s; }
  function kindOfMoney(k) { return STYLE.moneyKinds[k] ? name(STYLE.moneyKinds[k]) : (k ? k : ""); }
  function programmeName(p) { return STYLE.programmes[p] ? name(STYLE.programmes[p]) : p; }
  function relName(r) { return STYLE.relations[r] ? name(STYLE.relations[r]) : r; }
  function kindName(n) { return STYLE.kinds[n.kind] ? name(STYLE.kinds[n.kind]) : n.kind; }
  /** An amount as 万元/亿元 with the exact value in its title. */
  function money(value) {
    return el("span", { cls: "dk-money", text: FMT.yuan(value), title: FMT.exact(value) });
  }
  function quantityText(q) {
    var parts = [q.text || String(q.value)];
    if (q.counts) parts.push(q.counts);
    if (q.value !== null && q.value !== undefined && q.unit !== "CNY" && q.approximate) {
      parts.push("(" + t("approx") + " " + Number(q.value).toLocaleString(state.lang === "en" ? "en" : "zh-CN") + " " + (q.unit || "") + ")");
    }
    return parts.join(" ");
  }
  function quantityNode(q) {
    if (q.unit !== "CNY" || q.value === null || q.value === undefined) return el("div", { text: quantityText(q) });
    var kind = STYLE.moneyKinds[q.kind] ? q.kind : "other";
    return el("div", {}, [money(q.value), q.text && q.text !== FMT.yuan(q.value) ? " (" + q.text + ")" : "",
                          " · " + kindOfMoney(kind)]);
  }
  /** How a document is named: its title (or file name), date; the source address when the article gave one. */
  function docName(d) {
    var info = META.docinfo[d] || [];
    return (info[0] || DOCS[d]) + (info[1] ? " · " + info[1] : "");
  }
  function docCite(d) {
    var info = META.docinfo[d] || [];
    var cite = el("cite", { text: t("doc") + ": " + docName(d), title: DOCS[d] });
    if (info[2] && /^https?:\/\//i.test(info[2])) {
      var a = el("a", { cls: "dk-link", text: info[2], target: "_blank", rel: "noopener noreferrer" });
      a.href = info[2];
      cite.appendChild(document.createTextNode(" "));
      cite.appendChild(a);
    }
    return cite;
  }

  function quote(text, marks) {
    var q = el("q"), at = 0;
    marks.forEach(function (m) {
      if (m[0] > at) q.appendChild(document.createTextNode(text.slice(at, m[0])));
      q.appendChild(el("mark", { text: text.slice(m[0], m[1]) }));
      at = m[1];
    });
    if (at < text.length) q.appendChild(document.createTextNode(text.slice(at)));
    return q;
  }
  function evidenceList(items) {
    if (!items.length) return el("p", { cls: "dk-hint", text: t("noEvidence") });
    return el("ol", { cls: "dk-evidence" }, items.map(function (item) {
      var s = SENTENCES[item[0]];
      var li = el("li", {}, [quote(s[0], item[1]), docCite(s[1])]);
      var toggle = el("button", { type: "button", cls: "dk-context-btn", text: t("context") });
      toggle.addEventListener("click", function () {
        var open = li.querySelector(".dk-context");
        if (open) { open.remove(); toggle.textContent = t("context"); return; }
        sentenceOrder();
        var list = docSentences[s[1]], at = positionIn.get(item[0]);
        var box = el("div", { cls: "dk-context" });
        if (at > 0) box.appendChild(el("p", { cls: "dk-before", text: SENTENCES[list[at - 1]][0] }));
        box.appendChild(el("p", { cls: "dk-this", text: s[0] }));
        if (at < list.length - 1) box.appendChild(el("p", { cls: "dk-after", text: SENTENCES[list[at + 1]][0] }));
        li.appendChild(box);
        toggle.textContent = t("hideContext");
      });
      li.appendChild(toggle);
      return li;
    }));
  }
  function facts(rows) {
    var dl = el("dl", { cls: "dk-facts" });
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "" || (Array.isArray(r[1]) && !r[1].length)) return;
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

  function relationKey(e, id) { return e.rel + ":" + (e.from === id || e.from === e.to ? "out" : "in"); }
  function relationHeading(key) {
    var parts = key.split(":"), rel = STYLE.relations[parts[0]];
    return rel ? name(rel[parts[1]]) : parts[0];
  }
  function sortedKeys(groups) {
    var order = Object.keys(STYLE.relations);
    return Array.from(groups.keys()).sort(function (a, b) {
      var ra = a.split(":"), rb = b.split(":");
      return order.indexOf(ra[0]) - order.indexOf(rb[0]) || (ra[1] === "out" ? -1 : 1);
    });
  }
  function relationGroups(n) {
    var groups = new Map();
    incident(n.id).forEach(function (eid) {
      var key = relationKey(EDGES[eid], n.id);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(EDGES[eid]);
    });
    var wrap = el("div", { cls: "dk-relations" });
    sortedKeys(groups).forEach(function (key) {
      // one line per neighbour: the records of a pair are one link to the pair, with its count and money
      var byNeighbour = new Map();
      groups.get(key).forEach(function (e) {
        var nb = other(e, n.id);
        if (!byNeighbour.has(nb)) byNeighbour.set(nb, []);
        byNeighbour.get(nb).push(e);
      });
      var list = el("ul");
      byNeighbour.forEach(function (edges) {
        var e0 = edges[0], item = el("li", {}, [nodeLink(other(e0, n.id))]);
        if (e0.rel === "assists") {
          var recs = edges.map(function (e) { return recordOf[e.id]; });
          var s = summarise(recs);
          item.appendChild(chip(sectorColor(s.sector), t("recordsN").replace("{n}", String(s.n)), function () { commit({ pair: recs[0].pair, rec: null }); }));
          if (s.money !== null) { item.appendChild(document.createTextNode(" ")); item.appendChild(money(s.money)); }
        } else {
          edges.forEach(function (e) {
            if (e.roles && e.roles.length) item.appendChild(chip("#bbbbbb", e.roles.join("、"), function () { showRelation(e.id); }));
          });
        }
        list.appendChild(item);
      });
      wrap.appendChild(el("section", { "data-rel": key }, [el("h3", { text: relationHeading(key) + " (" + byNeighbour.size + ")" }), list]));
    });
    return wrap;
  }
  /** The node's sentences grouped by the relation they support; the rest as other mentions. */
  function groupedEvidence(n) {
    var groups = new Map(), used = new Set();
    incident(n.id).forEach(function (eid) {
      var e = EDGES[eid], key = relationKey(e, n.id);
      e.ev.forEach(function (item) {
        if (used.has(item[0])) return;
        used.add(item[0]);
        if (!groups.has(key)) groups.set(key, []);
        var own = n.ev.filter(function (x) { return x[0] === item[0]; })[0];
        groups.get(key).push(own || item);
      });
    });
    var rest = n.ev.filter(function (item) { return !used.has(item[0]); });
    var total = used.size + rest.length;
    var wrap = el("div", { cls: "dk-ev-groups" }, [el("h3", { text: t("evidence") + " (" + total + ")" })]);
    if (!total) wrap.appendChild(el("p", { cls: "dk-hint", text: t("noEvidence") }));
    sortedKeys(groups).forEach(function (key) {
      wrap.appendChild(el("section", { "data-ev": key }, [el("h4", { text: relationHeading(key) + " (" + groups.get(key).length + ")" }),
                                                           evidenceList(groups.get(key))]));
    });
    if (rest.length) wrap.appendChild(el("section", { "data-ev": "mentions" }, [el("h4", { text: t("mentions") + " (" + rest.length + ")" }), evidenceList(rest)]));
    return wrap;
  }

  function showNode(id) {
    var n = NODES[id], g = STYLE.groups[n.group];
    loadEvidence();
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
      [t("quantities"), n.qty.map(quantityNode)]
    ]));
    panelBody.appendChild(el("div", { cls: "dk-actions" }, [
      el("button", { type: "button", text: t("nbHere"), on: function () { commit({ mode: "nb", node: id }); } }),
      el("button", { type: "button", text: t("pathFrom"), on: function () { commit({ mode: "path", from: id }); } }),
      el("button", { type: "button", text: t("pathTo"), on: function () { commit({ mode: "path", to: id }); } })
    ]));
    panelBody.appendChild(relationGroups(n));
    panelBody.appendChild(groupedEvidence(n));
  }

  function recordFacts(r) {
    var e = EDGES[r.e];
    return facts([
      [t("provider"), [nodeLink(r.from)]],
      [t("recipient"), [nodeLink(r.to)]],
      [t("sector"), [chip(sectorColor(r.sector), sectorName(r.sector))]],
      [t("amount"), (e.amounts || []).map(quantityNode)],
      [t("date"), r.date],
      [t("trigger"), r.verb],
      [t("stateLbl"), r.inf ? t("inferredV") : t("statedV")],
      [t("programme"), r.prog ? programmeName(r.prog) : ""]
    ]);
  }
  /** The records of one provider → recipient pair, each openable and drawable on its own. */
  function showPair(pid) {
    var p = PAIRS[pid], recs = (shownPairs.get(pid) || p.recs.map(function (i) { return RECORDS[i]; }));
    var s = summarise(recs);
    loadEvidence();
    clear(panelBody);
    panelBody.appendChild(el("h2", { id: "dk-pair-name", text: t("pairTitle").replace("{a}", NODES[p.from].label).replace("{b}", NODES[p.to].label) }));
    panelBody.appendChild(facts([
      [t("provider"), [nodeLink(p.from)]],
      [t("recipient"), [nodeLink(p.to)]],
      [t("records"), String(s.n)],
      [t("money"), s.money !== null ? [money(s.money)] : ""],
      [t("fig"), [chip(sectorColor(s.sector), sectorName(s.sector))]]
    ]));
    var list = el("ol", { cls: "dk-records" });
    recs.slice().sort(function (a, b) { return (b.money || 0) - (a.money || 0) || a.i - b.i; }).forEach(function (r) {
      var li = el("li", { "data-rec": String(r.i), cls: state.rec === r.i ? "dk-sel" : "" }, [
        chip(sectorColor(r.sector), sectorName(r.sector)), " ",
        el("span", { cls: "dk-verb", text: r.verb }), " ",
        r.money !== null ? money(r.money) : el("span", { text: r.qty.map(quantityText).join("、") }), " ",
        el("span", { cls: "dk-hint", text: [r.date, r.inf ? t("inferredV") : t("statedV")].filter(Boolean).join(" · ") }), " ",
        el("button", { type: "button", cls: "dk-alone", text: t("drawAlone"), on: function () { commit({ rec: r.i }); } })
      ]);
      var ev = EDGES[r.e].ev;
      if (ev.length) li.appendChild(el("div", { cls: "dk-rec-ev" }, [quote(SENTENCES[ev[0][0]][0], ev[0][1]), docCite(SENTENCES[ev[0][0]][1])]));
      list.appendChild(li);
    });
    panelBody.appendChild(el("h3", { text: t("records") + " (" + recs.length + ")" }));
    panelBody.appendChild(list);
  }
  function showRecord(ri) {
    var r = RECORDS[ri], e = EDGES[r.e];
    loadEvidence();
    clear(panelBody);
    panelBody.appendChild(el("h2", { id: "dk-edge-name", text: relName("assists") + " · " + sectorName(r.sector) }));
    panelBody.appendChild(el("p", { cls: "dk-hint" }, [
      el("a", { href: "#", cls: "dk-link", "data-pair": String(r.pair), text: "← " + t("pairTitle").replace("{a}", NODES[r.from].label).replace("{b}", NODES[r.to].label),
                on: function (ev) { ev.preventDefault(); commit({ pair: r.pair, rec: null }); } })]));
    panelBody.appendChild(recordFacts(r));
    panelBody.appendChild(el("h3", { text: t("evidence") + " (" + e.ev.length + ")" }));
    panelBody.appendChild(evidenceList(e.ev));
  }
  var relationPanel = null;   // a post, location … edge whose details are open
  function showRelation(eid) {
    var e = EDGES[eid];
    relationPanel = eid;
    loadEvidence();
    clear(panelBody);
    panelBody.appendChild(el("h2", { id: "dk-edge-name", text: relName(e.rel) }));
    panelBody.appendChild(facts([
      [t("relation"), [nodeLink(e.from), " → ", nodeLink(e.to)]],
      [t("role"), (e.roles || []).join("、")]
    ]));
    panelBody.appendChild(el("h3", { text: t("evidence") + " (" + e.ev.length + ")" }));
    panelBody.appendChild(evidenceList(e.ev));
    panel.hidden = false;
    network.selectEdges([eid]);
  }

  document.getElementById("dk-panel-close").addEventListener("click", deselect);

  // ---- sidebar: legend, filters, modes ----------------------------------------------------------
  function legendItem(attr, key, checked, symbol, label, shown, total, onToggle, onOnly) {
    var box = el("input", { type: "checkbox" });
    box.setAttribute(attr, key);
    box.checked = checked;
    box.addEventListener("change", function () { onToggle(!box.checked); });
    var only = el("button", { type: "button", cls: "dk-only", text: t("only"), title: t("onlyTitle") });
    only.setAttribute(attr + "-only", key);
    only.addEventListener("click", onOnly);
    var count = el("span", { cls: "dk-n", text: shown === total ? String(total) : shown + "/" + total });
    return el("li", {}, [el("label", {}, [box, symbol, label, count]), only]);
  }
  var kindTotals = {}, sectorTotals = {}, relTotals = {}, docOptions = null;
  NODES.forEach(function (n) { kindTotals[n.group] = (kindTotals[n.group] || 0) + 1; });
  RECORDS.forEach(function (r) { sectorTotals[r.sector] = (sectorTotals[r.sector] || 0) + 1; });
  EDGES.forEach(function (e) { var k = REL_TYPE_OF[e.rel]; if (k) relTotals[k] = (relTotals[k] || 0) + 1; });

  function renderLegend() {
    var kinds = document.getElementById("dk-kinds"), sectors = document.getElementById("dk-sectors"), rels = document.getElementById("dk-rels");
    clear(kinds); clear(sectors); clear(rels);
    var kindShown = {}, sectorShown = {}, relShown = {};
    shownNodes.forEach(function (id) { var g = NODES[id].group; kindShown[g] = (kindShown[g] || 0) + 1; });
    visibleRecords.forEach(function (r) { sectorShown[r.sector] = (sectorShown[r.sector] || 0) + 1; });
    shownEdges.forEach(function (id) { var k = REL_TYPE_OF[EDGES[id].rel]; if (k) relShown[k] = (relShown[k] || 0) + 1; });
    Object.keys(STYLE.groups).forEach(function (k) {
      if (!kindTotals[k]) return;
      var g = STYLE.groups[k], sym = el("span", { cls: "dk-sym", text: g.symbol });
      sym.style.color = g.color;
      kinds.appendChild(legendItem("data-kind", k, state.hideKinds.indexOf(k) < 0, sym, name(g), kindShown[k] || 0, kindTotals[k],
        function (hide) { toggle("hideKinds", k, hide); },
        function () { commit({ hideKinds: Object.keys(kindTotals).filter(function (x) { return x !== k; }).sort() }); }));
    });
    Object.keys(META.sectors).sort(function (a, b) { return (sectorTotals[b] || 0) - (sectorTotals[a] || 0) || (a < b ? -1 : 1); }).forEach(function (s) {
      var line = el("span", { cls: "dk-line" });
      line.style.background = sectorColor(s);
      sectors.appendChild(legendItem("data-sector", s, state.hideSectors.indexOf(s) < 0, line, sectorName(s), sectorShown[s] || 0, sectorTotals[s] || 0,
        function (hide) { toggle("hideSectors", s, hide); },
        function () { commit({ hideSectors: Object.keys(META.sectors).filter(function (x) { return x !== s; }).sort() }); }));
    });
    Object.keys(REL_TYPES).forEach(function (k) {
      if (!relTotals[k]) return;
      rels.appendChild(legendItem("data-rel", k, state.hideRels.indexOf(k) < 0, null, name(REL_TYPES[k]), relShown[k] || 0, relTotals[k],
        function (hide) { toggle("hideRels", k, hide); },
        function () { commit({ hideRels: Object.keys(relTotals).filter(function (x) { return x !== k; }).sort() }); }));
    });
    // 10,000 options at 10,000 articles (a tenth of a second): made again only for another language, and
    // on load after the first drawing unless a document is chosen
    if (docOptions !== state.lang) {
      if (state.doc || docOptions !== null) docOptionList();
      else requestAnimationFrame(function () { setTimeout(docOptionList, 0); });
    }
    document.getElementById("dk-doc").value = state.doc;
    document.getElementById("dk-orphans").checked = state.orphans;
    document.getElementById("dk-stated").checked = state.stated;
    document.getElementById("dk-weight").value = state.weight;
    document.getElementById("dk-py").checked = state.py;
    document.getElementById("dk-py-row").hidden = state.lang !== "en";
  }
  function docOptionList() {
    if (docOptions === state.lang) return;
    docOptions = state.lang;
    var select = document.getElementById("dk-doc");
    clear(select);
    select.appendChild(el("option", { value: "", text: t("allDocs") }));
    DOCS.forEach(function (d, i) { if (d) select.appendChild(el("option", { value: d, text: docName(i) })); });
    select.value = state.doc;
  }
  function toggle(key, value, hide) {
    var list = state[key].filter(function (v) { return v !== value; });
    if (hide) list.push(value);
    var change = {};
    change[key] = list.sort();
    commit(change);
  }
  function onInput(id, event, fn) { document.getElementById(id).addEventListener(event, fn); }
  onInput("dk-doc", "change", function (ev) { commit({ doc: ev.target.value }); });
  onInput("dk-orphans", "change", function (ev) { commit({ orphans: ev.target.checked }); });
  onInput("dk-stated", "change", function (ev) { commit({ stated: ev.target.checked }); });
  onInput("dk-weight", "change", function (ev) { commit({ weight: ev.target.value === "money" ? "money" : "n" }); });
  onInput("dk-py", "change", function (ev) { commit({ py: ev.target.checked }); });
  onInput("dk-assist", "change", function (ev) { commit({ assistOnly: ev.target.checked }); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=dk-mode]"), function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) commit({ mode: radio.value }); });
  });
  onInput("dk-depth", "change", function (ev) {
    commit({ depth: Math.min(6, Math.max(1, parseInt(ev.target.value, 10) || 1)) });
  });
  onInput("dk-sub-clear", "click", function () { showSubgraph(null); });
  onInput("dk-every", "click", function () { commit({ every: true }); });

  function pathStep(eid, fromId) {
    var e = EDGES[eid], forward = e.from === fromId;
    var label = e.rel === "assists" ? relName("assists") + " · " + sectorName(e.sector) : relName(e.rel);
    return el("li", { cls: "dk-step", "data-rel": e.rel, "data-dir": forward ? "forward" : "reverse" },
              [(forward ? "↓ " : "↑ ") + label + (forward ? "" : t("reverse"))]);
  }
  function renderModes() {
    Array.prototype.forEach.call(document.querySelectorAll("input[name=dk-mode]"), function (r) { r.checked = r.value === state.mode; });
    document.getElementById("dk-nb-opts").hidden = state.mode !== "nb";
    document.getElementById("dk-path-opts").hidden = state.mode !== "path";
    document.getElementById("dk-assist-row").hidden = state.mode === "all";
    document.getElementById("dk-assist").checked = state.assistOnly;
    document.getElementById("dk-depth").value = String(state.depth);
    document.getElementById("dk-nb-hint").textContent = state.mode === "nb" && state.node === null ? t("nbNeedsNode") : "";
    document.getElementById("dk-from").value = state.from !== null ? NODES[state.from].label : "";
    document.getElementById("dk-to").value = state.to !== null ? NODES[state.to].label : "";
    var path = document.getElementById("dk-path"), none = document.getElementById("dk-no-path");
    clear(path);
    none.hidden = true;
    if (state.mode === "path" && state.from !== null && state.to !== null) {
      if (!pathResult) none.hidden = false;
      else pathResult.nodes.forEach(function (id, i) {
        if (i) path.appendChild(pathStep(pathResult.edges[i - 1], pathResult.nodes[i - 1]));
        path.appendChild(el("li", { cls: "dk-stop" }, [nodeLink(id)]));
      });
    }
    document.getElementById("dk-sub").hidden = !subgraph;
    if (subgraph) document.getElementById("dk-sub-text").textContent = t("subgraph").replace("{n}", String(subgraph.nodes.size));
    document.getElementById("dk-count").textContent = t("count").replace("{n}", String(visibleNodes.size))
      .replace("{e}", String(visibleEdges.size)).replace("{N}", String(NODES.length));
    document.getElementById("dk-capped").hidden = !capped;
    document.getElementById("dk-capped-text").textContent = t("capped").replace("{n}", String(visibleNodes.size)).replace("{N}", String(NODES.length));
  }
  function renderReview() {
    var warnings = META.warnings || [], box = document.getElementById("dk-review");
    box.hidden = !warnings.length;
    if (!warnings.length) return;
    document.getElementById("dk-review-n").textContent = " (" + warnings.length + ")";
    var list = document.getElementById("dk-review-list");
    clear(list);
    warnings.slice(0, 300).forEach(function (w) { list.appendChild(el("li", { text: w })); });
  }

  // ---- search with suggestions ------------------------------------------------------------------
  function matches(query, limit) {
    var raw = query.trim(), typed = plainPinyin(raw);
    if (!raw) return [];
    var latin = /^[a-z0-9]+$/.test(typed);
    var found = [];
    searchIndex().forEach(function (s) {
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
      else if (ev.key === "Escape") { close(); ev.stopPropagation(); }
    });
  }
  suggest(document.getElementById("dk-search"), document.getElementById("dk-search-list"), function (id) { select(id); });
  suggest(document.getElementById("dk-from"), document.getElementById("dk-from-list"), function (id) { commit({ from: id }); });
  suggest(document.getElementById("dk-to"), document.getElementById("dk-to-list"), function (id) { commit({ to: id }); });

  // ---- hover: Chinese label with pinyin, a pair's counts ----------------------------------------
  var tip = document.getElementById("dk-tip");
  function showTip(pointer, lines) {
    clear(tip);
    lines.forEach(function (l, i) { if (l) tip.appendChild(el(i ? "span" : "strong", { text: l })); });
    var box = container.getBoundingClientRect();
    tip.style.left = (box.left + pointer.x + 14) + "px";
    tip.style.top = (box.top + pointer.y + 14) + "px";
    tip.hidden = false;
  }
  function pairLines(pid) {
    var p = PAIRS[pid], recs = shownPairs.get(pid) || [], s = summarise(recs);
    var sectors = Object.keys(s.sectors).sort(function (a, b) { return s.sectors[b] - s.sectors[a]; })
      .map(function (k) { return sectorName(k) + " " + s.sectors[k]; }).join("、");
    return [NODES[p.from].label + " → " + NODES[p.to].label,
            t("recordsN").replace("{n}", String(s.n)) + (s.money !== null ? " · " + FMT.yuan(s.money) : ""), sectors];
  }
  network.on("hoverNode", function (p) {
    var n = NODES[p.node];
    showTip(p.pointer.DOM, [n.label, n.py, kindName(n)]);
  });
  network.on("hoverEdge", function (p) {
    var id = p.edge;
    if (typeof id === "string" && id[0] === "p") { showTip(p.pointer.DOM, pairLines(Number(id.slice(1)))); return; }
    if (typeof id === "string" && id[0] === "r") { var r = RECORDS[Number(id.slice(1))]; showTip(p.pointer.DOM, [sectorName(r.sector), r.verb, FMT.yuan(r.money)]); return; }
    var e = EDGES[id];
    showTip(p.pointer.DOM, [relName(e.rel) + ((e.roles || []).length ? " · " + e.roles.join("、") : ""), NODES[e.from].label + " → " + NODES[e.to].label]);
  });
  network.on("blurNode", function () { tip.hidden = true; });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  network.on("dragEnd", function (p) { if (p.nodes.length) groupBoxes = null; });

  // ---- clicks, selection and the URL ------------------------------------------------------------
  network.on("click", function (p) {
    tip.hidden = true;
    if (p.nodes.length) select(p.nodes[0]);
    else if (p.edges.length) {
      var id = p.edges[0];
      if (typeof id === "string" && id[0] === "p") commit({ pair: Number(id.slice(1)), rec: null, node: null });
      else if (typeof id === "string" && id[0] === "r") commit({ rec: Number(id.slice(1)) });
      else { relationPanel = id; commit({ node: null, pair: null, rec: null }, { relation: id }); }
    } else deselect();
  });
  function deselect() { relationPanel = null; commit({ node: null, pair: null, rec: null }); }

  var animation = { duration: 400, easingFunction: "easeInOutQuad" };
  function focusOn(id) {
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: animation });
  }
  function fitVisible() {
    var ids = Array.from(visibleNodes);
    if (ids.length) network.fit({ nodes: ids, animation: animation });
  }
  function select(id) { commit({ node: id, pair: null, rec: null }, { focus: true }); }

  function renderTexts() {
    document.documentElement.lang = state.lang === "en" ? "en" : "zh";
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) { node.textContent = t(node.getAttribute("data-i18n")); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-title]"), function (node) {
      node.title = t(node.getAttribute("data-i18n-title"));
      node.setAttribute("aria-label", node.title);
    });
    var lang = document.getElementById("dk-lang");
    lang.textContent = state.lang === "en" ? "中文" : "English";
    lang.lang = state.lang === "en" ? "zh" : "en";
  }
  function renderTabs() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-tab") === state.tab));
    });
    document.getElementById("dk-graph-view").hidden = state.tab !== "graph";
    document.getElementById("dk-map").hidden = state.tab !== "map";
    document.getElementById("dk-summary").hidden = state.tab !== "summary";
    document.getElementById("dk-table-btn").setAttribute("aria-pressed", String(state.table));
    document.getElementById("dk-table-pane").hidden = !state.table;
    document.body.classList.toggle("dk-with-table", state.table);
    // the drawing's box changed size or came back into view: vis reads its size again
    var layout = state.tab + state.table;
    // (a canvas given a new size is blank until vis draws it again)
    if (state.tab === "graph" && layout !== shownLayout) { network.setSize("100%", "100%"); network.redraw(); }
    shownLayout = layout;
  }
  var shownLayout = "graph" + false;

  var shownLang = null, views = [];
  function apply(next, opts) {
    var before = state;
    state = next;
    var filtersChanged = refreshVisibility();
    syncVis();
    if (state.lang !== shownLang) { shownLang = state.lang; renderTexts(); }
    renderTabs();
    renderLegend();
    renderModes();
    // the panel: a node, a pair, a record, a relation — closed when what it shows is hidden
    if (state.node !== null && !shownNodes.has(state.node)) state.node = null;
    if (state.pair !== null && !shownPairs.has(state.pair)) state.pair = null;
    if (state.rec !== null && !shownEdges.has(RECORDS[state.rec].e)) state.rec = null;
    if (relationPanel !== null && !shownEdges.has(relationPanel)) relationPanel = null;
    var selectedEdges = [];
    if (state.rec !== null) { showRecord(state.rec); selectedEdges = ["r" + state.rec]; }
    else if (state.pair !== null) { showPair(state.pair); selectedEdges = ["p" + state.pair]; }
    else if (state.node !== null) showNode(state.node);
    else if (relationPanel !== null && opts && opts.relation !== undefined) showRelation(relationPanel);
    var open = state.rec !== null || state.pair !== null || state.node !== null || (relationPanel !== null && opts && opts.relation !== undefined);
    panel.hidden = !open;
    document.body.classList.toggle("dk-panel-open", open);
    if (state.node !== null) network.setSelection({ nodes: [state.node], edges: [] }, { unselectAll: true, highlightEdges: false });
    else if (selectedEdges.length) network.setSelection({ nodes: [], edges: selectedEdges }, { unselectAll: true });
    else if (!open && (network.getSelectedNodes().length || network.getSelectedEdges().length)) network.unselectAll();
    views.forEach(function (v) { v.render(before, filtersChanged); });
    var selChanged = before.node !== state.node || before.pair !== state.pair || before.rec !== state.rec;
    if (opts && opts.focus && state.node !== null && (state.mode === "all" || !filtersChanged)) focusOn(state.node);
    else if (filtersChanged && !(opts && opts.fit === false)) fitVisible();
    else if (selChanged && state.rec !== null) network.fit({ nodes: [RECORDS[state.rec].from, RECORDS[state.rec].to], animation: animation, maxZoomLevel: 1.5 });
  }
  function commit(change, opts) {
    if ("node" in change || "pair" in change || "rec" in change) {
      if (!(opts && opts.relation !== undefined)) relationPanel = null;
    }
    var next = Object.assign({}, state, change);
    if (change.rec !== undefined && change.rec !== null && !("pair" in change)) next.pair = null;
    if (change.rec !== undefined && change.rec !== null && !("node" in change)) next.node = null;
    apply(next, opts);
    var hash = encode(state);
    if (encode(decode(location.hash)) !== hash) location.hash = hash;
  }
  window.addEventListener("hashchange", function () {
    var next = decode(location.hash);
    if (encode(next) !== encode(state)) { relationPanel = null; apply(next, { focus: true }); }
  });

  // ---- buttons, keys, drawers -------------------------------------------------------------------
  onInput("dk-lang", "click", function () { commit({ lang: state.lang === "en" ? "zh" : "en" }); });
  onInput("dk-png", "click", function () {
    var canvas = container.querySelector("canvas");
    var link = el("a", { href: canvas.toDataURL("image/png"), download: "duikou.png" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  onInput("dk-fit", "click", function () { network.fit({ nodes: Array.from(visibleNodes), animation: animation }); });
  onInput("dk-zoom-in", "click", function () { network.moveTo({ scale: network.getScale() * 1.4, animation: animation }); });
  onInput("dk-zoom-out", "click", function () { network.moveTo({ scale: network.getScale() / 1.4, animation: animation }); });
  onInput("dk-reset", "click", function () {
    subgraph = null;
    relationPanel = null;
    var keep = { lang: state.lang, tab: state.tab, table: state.table };
    commit(Object.assign(defaults(), keep), { fit: false });
    network.fit({ nodes: Array.from(visibleNodes), animation: animation });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-tab]"), function (b) {
    b.addEventListener("click", function () { commit({ tab: b.getAttribute("data-tab") }); });
  });
  onInput("dk-table-btn", "click", function () { commit({ table: !state.table }); });
  onInput("dk-menu", "click", function () { document.body.classList.toggle("dk-drawer-open"); });
  onInput("dk-drawer-close", "click", function () { document.body.classList.remove("dk-drawer-open"); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    tip.hidden = true;
    if (document.body.classList.contains("dk-drawer-open")) document.body.classList.remove("dk-drawer-open");
    else if (!panel.hidden) deselect();
  });

  // ---- API for the query panel and the views ----------------------------------------------------
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

  window.Duikou = {
    NODES: NODES, EDGES: EDGES, RECORDS: RECORDS, PAIRS: PAIRS, META: META, STYLE: STYLE,
    views: views, t: t, el: el, clear: clear, money: money, summarise: summarise, commit: commit,
    sectorName: sectorName, sectorColor: sectorColor, kindOfMoney: kindOfMoney, docName: docName,
    programmeName: programmeName, shownLabel: shownLabel,
    state: function () { return state; },
    visibleRecords: function () { return visibleRecords; },
    shownNodes: function () { return shownNodes; },
    shownPairs: function () { return shownPairs; },
    labelled: function () { return overlayLabelled.slice(); },
    groupsDrawn: function () { return groupsDrawn.slice(); },
    start: function () {
      var first = decode(location.hash);
      started = true;
      oneDrawing(function () {  // the first drawing is the fitted one
        apply(first, { fit: false });
        network.fit({ nodes: Array.from(visibleNodes) });
        if (state.node !== null) focusOn(state.node);
      });
      if (state.tab !== "graph") markDrawn();  // a hidden canvas is not drawn: the view shown is
      renderReview();
    }
  };
})();
