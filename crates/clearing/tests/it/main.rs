//! Clearing end to end in the library: hand cases, the split rule, validation of every kind of
//! bad row, per-currency separation, netting, and a property test against the independent
//! reference solver on unmerged random multigraphs (so the reductions are checked too).

use clearing::{Builder, Obligations, Row, clear, net};
use proptest::prelude::*;

struct Ob<'a>(
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn build(rows: &[Ob]) -> Obligations {
    let mut builder = Builder::new();
    for (line, r) in rows.iter().enumerate() {
        builder.push(
            line as u64 + 2,
            &Row {
                id: r.0,
                debtor: r.1,
                creditor: r.2,
                amount: r.3,
                currency: r.4,
                due_date: r.5,
                debtor_bank: r.6,
                creditor_bank: r.7,
            },
        );
    }
    builder.finish().unwrap_or_else(|e| panic!("{e:?}"))
}

/// Obligations from the generator's CSV (its fields never contain commas or quotes).
fn generated(csv: &str) -> Obligations {
    let mut builder = Builder::new();
    for (i, line) in csv.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let row = Row {
            id: f[0],
            debtor: f[1],
            creditor: f[2],
            amount: f[3],
            currency: Some(f[4]),
            due_date: Some(f[5]),
            debtor_bank: Some(f[6]),
            creditor_bank: Some(f[7]),
        };
        builder.push(i as u64 + 2, &row);
    }
    builder.finish().unwrap()
}

fn simple(list: &[(&str, &str, i128)]) -> Obligations {
    let amounts: Vec<String> = list.iter().map(|l| l.2.to_string()).collect();
    let ids: Vec<String> = (0..list.len()).map(|i| format!("o{i}")).collect();
    let rows: Vec<Ob> = list
        .iter()
        .zip(&amounts)
        .zip(&ids)
        .map(|((l, a), id)| Ob(id, l.0, l.1, a, None, None, None, None))
        .collect();
    build(&rows)
}

#[test]
fn hand_cases() {
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str, i128)], i128);
    let cases: &[Case] = &[
        (
            "3-cycle",
            &[("A", "B", 10), ("B", "C", 10), ("C", "A", 10)],
            30,
        ),
        (
            "30, not 20 (bilateral pre-netting would give 20)",
            &[
                ("A", "B", 10),
                ("B", "A", 10),
                ("B", "C", 10),
                ("C", "A", 10),
            ],
            30,
        ),
        (
            "a DAG clears nothing",
            &[("A", "B", 10), ("B", "C", 10), ("A", "C", 5)],
            0,
        ),
        (
            "parallel invoices",
            &[("A", "B", 5), ("A", "B", 7), ("B", "A", 12)],
            24,
        ),
        (
            "Informal's panic case",
            &[("1", "2", 5), ("1", "2", 7), ("2", "1", 12)],
            24,
        ),
        (
            "10^15 amounts",
            &[
                ("A", "B", 1_000_000_000_000_000),
                ("B", "A", 1_000_000_000_000_000),
            ],
            2_000_000_000_000_000,
        ),
    ];
    for (name, list, expected) in cases {
        let o = simple(list);
        let outcome = clear(&o).unwrap();
        assert_eq!(outcome.stats.cleared_total, *expected, "{name}");
        assert!(outcome.stats.certificate_verified);
        assert_eq!(
            outcome.stats.total_debt - outcome.stats.cleared_total,
            outcome.stats.remaining_total
        );
        assert!(
            outcome.stats.remaining_total >= outcome.stats.net_internal_debt,
            "{name}"
        );
    }
}

#[test]
fn sums_beyond_i64() {
    // 20 invoices of 10^18 around a 3-cycle: the total is 6 * 10^19, far beyond i64.
    let mut list = Vec::new();
    for _ in 0..20 {
        list.extend([
            ("A", "B", 1_000_000_000_000_000_000),
            ("B", "C", 1_000_000_000_000_000_000),
            ("C", "A", 1_000_000_000_000_000_000),
        ]);
    }
    let outcome = clear(&simple(&list)).unwrap();
    assert_eq!(outcome.stats.cleared_total, 60 * 1_000_000_000_000_000_000);
    assert!(outcome.stats.cleared_total > i64::MAX as i128);
}

#[test]
fn the_split_rule_is_oldest_due_date_first_then_id() {
    let o = build(&[
        Ob(
            "b-late",
            "A",
            "B",
            "10",
            None,
            Some("2026-03-01"),
            None,
            None,
        ),
        Ob("c-undated", "A", "B", "10", None, None, None, None),
        Ob(
            "a-early",
            "A",
            "B",
            "10",
            None,
            Some("2026-01-15"),
            None,
            None,
        ),
        Ob(
            "a-late",
            "A",
            "B",
            "10",
            None,
            Some("2026-03-01"),
            None,
            None,
        ),
        Ob("back", "B", "A", "25", None, None, None, None),
    ]);
    let outcome = clear(&o).unwrap();
    let by_id: Vec<(&str, i128)> = o
        .ids
        .iter()
        .map(|s| s.as_ref())
        .zip(outcome.cleared.iter().copied())
        .collect();
    assert_eq!(
        by_id,
        vec![
            ("b-late", 5),
            ("c-undated", 0),
            ("a-early", 10),
            ("a-late", 10),
            ("back", 25)
        ]
    );
}

#[test]
fn every_bad_row_is_reported() {
    let rows = [
        Ob("1", "A", "B", "10", None, None, None, None),
        Ob("1", "A", "B", "10", None, None, None, None),
        Ob("2", "A", "A", "10", None, None, None, None),
        Ob("3", "A", "B", "0", None, None, None, None),
        Ob("4", "A", "B", "-3", None, None, None, None),
        Ob("5", "A", "B", "12.50", None, None, None, None),
        Ob("6", "A", "B", "1e5", None, None, None, None),
        Ob("7", "A", "B", "10", Some("XYZ"), None, None, None),
        Ob("8", "A", "B", "10", Some("XAU"), None, None, None),
        Ob("9", "A", "B", "10", None, Some("2026-02-30"), None, None),
        Ob(
            "10",
            "A",
            "B",
            "1000000000000000001",
            None,
            None,
            None,
            None,
        ),
        Ob("", "A", "B", "10", None, None, None, None),
        Ob("11", "", "B", "10", None, None, None, None),
    ];
    let mut builder = Builder::new();
    for (line, r) in rows.iter().enumerate() {
        builder.push(
            line as u64 + 2,
            &Row {
                id: r.0,
                debtor: r.1,
                creditor: r.2,
                amount: r.3,
                currency: r.4,
                due_date: r.5,
                debtor_bank: r.6,
                creditor_bank: r.7,
            },
        );
    }
    let errors = builder.finish().unwrap_err();
    let expected: &[(u64, &str, &str)] = &[
        (3, "id", "duplicate id \"1\" (first on line 2)"),
        (4, "creditor", "self-obligation"),
        (5, "amount", "not positive"),
        (6, "amount", "not positive"),
        (7, "amount", "not an integer (amounts are in minor units)"),
        (8, "amount", "not an integer"),
        (9, "currency", "unknown currency"),
        (10, "currency", "no minor units"),
        (11, "due_date", "not a date"),
        (12, "amount", "exceeds the limit"),
        (13, "id", "empty"),
        (14, "debtor", "empty"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, (line, field, reason)) in errors.iter().zip(expected) {
        assert_eq!((error.line, error.field), (*line, *field), "{error}");
        assert!(error.reason.contains(reason), "{error}");
    }
}

#[test]
fn currencies_are_cleared_separately() {
    let o = build(&[
        Ob("1", "A", "B", "10", Some("PKR"), None, None, None),
        Ob("2", "B", "A", "10", Some("IRR"), None, None, None),
        Ob("3", "B", "A", "4", Some("PKR"), None, None, None),
    ]);
    assert_eq!(clear(&o).unwrap().cleared, vec![4, 0, 4]);
}

#[test]
fn netting_positions_sum_to_zero_and_match_a_hand_computation() {
    // After set-off of the 3-cycle by 4, what remains: A->B 6 and B->C 2 in PKR.
    let o = build(&[
        Ob(
            "1",
            "A",
            "B",
            "10",
            Some("PKR"),
            None,
            Some("HABBPKKA"),
            Some("MUCBPKKA"),
        ),
        Ob(
            "2",
            "B",
            "C",
            "6",
            Some("PKR"),
            None,
            Some("MUCBPKKA"),
            Some("UNILPKKA"),
        ),
        Ob(
            "3",
            "C",
            "A",
            "4",
            Some("PKR"),
            None,
            Some("UNILPKKA"),
            Some("HABBPKKA"),
        ),
        Ob(
            "4",
            "D",
            "E",
            "100",
            Some("IRR"),
            None,
            Some("MELIIRTH"),
            Some("HABBPKKA"),
        ),
    ]);
    let outcome = clear(&o).unwrap();
    assert_eq!(outcome.cleared, vec![4, 4, 4, 0]);
    let netting = net(&o, &outcome.cleared);
    let positions: Vec<(String, Option<&str>, i128)> = netting
        .positions
        .iter()
        .map(|p| (p.bank.clone(), p.currency.map(|c| c.code()), p.amount))
        .collect();
    assert_eq!(
        positions,
        vec![
            ("HABBPKKA".into(), Some("IRR"), 100),
            ("MELIIRTH".into(), Some("IRR"), -100),
            ("HABBPKKA".into(), Some("PKR"), -6),
            ("MUCBPKKA".into(), Some("PKR"), 4),
            ("UNILPKKA".into(), Some("PKR"), 2),
        ]
    );
    let pkr = &netting.figures["PKR"];
    assert_eq!(
        (pkr.gross, pkr.set_off, pkr.remaining, pkr.liquidity_needed),
        (20, 12, 8, 6)
    );
    let irr = &netting.figures["IRR"];
    assert_eq!(
        (irr.cross_border_gross, irr.cross_border_remaining),
        (100, 100)
    );
}

#[test]
fn the_generator_is_deterministic_and_valid() {
    let a = clearing::generate::pk_ir_csv(2000, 7);
    assert_eq!(a, clearing::generate::pk_ir_csv(2000, 7));
    assert_ne!(a, clearing::generate::pk_ir_csv(2000, 8));
    let o = generated(&a);
    let outcome = clear(&o).unwrap();
    assert!(
        outcome.stats.cleared_total > 0,
        "a realistic network has cycles"
    );
}

proptest! {
    #[test]
    fn optimal_total_matches_the_reference_solver(list in prop::collection::vec((0u8..7, 0u8..7, 1i128..60), 0..30)) {
        let list: Vec<(String, String, i128)> = list.into_iter().filter(|(a, b, _)| a != b).map(|(a, b, x)| (format!("F{a}"), format!("F{b}"), x)).collect();
        let borrowed: Vec<(&str, &str, i128)> = list.iter().map(|(a, b, x)| (a.as_str(), b.as_str(), *x)).collect();
        let o = simple(&borrowed);
        let outcome = clear(&o).unwrap();
        // Independent: the reference solver on the raw, unmerged, unreduced arcs.
        let arcs: Vec<flow::Arc> = (0..o.len()).map(|i| flow::Arc { from: o.debtor[i], to: o.creditor[i], capacity: o.amount[i] }).collect();
        let (remaining, _) = flow::reference::solve(o.firms.len(), &arcs).unwrap();
        prop_assert_eq!(outcome.stats.cleared_total, outcome.stats.total_debt - remaining);
        // Feasibility, checked here again from scratch.
        let mut net = vec![0i128; o.firms.len()];
        for i in 0..o.len() {
            prop_assert!(outcome.cleared[i] >= 0 && outcome.cleared[i] <= o.amount[i]);
            net[o.debtor[i] as usize] += outcome.cleared[i];
            net[o.creditor[i] as usize] -= outcome.cleared[i];
        }
        prop_assert!(net.iter().all(|x| *x == 0));
    }
}

mod gateway {
    use super::{Ob, build};
    use clearing::{Corridor, clear_corridor};
    use money::{IRR, PKR, Rate};

    fn corridor(rate: &str) -> Corridor {
        Corridor {
            rate: Rate::parse(PKR, IRR, rate).unwrap(),
            home: vec![("PK".into(), PKR), ("IR".into(), IRR)],
        }
    }

    /// A cross-border cycle: PK importer A owes IR exporter X (PKR invoice), X owes Y in Iran,
    /// Y imports from PK exporter B (IRR invoice), B owes A in Pakistan.
    fn cycle() -> clearing::Obligations {
        build(&[
            Ob(
                "imp-A",
                "A",
                "X",
                "100000",
                Some("PKR"),
                None,
                Some("HABBPKKA"),
                Some("MELIIRTH"),
            ),
            Ob(
                "dom-X",
                "X",
                "Y",
                "500000000",
                Some("IRR"),
                None,
                Some("MELIIRTH"),
                Some("BTEJIRTH"),
            ),
            Ob(
                "imp-Y",
                "Y",
                "B",
                "416385000",
                Some("IRR"),
                None,
                Some("BTEJIRTH"),
                Some("MUCBPKKA"),
            ),
            Ob(
                "dom-B",
                "B",
                "A",
                "70000",
                Some("PKR"),
                None,
                Some("MUCBPKKA"),
                Some("HABBPKKA"),
            ),
        ])
    }

    #[test]
    fn a_cross_border_cycle_clears_through_the_gateways() {
        let o = cycle();
        let out = clear_corridor(&o, &corridor("4163.85")).unwrap();
        // 1000.00 PKR = 4,163,850.00 IRR (416385000 minor): the invoice converts exactly.
        assert_eq!(out.creditor_amount[0], 416_385_000);
        assert_eq!(out.debtor_amount[2], 416_385_000);
        assert_eq!(out.creditor_amount[2], 100_000);
        // What can go round: B owes A only 70000 PKR, so 70000 PKR (worth 291469500 IRR) clears
        // on the PKR side, and the same value on the IRR side.
        assert_eq!(
            out.debtor_cleared,
            vec![70_000, 291_469_500, 291_469_500, 70_000]
        );
        assert_eq!(
            out.creditor_cleared,
            vec![291_469_500, 291_469_500, 70_000, 70_000]
        );
        assert_eq!((out.border_base, out.border_quote), (70_000, 291_469_500));
        assert_eq!(out.residue_base.0, 0);
        assert!(out.certificate_verified);
    }

    #[test]
    fn rounding_to_whole_lots_is_explicit() {
        // At 4163.87 a paisa is 41.6387 dinars: amounts no longer convert exactly.
        let o = cycle();
        let rate = corridor("4163.87");
        let out = clear_corridor(&o, &rate).unwrap();
        let (num, den) = rate.rate.minor_ratio(PKR).unwrap();
        assert_eq!(
            out.border_base * num,
            out.border_quote * den,
            "equal value at the fix"
        );
        assert!(
            out.border_base <= 70_000 && out.border_base > 70_000 - den,
            "loses less than one lot"
        );
        assert!(
            out.residue_quote.0 != 0 || out.residue_base.0 != 0,
            "conversion remainders are reported"
        );
    }

    #[test]
    fn refusals_name_the_obligation() {
        let corridor = corridor("4163.85");
        let missing_bank = build(&[Ob(
            "1",
            "A",
            "X",
            "10",
            Some("PKR"),
            None,
            None,
            Some("MELIIRTH"),
        )]);
        assert!(
            clear_corridor(&missing_bank, &corridor)
                .unwrap_err()
                .to_string()
                .contains("obligation 1: gateway clearing needs the debtor_bank")
        );
        let outside = build(&[Ob(
            "2",
            "A",
            "X",
            "10",
            Some("PKR"),
            None,
            Some("HABBPKKA"),
            Some("DEUTDEFF"),
        )]);
        assert!(
            clear_corridor(&outside, &corridor)
                .unwrap_err()
                .to_string()
                .contains("outside the corridor")
        );
        let two_homes = build(&[
            Ob(
                "3",
                "A",
                "X",
                "10",
                Some("PKR"),
                None,
                Some("HABBPKKA"),
                Some("MELIIRTH"),
            ),
            Ob(
                "4",
                "A",
                "Y",
                "10",
                Some("IRR"),
                None,
                Some("MELIIRTH"),
                Some("BTEJIRTH"),
            ),
        ]);
        assert!(
            clear_corridor(&two_homes, &corridor)
                .unwrap_err()
                .to_string()
                .contains("banks in both")
        );
        let usd = build(&[Ob(
            "5",
            "A",
            "X",
            "10",
            Some("USD"),
            None,
            Some("HABBPKKA"),
            Some("MELIIRTH"),
        )]);
        assert!(
            clear_corridor(&usd, &corridor)
                .unwrap_err()
                .to_string()
                .contains("not PKR or IRR")
        );
    }

    #[test]
    fn the_generated_pk_ir_network_clears_through_gateways() {
        let csv = clearing::generate::pk_ir_csv(3000, 3);
        let o = super::generated(&csv);
        let out = clear_corridor(&o, &corridor("4163.85")).unwrap();
        assert!(
            out.border_base > 0,
            "cross-border cycles exist in the generated network"
        );
        let domestic_only = clearing::clear(&o).unwrap().stats.cleared_total;
        assert!(domestic_only > 0);
    }
}

mod gateway_properties {
    use clearing::{Builder, Corridor, Row, clear_corridor};
    use money::{IRR, PKR, Rate};
    use proptest::prelude::*;

    const BANKS: [&str; 4] = ["HABBPKKA", "MUCBPKKA", "MELIIRTH", "BTEJIRTH"];

    proptest! {
        /// Random corridor networks: the run never fails its own checks (bounds, every firm's
        /// circulation in its home currency, equal value through both gateways), and the
        /// border flow is a whole number of lots in both currencies.
        #[test]
        fn gateway_clearing_always_checks_out(
            rows in prop::collection::vec((0u8..8, 0u8..8, 1u64..2_000_000, any::<bool>()), 1..40),
            rate in prop::sample::select(vec!["4163.85", "4163.87", "0.5", "1166000"]),
        ) {
            let mut builder = Builder::new();
            let ids: Vec<String> = (0..rows.len()).map(|i| format!("o{i}")).collect();
            let amounts: Vec<String> = rows.iter().map(|r| r.2.to_string()).collect();
            for (i, (d, c, _, in_debtor_currency)) in rows.iter().enumerate() {
                if d == c { continue; }
                // Firms 0-3 bank in Pakistan, 4-7 in Iran.
                let (db, cb) = (BANKS[(*d as usize / 4) * 2 + (*d as usize % 2)], BANKS[(*c as usize / 4) * 2 + (*c as usize % 2)]);
                let home = |f: u8| if f < 4 { "PKR" } else { "IRR" };
                let currency = if *in_debtor_currency { home(*d) } else { home(*c) };
                let (debtor, creditor) = (format!("F{d}"), format!("F{c}"));
                builder.push(i as u64 + 2, &Row { id: &ids[i], debtor: &debtor, creditor: &creditor, amount: &amounts[i], currency: Some(currency), due_date: None, debtor_bank: Some(db), creditor_bank: Some(cb) });
            }
            let Ok(o) = builder.finish() else { return Ok(()) };
            let corridor = Corridor { rate: Rate::parse(PKR, IRR, rate).unwrap(), home: vec![("PK".into(), PKR), ("IR".into(), IRR)] };
            let out = clear_corridor(&o, &corridor).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (num, den) = corridor.rate.minor_ratio(PKR).unwrap();
            prop_assert_eq!(out.border_base * num, out.border_quote * den);
            prop_assert!(out.joint_border_value - out.lots * num * den < num * den);
        }
    }
}
