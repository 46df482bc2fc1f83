(function () {
  "use strict";
  var table = document.getElementById("findings");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = table.tHead.rows[0].cells;
  var text = document.getElementById("filter-text");
  var type = document.getElementById("filter-type");
  var shown = document.getElementById("shown");
  var sortCol = -1;
  var sortDir = 1;

  // a cell's sort key: its data-sort number when it has one, else its text
  function key(row, i) {
    var cell = row.cells[i];
    var n = cell.getAttribute("data-sort");
    return n === null ? cell.textContent.toLowerCase() : parseFloat(n);
  }

  function filter() {
    var q = text.value.toLowerCase();
    var t = type.value;
    var n = 0;
    rows.forEach(function (row) {
      var ok = (!t || row.getAttribute("data-type") === t) &&
               (!q || row.textContent.toLowerCase().indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length;
  }

  function sortBy(i, dir) {
    sortCol = i;
    sortDir = dir;
    var order = rows.slice().sort(function (a, b) {
      var x = key(a, i);
      var y = key(b, i);
      if (x < y) { return -dir; }
      if (x > y) { return dir; }
      return key(a, 0) - key(b, 0);
    });
    order.forEach(function (row) { body.appendChild(row); });
    for (var j = 0; j < heads.length; j++) {
      if (heads[j].hasAttribute("data-key")) {
        heads[j].setAttribute("aria-sort", j === i ? (dir > 0 ? "ascending" : "descending") : "none");
      }
    }
  }

  function column(name) {
    for (var j = 0; j < heads.length; j++) {
      if (heads[j].getAttribute("data-key") === name) { return j; }
    }
    return -1;
  }

  Array.prototype.forEach.call(heads, function (th, i) {
    if (!th.hasAttribute("data-key")) { return; }
    var first = th.getAttribute("data-key") === "score" ? -1 : 1;
    var toggle = function () { sortBy(i, sortCol === i ? -sortDir : first); };
    th.addEventListener("click", toggle);
    th.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); }
    });
  });
  text.addEventListener("input", filter);
  type.addEventListener("change", filter);

  // initial state from the address: report.html#type=KG_PIN&q=orders&sort=score&dir=desc
  var state = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var kv = part.split("=");
    if (kv[0]) { state[decodeURIComponent(kv[0])] = decodeURIComponent((kv[1] || "").replace(/\+/g, " ")); }
  });
  if (state.q) { text.value = state.q; }
  if (state.type) { type.value = state.type; }
  if (state.sort && column(state.sort) >= 0) { sortBy(column(state.sort), state.dir === "desc" ? -1 : 1); }
  filter();
  document.documentElement.setAttribute("data-ready", "1");
}());
