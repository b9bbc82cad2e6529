"""Accuracy of `match_persons` beside Splink on FEBRL 1–4 and a generated transliteration set.

Run by `make bench`; see README.md beside this file for what is measured and how.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Dataset, febrl, generated, run_ours, run_splink, scores, setup_django


def _best_threshold(pairs: dict[frozenset[str], float], truth) -> tuple[float, float]:
    """Splink's F1 at its best threshold, chosen with the truth in hand (flatters Splink)."""
    best = (0.0, 0.5)
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999):
        chosen = {pair for pair, p in pairs.items() if p >= threshold}
        f1 = scores(chosen, truth, 0).f1
        best = max(best, (f1, threshold))
    return best


def _line(label: str, result) -> str:
    return (
        f"  {label:<34} P {result.precision:.3f}  R {result.recall:.3f}  "
        f"F1 {result.f1:.3f}  {result.seconds:6.1f} s  ({result.found:,} of {result.proposed:,})"
    )


def evaluate(dataset: Dataset, with_splink: bool = True) -> None:
    from lotse.identity.matching import LIKELY, POSSIBLE

    print(f"\n{dataset.name}: {sum(map(len, dataset.files)):,} records, "
          f"{len(dataset.truth):,} true pairs")  # fmt: skip
    ours, seconds = run_ours(dataset, POSSIBLE)
    at_possible = scores(set(ours), dataset.truth, seconds)
    at_likely = scores({p for p, s in ours.items() if s >= LIKELY}, dataset.truth, seconds)
    print(_line(f"lotse, score >= {POSSIBLE} (possible)", at_possible))
    print(_line(f"lotse, score >= {LIKELY} (likely)", at_likely))
    if not with_splink:
        return
    theirs, seconds = run_splink(dataset, threshold=0.01)
    at_half = scores({p for p, s in theirs.items() if s >= 0.5}, dataset.truth, seconds)
    print(_line("Splink, match probability >= 0.5", at_half))
    best_f1, best_threshold = _best_threshold(theirs, dataset.truth)
    print(f"  {'Splink, best threshold (oracle)':<34} F1 {best_f1:.3f} at {best_threshold}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--generated", type=int, default=10_000, help="rows of the generated set")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-splink", action="store_true", help="our engine only (quick runs)")
    args = parser.parse_args()
    setup_django()
    print("Pairwise precision (P), recall (R) and F1; same blocking keys for both engines.")
    for dataset in [*febrl(), generated(args.generated, args.seed)]:
        evaluate(dataset, with_splink=not args.no_splink)


if __name__ == "__main__":
    main()
