// Read a GEXF file with graphology-gexf and print what the tests check, as JSON.
// Usage: node read-gexf.js FILE.gexf
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const {DOMParser} = require('@xmldom/xmldom');

const KERR = 'https://w3id.org/rivalgraph/id/athlete/josh-kerr';
const text = fs.readFileSync(process.argv[2], 'utf8');
const graph = gexf.parse(Graph, text);
const weights = graph.mapEdges((edge, attributes) => attributes.weight);
// graphology keeps no timeline: the spells are read from the same document with its XML parser.
const spells = new DOMParser().parseFromString(text, 'application/xml').getElementsByTagName('spell');
const kinds = {};
graph.forEachEdge((edge, attributes) => {
  kinds[attributes.kind] = (kinds[attributes.kind] || 0) + 1;
});
process.stdout.write(JSON.stringify({
  type: graph.type,
  nodes: graph.order,
  edges: graph.size,
  minWeight: weights.reduce((least, weight) => Math.min(least, weight), Infinity),
  undefinedWeights: weights.filter((weight) => typeof weight !== 'number').length,
  kinds: kinds,
  spells: spells.length,
  kerr: graph.hasNode(KERR) ? graph.getNodeAttributes(KERR) : null,
}) + '\n');
