"""Charts of rivalries drawn with matplotlib, as SVG or PNG: ``rivalgraph plot``.

:mod:`.data` gathers what a chart shows from the store (plain dataclasses),
:mod:`.sources` names the sources for its caption, :mod:`.figure` holds what
every chart shares (size, caption, deterministic saving), :mod:`.rivalry` and
:mod:`.rivals` draw the two charts.
"""

from __future__ import annotations
