"""bench/matching/run.py stays runnable: its main function at tiny sizes, one process and two."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

RUN = Path(__file__).resolve().parents[3] / "bench" / "matching" / "run.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_matching_run", RUN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("workers", [1, 2])
def test_the_matching_benchmark_runs_and_prints_its_figures(capsys, workers):
    figures = _bench().main(
        [
            "--candidates",
            "1000",
            "--vacancies",
            "300",
            "--workers",
            str(workers),
            "--seed",
            "4",
            "--sample",
            "60",
            "--vacancy-sample",
            "8",
        ]
    )
    printed = capsys.readouterr().out
    assert "wall time" in printed
    assert "peak memory" in printed
    assert "ratio brute force / batch per pair" in printed
    assert "sample lists where the batch's top-k differs from brute force: 0 of 68" in printed
    assert "results violating a hard filter" in printed
    assert figures["results"] > 0
    assert figures["brute"]["mismatches"] == 0
    assert sum(figures["violations"].values()) == 0
