"""Rivalry analysis: find, score and explain rivalries with networkx.

One module per job; the pure ones take rows or graphs and return values:

=================  ==========================================================
``scoring``        the directed rivalry score, its factors and parameters
``shared_races``   every pair's shared-race groups as one table of numpy columns
``headtohead``     the pairs of finishers of every race, counted with numpy
``projection``     rows of the aggregate queries -> a networkx graph of athletes
``scorearrays``    the score of every pair both ways at once, with numpy
``ranking``        score every pair both ways; rank an athlete's rivals
``evidence``       the races, titles and statements behind a score
``network``        Louvain communities, central rivals, rivalry triangles
``timeline``       a rivalry's events in date order
``writeback``      rivalries as RDF quads for ``graph:analysis-rivalries``
``reader``         the thin layer that runs the queries on a store
``terms``          plain values of RDF terms; ``gcpause``: pause the collector
``reports``        what the commands answer (reads, computes, writes back)
``render``         reports as text tables or JSON
=================  ==========================================================

Examples
--------
>>> from rivalgraph.analysis.scoring import ScoreParameters
>>> ScoreParameters().half_life
4.0
"""
