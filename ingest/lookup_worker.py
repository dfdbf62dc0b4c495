"""A second process for the Python normalisers: ``python -m fraudgraph.ingest.lookup_worker FN``.

Reads a pickled list of argument tuples on stdin, writes the pickled
``(*args, *FN(*args))`` rows for the values ``FN`` accepts on stdout
(:func:`fraudgraph.ingest.lookups._rows` starts it for large lookups). It
imports only the normalisers, never the caller's ``__main__``, so it works
under any script, notebook or test runner.
"""

from __future__ import annotations

import pickle
import sys

from fraudgraph.ingest import normalise as norm

__all__ = ["NORMALISERS", "normalised_rows"]

NORMALISERS = {
    "email": norm.normalise_email,
    "phone": norm.normalise_phone,
    "ip": norm.normalise_ip,
    "ua": norm.normalise_user_agent,
}


def normalised_rows(kind: str, values: list[tuple]) -> list[tuple]:
    """``(*value, *result)`` for every value the ``kind`` normaliser accepts, in order."""
    fn = NORMALISERS[kind]
    return [(*value, *result) for value in values if (result := fn(*value)) is not None]


def main() -> None:
    kind = sys.argv[1]
    values = pickle.load(sys.stdin.buffer)
    pickle.dump(normalised_rows(kind, values), sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
