//! Optimal set-off: exact reductions, the min-cost-flow solve, the split back to invoices, and
//! the checks that every run must pass.
//!
//! Per currency (obligations in different currencies are never netted against each other here):
//! 1. dense firm ids (done by the builder);
//! 2. merge same-direction parallel obligations into one arc (exact: the LP only sees the sum);
//! 3. keep only arcs inside a strongly connected component (no other arc can carry a cycle),
//!    and recompute supplies on what is kept;
//! 4. solve the remaining-flow problem with `flow::solve` (which checks its certificate);
//! 5. split each arc's cleared amount back over its invoices by the **split rule**: oldest due date
//!    first (no due date last), then id in byte order; each invoice is cleared as fully as the
//!    arc's amount allows before the next;
//! 6. check every invoice (0 ≤ cleared ≤ amount), every firm's circulation (cleared out = cleared
//!    in, so net positions are unchanged), and the certificate again; any failure is an `Err`.

use crate::input::Obligations;
use flow::Arc;

/// What one clearing run found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Cleared amount per obligation, in input order.
    pub cleared: Vec<i128>,
    pub stats: Stats,
}

/// Figures of a run (sums in i128: IRR totals exceed i64 easily).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub obligations: usize,
    pub firms: usize,
    pub total_debt: i128,
    pub cleared_total: i128,
    pub remaining_total: i128,
    /// Net internal debt: Σ positive net positions. No set-off can reduce it.
    pub net_internal_debt: i128,
    /// Arcs after merging parallel obligations, and after keeping only cyclic ones.
    pub merged_arcs: usize,
    pub cyclic_arcs: usize,
    pub phases: u32,
    pub certificate_verified: bool,
}

/// A run whose checks failed: a bug, reported loudly with what failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClearingError(pub String);

impl std::fmt::Display for ClearingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "clearing failed its checks: {}", self.0)
    }
}

impl std::error::Error for ClearingError {}

/// Strongly connected components (iterative Tarjan). Returns the component of every node.
pub(crate) fn components(nodes: usize, start: &[u32], targets: &[u32]) -> Vec<u32> {
    const NONE: u32 = u32::MAX;
    let mut index = vec![NONE; nodes];
    let mut low = vec![0u32; nodes];
    let mut on_stack = vec![false; nodes];
    let mut component = vec![NONE; nodes];
    let mut stack: Vec<u32> = Vec::new();
    let mut calls: Vec<(u32, u32)> = Vec::new(); // (node, next edge position)
    let mut counter = 0u32;
    let mut components = 0u32;
    for root in 0..nodes as u32 {
        if index[root as usize] != NONE {
            continue;
        }
        calls.push((root, start[root as usize]));
        index[root as usize] = counter;
        low[root as usize] = counter;
        counter += 1;
        stack.push(root);
        on_stack[root as usize] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if *edge < start[v as usize + 1] {
                let w = targets[*edge as usize];
                *edge += 1;
                if index[w as usize] == NONE {
                    index[w as usize] = counter;
                    low[w as usize] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[w as usize] = true;
                    calls.push((w, start[w as usize]));
                } else if on_stack[w as usize] {
                    low[v as usize] = low[v as usize].min(index[w as usize]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[v as usize]);
            }
            if low[v as usize] == index[v as usize] {
                loop {
                    let w = stack.pop().expect("tarjan stack");
                    on_stack[w as usize] = false;
                    component[w as usize] = components;
                    if w == v {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

/// Clears `obligations` optimally, per currency. Deterministic: same input, same output.
pub fn clear(obligations: &Obligations) -> Result<Outcome, ClearingError> {
    let o = obligations;
    let n = o.len();
    let mut cleared = vec![0i128; n];
    let mut stats = Stats {
        obligations: n,
        firms: o.firms.len(),
        certificate_verified: true,
        ..Stats::default()
    };
    // Order obligations by (currency, debtor, creditor, due, id): parallel arcs become runs, and
    // each run is already in split-rule order.
    let key = |i: usize| {
        (u128::from(o.currency[i]) << 96)
            | (u128::from(o.debtor[i]) << 64)
            | (u128::from(o.creditor[i]) << 32)
            | u128::from(o.due[i])
    };
    let mut keyed: Vec<(u128, u32)> = (0..n).map(|i| (key(i), i as u32)).collect();
    keyed.sort_unstable();
    // Equal keys (same pair, same due date) are ordered by id, the split rule's tie-break.
    for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() > 1 {
            run.sort_unstable_by(|a, b| o.ids[a.1 as usize].cmp(&o.ids[b.1 as usize]));
        }
    }
    let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
    let mut run_start = 0;
    while run_start < n {
        let currency = o.currency[order[run_start] as usize];
        let mut run_end = run_start;
        while run_end < n && o.currency[order[run_end] as usize] == currency {
            run_end += 1;
        }
        clear_currency(o, &order[run_start..run_end], &mut cleared, &mut stats)?;
        run_start = run_end;
    }
    // Whole-input checks, independent of how the solve was organised.
    let mut net = vec![0i128; o.firms.len() * o.currencies.len().max(1)];
    let slot =
        |firm: u32, currency: u16| firm as usize * o.currencies.len().max(1) + currency as usize;
    for i in 0..n {
        if cleared[i] < 0 || cleared[i] > o.amount[i] {
            return Err(ClearingError(format!(
                "obligation {}: cleared {} outside 0..={}",
                o.ids[i], cleared[i], o.amount[i]
            )));
        }
        net[slot(o.debtor[i], o.currency[i])] += cleared[i];
        net[slot(o.creditor[i], o.currency[i])] -= cleared[i];
        stats.total_debt += o.amount[i];
        stats.cleared_total += cleared[i];
    }
    if let Some(position) = net.iter().position(|x| *x != 0) {
        let firm = &o.firms[position / o.currencies.len().max(1)];
        return Err(ClearingError(format!(
            "firm {firm}: cleared amounts are not a circulation (net position would change)"
        )));
    }
    stats.remaining_total = stats.total_debt - stats.cleared_total;
    Ok(Outcome { cleared, stats })
}

fn clear_currency(
    o: &Obligations,
    order: &[u32],
    cleared: &mut [i128],
    stats: &mut Stats,
) -> Result<(), ClearingError> {
    // Merge parallel obligations: one arc per (debtor, creditor) run.
    let mut arc_runs: Vec<(usize, usize)> = Vec::new();
    let mut arcs: Vec<Arc> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let first = order[i] as usize;
        let mut j = i;
        let mut capacity: i128 = 0;
        while j < order.len()
            && o.debtor[order[j] as usize] == o.debtor[first]
            && o.creditor[order[j] as usize] == o.creditor[first]
        {
            capacity = capacity
                .checked_add(o.amount[order[j] as usize])
                .ok_or_else(|| ClearingError("a pair's total overflows i128".into()))?;
            j += 1;
        }
        arcs.push(Arc {
            from: o.debtor[first],
            to: o.creditor[first],
            capacity,
        });
        arc_runs.push((i, j));
        i = j;
    }
    stats.merged_arcs += arcs.len();
    // Net internal debt of this currency, over all of its obligations.
    let firms = o.firms.len();
    let mut position = vec![0i128; firms];
    for a in &arcs {
        position[a.to as usize] += a.capacity;
        position[a.from as usize] -= a.capacity;
    }
    stats.net_internal_debt += position.iter().filter(|p| **p > 0).sum::<i128>();
    // Strongly connected components over the merged arcs (CSR by debtor; arcs are sorted by it).
    let mut start = vec![0u32; firms + 1];
    for a in &arcs {
        start[a.from as usize + 1] += 1;
    }
    for v in 0..firms {
        start[v + 1] += start[v];
    }
    let targets: Vec<u32> = arcs.iter().map(|a| a.to).collect();
    let component = components(firms, &start, &targets);
    // Keep cyclic arcs; renumber their firms densely.
    let mut node_of = vec![u32::MAX; firms];
    let mut nodes = 0u32;
    let mut kept: Vec<usize> = Vec::new();
    let mut flow_arcs: Vec<Arc> = Vec::new();
    for (k, a) in arcs.iter().enumerate() {
        if component[a.from as usize] != component[a.to as usize] {
            continue;
        }
        for firm in [a.from, a.to] {
            if node_of[firm as usize] == u32::MAX {
                node_of[firm as usize] = nodes;
                nodes += 1;
            }
        }
        kept.push(k);
        flow_arcs.push(Arc {
            from: node_of[a.from as usize],
            to: node_of[a.to as usize],
            capacity: a.capacity,
        });
    }
    stats.cyclic_arcs += flow_arcs.len();
    if flow_arcs.is_empty() {
        return Ok(());
    }
    let solution =
        flow::solve(nodes as usize, &flow_arcs).map_err(|e| ClearingError(e.to_string()))?;
    // The solver checks itself; check again here, so no path returns an unchecked answer.
    flow::check(nodes as usize, &flow_arcs, &solution).map_err(|e| ClearingError(e.to_string()))?;
    stats.phases = stats.phases.max(solution.phases);
    // Split each arc's cleared amount over its invoices, in split-rule order.
    for (f, &k) in kept.iter().enumerate() {
        let mut left = flow_arcs[f].capacity - solution.remaining[f];
        let (from, to) = arc_runs[k];
        for &index in &order[from..to] {
            if left == 0 {
                break;
            }
            let take = left.min(o.amount[index as usize]);
            cleared[index as usize] = take;
            left -= take;
        }
        if left != 0 {
            return Err(ClearingError(format!(
                "split left {left} unassigned on an arc"
            )));
        }
    }
    Ok(())
}
