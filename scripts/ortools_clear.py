#!/usr/bin/env python3
"""Solve the same obligations CSV with OR-Tools' SimpleMinCostFlow, as the reference optimum.

Usage: python3 scripts/ortools_clear.py FILE.csv [--reduced] [--json]   (needs `pip install ortools`)

It clears each currency on its own, like `corridor clear`: the remaining-flow form, with cost 1
per unit of remaining debt on every obligation arc (capacity = amount), supplies = net debtor
positions. It prints the cleared total (must equal `corridor clear`'s) and the time spent in
OR-Tools' solve() alone, excluding CSV loading (research/clearing.md §8, benchmark honesty).

With --reduced it also solves the graph after the same exact reductions `corridor clear` makes
(parallel obligations merged, only arcs inside strongly connected components kept, supplies
recomputed), and prints that solve() time too: the fairer comparison of the two solvers, as
research/clearing.md §7.6 asks. The reductions themselves are not timed.
With --json the figures are printed as one JSON object instead (for `corridor bench clear`).
OR-Tools' capacities are int64: an input whose per-node totals exceed int64 is refused.
"""
import json
import csv
import sys
import time
from collections import defaultdict

from ortools.graph.python import min_cost_flow


def solve(arcs, nodes):
    """Min-cost flow on (tail, head, capacity) arcs; returns (remaining, solve seconds)."""
    solver = min_cost_flow.SimpleMinCostFlow()
    supply = [0] * nodes
    for tail, head, capacity in arcs:
        solver.add_arc_with_capacity_and_unit_cost(tail, head, capacity, 1)
        supply[tail] += capacity
        supply[head] -= capacity
    for node, s in enumerate(supply):
        solver.set_node_supply(node, s)
    started = time.perf_counter()
    status = solver.solve()
    seconds = time.perf_counter() - started
    if status != solver.OPTIMAL:
        sys.exit(f"OR-Tools: status {status}")
    return solver.optimal_cost(), seconds


def components(nodes, arcs):
    """Strongly connected components (iterative Tarjan): the component of every node."""
    adjacency = [[] for _ in range(nodes)]
    for tail, head, _ in arcs:
        adjacency[tail].append(head)
    index = [-1] * nodes
    low = [0] * nodes
    on_stack = [False] * nodes
    component = [-1] * nodes
    stack = []
    counter = 0
    found = 0
    for root in range(nodes):
        if index[root] != -1:
            continue
        calls = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while calls:
            v, edge = calls[-1]
            if edge < len(adjacency[v]):
                calls[-1] = (v, edge + 1)
                w = adjacency[v][edge]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    calls.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            calls.pop()
            if calls:
                parent = calls[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    component[w] = found
                    if w == v:
                        break
                found += 1
    return component


def reduce(arcs, nodes):
    """Parallel arcs merged, then only arcs inside one strongly connected component."""
    merged = defaultdict(int)
    for tail, head, capacity in arcs:
        merged[(tail, head)] += capacity
    merged = [(t, h, c) for (t, h), c in merged.items()]
    component = components(nodes, merged)
    return [(t, h, c) for t, h, c in merged if component[t] == component[h]]


def main(path, reduced, as_json):
    load_started = time.perf_counter()
    groups = defaultdict(list)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            groups[row.get("currency") or ""].append((row["debtor"], row["creditor"], int(row["amount"])))
    load_seconds = time.perf_counter() - load_started
    total_debt = 0
    cleared = 0
    cleared_reduced = 0
    solve_seconds = 0.0
    reduced_seconds = 0.0
    reduced_arcs = 0
    for currency, rows in sorted(groups.items()):
        index = {}
        for d, c, _ in rows:
            index.setdefault(d, len(index))
            index.setdefault(c, len(index))
        arcs = [(index[d], index[c], amount) for d, c, amount in rows]
        debt = sum(a for _, _, a in arcs)
        total_debt += debt
        remaining, seconds = solve(arcs, len(index))
        solve_seconds += seconds
        cleared += debt - remaining
        if reduced:
            kept = reduce(arcs, len(index))
            reduced_arcs += len(kept)
            remaining, seconds = solve(kept, len(index))
            reduced_seconds += seconds
            cleared_reduced += sum(c for _, _, c in kept) - remaining
    if reduced and cleared_reduced != cleared:
        sys.exit("OR-Tools: the reduced graph gives a different optimum (a reduction is not exact)")
    if as_json:
        figures = {"cleared": str(cleared), "total_debt": str(total_debt), "solve_seconds": solve_seconds,
                   "load_seconds": load_seconds}
        if reduced:
            figures.update({"reduced_arcs": reduced_arcs, "reduced_cleared": str(cleared_reduced),
                            "reduced_solve_seconds": reduced_seconds})
        print(json.dumps(figures))
        return
    print(f"    OR-Tools SimpleMinCostFlow: cleared {cleared} of {total_debt}")
    print(f"    OR-Tools solve {solve_seconds:.3f} s (loading the CSV in Python took {load_seconds:.3f} s)")
    if reduced:
        print(f"    OR-Tools on the reduced graph ({reduced_arcs} arcs: parallel arcs merged, SCCs only): "
              f"cleared {cleared_reduced}, solve {reduced_seconds:.3f} s")


if __name__ == "__main__":
    flags = {"--reduced", "--json"}
    args = [a for a in sys.argv[1:] if a not in flags]
    if len(args) != 1:
        sys.exit(__doc__)
    main(args[0], "--reduced" in sys.argv[1:], "--json" in sys.argv[1:])
