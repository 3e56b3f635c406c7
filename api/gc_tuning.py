"""Garbage collection for the API process: the large answers (hundreds of accountability lines,
neighbourhoods of hundreds of nodes) allocate tens of thousands of short-lived objects per request.
With the interpreter's defaults, the collector then walks every object the imported libraries made,
again and again, which cost as much as the rest of the request's Python in a profile.

After start-up, what exists is moved out of the collector's sight (`gc.freeze`), and the young
generation is collected after 10,000 allocations rather than 700, so a request's objects are
mostly freed by reference counting before a collection looks at them.
"""

from __future__ import annotations

import gc

THRESHOLDS = (10_000, 20, 100)


def settle_after_start_up() -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
