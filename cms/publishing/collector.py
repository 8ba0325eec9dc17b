"""The build worker's garbage collector between builds (issue 15: a publish at 50,000 pages).

A long-running build worker keeps the live manifest and its indexes in memory between builds
(``targets.local.remember``): about 680,000 objects tracked by Python's cyclic garbage collector at
50,000 pages. A full (generation 2) collection walks every one of them: 0.4–0.47 s measured, twice in
some publishes. Where one falls before the swap, "live" is 0.4 s later, so the 50,000 / 1,000 ratio of
issue 15 depended on when the collector happened to run.

After each build, off the path to "live", what is still alive is moved out of the collector's reach
(``gc.freeze``, made for long-lived processes): reference counting still frees it when a later build
drops it, only reference cycles among frozen objects would stay. Every ``UNFREEZE_EVERY`` builds they are
given back and collected once (``gc.unfreeze`` + ``gc.collect``), so such cycles cannot pile up.
"""

import gc

from django.conf import settings

UNFREEZE_EVERY = 50

_builds = 0


def settle_after_build():
    """Call once a build is finished (pages and search live). Does nothing unless
    ``SITE_FREEZE_AFTER_BUILD`` (on in production and the benchmark; off in the test suite, whose
    process must collect what each test leaves)."""
    global _builds
    if not settings.SITE_FREEZE_AFTER_BUILD:
        return
    _builds += 1
    if _builds % UNFREEZE_EVERY == 0:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
