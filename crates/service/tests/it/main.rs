//! The service on a real SQLite store: commands journaled with their ledger events, refusals
//! writing nothing (every case of the workflow's bad-input table), replay on reopen giving the
//! same state, statements reconciling, and a crash in the middle of a cycle (`crash.rs`).

use corridor::workflow::{Command, date_text, parse_day};
use service::Service;

#[path = "../../../corridor/tests/it/bad_inputs.rs"]
mod bad_inputs;
mod crash;

fn day() -> u32 {
    parse_day("2026-11-23").unwrap()
}

fn scenario() -> Vec<Command> {
    let mut c = vec![Command::pk_ir("1000000.00")];
    for (bic, country, currency, funding) in [
        ("HABBPKKA", "PK", "PKR", "1000.00"),
        ("MELIIRTH", "IR", "IRR", "5000000.00"),
    ] {
        c.push(Command::RegisterBank {
            bic: bic.into(),
            name: bic.into(),
            country: country.into(),
            currency: currency.into(),
            net_debit_cap: "0".into(),
        });
        c.push(Command::FundBank {
            bic: bic.into(),
            amount: funding.into(),
        });
    }
    for (id, country, bank, tax) in [
        ("PK-A", "PK", "HABBPKKA", "1234567".to_string()),
        ("PK-B", "PK", "HABBPKKA", "7654321".to_string()),
        (
            "IR-X",
            "IR",
            "MELIIRTH",
            corridor::participants::iran_national_id(7),
        ),
    ] {
        c.push(Command::RegisterTrader {
            id: id.into(),
            legal_name: id.into(),
            original_name: None,
            tax_id: tax,
            country: country.into(),
            bank: bank.into(),
        });
    }
    c.push(Command::PublishRate {
        value_date: date_text(day()),
        rate: "4163.85".into(),
        valid_from: date_text(day()),
        valid_to: date_text(day()),
        source: "test".into(),
    });
    // A imports from X (cross-border), X's counterpart in Pakistan B buys from A (domestic).
    for (id, debtor, creditor, amount, currency, by) in [
        ("I1", "PK-A", "IR-X", "300.00", "PKR", "MELIIRTH"),
        ("I2", "PK-B", "PK-A", "200.00", "PKR", "HABBPKKA"),
    ] {
        c.push(Command::SubmitObligation {
            id: id.into(),
            debtor: debtor.into(),
            creditor: creditor.into(),
            amount: amount.into(),
            currency: currency.into(),
            hs_code: Some("100630".into()),
            issued: date_text(day()),
            due: date_text(day()),
            submitted_by: by.into(),
        });
        c.push(Command::Act {
            obligation: id.into(),
            bank: if debtor.starts_with("PK") {
                "HABBPKKA"
            } else {
                "MELIIRTH"
            }
            .into(),
            action: "accept".into(),
        });
    }
    c.push(Command::RunCycle {
        value_date: date_text(day()),
        ledger_balances: Default::default(),
    });
    c
}

#[test]
fn commands_are_journaled_refusals_write_nothing_and_replay_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::open(dir.path()).unwrap();
    for (k, outcome) in service
        .execute_batch(day(), scenario())
        .unwrap()
        .into_iter()
        .enumerate()
    {
        assert!(outcome.is_ok(), "command {k}: {outcome:?}");
    }
    let head = service.engine().recovered().head_seq;
    let records = journal_records(dir.path());
    assert_eq!(records, 14, "one record per command");
    // A refusal: nothing journaled, nothing changed.
    let refused = service
        .execute(
            day(),
            Command::FundBank {
                bic: "HABBPKKA".into(),
                amount: "-1".into(),
            },
        )
        .unwrap();
    assert_eq!(refused.unwrap_err().field, "amount");
    assert_eq!(journal_records(dir.path()), records);
    let state = service.with(|w| format!("{:?} {:?}", w.obligations(), w.cycles()));
    let cycle = service.with(|w| w.cycles()[0].clone());
    // HBL: funded 1000.00, pays 100.00 net (A owes 300 abroad, B owes A 200 at home).
    let statement = service
        .statement("HABBPKKA", day(), day())
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            statement.opening,
            statement.closing,
            statement.ledger_balance
        ),
        (0, 100_000 - 30_000, 70_000)
    );
    assert_eq!(statement.entries.len(), 2);
    assert_eq!(cycle.figures[&money::PKR].settled, 50_000);
    service.shutdown();
    assert_eq!(head, 0);

    let service = Service::open(dir.path()).unwrap();
    assert_eq!(service.opened().commands_replayed, records as usize);
    assert_eq!(
        service.with(|w| format!("{:?} {:?}", w.obligations(), w.cycles())),
        state
    );
    // The JSON report keeps amounts as decimal strings with their currency.
    let json = service.with(|w| service::report::cycle(w, &w.cycles()[0]));
    assert_eq!(json["currencies"]["PKR"]["settled"]["amount"], "500.00");
    assert_eq!(json["currencies"]["PKR"]["positions_sum"]["amount"], "0.00");
    // The payment instructions: A's import paid by HBL in PKR and credited to Melli in IRR at
    // the fix (300.00 × 4163.85 = 1,249,155.00); B's domestic purchase within HBL.
    assert_eq!(
        json["payment_instructions"],
        serde_json::json!([
            {"obligation": "I1", "paying_bank": "HABBPKKA", "pay": {"amount": "300.00", "currency": "PKR"},
             "receiving_bank": "MELIIRTH", "receive": {"amount": "1249155.00", "currency": "IRR"}, "cross_border": true},
            {"obligation": "I2", "paying_bank": "HABBPKKA", "pay": {"amount": "200.00", "currency": "PKR"},
             "receiving_bank": "HABBPKKA", "receive": {"amount": "200.00", "currency": "PKR"}, "cross_border": false},
        ])
    );
    // In total (PKR): 500.00 gross, all of it settled; 300.00 crossed from Pakistan to Iran,
    // which is the imbalance the central banks now carry.
    let total = &json["total_in_base_currency"];
    assert_eq!(total["gross"]["amount"], "500.00");
    assert_eq!(total["settled"]["amount"], "500.00");
    assert_eq!(total["cross_border_submitted"]["amount"], "300.00");
    assert_eq!(total["crossed"]["amount"], "300.00");
    assert_eq!(
        total["crossed_direction"],
        "from the PKR side to the IRR side"
    );
    assert_eq!(total["crossed_percent_of_cross_border_submitted"], "100.00");
    assert_eq!(total["imbalance_after"]["amount"], "300.00");
    let s = service
        .statement("HABBPKKA", day(), day())
        .unwrap()
        .unwrap();
    assert!(s.reconciles());
    assert_eq!(
        service::report::statement("HABBPKKA", &s)["reconciled"],
        true
    );
    // A statement whose figures do not add up says so.
    let broken = corridor::statement::Statement {
        closing: s.closing + 1,
        ..s
    };
    assert!(!broken.reconciles());
    assert_eq!(
        service::report::statement("HABBPKKA", &broken)["reconciled"],
        false
    );
    service.shutdown();
    let report = engine::verify(dir.path()).unwrap();
    assert_eq!(report.command_records, records);
}

/// Records in the journal, read by `verify` beside the running service (WAL allows a reader).
fn journal_records(dir: &std::path::Path) -> u64 {
    engine::verify(dir).unwrap().records
}

/// Every case of the workflow's bad-input table, through the service: refused with its field,
/// nothing journaled, nothing changed, and the store still verifies.
#[test]
fn every_bad_input_is_refused_and_nothing_is_journaled() {
    let dir = tempfile::tempdir().unwrap();
    let service = Service::open(dir.path()).unwrap();
    let mut world = bad_inputs::world();
    world.push(bad_inputs::first_invoice());
    for outcome in service.execute_batch(bad_inputs::day(), world).unwrap() {
        outcome.unwrap();
    }
    let records = journal_records(dir.path());
    let state = |s: &Service| {
        s.with(|w| {
            format!(
                "{:?} {:?} {:?} {:?} {:?}",
                w.config(),
                w.banks().collect::<Vec<_>>(),
                w.traders().collect::<Vec<_>>(),
                w.obligations(),
                w.cycles()
            )
        })
    };
    let before = state(&service);
    let balances = service.balances().unwrap();
    let mut checked = 0;
    for (what, command, field, reason) in bad_inputs::cases() {
        if matches!(&command, Command::RunCycle { ledger_balances, .. } if !ledger_balances.is_empty())
        {
            // The service reads the balances from the ledger itself: a caller's are replaced.
            continue;
        }
        let refusal = service
            .execute(bad_inputs::day(), command)
            .unwrap()
            .expect_err(what);
        assert_eq!(refusal.field, field, "{what}: {refusal}");
        assert!(refusal.reason.contains(reason), "{what}: {refusal}");
        assert_eq!(journal_records(dir.path()), records, "{what}: journaled");
        assert_eq!(state(&service), before, "{what}: the state changed");
        checked += 1;
    }
    assert_eq!(checked, bad_inputs::cases().len() - 1);
    assert_eq!(service.balances().unwrap(), balances);
    service.shutdown();
    let service = Service::open(dir.path()).unwrap();
    assert_eq!(state(&service), before, "replayed");
    service.shutdown();
    engine::verify(dir.path()).unwrap();
}
