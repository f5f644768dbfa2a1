/* Amounts as Chinese readers write them: 6488.19万元, 1.2亿元, 860元; the exact value for a hover title.
   One implementation for the explorer page and the serve query panel (window.duikouFormat). */
(function () {
  "use strict";

  function trim(x, digits) {
    // 6488.19万元, not 6,488.19万元: Chinese writes the count of 万 without separators
    return String(Number(x.toFixed(digits)));
  }

  /** 64881900 → "6488.19万元"; 120000000 → "1.2亿元"; 860 → "860元"; null → "". */
  function yuan(value) {
    if (value === null || value === undefined || value === "" || isNaN(Number(value))) return "";
    var v = Number(value), a = Math.abs(v);
    if (a >= 1e8) return trim(v / 1e8, 2) + "亿元";
    if (a >= 1e4) return trim(v / 1e4, 2) + "万元";
    return trim(v, 2) + "元";
  }

  /** 64881900 → "64,881,900 元": what a title shows on hover. */
  function exact(value) {
    if (value === null || value === undefined || value === "" || isNaN(Number(value))) return "";
    return Number(value).toLocaleString("zh-CN", { maximumFractionDigits: 2 }) + " 元";
  }

  window.duikouFormat = { yuan: yuan, exact: exact };
})();
