"""The sport's own knowledge: disciplines, marks, places and rounds, athlete identity, the calendar.

Nothing here touches a store: these modules turn what a results list writes
(``2:03:12``, ``2h1``, ``Josh KERR``, ``Stade de France, Paris (FRA)``) into
typed values that :mod:`rivalgraph.imports` writes as RDF.
"""
