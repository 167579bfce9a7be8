//! A second, deliberately simple solver, independent of [`crate::solve`], used to cross-check
//! it in tests: successive shortest paths, one Bellman-Ford search per augmentation, on an
//! explicit residual arc list. Slow (fine for small graphs), obviously correct.

use crate::{Arc, FlowError, supplies};

/// Minimum total remaining flow `Σ r` for the remaining-flow problem, and the `r` per arc.
pub fn solve(nodes: usize, arcs: &[Arc]) -> Result<(i128, Vec<i128>), FlowError> {
    let supply = supplies(nodes, arcs)?;
    let mut excess = supply;
    let mut remaining = vec![0i128; arcs.len()];
    loop {
        // Bellman-Ford from every node with excess over the residual graph.
        let mut distance: Vec<Option<i64>> =
            (0..nodes).map(|v| (excess[v] > 0).then_some(0)).collect();
        let mut via: Vec<Option<(usize, bool)>> = vec![None; nodes];
        if distance.iter().all(Option::is_none) {
            break;
        }
        for _ in 0..nodes {
            let mut changed = false;
            for (e, a) in arcs.iter().enumerate() {
                let (u, v) = (a.from as usize, a.to as usize);
                // forward: cost +1 while r < a; backward: cost -1 while r > 0
                if remaining[e] < a.capacity
                    && let Some(du) = distance[u]
                    && distance[v].is_none_or(|dv| du + 1 < dv)
                {
                    distance[v] = Some(du + 1);
                    via[v] = Some((e, true));
                    changed = true;
                }
                if remaining[e] > 0
                    && let Some(dv) = distance[v]
                    && distance[u].is_none_or(|du| dv - 1 < du)
                {
                    distance[u] = Some(dv - 1);
                    via[u] = Some((e, false));
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let sink = (0..nodes)
            .filter(|&v| excess[v] < 0 && distance[v].is_some())
            .min_by_key(|&v| (distance[v], v))
            .ok_or_else(|| FlowError::Violated("no path from excess to deficit".into()))?;
        // Walk back to the path's origin (a source nobody improved on), collecting the path.
        let mut path = Vec::new();
        let mut v = sink;
        while let Some((e, forward)) = via[v] {
            path.push((e, forward));
            v = if forward {
                arcs[e].from as usize
            } else {
                arcs[e].to as usize
            };
            if path.len() > nodes {
                return Err(FlowError::Violated("path longer than the graph".into()));
            }
        }
        let source = v;
        if excess[source] <= 0 {
            return Err(FlowError::Violated(
                "path does not start at a node with excess".into(),
            ));
        }
        let mut amount = excess[source].min(-excess[sink]);
        for &(e, forward) in &path {
            amount = amount.min(if forward {
                arcs[e].capacity - remaining[e]
            } else {
                remaining[e]
            });
        }
        for &(e, forward) in &path {
            remaining[e] += if forward { amount } else { -amount };
        }
        excess[source] -= amount;
        excess[sink] += amount;
    }
    Ok((remaining.iter().sum(), remaining))
}
