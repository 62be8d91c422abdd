/* sla-lint site search: finds services as people ask for them, in the browser.
 *
 * Reads the index that sla-lint wrote into search-index.js (window.SLA_LINT_SEARCH_INDEX)
 * and matches exactly as the Python matcher (sla_lint/search/match.py) does: the same
 * words, stems, partial words, small slips, ranking and cut. A test runs both on the
 * same index and compares the hits. No dependencies; works opened from file:// too.
 */
(function (root) {
  "use strict";

  var STOP_WORDS = {};
  ("a an the my our your i me we is are am to for of and or in on with at by from " +
   "please how do does can could what who where need needs want wants new").split(" ")
    .forEach(function (w) { STOP_WORDS[w] = true; });
  var MIN_PREFIX = 3, MAX_WORDS = 12;
  var SAME = 4, STEM = 3, PREFIX = 2, TYPO = 1;
  var EXCLUDED = 3;
  var FIELD_NAMES = ["item", "synonym", "title", "excluded", "description"];
  var FIELD_WEIGHTS = [4, 4, 3, 2, 1];
  var SHOWN = 30;

  // --- words (sla_lint/search/text.py) ------------------------------------------------

  function fold(text) {
    return text.toLowerCase().replace(/\u00df/g, "ss").normalize("NFKD")
      .replace(/\p{M}/gu, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w !== ""; });
  }

  function queryWords(text) {
    var kept = [];
    words(text).forEach(function (w) {
      if (!STOP_WORDS[w] && kept.indexOf(w) < 0) { kept.push(w); }
    });
    return kept.slice(0, MAX_WORDS);
  }

  function endsWith(word, ending) {
    return word.length >= ending.length &&
      word.slice(word.length - ending.length) === ending;
  }

  function plural(word) {
    if (endsWith(word, "ies") && word.length > 4) { return word.slice(0, -3) + "y"; }
    if (endsWith(word, "sses") || endsWith(word, "xes") || endsWith(word, "zes") ||
        endsWith(word, "ches") || endsWith(word, "shes")) { return word.slice(0, -2); }
    if (endsWith(word, "s") && !endsWith(word, "ss") && !endsWith(word, "us") &&
        !endsWith(word, "is")) { return word.slice(0, -1); }
    return word;
  }

  function undouble(word) {
    var last = word.charAt(word.length - 1);
    if (word.length >= 4 && last === word.charAt(word.length - 2) &&
        "bcdfghjkmnpqrtvwx".indexOf(last) >= 0) { return word.slice(0, -1); }
    return word;
  }

  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) { return word; }
    word = plural(word);
    if (endsWith(word, "ied")) { word = word.slice(0, -3) + "y"; }
    var endings = ["ing", "ed"];
    for (var i = 0; i < endings.length; i++) {
      var base = word.slice(0, word.length - endings[i].length);
      if (endsWith(word, endings[i]) && base.length >= 3 && /[aeiouy]/.test(base)) {
        word = undouble(base);
        break;
      }
    }
    if (word.length >= 4 && endsWith(word, "e") && !endsWith(word, "ee")) {
      word = word.slice(0, -1);
    }
    return word;
  }

  function typoAllowance(word) {
    var length = Array.from(word).length;
    if (length >= 8) { return 2; }
    return length >= 4 ? 1 : 0;
  }

  function within(a, b, limit) {
    // a and b are strings, or arrays of their code points (the index keeps those ready)
    if (typeof a === "string") { a = Array.from(a); }
    if (typeof b === "string") { b = Array.from(b); }
    if (Math.abs(a.length - b.length) > limit) { return false; }
    var before = [], row = [], i, j;
    for (j = 0; j <= b.length; j++) { row.push(j); }
    for (i = 1; i <= a.length; i++) {
      var current = [i], least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, before[j - 2] + 1);
        }
        current.push(best);
        least = Math.min(least, best);
      }
      if (least > limit) { return false; }
      before = row;
      row = current;
    }
    return row[b.length] <= limit;
  }

  // --- the index (sla_lint/search/index.py) ------------------------------------------

  function prepare(data) {
    var postings = data.postings.map(function (deltas) {
      var total = 0;
      return deltas.map(function (d) { total += d; return total; });
    });
    var entries = [], byPhrase = data.phrases.map(function () { return []; });
    for (var n = 0; n < data.entries.length; n += 4) {
      var entry = {service: data.entries[n], field: data.entries[n + 1],
                   phrase: data.entries[n + 2], redirect: data.entries[n + 3]};
      byPhrase[entry.phrase].push(entries.length);
      entries.push(entry);
    }
    var services = data.services.map(function (s) {
      var department = data.departments[s[3]];
      return [s[0], s[1], department[0], department[1], s[2], department[2]];
    });
    return {services: services, phrases: data.phrases, entries: entries,
            words: data.words, stems: data.words.map(stem), postings: postings,
            byPhrase: byPhrase};
  }

  // --- matching (sla_lint/search/match.py) -------------------------------------------

  function wordKinds(index, word) {
    var root = stem(word), partial = Array.from(word).length >= MIN_PREFIX;
    var found = [], n;
    for (n = 0; n < index.words.length; n++) {
      var other = index.words[n];
      if (other === word) { found.push([n, SAME]); }
      else if (index.stems[n] === root) { found.push([n, STEM]); }
      else if (partial && other.indexOf(word) === 0) { found.push([n, PREFIX]); }
    }
    var allowance = typoAllowance(word);
    if (found.length || !allowance) { return found; }
    if (!index.letters) {
      index.letters = index.words.map(function (w) { return Array.from(w); });
      index.stemLetters = index.stems.map(function (w) { return Array.from(w); });
    }
    var letters = Array.from(word), rootLetters = Array.from(root);
    for (n = 0; n < index.words.length; n++) {
      if (within(letters, index.letters[n], allowance) ||
          within(rootLetters, index.stemLetters[n], allowance)) {
        found.push([n, TYPO]);
      }
    }
    return found;
  }

  function phraseKinds(index, word) {
    var phrases = new Map();
    wordKinds(index, word).forEach(function (pair) {
      index.postings[pair[0]].forEach(function (phrase) {
        if ((phrases.get(phrase) || 0) < pair[1]) { phrases.set(phrase, pair[1]); }
      });
    });
    return phrases;
  }

  function bitLength(n) { return n === 0 ? 0 : 32 - Math.clz32(n); }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) { return a[i] < b[i] ? -1 : 1; }
    }
    return 0;
  }

  function tally(kinds, rarity) {
    var found = 0, score = 0;
    kinds.forEach(function (kind, i) {
      if (kind) { found += 1; }
      score += kind * rarity[i];
    });
    return [found, score];
  }

  function search(index, text) {
    var asked = queryWords(text);
    var perWord = asked.map(function (w) { return phraseKinds(index, w); });
    var rarity = perWord.map(function (k) { return 16 - Math.min(15, bitLength(k.size)); });
    var candidates = new Set();
    perWord.forEach(function (k) { k.forEach(function (_, p) { candidates.add(p); }); });
    var kindsOf = new Map(), shownBy = new Map();
    Array.from(candidates).sort(function (a, b) { return a - b; }).forEach(function (phrase) {
      var here = perWord.map(function (kinds) { return kinds.get(phrase) || 0; });
      var counted = tally(here, rarity);
      index.byPhrase[phrase].forEach(function (number) {
        var entry = index.entries[number];
        var key = entry.service * 2 + (entry.field === EXCLUDED ? 1 : 0);
        if (!kindsOf.has(key)) { kindsOf.set(key, here.map(function () { return 0; })); }
        var held = kindsOf.get(key);
        here.forEach(function (kind, i) { held[i] = Math.max(held[i], kind); });
        var rank = [-counted[0], -counted[1], -FIELD_WEIGHTS[entry.field], number];
        if (!shownBy.has(key) || compare(rank, shownBy.get(key)) < 0) { shownBy.set(key, rank); }
      });
    });
    var hits = [];
    kindsOf.forEach(function (held, key) {
      var counted = tally(held, rarity), entry = shownBy.get(key)[3];
      hits.push({service: index.entries[entry].service, entry: entry, found: counted[0],
                 asked: asked.length, score: counted[1],
                 weakest: Math.min.apply(null, held.filter(function (k) { return k; }))});
    });
    function rank(hit) {
      return [-hit.found, -hit.score, -FIELD_WEIGHTS[index.entries[hit.entry].field],
              hit.service, hit.entry];
    }
    hits.sort(function (a, b) { return compare(rank(a), rank(b)); });
    var most = hits.reduce(function (m, h) { return Math.max(m, h.found); }, 0);
    return hits.filter(function (h) { return h.found === most; });
  }

  function shown(index, hit) {
    var entry = index.entries[hit.entry];
    var service = index.services[entry.service];
    var to = entry.redirect >= 0 ? index.services[entry.redirect] : null;
    return {ref: service[0], title: service[1], department: service[2],
            department_title: service[3], url: service[4], department_url: service[5],
            field: FIELD_NAMES[entry.field],
            text: index.phrases[entry.phrase], redirect: to ? to[0] : null,
            redirect_url: to ? to[4] : null, redirect_title: to ? to[1] : null,
            near: hit.found < hit.asked || hit.weakest < STEM};
  }

  // --- the page ----------------------------------------------------------------------

  function element(tag, text, attributes) {
    var node = root.document.createElement(tag);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function link(base, url, text) {
    return url ? element("a", text, {href: base + url}) : element("span", text);
  }

  function why(hit) {
    var said = {item: "handles", synonym: "also known as", title: "named",
                description: "described as"}[hit.field];
    return said + " \u201c" + hit.text + "\u201d" + (hit.near ? " (close match)" : "");
  }

  function row(base, hit) {
    var item = element("li");
    if (hit.field === "excluded") {
      item.appendChild(element("span", "\u201c" + hit.text + "\u201d is not handled by " +
                               hit.title + " (" + hit.department_title + "): "));
      if (hit.redirect) {
        item.appendChild(root.document.createTextNode("go to "));
        item.appendChild(link(base, hit.redirect_url, hit.redirect_title));
      } else {
        item.appendChild(root.document.createTextNode("it names no other service"));
      }
      return item;
    }
    item.appendChild(link(base, hit.url, hit.title));
    item.appendChild(root.document.createTextNode(" \u2013 "));
    item.appendChild(link(base, hit.department_url, hit.department_title));
    item.appendChild(element("span", ", " + why(hit)));
    return item;
  }

  function render(state, query) {
    var box = state.results, base = state.base;
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!query.trim()) { return; }
    if (!state.index) {
      box.appendChild(element("p", "The search index did not load: open the department " +
                              "pages from the list instead."));
      return;
    }
    var hits = search(state.index, query).map(function (h) { return shown(state.index, h); });
    if (!hits.length) {
      box.appendChild(element("p", "Nothing found for \u201c" + query.trim() + "\u201d. " +
        "Try one word for the thing you need (\u201claptop\u201d, \u201cpassword\u201d), " +
        "another word for it, or check the spelling."));
      return;
    }
    var near = hits.every(function (h) { return h.near; });
    box.appendChild(element("p", hits.length + (hits.length === 1 ? " service" : " services") +
      (near ? " come close to " : " match ") + "\u201c" + query.trim() + "\u201d"));
    var list = element("ul", "", {"class": "search-hits"});
    hits.slice(0, SHOWN).forEach(function (h) { list.appendChild(row(base, h)); });
    box.appendChild(list);
    if (hits.length > SHOWN) {
      box.appendChild(element("p", (hits.length - SHOWN) + " more: add a word to narrow " +
                              "the search."));
    }
  }

  function withIndex(state, then) {
    // the index: from its <script> tag when the page has one, else loaded on first use
    if (!state.index && root.SLA_LINT_SEARCH_INDEX) {
      state.index = prepare(root.SLA_LINT_SEARCH_INDEX);
    }
    if (state.index || state.failed) { then(); return; }
    state.waiting = then;
    if (state.loading) { return; }
    state.loading = true;
    var tag = root.document.createElement("script");
    tag.src = state.base + "assets/search-index.js";
    tag.onload = tag.onerror = function () {
      var waiting = state.waiting;
      state.loading = false;
      state.waiting = null;
      if (root.SLA_LINT_SEARCH_INDEX) { state.index = prepare(root.SLA_LINT_SEARCH_INDEX); }
      else { state.failed = true; }
      waiting();
    };
    root.document.head.appendChild(tag);
  }

  function start(script) {
    var input = root.document.getElementById("search-input");
    var results = root.document.getElementById("search-results");
    var form = root.document.getElementById("search");
    if (!input || !results) { return; }
    var state = {results: results, base: (script && script.getAttribute("data-root")) || "",
                 index: null};
    var timer = null;
    function answer() {
      var query = input.value;
      withIndex(state, function () { render(state, query); });
    }
    input.addEventListener("focus", function () { withIndex(state, function () {}); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(answer, 150);
    });
    if (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        clearTimeout(timer);
        answer();
      });
    }
    var asked = new URLSearchParams(root.location.search).get("q");
    if (asked) {
      input.value = asked;
      answer();
    }
  }

  root.SlaLintSearch = {fold: fold, words: words, queryWords: queryWords, stem: stem,
                        within: within, prepare: prepare, search: search, shown: shown};
  if (root.document) {
    var script = root.document.currentScript;
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", function () { start(script); });
    } else {
      start(script);
    }
  }
})(typeof window !== "undefined" ? window : globalThis);
