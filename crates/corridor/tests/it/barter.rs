//! The barter-window report on hand-computed figures: the window's two edges, the exact 20 %
//! boundary on both sides of it, conversion at the fix, and which invoices do not count.

use crate::bad_inputs::{day, fix, world};
use crate::workflow::catalog;
use corridor::barter::{self, Balance};
use corridor::workflow::{Command, Workflow, date_text};
use money::{IRR, PKR};

fn invoice(
    w: &mut Workflow,
    id: &str,
    (debtor, creditor): (&str, &str),
    (amount, currency): (&str, &str),
    issued: u32,
) {
    let bank = |t: &str| w.trader(t).unwrap().bank.clone();
    let by = bank(creditor);
    w.execute(
        issued,
        &Command::SubmitObligation {
            id: id.into(),
            debtor: debtor.into(),
            creditor: creditor.into(),
            amount: amount.into(),
            currency: currency.into(),
            hs_code: Some("100630".into()),
            issued: date_text(issued),
            due: date_text(issued + 30),
            submitted_by: by,
        },
    )
    .unwrap();
}

fn act(w: &mut Workflow, id: &str, party: &str, action: &str) {
    let o = w.obligation(id).unwrap();
    let t = if party == "debtor" {
        o.debtor.clone()
    } else {
        o.creditor.clone()
    };
    let bank = w.trader(&t).unwrap().bank.clone();
    w.execute(
        day(),
        &Command::Act {
            obligation: id.into(),
            bank,
            action: action.into(),
        },
    )
    .unwrap();
}

/// The window ends on `until` = day() + 119, so it is [day(), day() + 119]: 120 days.
///
/// PK-A: exports E1 1,000.00 PKR (issued on the window's first day) and E2 4,163,850.00 IRR
/// (on its last day; 1,000.00 PKR at 4163.85); imports I1 1,000.00 and I1b 600.00 PKR
/// (disputed, still counts). Exports 2,000.00, imports 1,600.00: the gap 400.00 is exactly
/// 20 % of 2,000.00, so it is balanced. PK-B: exports 2,000.00, imports 1,599.99: 400.01 is
/// over 20 %: exports exceed. On the Iranian side, at the fix: IR-X imports 8,327,700.00 IRR
/// and exports 6,662,160.00 IRR, a gap of exactly 20 % (balanced); IR-Y imports 8,327,700.00
/// and exports 1,599.99 × 4163.85 = 6,662,118.3615 → 6,662,118.36 IRR, imports exceed.
#[test]
fn the_window_its_edges_the_tolerance_and_the_fix() {
    let mut w = Workflow::new(catalog());
    for c in world() {
        w.execute(day(), &c).unwrap();
    }
    let first = day();
    let until = day() + 119;
    // A fix after the window's end is not used.
    let mut late = fix(until + 1);
    if let Command::PublishRate { rate, .. } = &mut late {
        *rate = "5000".into();
    }
    w.execute(day(), &late).unwrap();
    let counted = [
        ("E1", ("IR-X", "PK-A"), ("1000.00", "PKR"), first),
        ("E2", ("IR-X", "PK-A"), ("4163850.00", "IRR"), until),
        ("I1", ("PK-A", "IR-X"), ("1000.00", "PKR"), first + 60),
        ("I1b", ("PK-A", "IR-X"), ("600.00", "PKR"), first + 61),
        ("E5", ("IR-Y", "PK-B"), ("2000.00", "PKR"), first + 10),
        ("I5", ("PK-B", "IR-Y"), ("1599.99", "PKR"), first + 11),
    ];
    for (id, parties, amount, issued) in counted {
        invoice(&mut w, id, parties, amount, issued);
        act(&mut w, id, "debtor", "accept");
    }
    act(&mut w, "I1b", "debtor", "dispute");
    // Not counted: outside the window on either side, not accepted, rejected, cancelled by
    // both banks, a dispute upheld, and domestic trade.
    let big = ("9999.00", "PKR");
    invoice(&mut w, "X-BEFORE", ("IR-X", "PK-A"), big, first - 1);
    act(&mut w, "X-BEFORE", "debtor", "accept");
    invoice(&mut w, "X-AFTER", ("IR-X", "PK-A"), big, until + 1);
    act(&mut w, "X-AFTER", "debtor", "accept");
    invoice(&mut w, "X-SUBMITTED", ("PK-A", "IR-X"), big, first + 5);
    invoice(&mut w, "X-REJECTED", ("PK-A", "IR-X"), big, first + 5);
    act(&mut w, "X-REJECTED", "debtor", "reject");
    invoice(&mut w, "X-CANCELLED", ("PK-A", "IR-X"), big, first + 5);
    act(&mut w, "X-CANCELLED", "debtor", "accept");
    act(&mut w, "X-CANCELLED", "creditor", "request_cancel");
    act(&mut w, "X-CANCELLED", "debtor", "confirm_cancel");
    invoice(&mut w, "X-UPHELD", ("PK-A", "IR-X"), big, first + 5);
    act(&mut w, "X-UPHELD", "debtor", "accept");
    act(&mut w, "X-UPHELD", "debtor", "dispute");
    act(&mut w, "X-UPHELD", "creditor", "uphold");
    invoice(&mut w, "X-DOMESTIC", ("PK-B", "PK-A"), big, first + 5);
    act(&mut w, "X-DOMESTIC", "debtor", "accept");

    let r = barter::report(&w, until, None).unwrap();
    assert_eq!((r.from, r.until, r.tolerance_percent), (first, until, 20));
    assert_eq!(until - r.from + 1, 120, "120 days, both ends included");
    assert_eq!(r.rate.unwrap().to_decimal_string(), "4163.85");
    let lines: Vec<(&str, money::Currency, i128, i128, usize, Balance)> = r
        .lines
        .iter()
        .map(|l| {
            (
                l.trader.as_str(),
                l.currency,
                l.exports,
                l.imports,
                l.invoices,
                l.balance.clone(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ("IR-X", IRR, 666_216_000, 832_770_000, 4, Balance::Balanced),
            (
                "IR-Y",
                IRR,
                666_211_836,
                832_770_000,
                2,
                Balance::ImportsExceed
            ),
            ("PK-A", PKR, 200_000, 160_000, 4, Balance::Balanced),
            ("PK-B", PKR, 200_000, 159_999, 2, Balance::ExportsExceed),
        ]
    );
    // One trader only.
    let one = barter::report(&w, until, Some("PK-B")).unwrap();
    assert_eq!(one.lines.len(), 1);
    assert_eq!(one.lines[0].trader, "PK-B");
    // A day later the first day leaves the window: E1 no longer counts, X-AFTER does, and
    // the newest fix in the window (1 PKR = 5000 IRR) values E2: 416,385,000 / 5000 = 83,277.
    let next = barter::report(&w, until + 1, Some("PK-A")).unwrap();
    assert_eq!(
        (next.lines[0].exports, next.lines[0].imports),
        (83_277 + 999_900, 160_000)
    );
    assert_eq!(
        next.rate.unwrap().to_decimal_string(),
        "5000",
        "the newest fix in the window"
    );
    let unknown = barter::report(&w, until, Some("PK-Q")).unwrap_err();
    assert_eq!(unknown.field, "trader");
    // With no fix inside the window a foreign-currency side cannot be valued: refused.
    let early = barter::report(&w, first - 1, None).unwrap_err();
    assert_eq!(early.field, "until");
    assert!(early.reason.contains("no rate fix"), "{early}");
}

/// A tolerance of 0 % balances only equal trade; 100 % balances anything.
#[test]
fn the_tolerance_is_exact_in_integers() {
    for (tolerance, exports, imports, expected) in [
        (0, "100.00", "100.00", Balance::Balanced),
        (0, "100.00", "99.99", Balance::ExportsExceed),
        (100, "100.00", "0.01", Balance::Balanced),
        (10, "100.00", "110.00", Balance::Balanced),
        (10, "100.00", "111.12", Balance::ImportsExceed),
    ] {
        let mut w = Workflow::new(catalog());
        let mut configure = world();
        if let Command::ConfigureCorridor {
            barter_tolerance_percent,
            ..
        } = &mut configure[0]
        {
            *barter_tolerance_percent = tolerance;
        }
        for c in configure {
            w.execute(day(), &c).unwrap();
        }
        invoice(&mut w, "E", ("IR-X", "PK-A"), (exports, "PKR"), day());
        act(&mut w, "E", "debtor", "accept");
        invoice(&mut w, "I", ("PK-A", "IR-X"), (imports, "PKR"), day());
        act(&mut w, "I", "debtor", "accept");
        let r = barter::report(&w, day(), Some("PK-A")).unwrap();
        assert_eq!(
            r.lines[0].balance, expected,
            "{tolerance} %: {exports} against {imports}"
        );
    }
}
