// Read a GraphML or GEXF file with graphology's parsers (what Gephi Lite and sigma.js
// apps use) and print what they saw as JSON: counts, edge keys and attributes.
// Usage: node read_graph.js graphml|gexf FILE
"use strict";
const fs = require("fs");
const { MultiDirectedGraph } = require("graphology");
const parsers = { graphml: require("graphology-graphml"), gexf: require("graphology-gexf") };

const [format, file] = process.argv.slice(2);
const graph = parsers[format].parse(MultiDirectedGraph, fs.readFileSync(file, "utf8"),
  { respectInputGraphType: true });
const nodes = {};
graph.forEachNode((id, attributes) => { nodes[id] = attributes; });
const edges = [];
graph.forEachEdge((key, attributes, source, target) => edges.push({ key, source, target, attributes }));
process.stdout.write(JSON.stringify({ order: graph.order, size: graph.size, nodes, edges }));
