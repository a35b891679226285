"""Raw sources, decoded and screened, before cleaning: is each a readable Arabic news text?

Blocking (the source is quarantined, with the screening verdict as reason): `rejection` is
empty. Screening (transforms/screening.py) decides it: empty, too large, binary, not Arabic
(under half of the letters Arabic), or only page boilerplate.
Warning only, because text that passed screening is readable even when these look odd:
the detected encoding is a common one, and was detected with confidence (at least 0.8: the
decoded text has little of charset-normalizer's "chaos"; a doubtful cp1256 / ISO-8859-6 guess
that still reads as Arabic is worth a look, not a rejection); source URIs are unique in the
batch; the text is clearly Arabic (at least 80% of letters), as news normally is.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, blocking, warning

KNOWN_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso8859-6", "ascii"]
MIN_ENCODING_CONFIDENCE = 0.8

SUITE = Suite(
    stage="ingest",
    name="raw_sources",
    key="source_uri",
    expectations=[
        blocking(gxe.ExpectColumnValuesToBeNull(column="rejection")),
        warning(gxe.ExpectColumnValuesToBeInSet(column="encoding", value_set=KNOWN_ENCODINGS)),
        warning(gxe.ExpectColumnValuesToBeBetween(column="encoding_confidence", min_value=MIN_ENCODING_CONFIDENCE)),
        warning(gxe.ExpectColumnValuesToBeUnique(column="source_uri")),
        warning(gxe.ExpectColumnValuesToBeBetween(column="arabic_share", min_value=0.8)),
    ],
)
