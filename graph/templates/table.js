/* The records table: every visible assistance record (the graph's filters apply), sortable by a click
   on a heading, filtered by the words typed above it, exported as CSV; a row selects its record in the
   graph and the selected record's row is marked.  Only the rows in sight are in the DOM, so 100,000
   records scroll and filter as fast as 100. */
(function () {
  "use strict";
  var D = window.Duikou, FMT = window.duikouFormat, ROWS = window.duikouRows, NODES = D.NODES, el = D.el;
  var ROW = 26;  // px, fixed (CSS: .dk-table td { height })

  var COLUMNS = [
    { key: "provider", zh: "帮扶方", en: "Provider", text: function (r) { return NODES[r.from].label; } },
    { key: "recipient", zh: "受援方", en: "Recipient", text: function (r) { return NODES[r.to].label; } },
    { key: "sector", zh: "领域", en: "Sector", text: function (r) { return D.sectorName(r.sector); } },
    { key: "kind", zh: "资金类型", en: "Kind of money", text: function (r) { return r.money !== null ? D.kindOfMoney(r.kind) : ""; } },
    { key: "amount", zh: "金额", en: "Amount", num: true, value: function (r) { return r.money === null ? -1 : r.money; },
      text: function (r) { return FMT.yuan(r.money); } },
    { key: "date", zh: "日期", en: "Date", text: function (r) { return r.date; } },
    { key: "verb", zh: "动词", en: "Verb", text: function (r) { return r.verb; } },
    { key: "source", zh: "来源", en: "Source", text: function (r) { return r.inf ? D.t("inferredV") : D.t("statedV"); } },
    { key: "doc", zh: "文档", en: "Document", text: function (r) { return r.doc >= 0 ? D.docName(r.doc) : ""; } }
  ];
  var byKey = {};
  COLUMNS.forEach(function (c) { byKey[c.key] = c; });

  var pane = document.getElementById("dk-table-pane"), scroller = document.getElementById("dk-table-scroll");
  var body = document.getElementById("dk-table-body"), head = document.getElementById("dk-table-head");
  var input = document.getElementById("dk-table-q"), counter = document.getElementById("dk-table-n");
  var rows = [], lang = null, haystack = new Map();

  function hay(r) {
    var h = haystack.get(r.i);
    if (h === undefined) {
      var a = NODES[r.from], b = NODES[r.to];
      h = [a.label, a.py, b.label, b.py, D.sectorName(r.sector), r.sector, D.kindOfMoney(r.kind), r.kind, r.verb, r.date,
           r.doc >= 0 ? D.docName(r.doc) + " " + D.META.docs[r.doc] : "", FMT.yuan(r.money)].join(" ").toLowerCase();
      haystack.set(r.i, h);
    }
    return h;
  }
  /** The visible records the query's words all occur in, in the order of the sort key. */
  function shownRows(records, query, sort) {
    var out = ROWS.matching(records, query, hay);
    var desc = sort[0] === "-", col = byKey[desc ? sort.slice(1) : sort];
    if (!col) return out;
    return ROWS.sorted(out, col.value || col.text, !!col.num, desc, function (x, y) { return x.i - y.i; });
  }

  function renderHead(s) {
    D.clear(head);
    COLUMNS.forEach(function (c) {
      var mark = s.sort === c.key ? " ▲" : s.sort === "-" + c.key ? " ▼" : "";
      var th = el("th", { "data-col": c.key, cls: c.num ? "dk-num" : "" }, [
        el("button", { type: "button", text: (s.lang === "en" ? c.en : c.zh) + mark, on: function () {
          D.commit({ sort: s.sort === c.key ? "-" + c.key : c.key });
        } })]);
      th.setAttribute("aria-sort", mark ? (mark === " ▲" ? "ascending" : "descending") : "none");
      head.appendChild(th);
    });
  }
  function renderRows() {
    var s = D.state(), top = scroller.scrollTop, height = scroller.clientHeight || 300;
    var first = Math.max(0, Math.floor(top / ROW) - 10), last = Math.min(rows.length, first + Math.ceil(height / ROW) + 20);
    D.clear(body);
    if (!rows.length) {
      body.appendChild(el("tr", {}, [el("td", { colspan: String(COLUMNS.length), cls: "dk-hint", text: D.t("noRecords") })]));
      return;
    }
    var spacer = function (h) { var tr = el("tr", { cls: "dk-spacer" }); tr.style.height = h + "px"; return tr; };
    if (first > 0) body.appendChild(spacer(first * ROW));
    for (var i = first; i < last; i++) {
      var r = rows[i];
      var tr = el("tr", { "data-rec": String(r.i), cls: (s.rec === r.i ? "dk-sel" : s.pair === r.pair ? "dk-pair" : "") });
      COLUMNS.forEach(function (c) {
        var td = el("td", { cls: c.num ? "dk-num" : "", text: c.text(r) });
        if (c.key === "amount" && r.money !== null) td.title = FMT.exact(r.money);
        else if (c.key === "doc" && r.doc >= 0) td.title = D.META.docs[r.doc];
        tr.appendChild(td);
      });
      tr.addEventListener("click", select.bind(null, r.i));
      body.appendChild(tr);
    }
    if (last < rows.length) body.appendChild(spacer((rows.length - last) * ROW));
  }
  function select(i) { D.commit({ rec: i }); }
  function scrollToSelection(s) {
    var at = -1;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].i === s.rec || (s.rec === null && rows[i].pair === s.pair)) { at = i; break; }
    }
    if (at < 0) return;
    var top = at * ROW, view = scroller.clientHeight - 2 * ROW;
    if (top < scroller.scrollTop || top > scroller.scrollTop + view) scroller.scrollTop = Math.max(0, top - ROW);
  }

  var filterTimer = null;
  input.addEventListener("input", function () {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(function () { D.commit({ q: input.value }); }, 120);
  });
  scroller.addEventListener("scroll", function () { if (!pane.hidden) renderRows(); });

  var CSV_COLUMNS = ["provider", "recipient", "sector", "money_kind", "amount_yuan", "amount", "date", "verb", "source",
                     "programme", "document", "document_title"];
  /** A CSV cell: quoted, and a leading = + - @ neutralised so that a spreadsheet never runs article text. */
  function cell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }
  function csv() {
    var lines = [CSV_COLUMNS.join(",")];
    rows.forEach(function (r) {
      var info = r.doc >= 0 ? D.META.docinfo[r.doc] || [] : [];
      lines.push([NODES[r.from].label, NODES[r.to].label, r.sector, r.money !== null ? r.kind : "",
                  r.money !== null ? r.money : "", FMT.yuan(r.money), r.date, r.verb, r.inf ? "inferred" : "stated",
                  r.prog, r.doc >= 0 ? D.META.docs[r.doc] : "", info[0] || ""].map(cell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  document.getElementById("dk-csv").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    var a = el("a", { href: url, download: "duikou-records.csv" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  D.views.push({
    render: function (before) {
      var s = D.state();
      if (!s.table) return;
      var records = D.visibleRecords();
      if (input.value !== s.q && document.activeElement !== input) input.value = s.q;
      input.placeholder = s.lang === "en" ? "Filter: words in any column" : "筛选:任一列中的词";
      if (lang !== s.lang) haystack = new Map();
      var start = performance.now();
      rows = shownRows(records, s.q, s.sort);
      pane.dataset.filterMs = String(Math.round(performance.now() - start));
      lang = s.lang;
      renderHead(s);
      counter.textContent = (s.lang === "en" ? rows.length + " of " + records.length + " records"
                                             : "显示 " + rows.length + " / " + records.length + " 条记录");
      pane.dataset.rows = String(rows.length);
      if (before.rec !== s.rec || before.pair !== s.pair) scrollToSelection(s);
      renderRows();
    }
  });
})();
