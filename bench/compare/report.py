"""The side-by-side tables `bench.bench_compare` prints (Markdown, to paste into the results)."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

from bench.compare.load import percentile

CONTESTANTS = ("civicgraph", "@neo4j/graphql")


@dataclass
class Row:
    label: str
    same: str
    samples: list[list[float]]  # milliseconds, per contestant
    rates: list[list[float]]  # answers per second at each number of connections, per contestant

    def latency(self, index: int) -> str:
        values = [percentile(self.samples[index], q) for q in (0.5, 0.95, 0.99)]
        return " / ".join(f"{value:.1f}" for value in values)

    def faster(self) -> str:
        civic, neo = (percentile(samples, 0.5) for samples in self.samples)
        if civic <= neo:
            return f"civicgraph {neo / civic:.1f}x"
        return f"@neo4j/graphql {civic / neo:.1f}x"

    def progress(self) -> str:
        return f"{self.label}: same content {self.same}; p50 {self.faster()}"


def print_tables(
    rows: list[Row],
    memory: list[tuple[float, float]],
    args: argparse.Namespace,
    asked: dict[str, str],
    load: tuple[float, float],
) -> None:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    size = "the graph as loaded" if args.keep_graph else f"seed + {args.bodies} generated bodies"
    print(f"\n## {now}: {size}\n")
    print(f"{args.runs} answers each, in turn, after {args.warmup} warm-up answers each; "
          f"throughput over {args.seconds:g} s per figure; "
          f"load average at the end {load[0]:.1f} / {load[1]:.1f}.\n")  # fmt: skip
    print("| question | same content | civicgraph p50 / p95 / p99 ms "
          "| @neo4j/graphql p50 / p95 / p99 ms | faster at p50 |")  # fmt: skip
    print("|---|---|---:|---:|---|")
    for row in rows:
        print(f"| {row.label} | {row.same} | {row.latency(0)} | {row.latency(1)} "
              f"| {row.faster()} |")  # fmt: skip
    print("\n| question (answers/s) | civicgraph, 8 | @neo4j/graphql, 8 "
          "| civicgraph, 32 | @neo4j/graphql, 32 |")  # fmt: skip
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        (civic8, civic32), (neo8, neo32) = row.rates
        print(f"| {row.label} | {civic8:.1f} | {neo8:.1f} | {civic32:.1f} | {neo32:.1f} |")
    print("\n| server process | resident now MB | peak resident MB |")
    print("|---|---:|---:|")
    for name, (now_mb, peak_mb) in zip(CONTESTANTS, memory, strict=True):
        print(f"| {name} | {now_mb:.0f} | {peak_mb:.0f} |")
