//! Min-cost flow for obligation clearing, with a proof of optimality.
//!
//! The problem (the *remaining-flow* form of multilateral set-off): arcs `u → v` with capacity
//! `a` (what `u` owes `v`), node supplies `s(v) = out(a) − in(a)` (what `v` owes net), and a cost
//! of 1 per unit of remaining debt. Find a flow `0 ≤ r ≤ a` with `out(r) − in(r) = s(v)` at every
//! node that minimises `Σ r`. Then `a − r` is a circulation (every net position unchanged) and
//! clears the most debt possible.
//!
//! [`solve`] is a primal-dual algorithm specialised to unit costs: each phase runs a bucket
//! (Dial) Dijkstra on reduced costs from every node with excess, raises the potentials, and
//! pushes a blocking-flow max flow (Dinic, iterative) along the admissible arcs (reduced cost 0)
//! to nodes with deficit. Phases are few in practice (the longest useful chain of debt).
//!
//! Every solution carries integer potentials `π`, an **optimality certificate**: for every arc,
//! if `r < a` then `1 + π(u) − π(v) ≥ 0`, and if `r > 0` then `1 + π(u) − π(v) ≤ 0`. [`check`]
//! verifies bounds, conservation and the certificate in O(n + m), without trusting the solver.
//!
//! [`reference::solve`] is a second, deliberately simple solver (successive shortest paths with
//! Bellman-Ford) used to cross-check in tests.
//!
//! **Architecture invariant:** no dependencies, no IO, deterministic.

pub mod reference;

/// Most nodes a graph may have (node ids are `u32`).
pub const NODES_MAX: usize = u32::MAX as usize - 1;

/// One arc: `from` owes `to` `capacity` units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    pub from: u32,
    pub to: u32,
    pub capacity: i128,
}

/// The solution: remaining flow per arc (same order as the input) and the certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solution {
    pub remaining: Vec<i128>,
    pub potentials: Vec<i64>,
    /// Primal-dual phases used (for reports).
    pub phases: u32,
}

/// Why a graph or a solution was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowError {
    /// The input is not a valid graph (bad node id, negative capacity, too many nodes).
    Invalid(String),
    /// A solution broke a rule; the text names the arc or node.
    Violated(String),
}

impl std::fmt::Display for FlowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlowError::Invalid(reason) => write!(f, "invalid graph: {reason}"),
            FlowError::Violated(reason) => write!(f, "solution check failed: {reason}"),
        }
    }
}

impl std::error::Error for FlowError {}

fn validate(nodes: usize, arcs: &[Arc]) -> Result<(), FlowError> {
    if nodes > NODES_MAX {
        return Err(FlowError::Invalid(format!(
            "{nodes} nodes; at most {NODES_MAX}"
        )));
    }
    for (i, a) in arcs.iter().enumerate() {
        if a.from as usize >= nodes || a.to as usize >= nodes {
            return Err(FlowError::Invalid(format!(
                "arc {i} names a node outside 0..{nodes}"
            )));
        }
        if a.capacity < 0 {
            return Err(FlowError::Invalid(format!(
                "arc {i} has negative capacity {}",
                a.capacity
            )));
        }
        if a.from == a.to {
            return Err(FlowError::Invalid(format!(
                "arc {i} is a loop on node {}",
                a.from
            )));
        }
    }
    Ok(())
}

/// Supplies `s(v) = out(a) − in(a)`, exact in i128 (a sum of i128 capacities per node could in
/// principle overflow; that is reported, never wrapped).
pub fn supplies(nodes: usize, arcs: &[Arc]) -> Result<Vec<i128>, FlowError> {
    let mut supply = vec![0i128; nodes];
    let overflow = || FlowError::Invalid("a node's total debt overflows i128".into());
    for a in arcs {
        supply[a.from as usize] = supply[a.from as usize]
            .checked_add(a.capacity)
            .ok_or_else(overflow)?;
        supply[a.to as usize] = supply[a.to as usize]
            .checked_sub(a.capacity)
            .ok_or_else(overflow)?;
    }
    Ok(supply)
}

/// Supplies of the remaining flow when the cleared flow must leave `injection` behind.
fn injected_supplies(
    nodes: usize,
    arcs: &[Arc],
    injection: &[(u32, i128)],
) -> Result<Vec<i128>, FlowError> {
    let mut supply = supplies(nodes, arcs)?;
    let mut total: i128 = 0;
    for &(node, amount) in injection {
        if node as usize >= nodes {
            return Err(FlowError::Invalid(format!(
                "injection at node {node} outside 0..{nodes}"
            )));
        }
        supply[node as usize] = supply[node as usize]
            .checked_sub(amount)
            .ok_or_else(|| FlowError::Invalid("injection overflows i128".into()))?;
        total = total
            .checked_add(amount)
            .ok_or_else(|| FlowError::Invalid("injection overflows i128".into()))?;
    }
    if total != 0 {
        return Err(FlowError::Invalid(format!(
            "injections sum to {total}, not zero"
        )));
    }
    Ok(supply)
}

/// The residual graph in CSR form. Arc `2e` is original arc `e` forward (cost +1, residual
/// `a − r`), arc `2e + 1` its reverse (cost −1, residual `r`).
struct Residual {
    /// For each node, its residual arcs are `order[start[v]..start[v + 1]]`.
    start: Vec<u32>,
    order: Vec<u32>,
    head: Vec<u32>,
    residual: Vec<i128>,
}

impl Residual {
    fn new(nodes: usize, arcs: &[Arc]) -> Residual {
        let mut degree = vec![0u32; nodes + 1];
        for a in arcs {
            degree[a.from as usize] += 1;
            degree[a.to as usize] += 1;
        }
        let mut start = vec![0u32; nodes + 1];
        for v in 0..nodes {
            start[v + 1] = start[v] + degree[v];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; 2 * arcs.len()];
        let mut head = vec![0u32; 2 * arcs.len()];
        let mut residual = vec![0i128; 2 * arcs.len()];
        for (e, a) in arcs.iter().enumerate() {
            let (forward, backward) = (2 * e as u32, 2 * e as u32 + 1);
            head[forward as usize] = a.to;
            head[backward as usize] = a.from;
            residual[forward as usize] = a.capacity;
            order[fill[a.from as usize] as usize] = forward;
            fill[a.from as usize] += 1;
            order[fill[a.to as usize] as usize] = backward;
            fill[a.to as usize] += 1;
        }
        Residual {
            start,
            order,
            head,
            residual,
        }
    }

    fn arcs(&self, v: u32) -> &[u32] {
        &self.order[self.start[v as usize] as usize..self.start[v as usize + 1] as usize]
    }

    fn tail(&self, arc: u32) -> u32 {
        self.head[(arc ^ 1) as usize]
    }
}

fn cost(arc: u32) -> i64 {
    if arc & 1 == 0 { 1 } else { -1 }
}

const UNREACHED: i64 = i64::MAX;

/// Solves the remaining-flow problem for `arcs` on nodes `0..nodes` (see the crate docs) and
/// checks the result with [`check`] before returning it.
pub fn solve(nodes: usize, arcs: &[Arc]) -> Result<Solution, FlowError> {
    solve_with_injection(nodes, arcs, &[])
}

/// Like [`solve`], but the cleared flow `c = a − r` must leave each listed node with a fixed
/// imbalance: `out(c) − in(c) = amount` (a node that hands `amount` on outside this graph, e.g.
/// a gateway whose cross-border flow was fixed). The amounts must sum to zero. Returns an error
/// if no flow meets them.
pub fn solve_with_injection(
    nodes: usize,
    arcs: &[Arc],
    injection: &[(u32, i128)],
) -> Result<Solution, FlowError> {
    validate(nodes, arcs)?;
    let supply = injected_supplies(nodes, arcs, injection)?;
    let mut g = Residual::new(nodes, arcs);
    let mut excess = supply.clone();
    let mut potential = vec![0i64; nodes];
    let mut distance = vec![UNREACHED; nodes];
    let mut buckets: Vec<Vec<u32>> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut level = vec![u32::MAX; nodes];
    let mut current = vec![0u32; nodes];
    let mut queue: Vec<u32> = Vec::with_capacity(nodes);
    let mut path: Vec<u32> = Vec::new();
    let sources: Vec<u32> = (0..nodes as u32)
        .filter(|&v| supply[v as usize] > 0)
        .collect();
    let mut phases = 0u32;
    loop {
        let active: Vec<u32> = sources
            .iter()
            .copied()
            .filter(|&v| excess[v as usize] > 0)
            .collect();
        if active.is_empty() {
            break;
        }
        phases += 1;
        // (a) Dial's Dijkstra on reduced costs from every node with excess, up to the nearest
        // node with a deficit (at distance `reach`).
        for &v in &touched {
            distance[v as usize] = UNREACHED;
        }
        touched.clear();
        for bucket in &mut buckets {
            bucket.clear();
        }
        if buckets.is_empty() {
            buckets.push(Vec::new());
        }
        for &v in &active {
            distance[v as usize] = 0;
            touched.push(v);
            buckets[0].push(v);
        }
        let mut reach: Option<i64> = None;
        let mut d: usize = 0;
        while d < buckets.len() {
            if reach.is_some_and(|r| d as i64 > r) {
                break;
            }
            while let Some(u) = buckets[d].pop() {
                if distance[u as usize] != d as i64 {
                    continue; // stale entry
                }
                if excess[u as usize] < 0 && reach.is_none() {
                    reach = Some(d as i64);
                }
                for &arc in g.arcs(u) {
                    if g.residual[arc as usize] <= 0 {
                        continue;
                    }
                    let v = g.head[arc as usize];
                    let reduced = cost(arc) + potential[u as usize] - potential[v as usize];
                    debug_assert!(reduced >= 0, "negative reduced cost on arc {arc}");
                    let candidate = d as i64 + reduced;
                    if candidate < distance[v as usize] {
                        if distance[v as usize] == UNREACHED {
                            touched.push(v);
                        }
                        distance[v as usize] = candidate;
                        let slot = candidate as usize;
                        if slot >= buckets.len() {
                            buckets.resize_with(slot + 1, Vec::new);
                        }
                        buckets[slot].push(v);
                    }
                }
            }
            d += 1;
        }
        let Some(reach) = reach else {
            return Err(FlowError::Violated(
                "excess left with no path to any deficit (supplies do not balance)".into(),
            ));
        };
        // (b) Raise potentials: reduced costs stay non-negative, and every shortest path to a
        // deficit node at distance `reach` becomes admissible (reduced cost 0).
        for v in 0..nodes {
            potential[v] += distance[v].min(reach);
        }
        // (c) Max flow on the admissible arcs: Dinic from all excess nodes to deficit nodes.
        loop {
            // BFS levels over admissible residual arcs.
            for l in level.iter_mut() {
                *l = u32::MAX;
            }
            queue.clear();
            for &v in &active {
                if excess[v as usize] > 0 {
                    level[v as usize] = 0;
                    queue.push(v);
                }
            }
            let mut head_at = 0;
            let mut sink_found = false;
            while head_at < queue.len() {
                let u = queue[head_at];
                head_at += 1;
                if excess[u as usize] < 0 {
                    sink_found = true;
                    continue; // do not route through a sink
                }
                for &arc in g.arcs(u) {
                    let v = g.head[arc as usize];
                    if g.residual[arc as usize] > 0
                        && level[v as usize] == u32::MAX
                        && cost(arc) + potential[u as usize] - potential[v as usize] == 0
                    {
                        level[v as usize] = level[u as usize] + 1;
                        queue.push(v);
                    }
                }
            }
            if !sink_found {
                break;
            }
            for &v in &queue {
                current[v as usize] = g.start[v as usize];
            }
            let mut pushed_any = false;
            for &s in &active {
                while excess[s as usize] > 0 {
                    let pushed = augment(
                        &mut g,
                        s,
                        &mut excess,
                        &level,
                        &mut current,
                        &potential,
                        &mut path,
                    );
                    if pushed == 0 {
                        break;
                    }
                    pushed_any = true;
                }
            }
            if !pushed_any {
                break;
            }
        }
    }
    let remaining: Vec<i128> = (0..arcs.len()).map(|e| g.residual[2 * e + 1]).collect();
    let solution = Solution {
        remaining,
        potentials: potential,
        phases,
    };
    check_with_injection(nodes, arcs, injection, &solution)?;
    Ok(solution)
}

/// Pushes one augmenting path's worth of flow from `source` along level-increasing admissible
/// arcs to a node with deficit (iterative DFS with current-arc pointers). Returns the amount.
fn augment(
    g: &mut Residual,
    source: u32,
    excess: &mut [i128],
    level: &[u32],
    current: &mut [u32],
    potential: &[i64],
    path: &mut Vec<u32>,
) -> i128 {
    path.clear();
    let mut u = source;
    loop {
        if excess[u as usize] < 0 && u != source {
            // Found a sink: push the bottleneck.
            let mut amount = excess[source as usize].min(-excess[u as usize]);
            for &arc in path.iter() {
                amount = amount.min(g.residual[arc as usize]);
            }
            for &arc in path.iter() {
                g.residual[arc as usize] -= amount;
                g.residual[(arc ^ 1) as usize] += amount;
            }
            excess[source as usize] -= amount;
            excess[u as usize] += amount;
            return amount;
        }
        let end = g.start[u as usize + 1];
        let mut advanced = false;
        while current[u as usize] < end {
            let arc = g.order[current[u as usize] as usize];
            let v = g.head[arc as usize];
            if g.residual[arc as usize] > 0
                && level[v as usize] == level[u as usize].wrapping_add(1)
                && level[v as usize] != u32::MAX
                && cost(arc) + potential[u as usize] - potential[v as usize] == 0
            {
                path.push(arc);
                u = v;
                advanced = true;
                break;
            }
            current[u as usize] += 1;
        }
        if advanced {
            continue;
        }
        // Dead end: retreat, and never try this node's exhausted arcs again in this phase.
        match path.pop() {
            Some(arc) => {
                u = g.tail(arc);
                current[u as usize] += 1;
            }
            None => return 0,
        }
    }
}

/// Checks a solution without trusting the solver: capacities, conservation at every node, and
/// the potentials' certificate on every arc. O(n + m).
pub fn check(nodes: usize, arcs: &[Arc], solution: &Solution) -> Result<(), FlowError> {
    check_with_injection(nodes, arcs, &[], solution)
}

/// [`check`] for a solution of [`solve_with_injection`].
pub fn check_with_injection(
    nodes: usize,
    arcs: &[Arc],
    injection: &[(u32, i128)],
    solution: &Solution,
) -> Result<(), FlowError> {
    validate(nodes, arcs)?;
    let fail = |reason: String| Err(FlowError::Violated(reason));
    if solution.remaining.len() != arcs.len() || solution.potentials.len() != nodes {
        return fail("solution has the wrong shape".into());
    }
    let supply = injected_supplies(nodes, arcs, injection)?;
    let mut net = vec![0i128; nodes];
    for (e, (a, &r)) in arcs.iter().zip(&solution.remaining).enumerate() {
        if r < 0 || r > a.capacity {
            return fail(format!(
                "arc {e} ({} -> {}): remaining {r} outside 0..={}",
                a.from, a.to, a.capacity
            ));
        }
        net[a.from as usize] += r;
        net[a.to as usize] -= r;
    }
    for v in 0..nodes {
        if net[v] != supply[v] {
            return fail(format!(
                "node {v}: remaining flow nets to {}, its position is {}",
                net[v], supply[v]
            ));
        }
    }
    for (e, (a, &r)) in arcs.iter().zip(&solution.remaining).enumerate() {
        let reduced = 1 + solution.potentials[a.from as usize] - solution.potentials[a.to as usize];
        if r < a.capacity && reduced < 0 {
            return fail(format!(
                "arc {e} ({} -> {}): could clear more yet has reduced cost {reduced} < 0",
                a.from, a.to
            ));
        }
        if r > 0 && reduced > 0 {
            return fail(format!(
                "arc {e} ({} -> {}): keeps {r} remaining yet has reduced cost {reduced} > 0",
                a.from, a.to
            ));
        }
    }
    Ok(())
}
