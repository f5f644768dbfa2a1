/* Duikou query panel: a SPARQL editor, the saved queries, results as a table or a drawn subgraph.
 * It talks only to the server that served the page (/sparql, /queries).  Every string from the data
 * or from the server goes into the page as text (textContent, title, value), never as markup.
 * It uses the page's window.duikouSelect(iri) to select a node and window.duikouShowSubgraph(iris,
 * edges) to draw a CONSTRUCT answer in the main view when the page offers them and has those nodes,
 * else draws the answer in its own small vis Network. */
(function () {
  "use strict";
  var PREFIXES = {
    "dk": "https://w3id.org/duikou/ontology#", "dkr": "https://w3id.org/duikou/id/",
    "schema": "https://schema.org/", "org": "http://www.w3.org/ns/org#", "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#"
  };
  var RDFS_LABEL = PREFIXES.rdfs + "label";
  var NUMERIC = ["integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger"].map(function (t) {
    return PREFIXES.xsd + t;
  });
  var $ = function (id) { return document.getElementById(id); };
  var panel = $("dkq"), editor = $("dkq-editor"), menu = $("dkq-saved"), desc = $("dkq-desc");
  var paramsBox = $("dkq-params"), status = $("dkq-status"), runButton = $("dkq-run");
  var table = $("dkq-table"), tableWrap = $("dkq-table-wrap"), graphBox = $("dkq-graph");
  var ROWS = window.duikouRows, FMT = window.duikouFormat;  // rows.js and format.js, inserted with this script
  var saved = {}, current = null, ownNetwork = null;

  /* IRI → label from the page's own nodes (page.js's Duikou.NODES, full IRIs), so the table speaks names
     without another request; a page without them shows IRIs compacted. */
  var labels = (function () {
    var out = {};
    ((window.Duikou && window.Duikou.NODES) || []).forEach(function (n) { if (n.iri && n.label) { out[n.iri] = n.label; } });
    return out;
  })();

  /* An IRI as it pastes into a query, as the command line's tables print it (graph/results.py curie):
     dkr:place\/513324, or <…> when no prefix fits or the rest cannot be a prefixed name. */
  function compact(iri) {
    var best = null;
    Object.keys(PREFIXES).forEach(function (p) {
      var ns = PREFIXES[p];
      if (iri.indexOf(ns) === 0 && (best === null || ns.length > PREFIXES[best].length)) { best = p; }
    });
    if (best === null) { return "<" + iri + ">"; }
    var local = iri.slice(PREFIXES[best].length), out = "";
    for (var i = 0; i < local.length; i++) {
      var c = local.charAt(i);
      if ("~!$&'()*+,;=/?#@%".indexOf(c) >= 0 || ("-.".indexOf(c) >= 0 && i === 0) || (c === "." && i === local.length - 1)) {
        out += "\\" + c;
      } else if (/[A-Za-z0-9_:.\-]/.test(c) || (c.charCodeAt(0) > 0x7f && !/\s/.test(c))) {
        out += c;
      } else {
        return "<" + iri + ">";
      }
    }
    return best + ":" + out;
  }

  function labelOf(iri) { return labels[iri] || compact(iri); }

  function select(iri) {
    if (typeof window.duikouSelect === "function") { window.duikouSelect(iri); }
  }

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("dkq-error", !!isError);
  }

  function iriButton(iri) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "dkq-iri";
    b.textContent = labelOf(iri);
    b.title = iri;
    b.addEventListener("click", function () { select(iri); });
    return b;
  }

  // A numeric column named like money (?total, ?yuan, ?value, ?amount — not ?amounts, a count) is shown
  // as Chinese readers write amounts, 6488.19万元, with the exact value on hover (format.js).
  var MONEY_VAR = /(yuan|money|total|sum|value|amount)$/i;

  function cell(term, variable) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      td.appendChild(iriButton(term.value));
    } else {
      td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
      if (term["xml:lang"]) {
        var lang = document.createElement("span");
        lang.className = "dkq-lang";
        lang.textContent = "@" + term["xml:lang"];
        td.appendChild(lang);
      }
      if (term.datatype && NUMERIC.indexOf(term.datatype) >= 0) {
        td.className = "dkq-num";
        if (MONEY_VAR.test(variable) && !isNaN(Number(term.value))) {
          td.textContent = FMT.yuan(term.value);
          td.title = FMT.exact(term.value) + " (" + term.value + ")";
          td.className = "dkq-num dkq-money";
        }
      }
    }
    return td;
  }

  /* The last SELECT answer, its sort (a variable, "-" before it for descending) and the filter's words:
     a click on a heading sorts, the words typed above the table keep the rows that contain them all. */
  var answer = null, sort = "", filterBox = $("dkq-filter"), shownCount = $("dkq-shown");

  function numericVar(bindings, v) {
    var any = false;
    for (var i = 0; i < bindings.length; i++) {
      var term = bindings[i][v];
      if (!term) { continue; }
      if (!term.datatype || NUMERIC.indexOf(term.datatype) < 0 || isNaN(Number(term.value))) { return false; }
      any = true;
    }
    return any;
  }

  /* What a row is sorted by in a column (a number, or the text shown) and what the filter searches. */
  function sortKey(term, numeric) {
    if (numeric) { return term ? Number(term.value) : NaN; }
    if (!term) { return ""; }
    return term.type === "uri" ? labelOf(term.value) : term.value;
  }
  function haystack(b) {
    var h = answer.hay.get(b);
    if (h === undefined) {
      h = answer.vars.map(function (v) {
        var term = b[v];
        if (!term) { return ""; }
        var shown = term.type === "uri" ? labelOf(term.value) + " " + term.value : term.value;
        if (MONEY_VAR.test(v) && answer.numeric[v]) { shown += " " + FMT.yuan(term.value); }
        return shown;
      }).join(" ").toLowerCase();
      answer.hay.set(b, h);
    }
    return h;
  }

  function renderTable() {
    var vars = answer.vars, desc = sort.charAt(0) === "-", by = desc ? sort.slice(1) : sort;
    var rows = ROWS.matching(answer.bindings, filterBox.value, haystack);
    if (vars.indexOf(by) >= 0) {
      rows = ROWS.sorted(rows, function (b) { return sortKey(b[by], answer.numeric[by]); }, answer.numeric[by], desc);
    }
    table.replaceChildren();
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) {
      var th = document.createElement("th"), button = document.createElement("button");
      button.type = "button";
      button.className = "dkq-sort";
      button.textContent = v + (by === v ? (desc ? " ▼" : " ▲") : "");
      button.title = "排序 sort";
      button.addEventListener("click", function () { sort = sort === v ? "-" + v : v; renderTable(); });
      th.setAttribute("aria-sort", by === v ? (desc ? "descending" : "ascending") : "none");
      if (answer.numeric[v]) { th.className = "dkq-num"; }
      th.appendChild(button);
      head.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (b) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(b[v], v)); });
    });
    shownCount.textContent = rows.length === answer.bindings.length ? "" : rows.length + " / " + answer.bindings.length;
  }

  function showTable(data) {
    graphBox.hidden = true;
    tableWrap.hidden = false;
    table.replaceChildren();
    if (typeof data.boolean === "boolean") {
      answer = null;
      shownCount.textContent = "";
      var row = table.insertRow();
      row.insertCell().textContent = data.boolean ? "true" : "false";
      return 1;
    }
    var vars = data.head.vars, bindings = data.results.bindings, numeric = {};
    vars.forEach(function (v) { numeric[v] = numericVar(bindings, v); });
    answer = { vars: vars, bindings: bindings, numeric: numeric, hay: new Map() };
    if (vars.indexOf(sort.replace(/^-/, "")) < 0) { sort = ""; }  // a sort by a variable the answer has is kept
    renderTable();
    return bindings.length;
  }

  /* Expanded JSON-LD (what /sparql answers for CONSTRUCT and DESCRIBE) → vis nodes and edges. */
  function toSubgraph(doc) {
    var objects = Array.isArray(doc) ? doc : (doc["@graph"] || [doc]);
    var nodes = {}, edges = [], triples = 0;
    function node(iri) {
      if (!nodes[iri]) { nodes[iri] = { id: iri, iri: iri, label: labelOf(iri), title: iri }; }
      return nodes[iri];
    }
    objects.forEach(function (o) {
      if (!o["@id"]) { return; }
      var s = node(o["@id"]);
      Object.keys(o).forEach(function (key) {
        if (key === "@id") { return; }
        var values = Array.isArray(o[key]) ? o[key] : [o[key]];
        values.forEach(function (v) {
          triples += 1;
          if (key === "@type") { return; }
          if (v && typeof v === "object" && v["@id"]) {
            node(v["@id"]);
            edges.push({ from: s.id, to: v["@id"], label: compact(key), iri: key, arrows: "to" });
          } else if (key === RDFS_LABEL && v && !labels[s.id]) {
            s.label = String(v["@value"] !== undefined ? v["@value"] : v);
          }
        });
      });
    });
    return { nodes: Object.keys(nodes).map(function (k) { return nodes[k]; }), edges: edges, triples: triples };
  }

  function showGraph(doc) {
    var sub = toSubgraph(doc);
    answer = null;
    shownCount.textContent = "";
    if (typeof window.duikouShowSubgraph === "function") {
      /* the page draws the nodes it has (entities; not sentences or records) in the main view */
      var shown = window.duikouShowSubgraph(sub.nodes.map(function (n) { return n.iri; }),
        sub.edges.map(function (e) { return { from: e.from, to: e.to }; }));
      if (shown) {
        tableWrap.hidden = false;
        graphBox.hidden = true;
        table.replaceChildren();
        table.insertRow().insertCell().textContent = shown + " / " + sub.nodes.length + " nodes shown in the graph";
        return sub.triples;
      }
    }
    tableWrap.hidden = true;
    graphBox.hidden = false;
    if (typeof vis === "undefined") {
      graphBox.textContent = sub.nodes.length + " nodes, " + sub.edges.length + " links";
      return sub.triples;
    }
    if (ownNetwork) { ownNetwork.destroy(); }
    ownNetwork = new vis.Network(graphBox, { nodes: new vis.DataSet(sub.nodes), edges: new vis.DataSet(sub.edges) }, {
      nodes: { shape: "dot", size: 10, font: { size: 13 } },
      edges: { font: { size: 10, align: "middle" }, color: { color: "#9ab" }, smooth: false },
      physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 140 } },
      interaction: { hover: true }
    });
    ownNetwork.once("stabilizationIterationsDone", function () { ownNetwork.setOptions({ physics: false }); });
    ownNetwork.on("click", function (e) { if (e.nodes.length) { select(e.nodes[0]); } });
    return sub.triples;
  }

  function showParams(query) {
    paramsBox.replaceChildren();
    (query ? query.params : []).forEach(function (p) {
      var id = "dkq-param-" + p.name;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = p.name + (p.required ? " *" : "");
      var input = document.createElement("input");
      input.id = id;
      input.name = p.name;
      input.placeholder = p.required ? "required" : "optional";
      input.addEventListener("keydown", function (e) { if (e.key === "Enter") { run(); } });
      var meaning = document.createElement("div");
      meaning.className = "dkq-meaning";
      meaning.textContent = p.meaning;
      paramsBox.append(label, input, meaning);
    });
  }

  function choose(name) {
    current = saved[name] || null;
    desc.textContent = current ? current.description : "";
    desc.title = current ? current.description : "";
    if (current) { editor.value = current.text; }
    showParams(current);
  }

  function request() {
    var accept = "application/sparql-results+json, application/ld+json;q=0.9";
    if (current && editor.value === current.text) {
      var params = new URLSearchParams();
      paramsBox.querySelectorAll("input").forEach(function (i) { if (i.value.trim()) { params.append(i.name, i.value.trim()); } });
      var q = params.toString();
      return fetch("queries/" + encodeURIComponent(current.name) + (q ? "?" + q : ""), { headers: { Accept: accept } });
    }
    return fetch("sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
      body: new URLSearchParams({ query: editor.value })
    });
  }

  function run() {
    runButton.disabled = true;
    setStatus("…", false);
    request().then(function (response) {
      return response.text().then(function (body) {
        if (!response.ok) { throw new Error(body.trim() || response.statusText); }
        var kind = response.headers.get("Content-Type") || "";
        var data = JSON.parse(body);
        var n = kind.indexOf("ld+json") >= 0 ? showGraph(data) : showTable(data);
        var unit = kind.indexOf("ld+json") >= 0 ? " triples" : " rows";
        setStatus(n + unit + " · " + (response.headers.get("X-Duikou-Elapsed") || "?") + " s", false);
      });
    }).catch(function (err) {
      setStatus(err.message, true);
    }).then(function () { runButton.disabled = false; });
  }

  function loadSaved() {
    fetch("queries").then(function (r) { return r.ok ? r.json() : []; }).then(function (list) {
      list.forEach(function (q) {
        saved[q.name] = q;
        var option = document.createElement("option");
        option.value = q.name;
        option.textContent = q.title;
        option.title = q.description;
        menu.appendChild(option);
      });
    }).catch(function () { setStatus("saved queries unavailable", true); });
  }

  $("dkq-toggle").addEventListener("click", function () {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) { editor.focus(); }
  });
  $("dkq-close").addEventListener("click", function () { panel.hidden = true; });
  menu.addEventListener("change", function () { choose(menu.value); });
  editor.addEventListener("input", function () {
    if (current && editor.value !== current.text) { paramsBox.replaceChildren(); }
    else if (current) { showParams(current); }
  });
  editor.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); run(); }
  });
  runButton.addEventListener("click", run);
  var filterTimer = null;
  filterBox.addEventListener("input", function () {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(function () { if (answer) { renderTable(); } }, 120);
  });
  loadSaved();
})();
