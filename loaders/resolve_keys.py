"""How the resolver compares what sources write: names without the words that only say the kind
of council ("London Borough of Barking & Dagenham" and "Barking and Dagenham" are one key), the
same without spaces as a web address writes it ("cheshireeast"), and the labels of a host that
may name a council (`democracy.`, `ww5.`, `.gov.uk`... say what the site is, not whose)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from urllib.parse import urlsplit

# Labels of a host that say what the site is, not whose: democracy.x.gov.uk, x.moderngov.co.uk.
SITE_LABELS = frozenset(
    {"www", "democracy", "moderngov", "modgov", "mgov", "councillors", "committees", "applications",
     "meetings", "decisions", "democratic", "cmis", "minutes", "services", "online", "my", "web",
     "intranet", "publicaccess", "planning", "data", "opendata", "gov", "mg"}
)  # fmt: skip
_WWW_N = re.compile(r"^ww+\d*$")  # www, ww5, www2
HOST_SUFFIXES = (".gov.uk", ".gov.wales", ".llyw.cymru", ".gov.scot", ".org.uk", ".co.uk",
                 ".org", ".com", ".net", ".uk")  # fmt: skip
SUFFIX_JURISDICTIONS = {".gov.wales": "GB-WLS", ".llyw.cymru": "GB-WLS", ".gov.scot": "GB-SCT"}
# Words that say what kind of council, not which; dropped when a name is compared.
GENERIC_WORDS = frozenset(
    {"council", "borough", "city", "county", "district", "metropolitan", "of", "the", "and",
     "london", "royal", "corporation", "ua", "cyngor", "sir", "bwrdeistref", "dinas", "mbc",
     "bc", "dc", "cc", "lb", "rb", "mayoral"}
)  # fmt: skip


def exact_key(text: str) -> str:
    return " ".join(_ascii(text).casefold().split())


def name_key(text: str) -> str:
    """A name without what only says the kind of council: "London Borough of Barking & Dagenham"
    and "Barking and Dagenham" are one key; a name of generic words only keeps them."""
    words = _words(text)
    kept = [word for word in words if word not in GENERIC_WORDS]
    return " ".join(kept or words)


def compact_key(text: str) -> str:
    """The key without spaces, as a web address writes a name ("cheshireeast", "sthelens")."""
    return name_key(text).replace(" ", "")


def council_labels(domain: str) -> tuple[list[str], str | None]:
    """The labels of a host that may name the council, nearest the registered domain first,
    and the jurisdiction its suffix says (`.gov.wales`), if any."""
    text = domain.strip().lower()
    host = urlsplit(text if "://" in text else f"//{text}").hostname or ""
    jurisdiction = None
    for suffix in HOST_SUFFIXES:
        if host.endswith(suffix):
            jurisdiction = SUFFIX_JURISDICTIONS.get(suffix)
            host = host.removesuffix(suffix)
            break
    labels = [label for label in host.split(".") if label]
    kept = [lb for lb in labels if lb not in SITE_LABELS and not _WWW_N.match(lb)]
    return list(reversed(kept)), jurisdiction


def _words(text: str) -> list[str]:
    lowered = _ascii(text).casefold().replace("&", " and ")
    lowered = re.sub(r"\bst\.", "st ", lowered)
    return re.findall(r"[a-z0-9]+", lowered)


def similarity(left: str, right: str) -> float:
    """How alike two keys are, 0 to 1."""
    return difflib.SequenceMatcher(None, left, right).ratio()


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
