// factcheck HTML report: filters, the claim panel, jumps to an article. Text from the report
// is only ever set with textContent; nothing here builds HTML from strings.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("fc-data").textContent);
  var claims = data.claims;

  var cards = Array.prototype.slice.call(document.querySelectorAll(".card[data-kind]"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var shown = document.getElementById("fc-shown");
  function applyFilters() {
    var on = { kind: {}, severity: {}, certainty: {} };
    boxes.forEach(function (b) { if (b.checked) on[b.dataset.filter][b.value] = true; });
    var n = 0;
    cards.forEach(function (c) {
      var ok = on.kind[c.dataset.kind] && on.severity[c.dataset.severity] &&
        on.certainty[c.dataset.certainty];
      c.hidden = !ok;
      if (ok) n += 1;
    });
    if (shown) shown.textContent = n + " of " + cards.length + " shown";
  }
  boxes.forEach(function (b) { b.addEventListener("change", applyFilters); });

  var panel = document.getElementById("claim-panel");
  var body = panel.querySelector(".body");
  var pinned = false;
  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function showClaims(ids) {
    body.replaceChildren();
    ids.split(" ").forEach(function (id) {
      var c = claims[Number(id)];
      if (!c) return;
      body.appendChild(el("h5", (c.k === "quantity" ? "figure: " : "quote: ") + c.t));
      var table = el("table");
      c.rows.forEach(function (row) {
        var tr = el("tr");
        tr.appendChild(el("th", row[0]));
        tr.appendChild(el("td", row[1]));
        table.appendChild(tr);
      });
      c.x.forEach(function (x) {
        var tr = el("tr"), td = el("td"), a = el("a", x[1]);
        a.href = "#" + x[0];
        td.appendChild(a);
        tr.appendChild(el("th", "contradiction"));
        tr.appendChild(td);
        table.appendChild(tr);
      });
      body.appendChild(table);
    });
    panel.hidden = false;
  }
  function closePanel() { panel.hidden = true; pinned = false; }
  panel.querySelector(".close").addEventListener("click", closePanel);

  function goTo(anchor, claim) {
    var box = document.getElementById(anchor);
    if (!box) return;
    box.open = true;
    var mark = claim ? box.querySelector('mark[data-c~="' + claim + '"]') : null;
    (mark || box).scrollIntoView({ block: "center" });
    if (mark) {
      mark.classList.add("flash");
      setTimeout(function () { mark.classList.remove("flash"); }, 1600);
      pinned = true;
      showClaims(claim);
    }
  }

  document.addEventListener("mouseover", function (e) {
    if (pinned) return;
    var mark = e.target.closest && e.target.closest("mark[data-c]");
    if (mark) showClaims(mark.dataset.c);
  });
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a[data-art]");
    if (link) {
      e.preventDefault();
      history.replaceState(null, "", "#" + link.dataset.art);
      goTo(link.dataset.art, link.dataset.claim);
      return;
    }
    var mark = e.target.closest && e.target.closest("mark[data-c]");
    if (mark) { pinned = true; showClaims(mark.dataset.c); return; }
    var all = e.target.closest && e.target.closest("button[data-all]");
    if (all) {
      document.querySelectorAll("details.article").forEach(function (d) {
        d.open = all.dataset.all === "open";
      });
    }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") closePanel(); });

  var articleFilter = document.getElementById("art-filter");
  if (articleFilter) {
    var views = Array.prototype.slice.call(document.querySelectorAll("details.article"));
    var keys = views.map(function (d) {
      return d.querySelector("summary").textContent.toLowerCase();
    });
    articleFilter.addEventListener("input", function () {
      var q = articleFilter.value.trim().toLowerCase();
      views.forEach(function (d, n) { d.hidden = q !== "" && keys[n].indexOf(q) === -1; });
    });
  }

  function openHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openHash);
  openHash();
  applyFilters();
})();
