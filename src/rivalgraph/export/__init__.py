"""Export the rivalry network and the RDF graph for other tools.

One module per job:

=================  ==========================================================
``schema``         the node and edge attributes every network format carries
``network``        the rivalry network (athletes, scored rivalries, measures)
``knowledge``      the whole knowledge-graph projection (``--full``)
``evidence``       each rivalry's races, titles and statements, for the page
``layout``         node positions, computed once (igraph Fruchterman-Reingold)
``graphml``        GraphML (Gephi, Cytoscape, yEd, igraph, networkx)
``gexf``           GEXF 1.3, dynamic: spells for Gephi's timeline
``jsongraph``      Cytoscape.js JSON and D3 node-link JSON
``dot``            Graphviz DOT
``html``           one self-contained interactive page (cytoscape.js inlined)
``rdf``            Turtle, TriG, N-Quads (pyoxigraph's serializers)
``jsonld``         JSON-LD with the context of ``ontology/context.jsonld``
``reader``         the thin layer that runs the export queries on a store
``exporter``       what ``rivalgraph export`` does: read, build, write atomically
``files``          atomic output; refusing targets inside ``graph/``
=================  ==========================================================

Examples
--------
>>> from rivalgraph.export.exporter import NETWORK_FORMATS, RDF_FORMATS
>>> NETWORK_FORMATS
('graphml', 'gexf', 'cytoscape', 'd3', 'dot', 'html')
>>> RDF_FORMATS
('turtle', 'trig', 'nquads', 'jsonld')
"""
