//! The unit-cost primal-dual solver against hand cases, the independent reference solver, and
//! brute force; every solution's certificate is checked, and tampered solutions are refused.

use flow::{Arc, Solution, check, reference, solve};
use proptest::prelude::*;

fn arcs(list: &[(u32, u32, i128)]) -> Vec<Arc> {
    list.iter()
        .map(|&(from, to, capacity)| Arc { from, to, capacity })
        .collect()
}

fn cleared(arcs: &[Arc], solution: &Solution) -> i128 {
    arcs.iter().map(|a| a.capacity).sum::<i128>() - solution.remaining.iter().sum::<i128>()
}

fn nodes(arcs: &[Arc]) -> usize {
    arcs.iter()
        .map(|a| a.from.max(a.to) as usize + 1)
        .max()
        .unwrap_or(0)
}

#[test]
fn hand_cases() {
    type Case<'a> = (&'a str, &'a [(u32, u32, i128)], i128);
    let cases: &[Case] = &[
        (
            "a 3-cycle clears completely",
            &[(0, 1, 10), (1, 2, 10), (2, 0, 10)],
            30,
        ),
        (
            "A->B 10, B->A 10, B->C 10, C->A 10 clears 30, not 20",
            &[(0, 1, 10), (1, 0, 10), (1, 2, 10), (2, 0, 10)],
            30,
        ),
        (
            "a DAG clears nothing",
            &[(0, 1, 5), (1, 2, 5), (0, 2, 3)],
            0,
        ),
        (
            "parallel invoices on one pair",
            &[(0, 1, 5), (0, 1, 7), (1, 0, 12)],
            24,
        ),
        (
            "a longer cycle beats a shorter one",
            &[(0, 1, 4), (1, 0, 4), (1, 2, 4), (2, 3, 4), (3, 0, 4)],
            16,
        ),
        ("nothing at all", &[], 0),
        (
            "amounts near 10^15 and sums beyond i64",
            &[
                (0, 1, 1_000_000_000_000_000),
                (1, 2, 1_000_000_000_000_000),
                (2, 0, 1_000_000_000_000_000),
                (0, 1, i64::MAX as i128),
                (1, 0, i64::MAX as i128),
            ],
            3_000_000_000_000_000 + 2 * i64::MAX as i128,
        ),
    ];
    for (name, list, expected) in cases {
        let arcs = arcs(list);
        let n = nodes(&arcs);
        let solution = solve(n, &arcs).unwrap_or_else(|e| panic!("{name}: {e}"));
        check(n, &arcs, &solution).unwrap();
        assert_eq!(cleared(&arcs, &solution), *expected, "{name}");
        let (remaining, _) = reference::solve(n, &arcs).unwrap();
        assert_eq!(
            arcs.iter().map(|a| a.capacity).sum::<i128>() - remaining,
            *expected,
            "{name}: reference"
        );
    }
}

#[test]
fn hundreds_of_parallel_invoices() {
    let mut list = Vec::new();
    for i in 0..300 {
        list.push((0, 1, 1_000 + i));
        list.push((1, 2, 900 + i));
        list.push((2, 0, 800 + i));
    }
    let arcs = arcs(&list);
    let solution = solve(3, &arcs).unwrap();
    let per_side: [i128; 3] =
        [0, 1, 2].map(|k| list.iter().filter(|l| l.0 == k).map(|l| l.2).sum());
    assert_eq!(
        cleared(&arcs, &solution),
        3 * per_side.iter().min().unwrap()
    );
}

#[test]
fn the_checker_refuses_wrong_solutions() {
    let arcs = arcs(&[(0, 1, 10), (1, 0, 10), (1, 2, 10), (2, 0, 10)]);
    let good = solve(3, &arcs).unwrap();
    check(3, &arcs, &good).unwrap();
    // The suboptimal bilateral answer (clear A<->B only) is feasible, but no potentials prove it.
    let bilateral = Solution {
        remaining: vec![0, 0, 10, 10],
        ..good.clone()
    };
    assert!(check(3, &arcs, &bilateral).is_err());
    let mut flat = good.clone();
    flat.potentials = vec![0, 0, 0];
    let unbalanced = Solution {
        remaining: vec![0, 1, 10, 10],
        ..flat
    };
    let error = check(3, &arcs, &unbalanced).unwrap_err().to_string();
    assert!(error.contains("node 0"), "{error}");
    let mut over = good.clone();
    over.remaining[2] = 11;
    assert!(
        check(3, &arcs, &over)
            .unwrap_err()
            .to_string()
            .contains("outside")
    );
    let mut wrong_potentials = good;
    wrong_potentials.potentials = vec![0, 5, -5];
    assert!(
        check(3, &arcs, &wrong_potentials)
            .unwrap_err()
            .to_string()
            .contains("reduced cost")
    );
    assert!(
        solve(
            2,
            &[Arc {
                from: 0,
                to: 5,
                capacity: 1
            }]
        )
        .is_err()
    );
    assert!(
        solve(
            2,
            &[Arc {
                from: 0,
                to: 1,
                capacity: -1
            }]
        )
        .is_err()
    );
    assert!(
        solve(
            2,
            &[Arc {
                from: 1,
                to: 1,
                capacity: 1
            }]
        )
        .is_err()
    );
}

/// The best set-off by trying every cleared amount on every arc (tiny graphs only).
fn brute_force(n: usize, arcs: &[Arc]) -> i128 {
    let mut best = 0;
    let mut cleared = vec![0i128; arcs.len()];
    loop {
        let mut net = vec![0i128; n];
        for (a, c) in arcs.iter().zip(&cleared) {
            net[a.from as usize] += c;
            net[a.to as usize] -= c;
        }
        if net.iter().all(|x| *x == 0) {
            best = best.max(cleared.iter().sum());
        }
        let mut i = 0;
        loop {
            if i == arcs.len() {
                return best;
            }
            if cleared[i] < arcs[i].capacity {
                cleared[i] += 1;
                break;
            }
            cleared[i] = 0;
            i += 1;
        }
    }
}

fn graph(
    max_nodes: u32,
    max_arcs: usize,
    max_capacity: i128,
) -> impl Strategy<Value = (usize, Vec<Arc>)> {
    (2..=max_nodes)
        .prop_flat_map(move |n| {
            // No loops, by construction (a filter runs out of tries at high case counts).
            let arc = (0..n, 1..n, 1..=max_capacity)
                .prop_map(move |(from, step, capacity)| (from, (from + step) % n, capacity));
            (Just(n as usize), prop::collection::vec(arc, 0..=max_arcs))
        })
        .prop_map(|(n, list)| {
            (
                n,
                list.into_iter()
                    .map(|(from, to, capacity)| Arc { from, to, capacity })
                    .collect(),
            )
        })
}

proptest! {
    #[test]
    fn matches_the_reference_solver((n, arcs) in graph(9, 24, 40)) {
        let solution = solve(n, &arcs).unwrap();
        prop_assert!(check(n, &arcs, &solution).is_ok());
        let (remaining, reference_remaining) = reference::solve(n, &arcs).unwrap();
        prop_assert_eq!(solution.remaining.iter().sum::<i128>(), remaining);
        let reference_solution = Solution { remaining: reference_remaining, ..solution.clone() };
        // The reference's own flow is feasible (its optimality is shown by the equal total).
        let feasible = check(n, &arcs, &reference_solution).map_err(|e| e.to_string());
        prop_assert!(feasible.is_ok() || feasible.as_ref().unwrap_err().contains("reduced cost"), "{:?}", feasible);
    }

    /// The same graphs with every capacity times 2^61, so that sums leave i64 and the solver
    /// takes its i128 path: the optimum scales exactly (the LP is homogeneous).
    #[test]
    fn beyond_i64_the_optimum_scales((n, arcs) in graph(9, 24, 40)) {
        const SCALE: i128 = 1 << 61;
        let small = solve(n, &arcs).unwrap();
        let big_arcs: Vec<Arc> = arcs.iter().map(|a| Arc { capacity: a.capacity * SCALE, ..*a }).collect();
        let big = solve(n, &big_arcs).unwrap();
        prop_assert!(check(n, &big_arcs, &big).is_ok());
        prop_assert_eq!(cleared(&big_arcs, &big), cleared(&arcs, &small) * SCALE);
    }

    #[test]
    fn matches_brute_force((n, arcs) in graph(4, 5, 3)) {
        let solution = solve(n, &arcs).unwrap();
        prop_assert_eq!(arcs.iter().map(|a| a.capacity).sum::<i128>() - solution.remaining.iter().sum::<i128>(), brute_force(n, &arcs));
    }
}

#[test]
fn injections_fix_what_passes_through_a_node() {
    // Node 0 receives from importers, node 1 pays exporters; exactly 70000 must pass.
    let arcs = arcs(&[(2, 0, 100_000), (1, 3, 100_000), (3, 2, 70_000)]);
    let injection = [(0, -70_000), (1, 70_000)];
    let solution = flow::solve_with_injection(4, &arcs, &injection).unwrap();
    flow::check_with_injection(4, &arcs, &injection, &solution).unwrap();
    assert_eq!(solution.remaining, vec![30_000, 30_000, 0]);
    assert!(
        flow::solve_with_injection(4, &arcs, &[(0, -1), (1, 2)]).is_err(),
        "injections must sum to zero"
    );
    assert!(
        flow::solve_with_injection(4, &arcs, &[(0, -200_000), (1, 200_000)]).is_err(),
        "more than can pass"
    );
}
