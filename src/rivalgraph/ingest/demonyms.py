"""Words for the people of a nation, keyed by IOC code (the labels of ``nation:`` nodes).

"The Norwegian", "the Scot", "the Briton": a descriptive reference names a
nation; the graph knows each athlete's nation as an IOC code.  The table is
deliberately small: add a line when an article needs one.

Examples
--------
>>> sorted(nations_of("Scot"))
['GBR']
>>> nations_of("Martian")
frozenset()
"""

from __future__ import annotations

__all__ = ["DEMONYMS", "nations_of", "all_demonyms"]

DEMONYMS: dict[str, tuple[str, ...]] = {
    "NOR": ("Norwegian",),
    "GBR": ("Briton", "British", "Scot", "Scottish", "Scotsman", "English", "Englishman",
            "Welsh", "Welshman"),
    "USA": ("American",),
    "KEN": ("Kenyan",),
    "ETH": ("Ethiopian",),
    "UGA": ("Ugandan",),
    "AUS": ("Australian", "Aussie"),
    "NZL": ("New Zealander", "Kiwi"),
    "CAN": ("Canadian",),
    "ESP": ("Spaniard", "Spanish"),
    "FRA": ("Frenchman", "French"),
    "NED": ("Dutchman", "Dutch"),
    "BEL": ("Belgian",),
    "GER": ("German",),
    "ITA": ("Italian",),
    "POR": ("Portuguese",),
    "SWE": ("Swede", "Swedish"),
    "SUI": ("Swiss",),
    "IRL": ("Irishman", "Irish"),
    "POL": ("Pole", "Polish"),
    "AUT": ("Austrian",),
    "MAR": ("Moroccan",),
    "ALG": ("Algerian",),
    "BRN": ("Bahraini",),
    "DJI": ("Djiboutian",),
    "RSA": ("South African",),
    "LUX": ("Luxembourger",),
    "SRB": ("Serbian", "Serb"),
    "GUA": ("Guatemalan",),
    "ERI": ("Eritrean",),
    "BDI": ("Burundian",),
    "QAT": ("Qatari",),
    "MEX": ("Mexican",),
}  # fmt: skip

_BY_WORD: dict[str, frozenset[str]] = {}
for _code, _words in DEMONYMS.items():
    for _word in _words:
        _BY_WORD[_word.lower()] = _BY_WORD.get(_word.lower(), frozenset()) | {_code}


def nations_of(word: str) -> frozenset[str]:
    """Return the IOC codes a demonym points to (empty when unknown)."""
    return _BY_WORD.get(word.lower(), frozenset())


def all_demonyms() -> list[str]:
    """Return every demonym, longest first (for building a regular expression)."""
    return sorted({word for words in DEMONYMS.values() for word in words}, key=len, reverse=True)
