//! Min-cost flow for obligation clearing, with a proof of optimality.
//!
//! The problem (the *remaining-flow* form of multilateral set-off): arcs `u → v` with capacity
//! `a` (what `u` owes `v`), node supplies `s(v) = out(a) − in(a)` (what `v` owes net), and a cost
//! of 1 per unit of remaining debt. Find a flow `0 ≤ r ≤ a` with `out(r) − in(r) = s(v)` at every
//! node that minimises `Σ r`. Then `a − r` is a circulation (every net position unchanged) and
//! clears the most debt possible.
//!
//! [`solve`] is a primal-dual algorithm specialised to unit costs: each phase runs a bucket
//! (Dial) Dijkstra on reduced costs from every node with excess until the nearest deficit is
//! settled, raises the potentials, copies the admissible arcs (reduced cost 0, both directions)
//! into a compact phase graph, and pushes a max flow (Dinic, iterative) on it to nodes with
//! deficit. Phases are few in practice (the longest useful chain of debt: about 10 on a
//! million-obligation network). Capacities are held as `i64` when every node's arcs sum within
//! it (half the memory traffic) and as `i128` otherwise; nothing else changes.
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

/// Integer type of the residual capacities: `i64` when every node's arcs sum within it (the
/// common case, half the memory traffic), `i128` otherwise. Every value the solver holds (a
/// residual, an excess, a bottleneck) is bounded by a node's incident total, so neither
/// overflows.
trait Capacity:
    Copy + Ord + std::ops::AddAssign + std::ops::SubAssign + std::ops::Neg<Output = Self>
{
    const ZERO: Self;
    /// `x` is known to fit.
    fn narrow(x: i128) -> Self;
    fn widen(self) -> i128;
}

impl Capacity for i64 {
    const ZERO: i64 = 0;
    fn narrow(x: i128) -> i64 {
        debug_assert!(i64::try_from(x).is_ok());
        x as i64
    }
    fn widen(self) -> i128 {
        i128::from(self)
    }
}

impl Capacity for i128 {
    const ZERO: i128 = 0;
    fn narrow(x: i128) -> i128 {
        x
    }
    fn widen(self) -> i128 {
        self
    }
}

/// The residual graph in CSR form, arcs stored in place per node: node `v`'s forward arcs
/// (original arcs out of `v`, cost +1, residual `a − r`) are at `start[v]..mid[v]`, its
/// backward arcs (original arcs into `v`, cost −1, residual `r`) at `mid[v]..start[v + 1]`.
/// `pair[p]` is the position of the opposite direction of the same original arc.
struct Residual<C> {
    start: Vec<u32>,
    mid: Vec<u32>,
    head: Vec<u32>,
    pair: Vec<u32>,
    residual: Vec<C>,
    /// Position of each original arc's forward direction.
    forward: Vec<u32>,
}

impl<C: Capacity> Residual<C> {
    fn new(nodes: usize, arcs: &[Arc]) -> Residual<C> {
        let mut out_degree = vec![0u32; nodes];
        let mut in_degree = vec![0u32; nodes];
        for a in arcs {
            out_degree[a.from as usize] += 1;
            in_degree[a.to as usize] += 1;
        }
        let mut start = vec![0u32; nodes + 1];
        let mut mid = vec![0u32; nodes];
        for v in 0..nodes {
            mid[v] = start[v] + out_degree[v];
            start[v + 1] = mid[v] + in_degree[v];
        }
        let total = 2 * arcs.len();
        let mut head = vec![0u32; total];
        let mut pair = vec![0u32; total];
        let mut residual = vec![C::ZERO; total];
        let mut forward = vec![0u32; arcs.len()];
        let mut next_out: Vec<u32> = start[..nodes].to_vec();
        let mut next_in = mid.clone();
        for (e, a) in arcs.iter().enumerate() {
            let f = next_out[a.from as usize];
            next_out[a.from as usize] += 1;
            let b = next_in[a.to as usize];
            next_in[a.to as usize] += 1;
            head[f as usize] = a.to;
            head[b as usize] = a.from;
            pair[f as usize] = b;
            pair[b as usize] = f;
            residual[f as usize] = C::narrow(a.capacity);
            forward[e] = f;
        }
        Residual {
            start,
            mid,
            head,
            pair,
            residual,
            forward,
        }
    }
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
    // Every residual, excess and bottleneck is bounded by some node's incident total (its
    // arcs both ways plus the size of its supply).
    let mut incident: Vec<i128> = supply.iter().map(|s| s.abs()).collect();
    let mut fits = true;
    for a in arcs {
        for v in [a.from as usize, a.to as usize] {
            match incident[v].checked_add(a.capacity) {
                Some(total) if total <= i128::from(i64::MAX) => incident[v] = total,
                _ => fits = false,
            }
        }
        if !fits {
            break;
        }
    }
    drop(incident);
    let solution = if fits {
        primal_dual::<i64>(nodes, arcs, &supply)?
    } else {
        primal_dual::<i128>(nodes, arcs, &supply)?
    };
    check_with_injection(nodes, arcs, injection, &solution)?;
    Ok(solution)
}

/// The primal-dual algorithm (see the crate docs) on capacities of type `C`.
fn primal_dual<C: Capacity>(
    nodes: usize,
    arcs: &[Arc],
    supply: &[i128],
) -> Result<Solution, FlowError> {
    let mut g: Residual<C> = Residual::new(nodes, arcs);
    let mut excess: Vec<C> = supply.iter().map(|&s| C::narrow(s)).collect();
    let mut potential = vec![0i64; nodes];
    let mut distance = vec![UNREACHED; nodes];
    let mut buckets: Vec<Vec<u32>> = vec![Vec::new()];
    let mut touched: Vec<u32> = Vec::new();
    let mut phase: Phase<C> = Phase::new(nodes);
    let mut level = vec![u32::MAX; nodes];
    let mut current = vec![0u32; nodes];
    // Every node enters once per round; one spare slot for the branch-free writes.
    let mut queue: Vec<u32> = vec![0; nodes + 1];
    let mut queued = 0usize;
    let mut path: Vec<u32> = Vec::new();
    let mut active: Vec<u32> = (0..nodes as u32)
        .filter(|&v| supply[v as usize] > 0)
        .collect();
    let mut phases = 0u32;
    loop {
        active.retain(|&v| excess[v as usize] > C::ZERO);
        if active.is_empty() {
            break;
        }
        phases += 1;
        // (a) Dial's Dijkstra on reduced costs from every node with excess, until the nearest
        // node with a deficit is settled (at distance `reach`): nodes settled before it are
        // final, and every other node is at least `reach` away.
        for &v in &touched {
            distance[v as usize] = UNREACHED;
        }
        touched.clear();
        for bucket in &mut buckets {
            bucket.clear();
        }
        for &v in &active {
            distance[v as usize] = 0;
            touched.push(v);
            buckets[0].push(v);
        }
        let mut reach: Option<i64> = None;
        let mut d: usize = 0;
        'search: while d < buckets.len() {
            while let Some(u) = buckets[d].pop() {
                if distance[u as usize] != d as i64 {
                    continue; // stale entry
                }
                if excess[u as usize] < C::ZERO {
                    reach = Some(d as i64);
                    break 'search;
                }
                let (start, mid, end) = (
                    g.start[u as usize] as usize,
                    g.mid[u as usize] as usize,
                    g.start[u as usize + 1] as usize,
                );
                let base = potential[u as usize];
                for p in start..end {
                    if g.residual[p] <= C::ZERO {
                        continue;
                    }
                    let v = g.head[p] as usize;
                    let cost = if p < mid { 1 } else { -1 };
                    let reduced = cost + base - potential[v];
                    debug_assert!(reduced >= 0, "negative reduced cost at position {p}");
                    let candidate = d as i64 + reduced;
                    if candidate < distance[v] {
                        if distance[v] == UNREACHED {
                            touched.push(v as u32);
                        }
                        distance[v] = candidate;
                        let slot = candidate as usize;
                        if slot >= buckets.len() {
                            buckets.resize_with(slot + 1, Vec::new);
                        }
                        buckets[slot].push(v as u32);
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
        for (p, &d) in potential.iter_mut().zip(&distance) {
            *p += d.min(reach);
        }
        // The phase graph: the arcs of reduced cost 0, in either direction, copied into compact
        // arrays. Potentials are fixed for the rest of the phase, so this set is too, and it is
        // closed under pairing (an arc's opposite direction also has reduced cost 0); an arc is
        // usable while its residual is positive. Residuals go back to `g` when the phase ends.
        phase.build(&g, &potential);
        // (c) Max flow on the phase graph: Dinic from all excess nodes to deficit nodes.
        loop {
            // BFS levels over arcs with residual capacity. The inner loop is branch-free (a
            // slot is always written, and kept only for a new node): which arcs lead somewhere
            // new is unpredictable, and mispredictions dominated the time.
            for &v in &queue[..queued] {
                level[v as usize] = u32::MAX;
            }
            queued = 0;
            for &v in &active {
                if excess[v as usize] > C::ZERO {
                    level[v as usize] = 0;
                    queue[queued] = v;
                    queued += 1;
                }
            }
            let mut head_at = 0;
            let mut sink_found = false;
            while head_at < queued {
                let u = queue[head_at] as usize;
                head_at += 1;
                if excess[u] < C::ZERO {
                    sink_found = true;
                    continue; // do not route through a sink
                }
                let next = level[u] + 1;
                for k in phase.start[u] as usize..phase.start[u + 1] as usize {
                    let v = phase.head[k] as usize;
                    let new = (level[v] == u32::MAX) & (phase.residual[k] > C::ZERO);
                    queue[queued] = v as u32;
                    queued += usize::from(new);
                    level[v] = if new { next } else { level[v] };
                }
            }
            if !sink_found {
                break;
            }
            for &v in &queue[..queued] {
                current[v as usize] = phase.start[v as usize];
            }
            let mut pushed_any = false;
            for &s in &active {
                pushed_any |= phase.augment(s, &mut excess, &level, &mut current, &mut path);
            }
            if !pushed_any {
                break;
            }
        }
        phase.write_back(&mut g);
    }
    let remaining: Vec<i128> = g
        .forward
        .iter()
        .map(|&f| g.residual[g.pair[f as usize] as usize].widen())
        .collect();
    Ok(Solution {
        remaining,
        potentials: potential,
        phases,
    })
}

/// The admissible arcs of one phase in CSR form: `position[k]` is the arc's place in the
/// residual graph, `pair[k]` the index of its opposite direction here.
struct Phase<C> {
    start: Vec<u32>,
    head: Vec<u32>,
    pair: Vec<u32>,
    residual: Vec<C>,
    position: Vec<u32>,
    /// Index here of each residual-graph position on the list (scratch for pairing).
    index_of: Vec<u32>,
}

impl<C: Capacity> Phase<C> {
    fn new(nodes: usize) -> Phase<C> {
        Phase {
            start: vec![0; nodes + 1],
            head: Vec::new(),
            pair: Vec::new(),
            residual: Vec::new(),
            position: Vec::new(),
            index_of: Vec::new(),
        }
    }

    fn build(&mut self, g: &Residual<C>, potential: &[i64]) {
        self.head.clear();
        self.residual.clear();
        self.position.clear();
        self.index_of.resize(g.head.len(), u32::MAX);
        // Room for every arc once: the lists never move while they grow (untouched pages
        // cost nothing).
        for list in [&mut self.head, &mut self.position] {
            list.reserve(g.head.len());
        }
        self.residual.reserve(g.head.len());
        let nodes = potential.len();
        for u in 0..nodes {
            self.start[u] = self.head.len() as u32;
            let (start, mid, end) = (
                g.start[u] as usize,
                g.mid[u] as usize,
                g.start[u + 1] as usize,
            );
            let base = potential[u];
            for p in start..end {
                let cost = if p < mid { 1 } else { -1 };
                if cost + base == potential[g.head[p] as usize] {
                    self.index_of[p] = self.head.len() as u32;
                    self.head.push(g.head[p]);
                    self.residual.push(g.residual[p]);
                    self.position.push(p as u32);
                }
            }
        }
        self.start[nodes] = self.head.len() as u32;
        self.pair.clear();
        for &p in &self.position {
            let k = self.index_of[g.pair[p as usize] as usize];
            debug_assert!(k != u32::MAX, "an admissible arc's pair is admissible");
            self.pair.push(k);
        }
    }

    fn write_back(&mut self, g: &mut Residual<C>) {
        for (&p, &r) in self.position.iter().zip(&self.residual) {
            g.residual[p as usize] = r;
            self.index_of[p as usize] = u32::MAX;
        }
    }

    /// Pushes flow from `source` along level-increasing arcs to nodes with deficit until its
    /// excess is gone or no such path is left (iterative DFS with current-arc pointers). After
    /// each push the search resumes below the first arc the push saturated, not from the
    /// source. Returns whether it pushed anything.
    fn augment(
        &mut self,
        source: u32,
        excess: &mut [C],
        level: &[u32],
        current: &mut [u32],
        path: &mut Vec<u32>,
    ) -> bool {
        path.clear();
        let source = source as usize;
        let mut u = source;
        let mut pushed = false;
        while excess[source] > C::ZERO {
            if excess[u] < C::ZERO && u != source {
                // Found a sink: push the bottleneck.
                let mut amount = excess[source].min(-excess[u]);
                for &k in path.iter() {
                    amount = amount.min(self.residual[k as usize]);
                }
                let mut cut = path.len();
                for (at, &k) in path.iter().enumerate() {
                    self.residual[k as usize] -= amount;
                    let back = self.pair[k as usize] as usize;
                    self.residual[back] += amount;
                    if cut == path.len() && self.residual[k as usize] == C::ZERO {
                        cut = at;
                    }
                }
                excess[source] -= amount;
                excess[u] += amount;
                pushed = true;
                if cut < path.len() {
                    // Resume at the tail of the first saturated arc.
                    u = self.head[self.pair[path[cut] as usize] as usize] as usize;
                    path.truncate(cut);
                }
                // Otherwise the sink is full (or the source empty): go on from the sink.
                continue;
            }
            let end = self.start[u + 1];
            let want = level[u].wrapping_add(1);
            let mut advanced = false;
            while current[u] < end {
                let k = current[u] as usize;
                let v = self.head[k] as usize;
                if level[v] == want && self.residual[k] > C::ZERO {
                    path.push(k as u32);
                    u = v;
                    advanced = true;
                    break;
                }
                current[u] += 1;
            }
            if advanced {
                continue;
            }
            // Dead end: retreat, and never try this node's exhausted arcs again in this round.
            match path.pop() {
                Some(k) => {
                    u = self.head[self.pair[k as usize] as usize] as usize;
                    current[u] += 1;
                }
                None => break,
            }
        }
        pushed
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
