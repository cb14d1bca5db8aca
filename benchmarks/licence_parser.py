"""Compare openness's licence-expression reading with aboutcode's license-expression, as ratios.

Run with license-expression installed (it is not a dependency of openness):

    pip install license-expression
    python benchmarks/licence_parser.py

Import cost is measured separately with ``python -X importtime -c "import license_expression"``.
"""

from __future__ import annotations

import time

import license_expression

from openness.licences import read
from openness.licences._table import table

EXPRESSIONS = [
    "Apache-2.0",
    "MIT OR Apache-2.0",
    "(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0",
    "LicenseRef-Llama-3.1 AND Apache-2.0",
]
ROUNDS = 2000


def _per_call(function: object, text: str) -> float:
    start = time.perf_counter()
    for _ in range(ROUNDS):
        function(text)  # type: ignore[operator]
    return (time.perf_counter() - start) / ROUNDS


def main() -> None:
    """Print per-expression times and the ratio license-expression / openness."""
    start = time.perf_counter()
    spdx = license_expression.get_spdx_licensing()
    print(f"get_spdx_licensing(): {1000 * (time.perf_counter() - start):.1f} ms")
    known = table()
    start = time.perf_counter()
    symbols = [license_expression.LicenseSymbol(k, aliases=tuple(v.aliases)) for k, v in known.licences.items()]
    symbols += [license_expression.LicenseSymbol(k, is_exception=True) for k in known.exceptions]
    ours_as_symbols = license_expression.Licensing(symbols)
    print(f"Licensing({len(symbols)} symbols of this table): {1000 * (time.perf_counter() - start):.1f} ms")
    uncached = read.__wrapped__
    for text in EXPRESSIONS:
        mine = _per_call(uncached, text)
        theirs = _per_call(spdx.parse, text)
        with_table = _per_call(ours_as_symbols.parse, text)
        print(
            f"{text[:60]:60} openness {1e6 * mine:6.1f} us; license-expression {theirs / mine:4.1f}x "
            f"(with this table as symbols {with_table / mine:4.1f}x)"
        )


if __name__ == "__main__":
    main()
