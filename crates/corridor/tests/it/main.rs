//! The corridor domain: the whole lifecycle table, rate fixes, the HS policy on the real HS 2022
//! list, hand-computed clearing cycles, the barter window, and the workflow (bad inputs and
//! property tests).

use corridor::hs::{HsCatalog, HsPolicy, Rule, Verdict};
use corridor::lifecycle::{Action, Actor, Obligation, Resumable, State};
use corridor::rates::{RateFix, RateFixes};
use money::{IRR, PKR, Rate};

const ACTORS: [Actor; 3] = [Actor::DebtorBank, Actor::CreditorBank, Actor::Operator];

fn states() -> Vec<(State, i128)> {
    vec![
        (State::Submitted, 0),
        (State::Accepted, 0),
        (State::Rejected, 0),
        (
            State::Disputed {
                by: Actor::DebtorBank,
                from: Resumable::Accepted,
            },
            0,
        ),
        (
            State::CancelRequested {
                by: Actor::CreditorBank,
                from: Resumable::Submitted,
            },
            0,
        ),
        (State::Cancelled, 0),
        (State::PartlyCleared, 30),
        (State::Cleared, 100),
        (State::Settled, 0),
    ]
}

const ACTIONS: [Action; 11] = [
    Action::Accept,
    Action::Reject,
    Action::Dispute,
    Action::Resolve,
    Action::Uphold,
    Action::RequestCancel,
    Action::ConfirmCancel,
    Action::WithdrawCancel,
    Action::Clear(10),
    Action::Clear(1000),
    Action::Settle,
];

/// Every allowed step; everything else must be refused with a reason.
fn allowed(state: State, actor: Actor, action: Action) -> Option<State> {
    use Actor::*;
    let bank = matches!(actor, DebtorBank | CreditorBank);
    match (state, actor, action) {
        (State::Submitted, DebtorBank, Action::Accept) => Some(State::Accepted),
        (State::Submitted, DebtorBank, Action::Reject) => Some(State::Rejected),
        (State::Submitted, _, Action::RequestCancel) if bank => Some(State::CancelRequested {
            by: actor,
            from: Resumable::Submitted,
        }),
        (State::Accepted, _, Action::Dispute) if bank => Some(State::Disputed {
            by: actor,
            from: Resumable::Accepted,
        }),
        (State::Accepted, _, Action::RequestCancel) if bank => Some(State::CancelRequested {
            by: actor,
            from: Resumable::Accepted,
        }),
        (State::Accepted, Operator, Action::Clear(10)) => Some(State::PartlyCleared),
        (State::Accepted, Operator, Action::Settle) => Some(State::Settled),
        (
            State::Disputed {
                by: DebtorBank,
                from,
            },
            DebtorBank,
            Action::Resolve,
        ) => Some(match from {
            Resumable::Accepted => State::Accepted,
            Resumable::Submitted => State::Submitted,
            Resumable::PartlyCleared => State::PartlyCleared,
        }),
        // The other bank concedes the dispute: cancelled.
        (State::Disputed { by: DebtorBank, .. }, CreditorBank, Action::Uphold) => {
            Some(State::Cancelled)
        }
        (
            State::CancelRequested {
                by: CreditorBank, ..
            },
            DebtorBank,
            Action::ConfirmCancel,
        ) => Some(State::Cancelled),
        (
            State::CancelRequested {
                by: CreditorBank, ..
            },
            CreditorBank,
            Action::WithdrawCancel,
        ) => Some(State::Submitted),
        (State::PartlyCleared, _, Action::Dispute) if bank => Some(State::Disputed {
            by: actor,
            from: Resumable::PartlyCleared,
        }),
        (State::PartlyCleared, _, Action::RequestCancel) if bank => Some(State::CancelRequested {
            by: actor,
            from: Resumable::PartlyCleared,
        }),
        (State::PartlyCleared, Operator, Action::Clear(10)) => Some(State::PartlyCleared),
        (State::PartlyCleared, Operator, Action::Settle) => Some(State::Settled),
        _ => None,
    }
}

#[test]
fn the_whole_lifecycle_table() {
    let mut allowed_count = 0;
    for (state, cleared) in states() {
        for actor in ACTORS {
            for action in ACTIONS {
                let mut o = Obligation {
                    amount: 100,
                    cleared,
                    due: 20_000,
                    state,
                };
                let before = o.clone();
                let result = o.apply(actor, action);
                match allowed(state, actor, action) {
                    Some(next) => {
                        assert_eq!(result, Ok(()), "{state:?} {actor:?} {action:?}");
                        assert_eq!(o.state, next, "{state:?} {actor:?} {action:?}");
                        allowed_count += 1;
                    }
                    None => {
                        let refusal = result
                            .expect_err(&format!("{state:?} {actor:?} {action:?} must be refused"));
                        assert!(!refusal.reason.is_empty());
                        assert_eq!(o, before, "a refused step changes nothing");
                    }
                }
            }
        }
    }
    assert_eq!(allowed_count, 20);
}

#[test]
fn clearing_the_rest_clears_and_reasons_are_specific() {
    let mut o = Obligation::new(100, 20_000);
    assert!(
        o.apply(Actor::CreditorBank, Action::Accept)
            .unwrap_err()
            .reason
            .contains("only the debtor's bank")
    );
    o.apply(Actor::DebtorBank, Action::Accept).unwrap();
    assert!(o.is_eligible());
    o.apply(Actor::Operator, Action::Clear(40)).unwrap();
    assert_eq!((o.state, o.cleared), (State::PartlyCleared, 40));
    let refusal = o.apply(Actor::Operator, Action::Clear(61)).unwrap_err();
    assert_eq!(
        (refusal.field, refusal.reason.as_str()),
        ("amount", "cleared 61 must be in 1..=60")
    );
    o.apply(Actor::CreditorBank, Action::Dispute).unwrap();
    assert!(!o.is_eligible(), "a disputed obligation leaves clearing");
    assert!(
        o.apply(Actor::DebtorBank, Action::Resolve)
            .unwrap_err()
            .reason
            .contains("raised the dispute")
    );
    o.apply(Actor::CreditorBank, Action::Resolve).unwrap();
    o.apply(Actor::Operator, Action::Clear(60)).unwrap();
    assert_eq!(o.state, State::Cleared);
    assert!(
        o.apply(Actor::Operator, Action::Settle)
            .unwrap_err()
            .reason
            .contains("no further step")
    );
    let mut c = Obligation::new(5, 20_000);
    c.apply(Actor::DebtorBank, Action::RequestCancel).unwrap();
    assert!(
        c.apply(Actor::DebtorBank, Action::ConfirmCancel)
            .unwrap_err()
            .reason
            .contains("both banks")
    );
    c.apply(Actor::CreditorBank, Action::ConfirmCancel).unwrap();
    assert_eq!(c.state, State::Cancelled);
    assert!(Obligation::new(1, 100).is_overdue(101));
    assert!(!Obligation::new(1, 100).is_overdue(100));
    assert!(
        !c.is_overdue(30_000),
        "a cancelled obligation is never overdue"
    );
}

fn fix(value_date: u32, rate: &str) -> RateFix {
    RateFix {
        corridor: "PK-IR".into(),
        value_date,
        rate: Rate::parse(PKR, IRR, rate).unwrap(),
        source: "SBP/CBI joint fix".into(),
        valid_from: value_date,
        valid_to: value_date + 1,
    }
}

#[test]
fn rate_fixes() {
    let mut fixes = RateFixes::default();
    let today = 20_000;
    assert!(
        fixes
            .for_cycle("PK-IR", today)
            .unwrap_err()
            .reason
            .contains("ever been published")
    );
    let past = fixes.publish(fix(today - 1, "4163.85"), today).unwrap_err();
    assert_eq!(
        (past.field, past.reason.contains("past")),
        ("value_date", true)
    );
    fixes.publish(fix(today, "4163.85"), today).unwrap();
    fixes.publish(fix(today, "4163.850"), today).unwrap();
    let other = fixes.publish(fix(today, "4170"), today).unwrap_err();
    assert!(other.reason.contains("different fix (4163.85)"), "{other}");
    assert_eq!(
        fixes
            .for_cycle("PK-IR", today)
            .unwrap()
            .rate
            .to_decimal_string(),
        "4163.85"
    );
    assert!(
        fixes
            .for_cycle("PK-IR", today + 1)
            .unwrap_err()
            .reason
            .contains("own value date")
    );
    assert!(
        fixes
            .for_cycle("PK-IR", today + 5)
            .unwrap_err()
            .reason
            .contains("expired")
    );
    let mut unsourced = fix(today + 2, "4163.85");
    unsourced.source = " ".into();
    assert_eq!(fixes.publish(unsourced, today).unwrap_err().field, "source");
    let mut inverted = fix(today + 3, "4163.85");
    inverted.valid_to = today;
    assert_eq!(
        fixes.publish(inverted, today).unwrap_err().field,
        "valid_to"
    );
}

fn catalog() -> HsCatalog {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/hs/harmonized-system-2022.csv"
    );
    HsCatalog::from_csv(&std::fs::read_to_string(path).expect("HS 2022 fixture")).unwrap()
}

#[test]
fn hs_policy_on_the_real_list() {
    let catalog = catalog();
    assert!(catalog.len() > 6000, "{}", catalog.len());
    assert_eq!(catalog.description("1006"), Some("Rice"));
    let policy = HsPolicy {
        rules: vec![
            Rule {
                prefix: "93".into(),
                verdict: Verdict::Deny,
            },
            Rule {
                prefix: "2710".into(),
                verdict: Verdict::Deny,
            },
            Rule {
                prefix: "271012".into(),
                verdict: Verdict::Allow,
            },
        ],
        default: Verdict::Allow,
    };
    // Rice, kinnow, LPG, polyethylene, bitumen: allowed by default.
    for code in ["100630", "080521", "271112", "390110", "271320"] {
        assert!(
            policy
                .check(&catalog, code)
                .unwrap()
                .contains("default allow"),
            "{code}"
        );
    }
    let arms = policy.check(&catalog, "930190").unwrap_err();
    assert!(
        arms.reason
            .contains("refused by rule: deny 93 (Arms and ammunition"),
        "{arms}"
    );
    assert!(
        policy
            .check(&catalog, "271019")
            .unwrap_err()
            .reason
            .contains("deny 2710")
    );
    assert!(
        policy
            .check(&catalog, "271012")
            .unwrap()
            .contains("allow 271012"),
        "the longest prefix decides"
    );
    assert!(
        policy
            .check(&catalog, "100699")
            .unwrap_err()
            .reason
            .contains("not in HS 2022")
    );
    assert!(
        policy
            .check(&catalog, "10063")
            .unwrap_err()
            .reason
            .contains("6-digit")
    );
    assert!(
        policy
            .check(&catalog, "999999")
            .unwrap_err()
            .reason
            .contains("not in HS 2022"),
        "Comtrade's 'not specified' total is not a good"
    );
    let strict = HsPolicy {
        rules: vec![Rule {
            prefix: "1006".into(),
            verdict: Verdict::Allow,
        }],
        default: Verdict::Deny,
    };
    assert!(
        strict
            .check(&catalog, "080521")
            .unwrap_err()
            .reason
            .contains("default deny")
    );
    assert!(HsCatalog::from_csv("section,hscode\nI,ab,x,y,2\n").is_err());
}

mod bad_inputs;
mod barter;
mod workflow;

mod cycle {
    use clearing::{Builder, Corridor, Row};
    use corridor::cycle::{Bank, CurrencyAccounts, CycleInput, plan};
    use ledger::{Account, AccountFlags, CreateTransferResult, Ledger};
    use money::{Currency, IRR, PKR, Rate};

    fn obligations() -> clearing::Obligations {
        let rows = [
            ("imp-A", "A", "X", "100000", "PKR", "HABBPKKA", "MELIIRTH"),
            (
                "dom-X",
                "X",
                "Y",
                "500000000",
                "IRR",
                "MELIIRTH",
                "BTEJIRTH",
            ),
            (
                "imp-Y",
                "Y",
                "B",
                "416385000",
                "IRR",
                "BTEJIRTH",
                "MUCBPKKA",
            ),
            ("dom-B", "B", "A", "70000", "PKR", "MUCBPKKA", "HABBPKKA"),
        ];
        let mut builder = Builder::new();
        for (line, r) in rows.iter().enumerate() {
            let row = Row {
                id: r.0,
                debtor: r.1,
                creditor: r.2,
                amount: r.3,
                currency: Some(r.4),
                due_date: None,
                debtor_bank: Some(r.5),
                creditor_bank: Some(r.6),
            };
            builder.push(line as u64 + 2, &row);
        }
        builder.finish().unwrap()
    }

    fn bank(bic: &str, currency: Currency, account: u128, available: i128, cap: i128) -> Bank {
        Bank {
            bic: bic.into(),
            currency,
            account,
            available,
            net_debit_cap: cap,
        }
    }

    fn input<'a>(
        o: &'a clearing::Obligations,
        corridor: &'a Corridor,
        banks: &'a [Bank],
    ) -> CycleInput<'a> {
        CycleInput {
            obligations: o,
            corridor,
            banks,
            accounts: [
                CurrencyAccounts {
                    currency: PKR,
                    clearing: 1,
                    corridor: 2,
                    residue: 5,
                    corridor_balance: 0,
                },
                CurrencyAccounts {
                    currency: IRR,
                    clearing: 3,
                    corridor: 4,
                    residue: 6,
                    corridor_balance: 0,
                },
            ],
            swap_line: None,
            cycle: 1,
            value_date: clearing::parse_date("2026-11-23").unwrap(),
            first_transfer_id: 1000,
            code: 9,
        }
    }

    /// id, debtor, creditor, amount, currency, debtor's bank, creditor's bank, due date.
    type RowText<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<&'a str>,
    );

    fn rows(rows: &[RowText]) -> clearing::Obligations {
        let mut builder = Builder::new();
        for (line, r) in rows.iter().enumerate() {
            builder.push(
                line as u64 + 2,
                &Row {
                    id: r.0,
                    debtor: r.1,
                    creditor: r.2,
                    amount: r.3,
                    currency: Some(r.4),
                    due_date: r.7,
                    debtor_bank: Some(r.5),
                    creditor_bank: Some(r.6),
                },
            );
        }
        builder.finish().unwrap()
    }

    fn funded() -> [Bank; 4] {
        [
            bank("HABBPKKA", PKR, 11, 1_000_000, 0),
            bank("MUCBPKKA", PKR, 12, 1_000_000, 0),
            bank("MELIIRTH", IRR, 13, 1_000_000_000, 0),
            bank("BTEJIRTH", IRR, 14, 1_000_000_000, 0),
        ]
    }

    fn positions(p: &corridor::cycle::CyclePlan) -> Vec<(u128, i128)> {
        p.positions.iter().map(|(a, (_, x))| (*a, *x)).collect()
    }

    /// Two PK importers' invoices of 0.01 PKR each: each exporter gets 41.6385 IRR rounded
    /// toward zero (4163 minor units), the PKR corridor received 2 paisa, whose exact mirror is
    /// 8327.70 IRR minor units. The IRR corridor paid 8326, so 1 unit is booked to the residue
    /// account and the corridor positions mirror at the fix, up to 0.70 of a unit.
    #[test]
    fn rounding_residue_is_booked_to_the_residue_account() {
        let o = rows(&[
            ("a1", "A", "X", "1", "PKR", "HABBPKKA", "MELIIRTH", None),
            ("a2", "A", "Z", "1", "PKR", "HABBPKKA", "BTEJIRTH", None),
        ]);
        let (corridor, banks) = (corridor(), funded());
        let p = plan(&input(&o, &corridor, &banks)).unwrap();
        assert_eq!(
            positions(&p),
            vec![(2, 2), (4, -8327), (6, 1), (11, -2), (13, 4163), (14, 4163)]
        );
        assert_eq!(p.figures[&IRR].residue, 1);
        assert_eq!(p.figures[&PKR].residue, 0);
        assert_eq!(p.residue_remainder, (-14, 20), "-0.70 of a unit");
    }

    /// Only Y's import (4,163,850.00 IRR = 1,000.00 PKR) crosses: Iran's side pays in, Pakistan's
    /// corridor pays MCB 1,000.00 PKR, leaving the PKR corridor at −100000 paisa. A swap line of
    /// 500.00 PKR cannot carry it: the bank pushing furthest (MCB and Tejarat tie at 1,000.00 PKR;
    /// the first listed goes) is deferred. A line of 1,000.00 PKR carries it.
    #[test]
    fn the_swap_line_limits_the_imbalance() {
        let o = rows(&[(
            "imp-Y",
            "Y",
            "B",
            "416385000",
            "IRR",
            "BTEJIRTH",
            "MUCBPKKA",
            None,
        )]);
        let (corridor, banks) = (corridor(), funded());
        let mut i = input(&o, &corridor, &banks);
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 50_000,
        });
        let p = plan(&i).unwrap();
        assert_eq!(p.deferred_banks, vec!["MUCBPKKA".to_string()]);
        assert!(
            p.deferral_reasons[0].contains("swap line"),
            "{:?}",
            p.deferral_reasons
        );
        assert!(p.positions.is_empty() && p.transfers.is_empty());
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 100_000,
        });
        let p = plan(&i).unwrap();
        assert!(p.deferred_banks.is_empty());
        assert_eq!(p.figures[&PKR].corridor_balance_after, -100_000);
        // Already beyond the line, a cycle that moves the imbalance back toward zero runs.
        i.accounts[0].corridor_balance = 300_000;
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 50_000,
        });
        let p = plan(&i).unwrap();
        assert!(p.deferred_banks.is_empty());
        assert_eq!(p.figures[&PKR].corridor_balance_after, 200_000);
    }

    /// The swap line is not crossed by overshooting: an imbalance of +1,100.00 PKR that a cycle
    /// would turn into −900.00 PKR against a limit of 500.00 PKR is refused even though
    /// |−900| < |1100|; the bank pushing that way (MCB, paid 2,000.00 PKR by the PKR corridor;
    /// Tejarat pushes as much and comes later) is deferred, and the imbalance stays +1,100.00.
    /// The same cycle with an import of 1,500.00 PKR lands at −400.00, within the line: it runs.
    #[test]
    fn the_swap_line_is_not_crossed_by_overshooting() {
        let corridor = corridor();
        let banks = funded();
        // 2,000.00 PKR at 4163.85 = 8,327,700.00 IRR.
        let o = rows(&[(
            "imp-Y",
            "Y",
            "B",
            "832770000",
            "IRR",
            "BTEJIRTH",
            "MUCBPKKA",
            None,
        )]);
        let mut i = input(&o, &corridor, &banks);
        i.accounts[0].corridor_balance = 110_000;
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 50_000,
        });
        let p = plan(&i).unwrap();
        assert_eq!(p.deferred_banks, vec!["MUCBPKKA".to_string()]);
        assert!(
            p.deferral_reasons[0]
                .contains("-90000 minor units of PKR against a swap line of 50000"),
            "{:?}",
            p.deferral_reasons
        );
        assert!(p.positions.is_empty() && p.instructions.is_empty());
        assert_eq!(p.figures[&PKR].corridor_balance_after, 110_000);
        // 1,500.00 PKR = 6,245,775.00 IRR: +1,100.00 − 1,500.00 = −400.00, within 500.00.
        let o = rows(&[(
            "imp-Y",
            "Y",
            "B",
            "624577500",
            "IRR",
            "BTEJIRTH",
            "MUCBPKKA",
            None,
        )]);
        let mut i = input(&o, &corridor, &banks);
        i.accounts[0].corridor_balance = 110_000;
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 50_000,
        });
        let p = plan(&i).unwrap();
        assert!(p.deferred_banks.is_empty());
        assert_eq!(p.figures[&PKR].corridor_balance_after, -40_000);
    }

    /// Which bank the swap-line rule defers: the one pushing the imbalance furthest. Tejarat's
    /// importers pay 1,000.00 + 300.00 PKR worth into Iran's corridor (1,300.00 PKR), MCB and HBL
    /// are paid 1,000.00 and 300.00 PKR by Pakistan's. Against a line of 500.00 PKR, Tejarat
    /// goes first (its obligations leave the cycle, and nothing crosses); MCB or HBL first would
    /// leave an imbalance past the line and defer a second bank.
    #[test]
    fn the_swap_line_defers_the_bank_pushing_furthest() {
        let o = rows(&[
            (
                "imp-Y",
                "Y",
                "B",
                "416385000",
                "IRR",
                "BTEJIRTH",
                "MUCBPKKA",
                None,
            ),
            (
                "imp-Z",
                "Z",
                "C",
                "124915500",
                "IRR",
                "BTEJIRTH",
                "HABBPKKA",
                None,
            ),
        ]);
        let (corridor, banks) = (corridor(), funded());
        let mut i = input(&o, &corridor, &banks);
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 50_000,
        });
        let p = plan(&i).unwrap();
        assert_eq!(p.deferred_banks, vec!["BTEJIRTH".to_string()]);
        assert!(
            p.deferral_reasons[0].contains("this bank's cross-border residuals add 130000"),
            "{:?}",
            p.deferral_reasons
        );
        assert!(p.positions.is_empty() && p.instructions.is_empty());
        // A line of 1,300.00 PKR carries both.
        i.swap_line = Some(corridor::cycle::SwapLine {
            currency: PKR,
            limit: 130_000,
        });
        let p = plan(&i).unwrap();
        assert!(p.deferred_banks.is_empty());
        assert_eq!(p.figures[&PKR].corridor_balance_after, -130_000);
    }

    #[test]
    fn the_swap_line_rule_by_hand() {
        use corridor::cycle::swap_line_holds;
        for (limit, before, after, holds) in [
            (500, 0, 500, true),
            (500, 0, 501, false),
            (500, 0, -501, false),
            (500, 1100, 900, true),
            (500, 1100, 1100, true),
            (500, 1100, 1101, false),
            (500, 1100, -900, false),
            (500, 1100, -500, true),
            (500, -1100, -600, true),
            (500, -1100, 600, false),
            (0, 0, 0, true),
            (0, 0, 1, false),
        ] {
            assert_eq!(
                swap_line_holds(limit, before, after),
                holds,
                "limit {limit}: {before} -> {after}"
            );
        }
    }

    /// The instructions of the four-invoice cycle, by hand. Around the cycle A → X → Y → B → A
    /// the smallest link is B's 700.00 PKR, so 700.00 PKR (2,914,695.00 IRR) is set off on
    /// every invoice. What is left: A pays 300.00 PKR for imp-A and X is credited 4,163,850.00 −
    /// 2,914,695.00 = 1,249,155.00 IRR; X pays Y 2,085,305.00 IRR for dom-X; Y pays
    /// 1,249,155.00 IRR for imp-Y and B is credited 300.00 PKR; dom-B is cleared whole, so it
    /// has no instruction. The positions are the instructions summed per bank.
    #[test]
    fn due_residuals_become_payment_instructions() {
        use corridor::cycle::Instruction;
        let o = obligations();
        let (corridor, banks) = (corridor(), funded());
        let p = plan(&input(&o, &corridor, &banks)).unwrap();
        let x = |id: &str, payer: &str, pc, pay, payee: &str, rc, receive| Instruction {
            obligation: id.into(),
            paying_bank: payer.into(),
            pay_currency: pc,
            pay,
            receiving_bank: payee.into(),
            receive_currency: rc,
            receive,
        };
        assert_eq!(
            p.instructions,
            vec![
                x(
                    "imp-A",
                    "HABBPKKA",
                    PKR,
                    30_000,
                    "MELIIRTH",
                    IRR,
                    124_915_500
                ),
                x(
                    "dom-X",
                    "MELIIRTH",
                    IRR,
                    208_530_500,
                    "BTEJIRTH",
                    IRR,
                    208_530_500
                ),
                x(
                    "imp-Y",
                    "BTEJIRTH",
                    IRR,
                    124_915_500,
                    "MUCBPKKA",
                    PKR,
                    30_000
                ),
            ]
        );
        assert!(p.instructions[0].is_cross_border() && !p.instructions[1].is_cross_border());
        assert_eq!(
            positions(&p),
            vec![
                (11, -30_000),
                (12, 30_000),
                (13, 124_915_500 - 208_530_500),
                (14, 208_530_500 - 124_915_500)
            ]
        );
        // In total, in PKR at the fix (IRR ÷ 4163.85, rounded toward zero): gross 1,700.00 +
        // 9,163,850.00 IRR (2,200.81) = 3,900.81; set off 1,400.00 + 5,829,390.00 IRR
        // (1,400.00) = 2,800.00; settled 300.00 + 3,334,460.00 IRR (800.81) = 1,100.81;
        // liquidity 300.00 + 836,150.00 IRR (200.81) = 500.81; cross-border 1,000.00 +
        // 4,163,850.00 IRR (1,000.00) = 2,000.00; nothing crossed.
        let t = &p.totals;
        assert_eq!(t.currency, PKR);
        assert_eq!(
            (t.gross, t.set_off, t.settled, t.liquidity_needed),
            (390_081, 280_000, 110_081, 50_081)
        );
        assert_eq!(
            (
                t.cross_border_submitted,
                t.crossed,
                t.imbalance_after,
                t.carried
            ),
            (200_000, 0, 0, 0)
        );
    }

    /// A corridor of [`BANKS_MAX`] banks, each with a position, settles in one batch: the limit
    /// leaves room for the central banks' accounts within the ledger's batch limit. One more bank
    /// is refused.
    #[test]
    fn the_bank_limit_fits_one_settlement_batch() {
        use corridor::workflow::{BANKS_MAX, Command, Workflow, date_text};
        let day = crate::bad_inputs::day();
        let mut w = Workflow::new(crate::workflow::catalog());
        let mut l = Ledger::new();
        let bic = |k: usize| {
            let mut code = String::new();
            let mut n = k;
            for _ in 0..4 {
                code.push((b'A' + (n % 26) as u8) as char);
                n /= 26;
            }
            format!("{code}PKKA")
        };
        let mut commands = vec![
            crate::bad_inputs::configure("1.00"),
            crate::bad_inputs::fix(day),
        ];
        for k in 0..BANKS_MAX {
            commands.push(crate::bad_inputs::bank(&bic(k), "PK", "PKR", "1000.00"));
            commands.push(Command::RegisterTrader {
                id: format!("T{k}"),
                legal_name: format!("Trader {k}"),
                original_name: None,
                tax_id: format!("{:07}", 1_000_000 + k),
                country: "PK".into(),
                bank: bic(k),
            });
        }
        // A chain: trader k owes trader k + 1 (k + 1) paisa, so every bank's position is −1
        // paisa (the first −1, the last +BANKS_MAX − 1).
        for k in 0..BANKS_MAX - 1 {
            commands.push(Command::SubmitObligation {
                id: format!("O{k}"),
                debtor: format!("T{k}"),
                creditor: format!("T{}", k + 1),
                amount: format!("{}.{:02}", (k + 1) / 100, (k + 1) % 100),
                currency: "PKR".into(),
                hs_code: None,
                issued: date_text(day),
                due: date_text(day),
                submitted_by: bic(k + 1),
            });
            commands.push(Command::Act {
                obligation: format!("O{k}"),
                bank: bic(k),
                action: "accept".into(),
            });
        }
        for c in &commands {
            crate::workflow::post(&mut l, &w.execute(day, c).unwrap());
        }
        let refused = w
            .execute(day, &crate::bad_inputs::bank("ZZZZPKKA", "PK", "PKR", "0"))
            .unwrap_err();
        assert!(refused.reason.contains("at most 8000 banks"), "{refused}");
        let p = w
            .execute(
                day,
                &Command::RunCycle {
                    value_date: date_text(day),
                    ledger_balances: Default::default(),
                },
            )
            .unwrap();
        assert_eq!(p.transfers.len(), BANKS_MAX);
        assert!(p.transfers.len() <= ledger::BATCH_MAX);
        crate::workflow::post(&mut l, &p);
        l.check_invariants().unwrap();
    }

    /// A residual that is not yet due stays open: no instruction, counted as carried.
    #[test]
    fn residuals_not_yet_due_are_carried() {
        let o = rows(&[(
            "dom-B",
            "B",
            "A",
            "70000",
            "PKR",
            "MUCBPKKA",
            "HABBPKKA",
            Some("2026-12-01"),
        )]);
        let (corridor, banks) = (corridor(), funded());
        let mut i = input(&o, &corridor, &banks);
        let p = plan(&i).unwrap();
        assert_eq!(p.settles, vec![false]);
        assert_eq!(
            (p.figures[&PKR].carried, p.figures[&PKR].settled),
            (70_000, 0)
        );
        assert!(p.transfers.is_empty());
        i.value_date = clearing::parse_date("2026-12-01").unwrap();
        let p = plan(&i).unwrap();
        assert_eq!(p.settles, vec![true]);
        assert_eq!(positions(&p), vec![(11, 70_000), (12, -70_000)]);
        assert!(
            p.transfers
                .iter()
                .all(|t| t.user_data_64 == 1 && t.user_data_32 == i.value_date)
        );
        // Cross-border and not yet due: it waits whole.
        let o = rows(&[(
            "imp-Y",
            "Y",
            "B",
            "416385000",
            "IRR",
            "BTEJIRTH",
            "MUCBPKKA",
            Some("2026-12-01"),
        )]);
        let mut i = input(&o, &corridor, &banks);
        let p = plan(&i).unwrap();
        assert_eq!((p.included.len(), p.deferred.clone()), (0, vec![0]));
        i.value_date = clearing::parse_date("2026-12-01").unwrap();
        assert_eq!(plan(&i).unwrap().included, vec![0]);
    }

    fn corridor() -> Corridor {
        Corridor {
            rate: Rate::parse(PKR, IRR, "4163.85").unwrap(),
            home: vec![("PK".into(), PKR), ("IR".into(), IRR)],
        }
    }

    #[test]
    fn a_cycle_nets_to_hand_computed_positions_and_posts_atomically() {
        let o = obligations();
        let corridor = corridor();
        let banks = [
            bank("HABBPKKA", PKR, 11, 1_000_000, 0),
            bank("MUCBPKKA", PKR, 12, 1_000_000, 0),
            bank("MELIIRTH", IRR, 13, 1_000_000_000, 0),
            bank("BTEJIRTH", IRR, 14, 1_000_000_000, 0),
        ];
        let p = plan(&input(&o, &corridor, &banks)).unwrap();
        assert!(p.deferred.is_empty());
        let positions: Vec<(u128, i128)> = p.positions.iter().map(|(a, (_, x))| (*a, *x)).collect();
        // HBL pays 300.00 PKR, MCB receives it; Melli pays 836,150.00 IRR, Tejarat receives it;
        // the cycle balanced across the border, so nothing is left on the corridor accounts.
        assert_eq!(
            positions,
            vec![
                (11, -30_000),
                (12, 30_000),
                (13, -83_615_000),
                (14, 83_615_000)
            ]
        );
        let pkr = &p.figures[&PKR];
        assert_eq!(
            (pkr.gross, pkr.set_off, pkr.settled, pkr.liquidity_needed),
            (170_000, 140_000, 30_000, 30_000)
        );
        assert_eq!(
            (pkr.cross_border_submitted, pkr.corridor_position),
            (100_000, 0)
        );
        assert_eq!(p.lots, 3500);
        // Post it: funded banks, a clearing and a corridor account per currency.
        let mut ledger = Ledger::new();
        let accounts: Vec<Account> = [
            (1, 586),
            (2, 586),
            (3, 364),
            (4, 364),
            (11, 586),
            (12, 586),
            (13, 364),
            (14, 364),
            (99, 586),
            (98, 364),
        ]
        .iter()
        .map(|&(id, l)| Account {
            id,
            ledger: l,
            code: 1,
            flags: if id > 10 && id < 20 {
                AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS
            } else {
                AccountFlags::NONE
            },
            ..Account::default()
        })
        .collect();
        ledger.create_accounts(1, &accounts);
        let fund = |id: u128, from: u128, l: u32, amount: u128| ledger::Transfer {
            id,
            debit_account_id: from,
            credit_account_id: id - 100,
            amount,
            ledger: l,
            code: 1,
            ..Default::default()
        };
        ledger.create_transfers(
            100,
            &[
                fund(111, 99, 586, 1_000_000),
                fund(113, 98, 364, 1_000_000_000),
            ],
        );
        let results = ledger.create_transfers(200, &p.transfers);
        assert!(
            results.iter().all(|r| *r == CreateTransferResult::Ok),
            "{results:?}"
        );
        assert_eq!(
            ledger.account(1).unwrap().debits_posted,
            ledger.account(1).unwrap().credits_posted,
            "the clearing account nets to zero"
        );
        ledger.check_invariants().unwrap();
    }

    #[test]
    fn a_bank_over_its_cap_is_deferred_and_the_rest_settles() {
        let o = obligations();
        let corridor = corridor();
        let banks = [
            bank("HABBPKKA", PKR, 11, 0, 10_000),
            bank("MUCBPKKA", PKR, 12, 0, 0),
            bank("MELIIRTH", IRR, 13, 1_000_000_000, 0),
            bank("BTEJIRTH", IRR, 14, 0, 0),
        ];
        let p = plan(&input(&o, &corridor, &banks)).unwrap();
        assert_eq!(p.deferred_banks, vec!["HABBPKKA".to_string()]);
        assert_eq!(
            p.deferred,
            vec![0, 3],
            "imp-A and dom-B wait for the next cycle"
        );
        let positions: Vec<(u128, i128)> = p.positions.iter().map(|(a, (_, x))| (*a, *x)).collect();
        // Without HBL nothing goes round: the rest settles gross, and the border imbalance
        // (100000 paisa = 416385000 dinars at the fix) sits on the corridor accounts.
        assert_eq!(
            positions,
            vec![
                (2, -100_000),
                (4, 416_385_000),
                (12, 100_000),
                (13, -500_000_000),
                (14, 83_615_000)
            ]
        );
        assert_eq!(p.figures[&PKR].corridor_position, -100_000);
        assert_eq!(p.lots, 0);
    }

    #[test]
    fn an_unknown_bank_refuses_the_cycle() {
        let o = obligations();
        let corridor = corridor();
        let banks = [bank("HABBPKKA", PKR, 11, 0, 0)];
        let error = plan(&input(&o, &corridor, &banks)).unwrap_err();
        assert!(
            error.to_string().contains("MELIIRTH does not take part"),
            "{error}"
        );
    }
}
