extension HTMLReport {
    /// The page's style sheet: system fonts only (nothing to fetch), nine shades of the palette's blue for the
    /// confusion matrices (`h1` to `h9`, tenths of a row), status colours.
    static let style = #"""
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", sans-serif; color: #222; background: #fff; line-height: 1.4;
  max-width: 1200px; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: .3em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1em; margin: 1.2em 0 .4em; }
nav a { margin-right: 1em; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; background: #f3f3f3; padding: 0 .2em; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .25em .6em; border-bottom: 1px solid #e5e5e5; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary td:nth-child(2), table.summary td:last-child { white-space: nowrap; }
.js table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort=ascending]::after { content: " \25B2"; }
table.sortable th[aria-sort=descending]::after { content: " \25BC"; }
.swatch { display: inline-block; width: .9em; height: .9em; margin-right: .4em; vertical-align: -.1em; border-radius: 2px; }
.tag { font-size: .8em; background: #eee; padding: 0 .3em; border-radius: 3px; }
.note { color: #555; font-size: .9em; }
.damaged { border-left: 4px solid #D55E00; background: #fff6f0; padding: .2em 1em; margin: 1em 0; }
figure.chart { margin: 1em 0; }
figure.chart svg { display: block; height: auto; }
.matrix { display: inline-block; vertical-align: top; margin: 0 2em 1em 0; }
table.confusion th, table.confusion td { text-align: right; padding: .15em .4em; border: 1px solid #eee; font-variant-numeric: tabular-nums; }
table.confusion td.d { outline: 2px solid #333; outline-offset: -2px; }
.h1 { background: rgba(0, 114, 178, 0.15); }
.h2 { background: rgba(0, 114, 178, 0.25); }
.h3 { background: rgba(0, 114, 178, 0.35); }
.h4 { background: rgba(0, 114, 178, 0.45); }
.h5 { background: rgba(0, 114, 178, 0.55); }
.h6 { background: rgba(0, 114, 178, 0.65); }
.h7 { background: rgba(0, 114, 178, 0.75); }
.h8 { background: rgba(0, 114, 178, 0.85); }
.h9 { background: rgba(0, 114, 178, 0.95); }
.h6, .h7, .h8, .h9 { color: #fff; }
details { margin: .15em 0; }
summary { cursor: pointer; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: .4em 0 .8em 1.4em; }
dt { color: #555; }
dd { margin: 0; }
.status-completed { color: #007a5a; }
.status-running, .status-interrupted { color: #a86b00; }
.status-diverged, .status-failed, .status-crashed { color: #c04b00; }
"""#

    /// The page's script, all of it optional: sorting the summary table by a click (or Enter) on a header, buttons
    /// that open or close every run, and `data-script="ready"` on the root element when it ran to its end (what the
    /// browser test looks for). No `//` comments: the page must not contain a `//` at all.
    static let script = #"""
(function () {
  'use strict';
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  /* Numbers (data-sort) first and numerically, then text, then missing values (-); ties keep their order. */
  function sortBy(table, column, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var keyed = Array.prototype.map.call(body.rows, function (row, index) {
      var cell = row.cells[column], sort = cell.getAttribute('data-sort'), text = cell.textContent;
      if (sort !== null && sort !== '' && !isNaN(Number(sort))) return { row: row, index: index, rank: 0, number: Number(sort), text: text };
      return { row: row, index: index, rank: text === '-' ? 2 : 1, number: 0, text: sort === null ? text : sort };
    });
    keyed.sort(function (a, b) {
      if (a.rank !== b.rank) return a.rank - b.rank;
      var order = a.rank === 0 ? a.number - b.number : a.text.localeCompare(b.text);
      if (order !== 0) return ascending ? order : -order;
      return a.index - b.index;
    });
    each(header.parentNode.cells, function (th) { th.removeAttribute('aria-sort'); });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    keyed.forEach(function (k) { body.appendChild(k.row); });
  }
  each(document.querySelectorAll('table.sortable'), function (table) {
    each(table.tHead.rows[0].cells, function (header, column) {
      header.tabIndex = 0;
      header.title = 'Sort by this column';
      header.addEventListener('click', function () { sortBy(table, column, header); });
      header.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sortBy(table, column, header); }
      });
    });
    var note = table.nextElementSibling;
    if (note && note.classList.contains('note')) note.appendChild(document.createTextNode(' Click a header to sort.'));
  });
  var runs = document.getElementById('runs');
  if (runs) {
    var bar = document.createElement('p');
    ['Open all runs', 'Close all runs'].forEach(function (label, i) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', function () { each(runs.querySelectorAll('details'), function (d) { d.open = i === 0; }); });
      bar.appendChild(button);
      bar.appendChild(document.createTextNode(' '));
    });
    runs.insertBefore(bar, runs.children[1]);
  }
  document.documentElement.className = 'js';
  document.documentElement.setAttribute('data-script', 'ready');
})();
"""#
}
