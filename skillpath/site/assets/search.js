// Search over the site's index (assets/search-index.js), in the page: nothing is fetched,
// so it works from a static host and from a folder opened in the browser alike.
(function () {
  "use strict";
  var index = window.SKILLPATH_INDEX || [];
  var input = document.getElementById("query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var most = 50;

  // The same folding as the index's "words": no accents, no case, words apart.
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .split(/[^0-9a-z]+/).filter(Boolean).join(" ");
  }

  function matches(query) {
    var words = fold(query).split(" ").filter(Boolean);
    if (!words.length) return null;
    var found = [];
    index.forEach(function (entry, position) {
      var text = " " + entry.words + " ";
      if (!words.every(function (w) { return text.indexOf(" " + w) !== -1; })) return;
      var title = " " + fold(entry.title) + " ";
      var inTitle = words.filter(function (w) { return title.indexOf(" " + w) !== -1; }).length;
      found.push({ entry: entry, score: inTitle, position: position });
    });
    found.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return found;
  }

  function show(query) {
    var found = matches(query);
    list.textContent = "";
    if (found === null) {
      status.textContent = "Type words to search skills, expectations and roles.";
      return;
    }
    status.textContent = found.length === 0 ? "Nothing matches \u201c" + query + "\u201d."
      : found.length + (found.length === 1 ? " match" : " matches") +
        (found.length > most ? ", the first " + most + " shown." : ".");
    found.slice(0, most).forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = hit.entry.url;
      link.textContent = hit.entry.title;  // text, never HTML: the index comes from data
      var line = document.createElement("p");
      line.textContent = hit.entry.shown;
      item.appendChild(link);
      item.appendChild(line);
      list.appendChild(item);
    });
  }

  var asked = new URLSearchParams(window.location.search).get("q") || "";
  input.value = asked;
  show(asked);
  input.addEventListener("input", function () { show(input.value); });
  document.querySelector("form.search-page").addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    try {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    } catch (ignored) { /* some browsers refuse this for pages opened from disk */ }
    var first = list.querySelector("a");
    if (first) first.focus();
  });
  if (!asked) input.focus();
})();
