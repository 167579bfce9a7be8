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
//! 6. check every invoice (0 ≤ cleared ≤ amount) and every firm's circulation (cleared out =
//!    cleared in, so net positions are unchanged) over the whole input, independently of how the
//!    solve was organised; `flow::solve` has checked bounds, conservation and the certificate
//!    before answering. Any failure is an `Err`.

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

/// Members (obligations, or one side of them) merged into arcs: members with the same slot
/// (their tail, possibly per currency) and the same head become one arc.
pub(crate) struct Grouped {
    /// Member indices grouped by (slot, head); within a run, in input order.
    pub order: Vec<u32>,
    /// One arc per (slot, head), in slot order, then head order.
    pub arcs: Vec<Arc>,
    /// Arc `k`'s members are `order[runs[k]..runs[k + 1]]`.
    pub runs: Vec<u32>,
    /// Slot `s`'s arcs are `arcs[slot_arcs[s]..slot_arcs[s + 1]]`.
    pub slot_arcs: Vec<u32>,
}

impl Grouped {
    pub fn members(&self, arc: usize) -> &[u32] {
        &self.order[self.runs[arc] as usize..self.runs[arc + 1] as usize]
    }
}

/// Groups `n` members into arcs: a counting sort by slot (`slot(i) < slots`), then each slot's
/// few members sorted by head; `tail(s)` is the tail of slot `s`'s arcs. Exact: the LP only
/// sees the sum of parallel arcs. The split rule's order within an arc is applied later by
/// [`split`], and only where it matters. Members are read once, in input order, and scattered
/// with their amounts, so no later pass gathers from the input at random (at a million
/// obligations that gather, and the copies of growing vectors, took 2/3 of grouping's time).
pub(crate) fn group(
    n: usize,
    slots: usize,
    slot: impl Fn(usize) -> usize,
    tail: impl Fn(usize) -> u32,
    head: impl Fn(usize) -> u32,
    amount: impl Fn(usize) -> i128,
) -> Result<Grouped, ClearingError> {
    let mut start = vec![0u32; slots + 1];
    for i in 0..n {
        start[slot(i) + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    // (head, member index) packed, with the member's amount: sorting by the key sorts by head,
    // and the index makes every key distinct, so the order does not depend on the algorithm.
    let mut entries = vec![(0u64, 0i128); n];
    let mut fill = start.clone();
    for i in 0..n {
        let k = slot(i);
        entries[fill[k] as usize] = ((u64::from(head(i)) << 32) | i as u64, amount(i));
        fill[k] += 1;
    }
    drop(fill);
    // Capacities for the most arcs there can be: no reallocation copies (untouched pages
    // cost nothing).
    let mut runs = Vec::with_capacity(n + 1);
    runs.push(0);
    let mut grouped = Grouped {
        order: Vec::with_capacity(n),
        arcs: Vec::with_capacity(n),
        runs,
        slot_arcs: vec![0; slots + 1],
    };
    for k in 0..slots {
        let members = &mut entries[start[k] as usize..start[k + 1] as usize];
        members.sort_unstable_by_key(|e| e.0);
        for run in members.chunk_by(|a, b| a.0 >> 32 == b.0 >> 32) {
            let mut capacity: i128 = 0;
            for &(key, amount) in run {
                capacity = capacity
                    .checked_add(amount)
                    .ok_or_else(|| ClearingError("a pair's total overflows i128".into()))?;
                grouped.order.push(key as u32);
            }
            grouped.arcs.push(Arc {
                from: tail(k),
                to: (run[0].0 >> 32) as u32,
                capacity,
            });
            grouped.runs.push(grouped.order.len() as u32);
        }
        grouped.slot_arcs[k + 1] = grouped.arcs.len() as u32;
    }
    Ok(grouped)
}

/// Splits an arc's `cleared` amount over its `members` by the **split rule**: oldest due date
/// first (no due date last), then id in byte order, each member cleared as fully as the amount
/// allows before the next. `key(m)` is a member's (due date, id); `assign(m, c)` records it.
/// An arc cleared wholly or not at all needs no order, so only partly cleared arcs are sorted.
pub(crate) fn split<'a>(
    members: &[u32],
    cleared: i128,
    amount: impl Fn(u32) -> i128,
    key: impl Fn(u32) -> (u32, &'a str),
    scratch: &mut Vec<u32>,
    mut assign: impl FnMut(u32, i128),
) -> Result<(), ClearingError> {
    if cleared == 0 {
        return Ok(());
    }
    if let [only] = members {
        // Most arcs are one invoice: it takes all of the arc's cleared amount (which is at most
        // its own), and nothing needs to be read.
        assign(*only, cleared);
        return Ok(());
    }
    let total: i128 = members.iter().map(|&m| amount(m)).sum();
    if cleared == total {
        for &m in members {
            assign(m, amount(m));
        }
        return Ok(());
    }
    scratch.clear();
    scratch.extend_from_slice(members);
    scratch.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
    let mut left = cleared;
    for &m in scratch.iter() {
        if left == 0 {
            break;
        }
        let take = left.min(amount(m));
        assign(m, take);
        left -= take;
    }
    if left != 0 {
        return Err(ClearingError(format!(
            "split left {left} unassigned on an arc"
        )));
    }
    Ok(())
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
    // One arc per (currency, debtor, creditor).
    let firms = o.firms.len();
    let merged = group(
        n,
        firms * o.currencies.len().max(1),
        |i| o.currency[i] as usize * firms + o.debtor[i] as usize,
        |k| (k % firms) as u32,
        |i| o.creditor[i],
        |i| o.amount[i],
    )?;
    stats.merged_arcs = merged.arcs.len();
    for c in 0..o.currencies.len().max(1) {
        let range =
            merged.slot_arcs[c * firms] as usize..merged.slot_arcs[(c + 1) * firms] as usize;
        clear_currency(o, &merged, range, &mut cleared, &mut stats)?;
    }
    // Whole-input checks, independent of how the solve was organised.
    let currencies = o.currencies.len().max(1);
    let mut net = vec![0i128; o.firms.len() * currencies];
    let slot = |firm: u32, currency: u16| firm as usize * currencies + currency as usize;
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
        let firm = &o.firms[position / currencies];
        return Err(ClearingError(format!(
            "firm {firm}: cleared amounts are not a circulation (net position would change)"
        )));
    }
    stats.remaining_total = stats.total_debt - stats.cleared_total;
    Ok(Outcome { cleared, stats })
}

/// The optimal set-off on arcs that are already merged (one per pair, tails sorted): the arcs
/// inside a strongly connected component (no other arc can carry a cycle) are solved with
/// `flow::solve`, which checks bounds, conservation and its certificate before it answers.
pub(crate) struct Cyclic {
    /// Positions in the input arcs of the arcs on a cycle, ascending.
    pub kept: Vec<usize>,
    /// What was cleared on each kept arc.
    pub cleared: Vec<i128>,
    pub phases: u32,
}

/// See [`Cyclic`]. `None` when no arc lies on a cycle (nothing can be cleared).
pub(crate) fn solve_cyclic(firms: usize, arcs: &[Arc]) -> Result<Option<Cyclic>, ClearingError> {
    // Strongly connected components over the arcs (CSR by tail; arcs are sorted by it).
    let mut start = vec![0u32; firms + 1];
    for a in arcs {
        start[a.from as usize + 1] += 1;
    }
    for v in 0..firms {
        start[v + 1] += start[v];
    }
    let targets: Vec<u32> = arcs.iter().map(|a| a.to).collect();
    let component = components(firms, &start, &targets);
    drop(targets);
    // Keep cyclic arcs; renumber their firms densely.
    let mut node_of = vec![u32::MAX; firms];
    let mut nodes = 0u32;
    let mut kept: Vec<usize> = Vec::with_capacity(arcs.len());
    let mut flow_arcs: Vec<Arc> = Vec::with_capacity(arcs.len());
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
    if flow_arcs.is_empty() {
        return Ok(None);
    }
    let solution =
        flow::solve(nodes as usize, &flow_arcs).map_err(|e| ClearingError(e.to_string()))?;
    let cleared = flow_arcs
        .iter()
        .zip(&solution.remaining)
        .map(|(a, r)| a.capacity - r)
        .collect();
    Ok(Some(Cyclic {
        kept,
        cleared,
        phases: solution.phases,
    }))
}

fn clear_currency(
    o: &Obligations,
    merged: &Grouped,
    range: std::ops::Range<usize>,
    cleared: &mut [i128],
    stats: &mut Stats,
) -> Result<(), ClearingError> {
    let arcs = &merged.arcs[range.clone()];
    // Net internal debt of this currency, over all of its obligations.
    let firms = o.firms.len();
    let mut position = vec![0i128; firms];
    for a in arcs {
        position[a.to as usize] += a.capacity;
        position[a.from as usize] -= a.capacity;
    }
    stats.net_internal_debt += position.iter().filter(|p| **p > 0).sum::<i128>();
    drop(position);
    let Some(cyclic) = solve_cyclic(firms, arcs)? else {
        return Ok(());
    };
    stats.cyclic_arcs += cyclic.kept.len();
    stats.phases = stats.phases.max(cyclic.phases);
    // Split each arc's cleared amount over its invoices, in split-rule order.
    let mut scratch = Vec::new();
    for (&k, &cleared_amount) in cyclic.kept.iter().zip(&cyclic.cleared) {
        split(
            merged.members(range.start + k),
            cleared_amount,
            |i| o.amount[i as usize],
            |i| (o.due[i as usize], &*o.ids[i as usize]),
            &mut scratch,
            |i, c| cleared[i as usize] = c,
        )?;
    }
    Ok(())
}
