//! Data-driven state-machine tests (TigerBeetle's `state_machine_tests` style).
//!
//! One event per line, expected result after `=>`. Each line is its own batch unless lines are
//! wrapped in `begin` / `end`, which makes them one batch (for linked chains). Batches are one
//! second apart; `tick N` moves the clock N seconds, `clock NS` sets it. `check A1 dpe=.. dpo=..
//! cpe=.. cpo=..` checks balances, `closed A1` / `open A1` the closed flag, `missing T1` that an
//! id does not exist. Ids: `A<n>` accounts, `T<n>` transfers, `0` and `max` allowed
//! (`A0`, `Tmax`). Amounts: a number, `max`, or `max-N`.
//!
//! `account A<id> [ledger=586] [code=1] [flags=a,b] [ud128= ud64= ud32=] [dpe= dpo= cpe= cpo=] [ts=]`
//! `transfer T<id> A<debit> A<credit> <amount> [ledger=586] [code=1] [flags=..] [timeout=]
//!  [pending=T<id>] [ud128= ud64= ud32=] [ref=text] [ts=]`
//!
//! After every batch the ledger invariants are checked, and a test proves that every result code
//! of both enums appears in the table.

use ledger::{
    Account, AccountFlags, CreateAccountResult, CreateTransferResult, Ledger, Reference, Transfer,
    TransferFlags,
};

const TABLE: &str = r#"
# --- accounts -----------------------------------------------------------------------------
account A1 => ok
account A2 => ok
account A3 ledger=364 => ok
account A4 flags=debits_must_not_exceed_credits => ok
account A5 flags=credits_must_not_exceed_debits => ok
account A6 flags=history => ok
account A7 => ok
account A8 => ok
account A1 => exists
account A1 flags=history => exists_with_different_flags
account A1 ud128=5 => exists_with_different_user_data_128
account A1 ud64=5 => exists_with_different_user_data_64
account A1 ud32=5 => exists_with_different_user_data_32
account A1 ledger=364 => exists_with_different_ledger
account A1 code=2 => exists_with_different_code
account A9 ts=5 => timestamp_must_be_zero
account A9 flags=0x8000 => reserved_flag
account A0 => id_must_not_be_zero
account Amax => id_must_not_be_int_max
account A9 flags=debits_must_not_exceed_credits,credits_must_not_exceed_debits => flags_are_mutually_exclusive
account A9 dpe=1 => debits_pending_must_be_zero
account A9 dpo=1 => debits_posted_must_be_zero
account A9 cpe=1 => credits_pending_must_be_zero
account A9 cpo=1 => credits_posted_must_be_zero
account A9 ledger=0 => ledger_must_not_be_zero
account A9 code=0 => code_must_not_be_zero
missing A9
# a failing chain takes back the accounts it created
begin
account A10 flags=linked => linked_event_failed
account A11 ledger=0 => ledger_must_not_be_zero
account A12 => ok
end
missing A10
begin
account A13 flags=linked => linked_event_failed
account A14 flags=linked => linked_event_chain_open
end
missing A13
# retrying a whole chain that exists identically answers exists for every event
begin
account A20 flags=linked => ok
account A21 => ok
end
begin
account A20 flags=linked => exists
account A21 => exists
end
# ... but a chain that only partly exists fails as usual
begin
account A20 flags=linked => exists
account A22 => linked_event_failed
end
missing A22

# --- transfers: validation ----------------------------------------------------------------
transfer T1 A1 A2 100 => ok
check A1 dpe=0 dpo=100 cpe=0 cpo=0
check A2 dpe=0 dpo=0 cpe=0 cpo=100
transfer T2 A1 A2 1 ts=9 => timestamp_must_be_zero
transfer T2 A1 A2 1 flags=0x8000 => reserved_flag
transfer T0 A1 A2 1 => id_must_not_be_zero
transfer Tmax A1 A2 1 => id_must_not_be_int_max
transfer T2 A1 A2 1 flags=post_pending_transfer,void_pending_transfer pending=T1 => flags_are_mutually_exclusive
transfer T2 A1 A2 1 flags=pending,post_pending_transfer pending=T1 => flags_are_mutually_exclusive
transfer T2 A1 A2 1 flags=closing_debit => flags_are_mutually_exclusive
transfer T2 A0 A2 1 => debit_account_id_must_not_be_zero
transfer T2 Amax A2 1 => debit_account_id_must_not_be_int_max
transfer T2 A1 A0 1 => credit_account_id_must_not_be_zero
transfer T2 A1 Amax 1 => credit_account_id_must_not_be_int_max
transfer T2 A1 A1 1 => accounts_must_be_different
transfer T2 A1 A2 1 pending=T1 => pending_id_must_be_zero
transfer T2 A1 A2 1 timeout=5 => timeout_reserved_for_pending_transfer
transfer T2 A1 A2 0 => amount_must_not_be_zero
transfer T2 A1 A2 1 ledger=0 => ledger_must_not_be_zero
transfer T2 A1 A2 1 code=0 => code_must_not_be_zero
transfer T2 A99 A2 1 => debit_account_not_found
transfer T2 A1 A99 1 => credit_account_not_found
transfer T2 A1 A3 1 => accounts_must_have_the_same_ledger
transfer T2 A1 A2 1 ledger=364 => transfer_must_have_the_same_ledger_as_accounts
missing T2

# --- idempotency comes first ---------------------------------------------------------------
transfer T1 A1 A2 100 => exists
transfer T1 A1 A2 100 flags=pending => exists_with_different_flags
transfer T1 A7 A2 100 => exists_with_different_debit_account_id
transfer T1 A1 A7 100 => exists_with_different_credit_account_id
transfer T1 A1 A2 101 => exists_with_different_amount
transfer T1 A1 A2 100 ud128=1 => exists_with_different_user_data_128
transfer T1 A1 A2 100 ud64=1 => exists_with_different_user_data_64
transfer T1 A1 A2 100 ud32=1 => exists_with_different_user_data_32
transfer T1 A1 A2 100 ledger=364 => exists_with_different_ledger
transfer T1 A1 A2 100 code=2 => exists_with_different_code
transfer T1 A1 A2 100 ref=INV-1 => exists_with_different_reference
transfer T3 A1 A2 5 flags=pending timeout=60 ref=INV-3 => ok
transfer T3 A1 A2 5 flags=pending timeout=61 ref=INV-3 => exists_with_different_timeout
transfer T3 A1 A2 5 flags=pending timeout=60 ref=INV-3 => exists
transfer T4 A1 A2 5 flags=post_pending_transfer pending=T3 => ok
transfer T4 A1 A2 5 flags=post_pending_transfer pending=T1 => exists_with_different_pending_id
transfer T4 A0 A0 0 flags=post_pending_transfer pending=T3 ledger=0 code=0 => exists
check A1 dpe=0 dpo=105 cpe=0 cpo=0
check A2 dpe=0 dpo=0 cpe=0 cpo=105

# --- two-phase -----------------------------------------------------------------------------
transfer T10 A1 A2 50 flags=pending => ok
check A1 dpe=50 dpo=105 cpe=0 cpo=0
transfer T11 A0 A0 0 flags=post_pending_transfer => pending_id_must_not_be_zero
transfer T11 A0 A0 0 flags=post_pending_transfer pending=Tmax => pending_id_must_not_be_int_max
transfer T11 A0 A0 0 flags=post_pending_transfer pending=T11 => pending_id_must_be_different
transfer T11 A0 A0 0 flags=post_pending_transfer pending=T10 timeout=1 => timeout_reserved_for_pending_transfer
transfer T11 A0 A0 0 flags=post_pending_transfer pending=T999 => pending_transfer_not_found
transfer T11 A0 A0 0 flags=post_pending_transfer pending=T1 => pending_transfer_not_pending
transfer T11 A7 A0 0 flags=post_pending_transfer pending=T10 => pending_transfer_has_different_debit_account_id
transfer T11 A0 A7 0 flags=post_pending_transfer pending=T10 => pending_transfer_has_different_credit_account_id
transfer T11 A0 A0 0 flags=post_pending_transfer pending=T10 ledger=364 => pending_transfer_has_different_ledger
transfer T11 A0 A0 0 flags=post_pending_transfer pending=T10 code=2 => pending_transfer_has_different_code
transfer T11 A0 A0 51 flags=post_pending_transfer pending=T10 => exceeds_pending_transfer_amount
transfer T11 A0 A0 7 flags=void_pending_transfer pending=T10 => pending_transfer_has_different_amount
# partial post: 30 of 50 posted, 20 released
transfer T11 A0 A0 30 flags=post_pending_transfer pending=T10 => ok
check A1 dpe=0 dpo=135 cpe=0 cpo=0
transfer T12 A0 A0 0 flags=post_pending_transfer pending=T10 => pending_transfer_already_posted
transfer T13 A1 A2 9 flags=pending => ok
transfer T14 A0 A0 9 flags=void_pending_transfer pending=T13 => ok
transfer T15 A0 A0 0 flags=void_pending_transfer pending=T13 => pending_transfer_already_voided
# timeouts are driven by the batch time
transfer T16 A1 A2 4 flags=pending timeout=10 => ok
check A1 dpe=4 dpo=135 cpe=0 cpo=0
tick 11
# nothing expires until a batch brings the time
check A1 dpe=4 dpo=135 cpe=0 cpo=0
transfer T17 A0 A0 0 flags=post_pending_transfer pending=T16 => pending_transfer_expired
check A1 dpe=0 dpo=135 cpe=0 cpo=0

# --- limits and balancing -----------------------------------------------------------------
transfer T20 A4 A1 1 => exceeds_credits
transfer T21 A1 A5 1 => exceeds_debits
transfer T22 A1 A4 10 => ok
transfer T23 A4 A1 10 flags=pending => ok
transfer T24 A4 A1 1 => exceeds_credits
transfer T25 A0 A0 0 flags=void_pending_transfer pending=T23 => ok
transfer T26 A4 A1 100 flags=balancing_debit => ok
stored T26 amount=10
check A4 dpe=0 dpo=10 cpe=0 cpo=10
transfer T27 A4 A1 0 flags=balancing_debit => ok
stored T27 amount=0
transfer T28 A5 A1 4 => ok
transfer T29 A1 A5 100 flags=balancing_credit => ok
stored T29 amount=4

# --- linked chains -------------------------------------------------------------------------
begin
transfer T30 A1 A2 1 flags=linked => linked_event_failed
transfer T31 A4 A1 1 flags=linked => exceeds_credits
transfer T32 A1 A2 1 => linked_event_failed
transfer T33 A1 A2 1 => ok
end
missing T30
missing T32
check A1 dpe=0 dpo=150 cpe=0 cpo=14
begin
transfer T34 A1 A2 1 flags=linked => ok
transfer T35 A2 A1 1 => ok
end
begin
transfer T34 A1 A2 1 flags=linked => exists
transfer T35 A2 A1 1 => exists
end
begin
transfer T36 A1 A2 1 flags=linked => linked_event_failed
transfer T37 A2 A1 1 flags=linked => linked_event_chain_open
end
missing T36
begin
transfer T38 A1 A2 1 flags=linked,pending => linked_event_failed
transfer T39 A0 A0 0 flags=post_pending_transfer,linked pending=T38 => linked_event_failed
transfer T40 A1 A99 1 => credit_account_not_found
end
missing T38

# --- closing -------------------------------------------------------------------------------
transfer T50 A7 A8 1 flags=pending,closing_debit => ok
closed A7
transfer T51 A7 A2 1 => debit_account_already_closed
transfer T52 A2 A7 1 => credit_account_already_closed
transfer T53 A0 A0 0 flags=void_pending_transfer pending=T50 => ok
open A7
transfer T54 A7 A2 1 => ok

# --- u128 edges ---------------------------------------------------------------------------
account A60 => ok
account A61 => ok
account A62 => ok
account A63 => ok
transfer T60 A60 A61 max => ok
transfer T61 A60 A62 1 => overflows_debits_posted
transfer T62 A63 A61 1 => overflows_credits_posted
check A60 dpe=0 dpo=max cpe=0 cpo=0
account A64 => ok
account A65 => ok
account A66 => ok
transfer T63 A64 A65 max flags=pending => ok
transfer T64 A64 A66 1 flags=pending => overflows_debits_pending
transfer T65 A66 A65 1 flags=pending => overflows_credits_pending
account A67 => ok
account A68 => ok
account A69 => ok
transfer T66 A67 A68 max-5 => ok
transfer T67 A67 A69 6 flags=pending => overflows_debits
transfer T68 A67 A69 5 flags=pending => ok
transfer T69 A69 A68 6 flags=pending => overflows_credits
transfer T70 A69 A68 5 flags=pending => ok
check A67 dpe=5 dpo=max-5 cpe=0 cpo=0
check A68 dpe=0 dpo=0 cpe=5 cpo=max-5
clock 15000000000000000000
transfer T71 A1 A2 1 flags=pending timeout=4294967295 => overflows_timeout
transfer T72 A1 A2 1 flags=pending timeout=1 => ok
"#;

#[derive(Default)]
struct Run {
    ledger: Ledger,
    clock: u64,
    seen_accounts: Vec<CreateAccountResult>,
    seen_transfers: Vec<CreateTransferResult>,
}

fn id(token: &str, prefix: char, line: &str) -> u128 {
    let rest = token
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{line}: expected {prefix}<id>, got {token}"));
    if rest == "max" {
        u128::MAX
    } else {
        rest.parse()
            .unwrap_or_else(|_| panic!("{line}: bad id {token}"))
    }
}

fn amount(token: &str, line: &str) -> u128 {
    if token == "max" {
        return u128::MAX;
    }
    if let Some(minus) = token.strip_prefix("max-") {
        return u128::MAX - minus.parse::<u128>().unwrap();
    }
    token
        .parse()
        .unwrap_or_else(|_| panic!("{line}: bad amount {token}"))
}

fn account_flags(text: &str) -> AccountFlags {
    text.split(',').fold(AccountFlags::NONE, |acc, f| {
        acc | match f {
            "linked" => AccountFlags::LINKED,
            "debits_must_not_exceed_credits" => AccountFlags::DEBITS_MUST_NOT_EXCEED_CREDITS,
            "credits_must_not_exceed_debits" => AccountFlags::CREDITS_MUST_NOT_EXCEED_DEBITS,
            "history" => AccountFlags::HISTORY,
            "closed" => AccountFlags::CLOSED,
            raw => {
                AccountFlags(u16::from_str_radix(raw.trim_start_matches("0x"), 16).expect("flag"))
            }
        }
    })
}

fn transfer_flags(text: &str) -> TransferFlags {
    text.split(',').fold(TransferFlags::NONE, |acc, f| {
        acc | match f {
            "linked" => TransferFlags::LINKED,
            "pending" => TransferFlags::PENDING,
            "post_pending_transfer" => TransferFlags::POST_PENDING_TRANSFER,
            "void_pending_transfer" => TransferFlags::VOID_PENDING_TRANSFER,
            "balancing_debit" => TransferFlags::BALANCING_DEBIT,
            "balancing_credit" => TransferFlags::BALANCING_CREDIT,
            "closing_debit" => TransferFlags::CLOSING_DEBIT,
            "closing_credit" => TransferFlags::CLOSING_CREDIT,
            raw => {
                TransferFlags(u16::from_str_radix(raw.trim_start_matches("0x"), 16).expect("flag"))
            }
        }
    })
}

enum Event {
    Account(Account, CreateAccountResult),
    Transfer(Transfer, CreateTransferResult),
}

fn parse_event(line: &str) -> Event {
    let (event, expected) = line
        .split_once("=>")
        .unwrap_or_else(|| panic!("{line}: missing =>"));
    let expected = expected.trim();
    let mut words = event.split_whitespace();
    let kind = words.next().unwrap();
    let options: Vec<(&str, &str)> = event
        .split_whitespace()
        .filter_map(|w| w.split_once('='))
        .collect();
    let option = |key: &str| options.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let number = |key: &str, default: u128| option(key).map_or(default, |v| amount(v, line));
    match kind {
        "account" => {
            let account = Account {
                id: id(words.next().unwrap(), 'A', line),
                ledger: number("ledger", 586) as u32,
                code: number("code", 1) as u16,
                flags: option("flags").map_or(AccountFlags::NONE, account_flags),
                user_data_128: number("ud128", 0),
                user_data_64: number("ud64", 0) as u64,
                user_data_32: number("ud32", 0) as u32,
                debits_pending: number("dpe", 0),
                debits_posted: number("dpo", 0),
                credits_pending: number("cpe", 0),
                credits_posted: number("cpo", 0),
                timestamp: number("ts", 0) as u64,
            };
            let result = CreateAccountResult::from_name(expected)
                .unwrap_or_else(|| panic!("{line}: unknown result"));
            Event::Account(account, result)
        }
        "transfer" => {
            let transfer = Transfer {
                id: id(words.next().unwrap(), 'T', line),
                debit_account_id: id(words.next().unwrap(), 'A', line),
                credit_account_id: id(words.next().unwrap(), 'A', line),
                amount: amount(words.next().unwrap(), line),
                ledger: number("ledger", 586) as u32,
                code: number("code", 1) as u16,
                flags: option("flags").map_or(TransferFlags::NONE, transfer_flags),
                timeout: number("timeout", 0) as u32,
                pending_id: option("pending").map_or(0, |p| id(p, 'T', line)),
                user_data_128: number("ud128", 0),
                user_data_64: number("ud64", 0) as u64,
                user_data_32: number("ud32", 0) as u32,
                reference: Reference::new(option("ref").unwrap_or("")).unwrap(),
                timestamp: number("ts", 0) as u64,
            };
            let result = CreateTransferResult::from_name(expected)
                .unwrap_or_else(|| panic!("{line}: unknown result"));
            Event::Transfer(transfer, result)
        }
        other => panic!("{line}: unknown event kind {other}"),
    }
}

impl Run {
    fn apply(&mut self, batch: Vec<(String, Event)>) {
        self.clock += 1_000_000_000;
        let lines: Vec<&String> = batch.iter().map(|(l, _)| l).collect();
        let accounts: Vec<(Account, CreateAccountResult)> = batch
            .iter()
            .filter_map(|(_, e)| match e {
                Event::Account(a, r) => Some((a.clone(), *r)),
                Event::Transfer(..) => None,
            })
            .collect();
        let transfers: Vec<(Transfer, CreateTransferResult)> = batch
            .iter()
            .filter_map(|(_, e)| match e {
                Event::Transfer(t, r) => Some((t.clone(), *r)),
                Event::Account(..) => None,
            })
            .collect();
        assert!(
            accounts.is_empty() || transfers.is_empty(),
            "{lines:?}: one kind per batch"
        );
        if !accounts.is_empty() {
            let events: Vec<Account> = accounts.iter().map(|(a, _)| a.clone()).collect();
            let results = self.ledger.create_accounts(self.clock, &events);
            for ((line, (_, expected)), actual) in lines.iter().zip(&accounts).zip(&results) {
                assert_eq!(actual, expected, "{line}");
            }
            self.seen_accounts.extend(results);
        } else {
            let events: Vec<Transfer> = transfers.iter().map(|(t, _)| t.clone()).collect();
            let results = self.ledger.create_transfers(self.clock, &events);
            for ((line, (_, expected)), actual) in lines.iter().zip(&transfers).zip(&results) {
                assert_eq!(actual, expected, "{line}");
            }
            self.seen_transfers.extend(results);
        }
        self.clock = self.clock.max(self.ledger.last_timestamp());
        self.ledger
            .check_invariants()
            .unwrap_or_else(|e| panic!("after {lines:?}: {e}"));
    }

    fn directive(&mut self, line: &str) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let value = |key: &str| {
            words
                .iter()
                .find_map(|w| w.strip_prefix(&format!("{key}=")))
                .map(|v| amount(v, line))
        };
        match words[0] {
            "tick" => self.clock += words[1].parse::<u64>().unwrap() * 1_000_000_000,
            "clock" => self.clock = words[1].parse().unwrap(),
            "check" => {
                let a = self
                    .ledger
                    .account(id(words[1], 'A', line))
                    .unwrap_or_else(|| panic!("{line}: no account"));
                let actual = [
                    a.debits_pending,
                    a.debits_posted,
                    a.credits_pending,
                    a.credits_posted,
                ];
                let expected = ["dpe", "dpo", "cpe", "cpo"].map(|k| value(k).unwrap());
                assert_eq!(actual, expected, "{line}");
            }
            "closed" | "open" => {
                let a = self.ledger.account(id(words[1], 'A', line)).unwrap();
                assert_eq!(
                    a.flags.contains(AccountFlags::CLOSED),
                    words[0] == "closed",
                    "{line}"
                );
            }
            "missing" => {
                let n = words[1];
                let gone = if n.starts_with('A') {
                    self.ledger.account(id(n, 'A', line)).is_none()
                } else {
                    self.ledger.transfer(id(n, 'T', line)).is_none()
                };
                assert!(gone, "{line}: exists");
            }
            "stored" => {
                let t = self.ledger.transfer(id(words[1], 'T', line)).unwrap();
                assert_eq!(t.amount, value("amount").unwrap(), "{line}");
            }
            other => panic!("{line}: unknown directive {other}"),
        }
    }
}

fn run_table(table: &str) -> Run {
    let mut run = Run::default();
    let mut open: Option<Vec<(String, Event)>> = None;
    for raw in table.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line {
            "begin" => open = Some(Vec::new()),
            "end" => run.apply(open.take().expect("end without begin")),
            _ if line.contains("=>") => match &mut open {
                Some(batch) => batch.push((line.to_string(), parse_event(line))),
                None => run.apply(vec![(line.to_string(), parse_event(line))]),
            },
            _ => run.directive(line),
        }
    }
    run
}

#[test]
fn state_machine_table() {
    run_table(TABLE);
}

#[test]
fn table_covers_every_result_code() {
    let run = run_table(TABLE);
    let missing_accounts: Vec<_> = CreateAccountResult::ALL
        .iter()
        .filter(|r| !run.seen_accounts.contains(r))
        .collect();
    let missing_transfers: Vec<_> = CreateTransferResult::ALL
        .iter()
        .filter(|r| !run.seen_transfers.contains(r))
        .collect();
    assert!(
        missing_accounts.is_empty(),
        "account results never produced: {missing_accounts:?}"
    );
    assert!(
        missing_transfers.is_empty(),
        "transfer results never produced: {missing_transfers:?}"
    );
}

#[test]
fn history_and_account_transfers() {
    let run = run_table(
        "account A1 => ok\naccount A2 flags=history => ok\n\
         transfer T1 A1 A2 10 => ok\ntransfer T2 A1 A2 5 flags=pending => ok\n\
         transfer T3 A2 A1 3 => ok\n",
    );
    let filter = |reversed| ledger::AccountFilter {
        account_id: 2,
        timestamp_min: 0,
        timestamp_max: 0,
        limit: 10,
        debits: true,
        credits: true,
        reversed,
    };
    let ids: Vec<u128> = run
        .ledger
        .account_transfers(&filter(false))
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, vec![1, 2, 3]);
    let ids: Vec<u128> = run
        .ledger
        .account_transfers(&filter(true))
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, vec![3, 2, 1]);
    let only_debits = ledger::AccountFilter {
        credits: false,
        ..filter(false)
    };
    let ids: Vec<u128> = run
        .ledger
        .account_transfers(&only_debits)
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, vec![3]);
    let balances = run.ledger.account_balances(&filter(false));
    let posted: Vec<(u128, u128, u128)> = balances
        .iter()
        .map(|b| (b.credits_posted, b.credits_pending, b.debits_posted))
        .collect();
    assert_eq!(posted, vec![(10, 0, 0), (10, 5, 0), (10, 5, 3)]);
    assert!(
        run.ledger
            .account_balances(&ledger::AccountFilter {
                account_id: 1,
                ..filter(false)
            })
            .is_empty()
    );
    let t2 = run.ledger.transfer(2).unwrap().timestamp;
    let ranged = ledger::AccountFilter {
        timestamp_min: t2,
        timestamp_max: t2,
        ..filter(false)
    };
    assert_eq!(run.ledger.account_transfers(&ranged).len(), 1);
}

#[test]
fn snapshot_round_trip() {
    let run = run_table(TABLE);
    let mut bytes = Vec::new();
    run.ledger.encode_snapshot(&mut bytes);
    let decoded = Ledger::decode_snapshot(&bytes).unwrap();
    let mut again = Vec::new();
    decoded.encode_snapshot(&mut again);
    assert_eq!(bytes, again);
    assert_eq!(
        decoded.accounts().collect::<Vec<_>>(),
        run.ledger.accounts().collect::<Vec<_>>()
    );
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            Ledger::decode_snapshot(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut corrupt = bytes.clone();
    corrupt[0] = 99;
    assert!(
        Ledger::decode_snapshot(&corrupt)
            .unwrap_err()
            .contains("version")
    );
    for position in (0..bytes.len()).step_by(7) {
        let mut flipped = bytes.clone();
        flipped[position] ^= 0x5a;
        let _ = Ledger::decode_snapshot(&flipped);
    }
}

#[test]
fn reference_is_bounded() {
    assert!(Reference::new(&"x".repeat(64)).is_ok());
    let error = Reference::new(&"x".repeat(65)).unwrap_err().to_string();
    assert!(
        error.contains("65 bytes") && error.contains("64"),
        "{error}"
    );
    assert_eq!(Reference::new("").unwrap(), Reference::default());
}
