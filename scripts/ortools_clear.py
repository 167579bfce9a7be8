#!/usr/bin/env python3
"""Solve the same obligations CSV with OR-Tools' SimpleMinCostFlow, as the reference optimum.

Usage: python3 scripts/ortools_clear.py FILE.csv        (needs `pip install ortools`)

It clears each currency on its own, like `corridor clear`: the remaining-flow form, with cost 1
per unit of remaining debt on every obligation arc (capacity = amount), supplies = net debtor
positions. It prints the cleared total (must equal `corridor clear`'s) and the time spent in
OR-Tools' solve() alone, excluding CSV loading (research/clearing.md §8, benchmark honesty).
OR-Tools' capacities are int64: an input whose per-node totals exceed int64 is refused.
"""
import csv
import sys
import time
from collections import defaultdict

from ortools.graph.python import min_cost_flow


def main(path):
    load_started = time.perf_counter()
    groups = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups[row.get("currency") or ""].append((row["debtor"], row["creditor"], int(row["amount"])))
    load_seconds = time.perf_counter() - load_started
    total_debt = 0
    cleared = 0
    solve_seconds = 0.0
    for currency, arcs in sorted(groups.items()):
        index = {}
        for d, c, _ in arcs:
            index.setdefault(d, len(index))
            index.setdefault(c, len(index))
        solver = min_cost_flow.SimpleMinCostFlow()
        supply = [0] * len(index)
        for d, c, amount in arcs:
            solver.add_arc_with_capacity_and_unit_cost(index[d], index[c], amount, 1)
            supply[index[d]] += amount
            supply[index[c]] -= amount
        for node, s in enumerate(supply):
            solver.set_node_supply(node, s)
        started = time.perf_counter()
        status = solver.solve()
        solve_seconds += time.perf_counter() - started
        if status != solver.OPTIMAL:
            sys.exit(f"OR-Tools: currency {currency or '(none)'}: status {status}")
        debt = sum(a for _, _, a in arcs)
        total_debt += debt
        cleared += debt - solver.optimal_cost()
    print(f"    OR-Tools SimpleMinCostFlow: cleared {cleared} of {total_debt}")
    print(f"    OR-Tools solve {solve_seconds:.3f} s (loading the CSV in Python took {load_seconds:.3f} s)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
