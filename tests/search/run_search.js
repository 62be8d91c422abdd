// Runs search.js on an index in node, as the browser would, for the parity test.
// Usage: node run_search.js SEARCH_JS INDEX_JS QUERIES_JSON  -> JSON lines, one per query
"use strict";
const fs = require("fs");
const vm = require("vm");
const [searchJs, indexJs, queriesJson] = process.argv.slice(2);
const context = {window: {}};
vm.createContext(context);
vm.runInContext(fs.readFileSync(indexJs, "utf8"), context);
context.window.window = context.window;
vm.runInContext("(function (window) {" + fs.readFileSync(searchJs, "utf8") + "})(window);",
                context);
const api = context.window.SlaLintSearch;
const index = api.prepare(context.window.SLA_LINT_SEARCH_INDEX);
const queries = JSON.parse(fs.readFileSync(queriesJson, "utf8"));
const out = {
  hits: queries.map((q) => api.search(index, q).map((h) => api.shown(index, h))),
  words: queries.map((q) => api.words(q)),
  stems: queries.map((q) => api.words(q).map(api.stem)),
};
process.stdout.write(JSON.stringify(out));
