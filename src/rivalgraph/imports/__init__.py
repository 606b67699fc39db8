"""Results imported in bulk: World Athletics toplists and complete championship results.

``graph/imports/imports.toml`` names the source folders (:mod:`.manifest`);
the readers turn their rows into :class:`rivalgraph.athletics.performance.Performance`
records (:mod:`.toplists`, :mod:`.complete`); :mod:`.races` resolves identities and
rebuilds the races; :mod:`.writer` writes one named graph per source file as N-Triples.
"""
