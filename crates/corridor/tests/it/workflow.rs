//! The workflow: every kind of bad input refused with its field and reason and nothing changed,
//! the corridor's terms checked, the barter defaults, and property tests on random multi-day
//! scenarios posted to a real ledger and checked against an independent oracle.

use crate::bad_inputs::{bank, cases, configure, day, first_invoice, trader, world};
use corridor::hs::HsCatalog;
use corridor::lifecycle::State;
use corridor::workflow::{Command, ObligationRecord, Prepared, Workflow, date_text};
use ledger::{CreateAccountResult, CreateTransferResult, Ledger};
use money::{Currency, IRR, PKR};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

pub fn catalog() -> Arc<HsCatalog> {
    static CATALOG: OnceLock<Arc<HsCatalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Arc::new(HsCatalog::hs2022()))
        .clone()
}

/// The table's world, executed on [`day`] and posted to a ledger.
fn setup() -> (Workflow, Ledger) {
    let mut w = Workflow::new(catalog());
    let mut l = Ledger::new();
    for c in world() {
        post(&mut l, &w.execute(day(), &c).unwrap());
    }
    (w, l)
}

pub fn post(ledger: &mut Ledger, p: &Prepared) {
    let at = ledger.last_timestamp() + 1;
    if !p.accounts.is_empty() {
        let r = ledger.create_accounts(at, &p.accounts);
        assert!(r.iter().all(|r| *r == CreateAccountResult::Ok), "{r:?}");
    }
    if !p.transfers.is_empty() {
        let at = ledger.last_timestamp() + 1;
        let r = ledger.create_transfers(at, &p.transfers);
        assert!(r.iter().all(|r| *r == CreateTransferResult::Ok), "{r:?}");
    }
}

fn fingerprint(w: &Workflow) -> String {
    format!(
        "{:?} {:?} {:?} {:?} {:?} {:?}",
        w.config(),
        w.banks().collect::<Vec<_>>(),
        w.traders().collect::<Vec<_>>(),
        w.obligations(),
        w.rate_fixes().collect::<Vec<_>>(),
        w.cycles()
    )
}

/// Every kind of bad input the workflow issue names (and more): refused with the field and a
/// reason, and the state is exactly what it was.
#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_changes() {
    let (mut w, _) = setup();
    let ok = first_invoice();
    w.execute(day(), &ok).unwrap();
    let before = fingerprint(&w);
    let cases = cases();
    assert!(cases.len() >= 45, "{}", cases.len());
    for (what, command, field, reason) in cases {
        let refusal = match w.prepare(day(), &command) {
            Err(r) => r,
            Ok(_) => panic!("{what}: accepted"),
        };
        assert_eq!(refusal.field, field, "{what}: {refusal}");
        assert!(refusal.reason.contains(reason), "{what}: {refusal}");
        assert!(w.execute(day(), &command).is_err(), "{what}");
        assert_eq!(fingerprint(&w), before, "{what}: the state changed");
    }
    // Repeating a command with the same fields is not a refusal and changes nothing.
    w.execute(day(), &ok).unwrap();
    w.execute(day(), &bank("HABBPKKA", "PK", "PKR", "1000.00"))
        .unwrap();
    assert_eq!(fingerprint(&w), before);
}

/// The corridor's own terms are checked before anything is configured.
#[test]
fn the_corridor_terms_are_checked() {
    let w = Workflow::new(catalog());
    let with = |change: &dyn Fn(&mut Command)| {
        let mut c = configure("1000.00");
        change(&mut c);
        c
    };
    type Change = Box<dyn Fn(&mut Command)>;
    let cases: Vec<(&str, Change, &str, &str)> = vec![
        (
            "bad name",
            Box::new(|c| {
                if let Command::ConfigureCorridor { name, .. } = c {
                    *name = "pk ir".into();
                }
            }),
            "name",
            "A-Z",
        ),
        (
            "bad cut-off",
            Box::new(|c| {
                if let Command::ConfigureCorridor { cut_off, .. } = c {
                    *cut_off = "25:00".into();
                }
            }),
            "cut_off",
            "not HH:MM",
        ),
        (
            "swap line in a third currency",
            Box::new(|c| {
                if let Command::ConfigureCorridor {
                    swap_line_currency, ..
                } = c
                {
                    *swap_line_currency = "USD".into();
                }
            }),
            "swap_line_currency",
            "neither side's currency",
        ),
        (
            "negative swap line",
            Box::new(|c| {
                if let Command::ConfigureCorridor { swap_line, .. } = c {
                    *swap_line = "-1.00".into();
                }
            }),
            "swap_line",
            "negative",
        ),
        (
            "barter window of 0 days",
            Box::new(|c| {
                if let Command::ConfigureCorridor {
                    barter_window_days, ..
                } = c
                {
                    *barter_window_days = 0;
                }
            }),
            "barter_window_days",
            "1 to 365",
        ),
        (
            "tolerance above 100 %",
            Box::new(|c| {
                if let Command::ConfigureCorridor {
                    barter_tolerance_percent,
                    ..
                } = c
                {
                    *barter_tolerance_percent = 101;
                }
            }),
            "barter_tolerance_percent",
            "0 to 100",
        ),
        (
            "HS prefix not in HS 2022",
            Box::new(|c| {
                if let Command::ConfigureCorridor { hs_deny, .. } = c {
                    hs_deny.push("9999".into());
                }
            }),
            "hs_deny",
            "not in HS 2022",
        ),
    ];
    for (what, change, field, reason) in cases {
        let refusal = w.prepare(day(), &with(&*change)).unwrap_err();
        assert_eq!(refusal.field, field, "{what}: {refusal}");
        assert!(refusal.reason.contains(reason), "{what}: {refusal}");
    }
    assert!(w.config().is_none());
}

/// A corridor configured without naming the barter window gets Pakistan's 120 days and 20 %.
#[test]
fn the_barter_window_defaults_are_real() {
    let mut json = serde_json::to_value(configure("1000.00")).unwrap();
    let map = json.as_object_mut().unwrap();
    map.remove("barter_window_days");
    map.remove("barter_tolerance_percent");
    let command: Command = serde_json::from_value(json).unwrap();
    let mut w = Workflow::new(catalog());
    w.execute(day(), &command).unwrap();
    let config = w.config().unwrap();
    assert_eq!(
        (config.barter_window_days, config.barter_tolerance_percent),
        (120, 20)
    );
    assert_eq!(
        (
            corridor::workflow::BARTER_WINDOW_DAYS_DEFAULT,
            corridor::workflow::BARTER_TOLERANCE_PERCENT_DEFAULT
        ),
        (120, 20)
    );
}

/// A corridor that is not configured refuses everything else, naming why.
#[test]
fn nothing_before_the_corridor_is_configured() {
    let w = Workflow::new(catalog());
    let r = w
        .prepare(day(), &bank("HABBPKKA", "PK", "PKR", "0"))
        .unwrap_err();
    assert_eq!(r.field, "corridor");
}

/// A cycle for a later value date is refused, so a typo cannot lock out today's cycle; cycles
/// for today and then an earlier day keep value-date order.
#[test]
fn value_dates_are_today_or_earlier_and_in_order() {
    let (mut w, _) = setup();
    w.execute(day(), &crate::bad_inputs::fix(day() + 30))
        .unwrap();
    let cycle = |value_date: u32| Command::RunCycle {
        value_date: date_text(value_date),
        ledger_balances: BTreeMap::new(),
    };
    let typo = w.execute(day(), &cycle(day() + 30)).unwrap_err();
    assert_eq!(typo.field, "value_date");
    assert!(
        typo.reason
            .contains("2026-12-23 is after today (2026-11-23)")
    );
    w.execute(day(), &cycle(day())).unwrap();
    w.execute(day() + 30, &cycle(day() + 30)).unwrap();
    let earlier = w.execute(day() + 30, &cycle(day())).unwrap_err();
    assert!(earlier.reason.contains("value-date order"), "{earlier}");
}

/// A dispute ends one of two ways: the bank that raised it drops it (back to accepted), or the
/// other bank upholds it (cancelled: it never clears).
#[test]
fn a_dispute_is_resolved_or_upheld() {
    let (mut w, _) = setup();
    for (id, amount) in [("D1", "10.00"), ("D2", "20.00")] {
        w.execute(
            day(),
            &crate::bad_inputs::invoice(id, "PK-A", "PK-B", amount, "PKR", "MUCBPKKA"),
        )
        .unwrap();
        let act = |action: &str, bank: &str| Command::Act {
            obligation: id.into(),
            bank: bank.into(),
            action: action.into(),
        };
        w.execute(day(), &act("accept", "HABBPKKA")).unwrap();
        w.execute(day(), &act("dispute", "HABBPKKA")).unwrap();
        let wrong = w.execute(day(), &act("uphold", "HABBPKKA")).unwrap_err();
        assert!(
            wrong.reason.contains("only the other bank upholds"),
            "{wrong}"
        );
        if id == "D1" {
            w.execute(day(), &act("resolve", "HABBPKKA")).unwrap();
        } else {
            w.execute(day(), &act("uphold", "MUCBPKKA")).unwrap();
        }
    }
    assert_eq!(w.obligation("D1").unwrap().life.state, State::Accepted);
    assert_eq!(w.obligation("D2").unwrap().life.state, State::Cancelled);
}

// ---- property tests -------------------------------------------------------------------------

/// `PROPTEST_CASES` if set, else 16,384 with `CI=true` and 2,048 otherwise (about 1.5 s in a
/// debug build).
fn cases_count() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if std::env::var("CI").is_ok() {
            16_384
        } else {
            2_048
        })
}

/// (id, country, bank)
const TRADERS: [(&str, &str, &str); 6] = [
    ("PK-A", "PK", "HABBPKKA"),
    ("PK-B", "PK", "MUCBPKKA"),
    ("PK-C", "PK", "HABBPKKA"),
    ("IR-X", "IR", "MELIIRTH"),
    ("IR-Y", "IR", "BTEJIRTH"),
    ("IR-Z", "IR", "MELIIRTH"),
];
const BANKS: [(&str, &str); 4] = [
    ("HABBPKKA", "PK"),
    ("MUCBPKKA", "PK"),
    ("MELIIRTH", "IR"),
    ("BTEJIRTH", "IR"),
];
const RATES: [&str; 3] = ["4163.85", "4163.8571", "3998.7"];

/// One generated invoice: the day it is issued (index of the cycle), debtor, creditor, amount
/// in PKR minor units (×4000 in IRR), in the creditor's currency, days until due, accepted,
/// disputed (0: no; 1: resolved the next day; 2: upheld the next day; 3: never resolved).
#[derive(Clone, Debug)]
struct Inv {
    day: usize,
    debtor: usize,
    creditor: usize,
    amount: u64,
    creditor_currency: bool,
    due_in: u32,
    accept: bool,
    dispute: u8,
}

fn inv() -> impl Strategy<Value = Inv> {
    (
        0usize..4,
        0usize..6,
        0usize..6,
        1u64..5_000_000,
        any::<bool>(),
        0u32..3,
        0u8..10,
        0u8..12,
    )
        .prop_map(
            |(day, debtor, creditor, amount, creditor_currency, due_in, accept, dispute)| Inv {
                day,
                debtor,
                creditor,
                amount,
                creditor_currency,
                due_in,
                accept: accept < 9,
                dispute: if dispute < 9 { 0 } else { dispute - 8 },
            },
        )
}

fn text(minor: u64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

fn home(country: &str) -> Currency {
    if country == "PK" { PKR } else { IRR }
}

/// The oracle's own conversion at a fix given as decimal text: IRR minor units per PKR minor
/// unit (both currencies have two minor units), rounded toward zero.
struct Fix {
    num: i128,
    den: i128,
}

impl Fix {
    fn parse(text: &str) -> Fix {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        Fix {
            num: format!("{whole}{fraction}").parse().unwrap(),
            den: 10i128.pow(fraction.len() as u32),
        }
    }

    fn convert(&self, minor: i128, from: Currency) -> i128 {
        if from == PKR {
            minor * self.num / self.den
        } else {
            minor * self.den / self.num
        }
    }
}

/// What an obligation still asks of `party`'s side, in `party`'s home currency.
fn open_for(o: &ObligationRecord, currency: Currency, fix: &Fix) -> i128 {
    if matches!(
        o.life.state,
        State::Rejected | State::Cancelled | State::Cleared | State::Settled
    ) {
        return 0;
    }
    let open = o.life.amount - o.life.cleared;
    if o.currency == currency {
        open
    } else {
        fix.convert(open, o.currency)
    }
}

/// Every trader's net position (owed to it − owed by it, in its home currency).
fn net_positions(obligations: &[ObligationRecord], fix: &Fix) -> BTreeMap<&'static str, i128> {
    let mut out: BTreeMap<&'static str, i128> = TRADERS.iter().map(|t| (t.0, 0)).collect();
    for o in obligations {
        for &(id, country, _) in &TRADERS {
            if o.creditor == id {
                *out.get_mut(id).unwrap() += open_for(o, home(country), fix);
            }
            if o.debtor == id {
                *out.get_mut(id).unwrap() -= open_for(o, home(country), fix);
            }
        }
    }
    out
}

fn balances(l: &Ledger) -> BTreeMap<u128, i128> {
    l.accounts()
        .map(|a| (a.id, a.credits_posted as i128 - a.debits_posted as i128))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases_count(), ..ProptestConfig::default() })]

    /// Random invoices over up to four days (not yet due ones, ones in the creditor's
    /// currency, rejections, disputes resolved, upheld or left open), random funding, caps and
    /// swap line, a cycle at the end of each day posted to a real ledger. After every cycle,
    /// checked against the test's own bookkeeping and never against the cycle's report alone:
    /// * money is conserved per currency: the banks, clearing, corridor and residue accounts
    ///   hold exactly what the central bank issued to them, and the clearing accounts net to
    ///   zero;
    /// * the positions sum to zero per currency, and each is the ledger's change on its account;
    /// * each bank's change is the sum of its payment instructions (paid and received), each
    ///   corridor account's the sum of the cross-border legs, and the quote corridor mirrors
    ///   the base one at the fix after the residue booking;
    /// * no trader's net position changes through set-off: recomputed from the obligations
    ///   before and after (foreign-currency invoices converted by the test), it moves by exactly
    ///   what the trader's instructions paid and received;
    /// * no bank ends below its cap; the swap line holds on the ledger's corridor balance;
    /// * an instruction only pays an eligible, due obligation, at most what is open on each side;
    ///   disputed and not-yet-due cross-border obligations are untouched.
    #[test]
    fn cycles_conserve_money_and_keep_every_trader_whole(
        invoices in proptest::collection::vec(inv(), 1..40),
        funding in proptest::collection::vec(0u64..60_000_000, 4),
        caps in proptest::collection::vec(0u64..2_000_000, 4),
        swap_line in 0u64..200_000_000,
        rate in 0usize..RATES.len(),
        days in 1usize..5,
    ) {
        let fix_text = RATES[rate];
        let fix = Fix::parse(fix_text);
        let d0 = day();
        let mut w = Workflow::new(catalog());
        let mut l = Ledger::new();
        let mut funded: BTreeMap<Currency, i128> = BTreeMap::new();
        let scale = |country: &str| if country == "IR" { 4000 } else { 1 };
        let mut setup = vec![configure(&text(swap_line))];
        for (k, (bic, country)) in BANKS.iter().enumerate() {
            setup.push(bank(bic, country, home(country).code(), &text(caps[k] * scale(country))));
        }
        for (t, c, b) in TRADERS { setup.push(trader(t, c, b)); }
        for (k, (bic, country)) in BANKS.iter().enumerate() {
            let minor = funding[k] * scale(country);
            if minor > 0 {
                setup.push(Command::FundBank { bic: (*bic).into(), amount: text(minor) });
                *funded.entry(home(country)).or_default() += i128::from(minor);
            }
        }
        for d in 0..days as u32 {
            setup.push(Command::PublishRate {
                value_date: date_text(d0 + d),
                rate: fix_text.into(),
                valid_from: date_text(d0 + d),
                valid_to: date_text(d0 + d),
                source: "t".into(),
            });
        }
        for c in &setup { post(&mut l, &w.execute(d0, c).unwrap()); }
        let act = |w: &mut Workflow, today: u32, id: &str, bank: &str, action: &str| {
            w.execute(today, &Command::Act { obligation: id.into(), bank: bank.into(), action: action.into() })
        };
        for k in 0..days {
            let today = d0 + k as u32;
            // Yesterday's disputes end (resolved or upheld).
            for (n, i) in invoices.iter().enumerate() {
                if i.day + 1 == k && i.dispute > 0 && i.dispute < 3 && i.debtor != i.creditor {
                    let id = format!("I{n}");
                    if w.obligation(&id).is_some_and(|o| matches!(o.life.state, State::Disputed { .. })) {
                        let (action, bank) = if i.dispute == 1 { ("resolve", TRADERS[i.debtor].2) } else { ("uphold", TRADERS[i.creditor].2) };
                        act(&mut w, today, &id, bank, action).unwrap();
                    }
                }
            }
            // Today's invoices: submitted, answered, some disputed by the debtor's bank.
            for (n, i) in invoices.iter().enumerate() {
                if i.day != k || i.debtor == i.creditor { continue; }
                let (debtor, dc, db) = TRADERS[i.debtor];
                let (creditor, cc, cb) = TRADERS[i.creditor];
                let country = if i.creditor_currency { cc } else { dc };
                let id = format!("I{n}");
                w.execute(today, &Command::SubmitObligation {
                    id: id.clone(),
                    debtor: debtor.into(),
                    creditor: creditor.into(),
                    amount: text(i.amount * scale(country)),
                    currency: home(country).code().into(),
                    hs_code: Some("100630".into()),
                    issued: date_text(today),
                    due: date_text(today + i.due_in),
                    submitted_by: cb.into(),
                }).unwrap();
                act(&mut w, today, &id, db, if i.accept { "accept" } else { "reject" }).unwrap();
                if i.accept && i.dispute > 0 {
                    act(&mut w, today, &id, db, "dispute").unwrap();
                }
            }
            // The cycle, on the ledger's balances at the cut-off.
            let before_balances = balances(&l);
            let before: Vec<ObligationRecord> = w.obligations().to_vec();
            let positions_before = net_positions(&before, &fix);
            let cut_off: BTreeMap<String, String> = before_balances.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
            let p = w.execute(today, &Command::RunCycle { value_date: date_text(today), ledger_balances: cut_off });
            let p = p.map_err(|r| TestCaseError::fail(format!("cycle {} refused: {r}", k + 1)))?;
            post(&mut l, &p);
            l.check_invariants().unwrap();
            let after_balances = balances(&l);
            let delta = |account: u128| after_balances.get(&account).copied().unwrap_or(0) - before_balances.get(&account).copied().unwrap_or(0);
            let cycle = w.cycles().last().unwrap().clone();
            prop_assert_eq!(cycle.number, k as u64 + 1);
            let config = w.config().unwrap().clone();
            // Money conserved per currency, on the account balances.
            for side in &config.sides {
                let c = side.currency;
                let issued = -after_balances.get(&side.issue_account).copied().unwrap_or(0);
                prop_assert_eq!(issued, funded.get(&c).copied().unwrap_or(0), "{} issued", c);
                let held: i128 = w.ledger_accounts().iter()
                    .filter(|(id, cur)| *cur == c && *id != side.issue_account)
                    .map(|(id, _)| after_balances.get(id).copied().unwrap_or(0))
                    .sum();
                prop_assert_eq!(held, issued, "{} held against issued", c);
                prop_assert_eq!(after_balances.get(&side.accounts.clearing).copied().unwrap_or(0), 0, "{} clearing account nets to zero", c);
            }
            // Positions: zero sum per currency, each the ledger's change on its account.
            let mut sums: BTreeMap<Currency, i128> = BTreeMap::new();
            for (account, (c, x)) in &cycle.positions {
                *sums.entry(*c).or_default() += x;
                prop_assert_eq!(*x, delta(*account), "account {}", account);
            }
            prop_assert!(sums.values().all(|s| *s == 0), "{:?}", sums);
            for (id, _) in w.ledger_accounts() {
                if !cycle.positions.contains_key(&id) {
                    prop_assert_eq!(delta(id), 0, "account {} moved without a position", id);
                }
            }
            // Netting recomputed from the instructions alone.
            let mut by_bank: BTreeMap<&str, i128> = BTreeMap::new();
            let mut corridor_in: BTreeMap<Currency, i128> = BTreeMap::new();
            for x in &cycle.instructions {
                *by_bank.entry(&x.paying_bank).or_default() -= x.pay;
                *by_bank.entry(&x.receiving_bank).or_default() += x.receive;
                if x.pay_currency != x.receive_currency {
                    *corridor_in.entry(x.pay_currency).or_default() += x.pay;
                    *corridor_in.entry(x.receive_currency).or_default() -= x.receive;
                }
            }
            for b in w.banks() {
                prop_assert_eq!(delta(b.account), by_bank.get(b.bic.as_str()).copied().unwrap_or(0), "bank {}", b.bic);
                let after = after_balances.get(&b.account).copied().unwrap_or(0);
                prop_assert!(after >= -b.net_debit_cap, "{} at {}, cap {}", b.bic, after, b.net_debit_cap);
            }
            let (base, quote) = (&config.sides[0], &config.sides[1]);
            let residue = delta(quote.accounts.residue);
            prop_assert_eq!(delta(base.accounts.residue), 0);
            prop_assert_eq!(delta(base.accounts.corridor), corridor_in.get(&base.currency).copied().unwrap_or(0));
            prop_assert_eq!(delta(quote.accounts.corridor) + residue, corridor_in.get(&quote.currency).copied().unwrap_or(0));
            prop_assert_eq!(delta(quote.accounts.corridor), -fix.convert(delta(base.accounts.corridor), base.currency), "the corridor accounts mirror at the fix");
            // The swap line, on the ledger's corridor account.
            let line = config.swap_line;
            let line_account = config.side_of_currency(line.currency).unwrap().accounts.corridor;
            let (was, is) = (before_balances.get(&line_account).copied().unwrap_or(0), after_balances.get(&line_account).copied().unwrap_or(0));
            prop_assert!(is.abs() <= line.limit || (is.signum() == was.signum() && is.abs() <= was.abs()),
                "swap line {}: imbalance {} -> {}", line.limit, was, is);
            // Every trader's net position moved by its instructions only.
            let after: Vec<ObligationRecord> = w.obligations().to_vec();
            let positions_after = net_positions(&after, &fix);
            let mut paid: BTreeMap<&str, i128> = BTreeMap::new();
            let by_id: BTreeMap<&str, &ObligationRecord> = before.iter().map(|o| (o.id.as_str(), o)).collect();
            for x in &cycle.instructions {
                let o = by_id[x.obligation.as_str()];
                prop_assert!(o.life.is_eligible() && o.life.due <= today && o.issued <= today, "{} paid while {:?}", o.id, o.life);
                let debtor = w.trader(&o.debtor).unwrap();
                let creditor = w.trader(&o.creditor).unwrap();
                prop_assert_eq!((&x.paying_bank, &x.receiving_bank), (&debtor.bank, &creditor.bank));
                prop_assert_eq!((x.pay_currency, x.receive_currency), (home(&debtor.country), home(&creditor.country)));
                prop_assert!(0 <= x.pay && x.pay <= open_for(o, x.pay_currency, &fix), "{:?}", x);
                prop_assert!(0 <= x.receive && x.receive <= open_for(o, x.receive_currency, &fix), "{:?}", x);
                *paid.entry(o.debtor.as_str()).or_default() += x.pay;
                *paid.entry(o.creditor.as_str()).or_default() -= x.receive;
            }
            for (trader, was) in &positions_before {
                let moved = positions_after[trader] - was;
                prop_assert_eq!(moved, paid.get(trader).copied().unwrap_or(0),
                    "{}: net position {} -> {}, instructions say {:?}", trader, was, positions_after[trader], paid.get(trader));
            }
            // Untouched: disputed obligations, and cross-border ones not yet due.
            for (o, a) in before.iter().zip(&after) {
                let cross = w.trader(&o.debtor).unwrap().country != w.trader(&o.creditor).unwrap().country;
                if matches!(o.life.state, State::Disputed { .. }) || !o.life.is_eligible() || (cross && o.life.due > today) {
                    prop_assert_eq!(&o.life, &a.life, "{}", o.id);
                }
            }
            // The code's own tally agrees.
            for (trader, (_, owed, owing)) in &cycle.set_off_by_trader {
                prop_assert_eq!(owed, owing, "{}", trader);
            }
        }
    }
}
