"""Enrich the graph from outside sources: each result is its own named graph, in a file for ``build``.

- :mod:`rivalgraph.enrich.cached`: SPARQL requests with a descriptive User-Agent, retries and a local cache.
- :mod:`rivalgraph.enrich.wikidata`: athletes matched to Wikidata items (``rivalgraph enrich wikidata``).
"""
