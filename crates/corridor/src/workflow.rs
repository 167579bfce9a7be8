//! The corridor's state and the commands that change it: a pure, deterministic state machine.
//!
//! A [`Command`] is what a central bank, a bank or the operator asks for (configure the corridor,
//! register a bank or a trader, fund a bank, publish a rate fix, submit an obligation, act on
//! it, run a clearing cycle). Executing one is two steps:
//!
//! 1. [`Workflow::prepare`] checks it against the state and computes its whole effect — the
//!    ledger accounts and transfers it needs and the change to the domain state — **without
//!    changing anything**. A refusal names the field and the reason.
//! 2. [`Workflow::commit`] applies the prepared change (infallible), once the shell has made the
//!    command and its ledger events durable as one journal record.
//!
//! Replay runs the same two steps on the journaled commands and checks that each produces the
//! ledger events it produced the first time. `today` always arrives with the command (no clock
//! here), so the same commands give the same state, byte for byte.
//!
//! Ledger layout (ledger = the currency's ISO 4217 number): per side *k* (0, 1) of the corridor,
//! the central bank's issue account `1000(k+1)+1`, clearing account `+2`, corridor account `+3`
//! and residue account `+4`; banks' settlement accounts from [`BANK_ACCOUNT_BASE`] up, in
//! registration order. Transfer ids count up from 1.

use crate::Refusal;
use crate::cycle::{self, Bank as CycleBank, CurrencyAccounts, CycleInput, Figures, SwapLine};
use crate::hs::{HsCatalog, HsPolicy, Rule, Verdict};
use crate::lifecycle::{Action, Actor, Obligation};
use crate::participants::{check_bic, check_country, check_id, check_name, check_tax_id};
use crate::rates::{RateFix, RateFixes};
use clearing::{AMOUNT_MAX, Builder, Corridor, Row, parse_date};
use ledger::{Account, AccountFlags, Transfer};
use money::{Currency, Rate, format_minor, parse_minor};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// First bank settlement account id.
pub const BANK_ACCOUNT_BASE: u128 = 10_000;
/// Most banks in a corridor. A cycle's settlement is one batch with one transfer per account
/// whose position is not zero: every bank, the two corridor accounts and a residue account, so
/// the limit leaves room for those within [`ledger::BATCH_MAX`].
pub const BANKS_MAX: usize = 8_000;
/// Accounts of the central banks that can take part in a settlement besides the banks.
pub const SETTLEMENT_CENTRAL_ACCOUNTS_MAX: usize = 4;
const _: () = assert!(BANKS_MAX + SETTLEMENT_CENTRAL_ACCOUNTS_MAX <= ledger::BATCH_MAX);
/// Most traders in a corridor.
pub const TRADERS_MAX: usize = 10_000_000;
/// Most obligations kept in one workflow.
pub const OBLIGATIONS_MAX: usize = 50_000_000;
/// How old an invoice may be when it is submitted: its issue date is at most this many days
/// before the day of submission (and never after it).
pub const INVOICE_AGE_MAX_DAYS: u32 = 365;
/// The longest credit term: an invoice is due at most this many days after its issue date.
pub const CREDIT_DAYS_MAX: u32 = 365;
/// The barter window's defaults (Pakistan's SRO 642(I)/2023 as amended: 120 days, 20 %), used
/// when `configure_corridor` does not name them.
pub const BARTER_WINDOW_DAYS_DEFAULT: u32 = 120;
pub const BARTER_TOLERANCE_PERCENT_DEFAULT: u32 = 20;

fn barter_window_days_default() -> u32 {
    BARTER_WINDOW_DAYS_DEFAULT
}

fn barter_tolerance_percent_default() -> u32 {
    BARTER_TOLERANCE_PERCENT_DEFAULT
}

/// Ledger `code`s of the corridor's accounts and transfers.
pub mod codes {
    pub const ISSUE: u16 = 1;
    pub const CORRIDOR: u16 = 2;
    pub const CLEARING: u16 = 3;
    pub const BANK: u16 = 4;
    pub const RESIDUE: u16 = 5;
    /// Transfers: a central bank funds a bank's settlement account.
    pub const FUNDING: u16 = 1;
    /// Transfers: a clearing cycle's settlement.
    pub const SETTLEMENT: u16 = 2;
}

/// One country of a corridor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideSpec {
    /// ISO 3166 alpha-2, e.g. "PK".
    pub country: String,
    /// ISO 4217, e.g. "PKR".
    pub currency: String,
    /// The central bank's BIC, e.g. "SBPPPKKA".
    pub central_bank: String,
    pub central_bank_name: String,
}

/// What can be asked of the corridor. Amounts are decimal strings in major units of the
/// currency the command names or implies; dates are `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case", deny_unknown_fields)]
pub enum Command {
    /// Once, by the two central banks: the corridor's terms.
    ConfigureCorridor {
        name: String,
        sides: [SideSpec; 2],
        /// The daily clearing cut-off, `HH:MM` UTC: the time the clearing house schedules each
        /// day's cycle (published terms). Commands carry a day, not a time, so the workflow
        /// does not enforce it: a cycle's snapshot is taken when its `run_cycle` runs.
        cut_off: String,
        /// The swap line: the most cross-border imbalance the central banks carry, in
        /// `swap_line_currency` (one of the two).
        swap_line: String,
        swap_line_currency: String,
        /// HS code prefixes (2, 4 or 6 digits) allowed or denied; the longest prefix decides.
        hs_allow: Vec<String>,
        hs_deny: Vec<String>,
        /// "allow" or "deny": the verdict for goods no rule names.
        hs_default: String,
        /// The barter window, default [`BARTER_WINDOW_DAYS_DEFAULT`] (120) days.
        #[serde(default = "barter_window_days_default")]
        barter_window_days: u32,
        /// The barter tolerance, default [`BARTER_TOLERANCE_PERCENT_DEFAULT`] (20) %.
        #[serde(default = "barter_tolerance_percent_default")]
        barter_tolerance_percent: u32,
    },
    RegisterBank {
        bic: String,
        name: String,
        country: String,
        currency: String,
        /// How far below zero its settlement account may go within a cycle.
        net_debit_cap: String,
    },
    RegisterTrader {
        id: String,
        legal_name: String,
        /// The name in its original script (Urdu, Persian, ...), if any.
        original_name: Option<String>,
        tax_id: String,
        country: String,
        bank: String,
    },
    /// The bank's central bank credits its settlement account (a pacs.009 in real life).
    FundBank { bic: String, amount: String },
    PublishRate {
        value_date: String,
        /// 1 unit of the first side's currency in the second's, exact decimal.
        rate: String,
        valid_from: String,
        valid_to: String,
        source: String,
    },
    /// The creditor's (exporter's) bank submits an invoice.
    SubmitObligation {
        id: String,
        debtor: String,
        creditor: String,
        amount: String,
        currency: String,
        /// Required for cross-border goods; checked against HS 2022 and the corridor's policy.
        hs_code: Option<String>,
        issued: String,
        due: String,
        submitted_by: String,
    },
    /// A bank acts on an obligation: accept, reject, dispute, resolve (the bank that disputed
    /// drops the dispute: back where it was), uphold (the other bank concedes the dispute: the
    /// obligation is cancelled), request_cancel, confirm_cancel, withdraw_cancel.
    Act {
        obligation: String,
        bank: String,
        action: String,
    },
    /// The operator runs a clearing cycle for `value_date` (today or an earlier day, never a
    /// later one; value dates never go back).
    RunCycle {
        value_date: String,
        /// Filled in by the shell from the ledger at the cut-off (account id → credits −
        /// debits posted); journaled with the command so that replay plans the same cycle.
        /// Account id → balance in minor units, both as decimal text (JSON keys are text, and
        /// amounts are never JSON numbers).
        #[serde(default)]
        ledger_balances: BTreeMap<String, String>,
    },
}

impl Command {
    /// The PK-IR corridor as the demo and the tests configure it: PKR at the State Bank of
    /// Pakistan, IRR at the Central Bank of Iran, an 11:00 cut-off, the given swap line in PKR,
    /// arms (HS 93) denied, a 120-day barter window with 20 % tolerance.
    pub fn pk_ir(swap_line_pkr: &str) -> Command {
        Command::ConfigureCorridor {
            name: "PK-IR".into(),
            sides: [
                SideSpec {
                    country: "PK".into(),
                    currency: "PKR".into(),
                    central_bank: "SBPPPKKA".into(),
                    central_bank_name: "State Bank of Pakistan".into(),
                },
                SideSpec {
                    country: "IR".into(),
                    currency: "IRR".into(),
                    central_bank: "BMJIIRTH".into(),
                    central_bank_name: "Central Bank of the Islamic Republic of Iran".into(),
                },
            ],
            cut_off: "11:00".into(),
            swap_line: swap_line_pkr.into(),
            swap_line_currency: "PKR".into(),
            hs_allow: vec![],
            hs_deny: vec!["93".into()],
            hs_default: "allow".into(),
            barter_window_days: BARTER_WINDOW_DAYS_DEFAULT,
            barter_tolerance_percent: BARTER_TOLERANCE_PERCENT_DEFAULT,
        }
    }
}

/// A command as journaled: with the day it was executed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub today: String,
    pub command: Command,
    /// The caller's idempotency key for the request that carried the command, if any: journaled
    /// with it, so that a retry after a restart is still recognised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestKey>,
}

/// Who asked (an API key id), their idempotency key, and a hash of the request (hex), so that
/// the same key with another request can be told apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestKey {
    pub caller: String,
    pub key: String,
    pub hash: String,
}

impl Envelope {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Envelope, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

/// One side of the configured corridor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub country: String,
    pub currency: Currency,
    pub central_bank: String,
    pub central_bank_name: String,
    pub accounts: CurrencyAccounts,
    pub issue_account: u128,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub name: String,
    pub sides: [Side; 2],
    /// The published daily cut-off (minutes after 00:00 UTC); not enforced (see
    /// [`Command::ConfigureCorridor`]).
    pub cut_off_minutes: u32,
    pub swap_line: SwapLine,
    pub hs_policy: HsPolicy,
    pub barter_window_days: u32,
    pub barter_tolerance_percent: u32,
}

impl Config {
    pub fn side_of_country(&self, country: &str) -> Option<&Side> {
        self.sides.iter().find(|s| s.country == country)
    }

    pub fn side_of_currency(&self, currency: Currency) -> Option<&Side> {
        self.sides.iter().find(|s| s.currency == currency)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankRecord {
    pub bic: String,
    pub name: String,
    pub country: String,
    pub currency: Currency,
    pub net_debit_cap: i128,
    pub account: u128,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trader {
    pub id: String,
    pub legal_name: String,
    pub original_name: Option<String>,
    pub tax_id: String,
    pub country: String,
    pub bank: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObligationRecord {
    pub id: String,
    pub debtor: String,
    pub creditor: String,
    pub currency: Currency,
    pub hs_code: Option<String>,
    pub issued: u32,
    pub submitted_by: String,
    /// Amount, cleared, due date and lifecycle state.
    pub life: Obligation,
    /// The cycles that touched it.
    pub cycles: Vec<u64>,
}

/// What a cycle did, kept for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CycleRecord {
    pub number: u64,
    pub value_date: u32,
    pub rate: Rate,
    pub eligible: usize,
    pub included: usize,
    pub deferred: usize,
    pub deferred_banks: Vec<(String, String)>,
    pub figures: BTreeMap<Currency, Figures>,
    /// Net position per ledger account in the cycle, in its currency.
    pub positions: BTreeMap<u128, (Currency, i128)>,
    pub lots: i128,
    pub residue_remainder: (i128, i128),
    pub transfers: usize,
    /// The payment instructions the settlement carries out (see [`cycle::Instruction`]).
    pub instructions: Vec<cycle::Instruction>,
    /// Every currency's figures valued in the fix's base currency.
    pub totals: cycle::Totals,
    pub swap_line: SwapLine,
    /// Per trader: home currency, set off on what it owed, set off on what it was owed (both
    /// in its home currency). Equal for every trader: set-off never moves a net position.
    pub set_off_by_trader: BTreeMap<String, (Currency, i128, i128)>,
}

/// The domain effect of a prepared command, applied by [`Workflow::commit`].
#[derive(Clone, Debug)]
pub enum Change {
    Configure(Box<Config>),
    Bank(BankRecord),
    Trader(Trader),
    Fund,
    Rate(RateFix),
    Submit(Box<ObligationRecord>),
    /// The command repeats one already applied with the same fields: nothing to do.
    Unchanged,
    Act {
        index: usize,
        actor: Actor,
        action: Action,
    },
    Cycle {
        record: Box<CycleRecord>,
        /// (obligation index, cleared in the invoice currency, settles now).
        updates: Vec<(usize, i128, bool)>,
    },
}

/// A checked command with everything it will do.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub accounts: Vec<Account>,
    pub transfers: Vec<Transfer>,
    pub change: Change,
}

/// The corridor's whole domain state.
#[derive(Clone, Debug)]
pub struct Workflow {
    catalog: std::sync::Arc<HsCatalog>,
    config: Option<Config>,
    banks: BTreeMap<String, BankRecord>,
    traders: BTreeMap<String, Trader>,
    obligations: Vec<ObligationRecord>,
    by_id: HashMap<String, usize>,
    rates: RateFixes,
    cycles: Vec<CycleRecord>,
    next_transfer_id: u128,
}

fn refuse<T>(field: &'static str, reason: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal::new(field, reason))
}

fn date(field: &'static str, text: &str) -> Result<u32, Refusal> {
    parse_date(text).ok_or_else(|| {
        Refusal::new(
            field,
            format!("{text:?} is not a date YYYY-MM-DD (from 1970 on)"),
        )
    })
}

/// `YYYY-MM-DD` to days since 1970-01-01 (the one date parser, clearing's).
pub use clearing::parse_date as parse_day;

/// `YYYY-MM-DD` of a day number (clearing's, the inverse of [`parse_day`]).
pub use clearing::format_date as date_text;

fn currency(field: &'static str, code: &str) -> Result<Currency, Refusal> {
    let c = Currency::from_code(code).map_err(|e| Refusal::new(field, e.to_string()))?;
    c.minor_units()
        .map_err(|e| Refusal::new(field, e.to_string()))?;
    Ok(c)
}

fn amount(field: &'static str, text: &str, currency: Currency) -> Result<i128, Refusal> {
    let minor = parse_minor(text, currency).map_err(|e| Refusal::new(field, e.to_string()))?;
    if minor > AMOUNT_MAX {
        return refuse(
            field,
            format!("{text} is above the largest amount accepted"),
        );
    }
    Ok(minor)
}

fn positive(field: &'static str, text: &str, currency: Currency) -> Result<i128, Refusal> {
    let minor = amount(field, text, currency)?;
    if minor <= 0 {
        return refuse(field, format!("{text} {currency}: must be positive"));
    }
    Ok(minor)
}

fn action(text: &str) -> Result<Action, Refusal> {
    Ok(match text {
        "accept" => Action::Accept,
        "reject" => Action::Reject,
        "dispute" => Action::Dispute,
        "resolve" => Action::Resolve,
        "uphold" => Action::Uphold,
        "request_cancel" => Action::RequestCancel,
        "confirm_cancel" => Action::ConfirmCancel,
        "withdraw_cancel" => Action::WithdrawCancel,
        _ => {
            return refuse(
                "action",
                format!(
                    "{text:?} is not one of accept, reject, dispute, resolve, uphold, request_cancel, confirm_cancel, withdraw_cancel"
                ),
            );
        }
    })
}

fn hs_prefixes(field: &'static str, catalog: &HsCatalog, list: &[String]) -> Result<(), Refusal> {
    for p in list {
        if !matches!(p.len(), 2 | 4 | 6) || !p.bytes().all(|b| b.is_ascii_digit()) {
            return refuse(field, format!("{p:?} is not a 2, 4 or 6-digit HS prefix"));
        }
        if catalog.description(p).is_none() {
            return refuse(field, format!("{p} is not in HS 2022"));
        }
    }
    Ok(())
}

impl Workflow {
    pub fn new(catalog: std::sync::Arc<HsCatalog>) -> Workflow {
        Workflow {
            catalog,
            config: None,
            banks: BTreeMap::new(),
            traders: BTreeMap::new(),
            obligations: Vec::new(),
            by_id: HashMap::new(),
            rates: RateFixes::default(),
            cycles: Vec::new(),
            next_transfer_id: 1,
        }
    }

    pub fn config(&self) -> Option<&Config> {
        self.config.as_ref()
    }

    pub fn banks(&self) -> impl Iterator<Item = &BankRecord> {
        self.banks.values()
    }

    pub fn bank(&self, bic: &str) -> Option<&BankRecord> {
        self.banks.get(bic)
    }

    pub fn traders(&self) -> impl Iterator<Item = &Trader> {
        self.traders.values()
    }

    /// Traders with an id after `after` (all of them with `None`), in id order: a list's page.
    pub fn traders_after<'a>(&'a self, after: Option<&'a str>) -> impl Iterator<Item = &'a Trader> {
        use std::ops::Bound;
        let lower = after.map_or(Bound::Unbounded, Bound::Excluded);
        self.traders
            .range::<str, _>((lower, Bound::Unbounded))
            .map(|(_, t)| t)
    }

    pub fn trader(&self, id: &str) -> Option<&Trader> {
        self.traders.get(id)
    }

    pub fn obligations(&self) -> &[ObligationRecord] {
        &self.obligations
    }

    pub fn obligation(&self, id: &str) -> Option<&ObligationRecord> {
        self.by_id.get(id).map(|&i| &self.obligations[i])
    }

    /// The rate fix published for `value_date`, if any.
    pub fn rate_fix(&self, value_date: u32) -> Option<&RateFix> {
        let config = self.config.as_ref()?;
        self.rates.for_cycle(&config.name, value_date).ok()
    }

    pub fn rate_fixes(&self) -> impl Iterator<Item = &RateFix> {
        self.rates.all()
    }

    pub fn cycles(&self) -> &[CycleRecord] {
        &self.cycles
    }

    pub fn catalog(&self) -> &HsCatalog {
        &self.catalog
    }

    /// The name of a ledger account: a bank's BIC or a central bank's account.
    pub fn account_name(&self, account: u128) -> String {
        if let Some(b) = self.banks.values().find(|b| b.account == account) {
            return b.bic.clone();
        }
        if let Some(config) = &self.config {
            for side in &config.sides {
                let a = &side.accounts;
                let kind = if account == side.issue_account {
                    "issue"
                } else if account == a.clearing {
                    "clearing"
                } else if account == a.corridor {
                    "corridor"
                } else if account == a.residue {
                    "residue"
                } else {
                    continue;
                };
                return format!("{} {kind}", side.central_bank);
            }
        }
        format!("account {account}")
    }

    /// Every ledger account the corridor uses: (id, currency).
    pub fn ledger_accounts(&self) -> Vec<(u128, Currency)> {
        let mut out = Vec::new();
        if let Some(config) = &self.config {
            for side in &config.sides {
                let a = &side.accounts;
                for id in [side.issue_account, a.clearing, a.corridor, a.residue] {
                    out.push((id, side.currency));
                }
            }
        }
        out.extend(self.banks.values().map(|b| (b.account, b.currency)));
        out
    }

    fn configured(&self) -> Result<&Config, Refusal> {
        self.config.as_ref().ok_or_else(|| {
            Refusal::new(
                "corridor",
                "the corridor is not configured yet (configure_corridor first)",
            )
        })
    }

    fn known_bank(&self, field: &'static str, bic: &str) -> Result<&BankRecord, Refusal> {
        self.banks
            .get(bic)
            .ok_or_else(|| Refusal::new(field, format!("{bic:?} is not a registered bank")))
    }

    fn known_trader(&self, field: &'static str, id: &str) -> Result<&Trader, Refusal> {
        self.traders
            .get(id)
            .ok_or_else(|| Refusal::new(field, format!("{id:?} is not a registered trader")))
    }

    fn prepared(change: Change) -> Prepared {
        Prepared {
            accounts: Vec::new(),
            transfers: Vec::new(),
            change,
        }
    }

    /// Checks `command` against the state and computes its effect. Changes nothing.
    pub fn prepare(&self, today: u32, command: &Command) -> Result<Prepared, Refusal> {
        match command {
            Command::ConfigureCorridor {
                name,
                sides,
                cut_off,
                swap_line,
                swap_line_currency,
                hs_allow,
                hs_deny,
                hs_default,
                barter_window_days,
                barter_tolerance_percent,
            } => {
                if self.config.is_some() {
                    return refuse("corridor", "the corridor is already configured");
                }
                if name.is_empty()
                    || name.len() > 16
                    || !name
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
                {
                    return refuse("name", "1 to 16 characters A-Z, 0-9 or '-', e.g. PK-IR");
                }
                let mut built = Vec::new();
                for (k, spec) in sides.iter().enumerate() {
                    check_country("sides.country", &spec.country)?;
                    let currency = currency("sides.currency", &spec.currency)?;
                    let country = check_bic("sides.central_bank", &spec.central_bank)?;
                    if country != spec.country {
                        return refuse(
                            "sides.central_bank",
                            format!(
                                "{} is a BIC of {country}, not of {}",
                                spec.central_bank, spec.country
                            ),
                        );
                    }
                    let base = 1000 * (k as u128 + 1);
                    built.push(Side {
                        country: spec.country.clone(),
                        currency,
                        central_bank: spec.central_bank.clone(),
                        central_bank_name: check_name(
                            "sides.central_bank_name",
                            &spec.central_bank_name,
                        )?,
                        issue_account: base + 1,
                        accounts: CurrencyAccounts {
                            currency,
                            clearing: base + 2,
                            corridor: base + 3,
                            residue: base + 4,
                            corridor_balance: 0,
                        },
                    });
                }
                let [a, b]: [Side; 2] = built
                    .try_into()
                    .map_err(|_| Refusal::new("sides", "a corridor has exactly two sides"))?;
                if a.country == b.country || a.currency == b.currency {
                    return refuse(
                        "sides",
                        "the two sides need different countries and currencies",
                    );
                }
                let cut_off_minutes = match cut_off.split_once(':') {
                    Some((h, m))
                        if h.len() == 2
                            && m.len() == 2
                            && h.parse::<u32>().is_ok_and(|h| h < 24)
                            && m.parse::<u32>().is_ok_and(|m| m < 60) =>
                    {
                        h.parse::<u32>().unwrap_or(0) * 60 + m.parse::<u32>().unwrap_or(0)
                    }
                    _ => return refuse("cut_off", format!("{cut_off:?} is not HH:MM")),
                };
                let line_currency = currency("swap_line_currency", swap_line_currency)?;
                if line_currency != a.currency && line_currency != b.currency {
                    return refuse(
                        "swap_line_currency",
                        format!("{line_currency} is neither side's currency"),
                    );
                }
                let limit = amount("swap_line", swap_line, line_currency)?;
                if limit < 0 {
                    return refuse("swap_line", "must not be negative");
                }
                hs_prefixes("hs_allow", &self.catalog, hs_allow)?;
                hs_prefixes("hs_deny", &self.catalog, hs_deny)?;
                if let Some(p) = hs_allow.iter().find(|p| hs_deny.contains(p)) {
                    return refuse("hs_deny", format!("{p} is both allowed and denied"));
                }
                let default = match hs_default.as_str() {
                    "allow" => Verdict::Allow,
                    "deny" => Verdict::Deny,
                    _ => return refuse("hs_default", "must be \"allow\" or \"deny\""),
                };
                if !(1..=365).contains(barter_window_days) {
                    return refuse("barter_window_days", "must be 1 to 365");
                }
                if *barter_tolerance_percent > 100 {
                    return refuse("barter_tolerance_percent", "must be 0 to 100");
                }
                let rules = hs_allow
                    .iter()
                    .map(|p| (p, Verdict::Allow))
                    .chain(hs_deny.iter().map(|p| (p, Verdict::Deny)))
                    .map(|(p, verdict)| Rule {
                        prefix: p.clone(),
                        verdict,
                    })
                    .collect();
                let config = Config {
                    name: name.clone(),
                    cut_off_minutes,
                    swap_line: SwapLine {
                        currency: line_currency,
                        limit,
                    },
                    hs_policy: HsPolicy { rules, default },
                    barter_window_days: *barter_window_days,
                    barter_tolerance_percent: *barter_tolerance_percent,
                    sides: [a, b],
                };
                let mut accounts = Vec::new();
                for side in &config.sides {
                    let ledger = u32::from(side.currency.number());
                    let c = &side.accounts;
                    for (id, code, flags) in [
                        (side.issue_account, codes::ISSUE, AccountFlags::NONE),
                        (c.clearing, codes::CLEARING, AccountFlags::NONE),
                        (c.corridor, codes::CORRIDOR, AccountFlags::HISTORY),
                        (c.residue, codes::RESIDUE, AccountFlags::HISTORY),
                    ] {
                        accounts.push(Account {
                            id,
                            ledger,
                            code,
                            flags,
                            ..Account::default()
                        });
                    }
                }
                Ok(Prepared {
                    accounts,
                    transfers: Vec::new(),
                    change: Change::Configure(Box::new(config)),
                })
            }
            Command::RegisterBank {
                bic,
                name,
                country,
                currency: code,
                net_debit_cap,
            } => {
                let config = self.configured()?;
                let bic_country = check_bic("bic", bic)?;
                let name = check_name("name", name)?;
                check_country("country", country)?;
                let Some(side) = config.side_of_country(country) else {
                    return refuse(
                        "country",
                        format!("{country} is not a country of corridor {}", config.name),
                    );
                };
                if bic_country != *country {
                    return refuse(
                        "bic",
                        format!("{bic} is a BIC of {bic_country}, not {country}"),
                    );
                }
                let currency = currency("currency", code)?;
                if currency != side.currency {
                    return refuse(
                        "currency",
                        format!(
                            "a bank in {country} settles in {}, not {currency}",
                            side.currency
                        ),
                    );
                }
                if config.sides.iter().any(|s| s.central_bank == *bic) {
                    return refuse("bic", format!("{bic} is a central bank of the corridor"));
                }
                let cap = amount("net_debit_cap", net_debit_cap, currency)?;
                if cap < 0 {
                    return refuse("net_debit_cap", "must not be negative");
                }
                let account = BANK_ACCOUNT_BASE + self.banks.len() as u128;
                let record = BankRecord {
                    bic: bic.clone(),
                    name,
                    country: country.clone(),
                    currency,
                    net_debit_cap: cap,
                    account,
                };
                if let Some(existing) = self.banks.get(bic) {
                    let same = BankRecord {
                        account: existing.account,
                        ..record
                    } == *existing;
                    if same {
                        return Ok(Workflow::prepared(Change::Unchanged));
                    }
                    return refuse(
                        "bic",
                        format!("{bic} is already registered with other details"),
                    );
                }
                if self.banks.len() >= BANKS_MAX {
                    return refuse(
                        "bic",
                        format!("the corridor holds at most {BANKS_MAX} banks"),
                    );
                }
                Ok(Prepared {
                    accounts: vec![Account {
                        id: account,
                        ledger: u32::from(currency.number()),
                        code: codes::BANK,
                        flags: AccountFlags::HISTORY,
                        ..Account::default()
                    }],
                    transfers: Vec::new(),
                    change: Change::Bank(record),
                })
            }
            Command::RegisterTrader {
                id,
                legal_name,
                original_name,
                tax_id,
                country,
                bank,
            } => {
                let config = self.configured()?;
                check_id("id", id)?;
                let legal_name = check_name("legal_name", legal_name)?;
                let original_name = original_name
                    .as_deref()
                    .map(|n| check_name("original_name", n))
                    .transpose()?;
                check_country("country", country)?;
                if config.side_of_country(country).is_none() {
                    return refuse(
                        "country",
                        format!("{country} is not a country of corridor {}", config.name),
                    );
                }
                let tax_id = check_tax_id("tax_id", country, tax_id)?;
                let b = self.known_bank("bank", bank)?;
                if b.country != *country {
                    return refuse(
                        "bank",
                        format!(
                            "{bank} is a bank in {}; a trader in {country} banks at home",
                            b.country
                        ),
                    );
                }
                let trader = Trader {
                    id: id.clone(),
                    legal_name,
                    original_name,
                    tax_id,
                    country: country.clone(),
                    bank: bank.clone(),
                };
                if let Some(existing) = self.traders.get(id) {
                    if *existing == trader {
                        return Ok(Workflow::prepared(Change::Unchanged));
                    }
                    return refuse(
                        "id",
                        format!("{id} is already registered with other details"),
                    );
                }
                if self.traders.len() >= TRADERS_MAX {
                    return refuse(
                        "id",
                        format!("the corridor holds at most {TRADERS_MAX} traders"),
                    );
                }
                Ok(Workflow::prepared(Change::Trader(trader)))
            }
            Command::FundBank { bic, amount: text } => {
                let config = self.configured()?;
                let bank = self.known_bank("bic", bic)?;
                let minor = positive("amount", text, bank.currency)?;
                let side = config
                    .side_of_currency(bank.currency)
                    .ok_or_else(|| Refusal::new("bic", "the bank's currency left the corridor"))?;
                Ok(Prepared {
                    accounts: Vec::new(),
                    transfers: vec![Transfer {
                        id: self.next_transfer_id,
                        debit_account_id: side.issue_account,
                        credit_account_id: bank.account,
                        amount: minor as u128,
                        ledger: u32::from(bank.currency.number()),
                        code: codes::FUNDING,
                        user_data_32: today,
                        ..Transfer::default()
                    }],
                    change: Change::Fund,
                })
            }
            Command::PublishRate {
                value_date,
                rate,
                valid_from,
                valid_to,
                source,
            } => {
                let config = self.configured()?;
                let (base, quote) = (config.sides[0].currency, config.sides[1].currency);
                let rate = Rate::parse(base, quote, rate)
                    .map_err(|e| Refusal::new("rate", e.to_string()))?;
                let fix = RateFix {
                    corridor: config.name.clone(),
                    value_date: date("value_date", value_date)?,
                    rate,
                    source: source.clone(),
                    valid_from: date("valid_from", valid_from)?,
                    valid_to: date("valid_to", valid_to)?,
                };
                // Publish on a copy: the refusals live in RateFixes.
                let mut rates = self.rates.clone();
                rates.publish(fix.clone(), today)?;
                Ok(Workflow::prepared(Change::Rate(fix)))
            }
            Command::SubmitObligation {
                id,
                debtor,
                creditor,
                amount: text,
                currency: code,
                hs_code,
                issued,
                due,
                submitted_by,
            } => {
                let config = self.configured()?;
                check_id("id", id)?;
                let d = self.known_trader("debtor", debtor)?;
                let c = self.known_trader("creditor", creditor)?;
                if debtor == creditor {
                    return refuse("creditor", "a trader cannot invoice itself");
                }
                let currency = currency("currency", code)?;
                let debtor_side = config.side_of_country(&d.country);
                let creditor_side = config.side_of_country(&c.country);
                let homes: Vec<Currency> = [debtor_side, creditor_side]
                    .iter()
                    .flatten()
                    .map(|s| s.currency)
                    .collect();
                if !homes.contains(&currency) {
                    return refuse(
                        "currency",
                        format!(
                            "{currency} is neither the debtor's nor the creditor's home currency ({})",
                            homes
                                .iter()
                                .map(|c| c.code())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                let minor = positive("amount", text, currency)?;
                let cross_border = d.country != c.country;
                let hs_code = match hs_code {
                    Some(code) => {
                        config.hs_policy.check(&self.catalog, code)?;
                        Some(code.clone())
                    }
                    None if cross_border => {
                        return refuse(
                            "hs_code",
                            "a cross-border invoice names its goods (6-digit HS 2022 code)",
                        );
                    }
                    None => None,
                };
                let issued = date("issued", issued)?;
                let due = date("due", due)?;
                if issued > today {
                    return refuse(
                        "issued",
                        format!(
                            "{} is after today ({}); an invoice is submitted once issued",
                            date_text(issued),
                            date_text(today)
                        ),
                    );
                }
                if today - issued > INVOICE_AGE_MAX_DAYS {
                    return refuse(
                        "issued",
                        format!(
                            "{} is more than {INVOICE_AGE_MAX_DAYS} days before today ({})",
                            date_text(issued),
                            date_text(today)
                        ),
                    );
                }
                if due < issued {
                    return refuse("due", "is before the issue date");
                }
                if due - issued > CREDIT_DAYS_MAX {
                    return refuse(
                        "due",
                        format!(
                            "{} is more than {CREDIT_DAYS_MAX} days after the issue date",
                            date_text(due)
                        ),
                    );
                }
                if *submitted_by != c.bank {
                    return refuse(
                        "submitted_by",
                        format!(
                            "{submitted_by} is not the creditor's bank ({}); the creditor's bank submits invoices",
                            c.bank
                        ),
                    );
                }
                let record = ObligationRecord {
                    id: id.clone(),
                    debtor: debtor.clone(),
                    creditor: creditor.clone(),
                    currency,
                    hs_code,
                    issued,
                    submitted_by: submitted_by.clone(),
                    life: Obligation::new(minor, due),
                    cycles: Vec::new(),
                };
                if let Some(existing) = self.obligation(id) {
                    let same = ObligationRecord {
                        life: existing.life.clone(),
                        cycles: existing.cycles.clone(),
                        ..record.clone()
                    } == *existing
                        && existing.life.amount == minor
                        && existing.life.due == due;
                    if same {
                        return Ok(Workflow::prepared(Change::Unchanged));
                    }
                    return refuse(
                        "id",
                        format!("obligation {id} already exists with different fields"),
                    );
                }
                if self.obligations.len() >= OBLIGATIONS_MAX {
                    return refuse("id", format!("at most {OBLIGATIONS_MAX} obligations"));
                }
                Ok(Workflow::prepared(Change::Submit(Box::new(record))))
            }
            Command::Act {
                obligation,
                bank,
                action: text,
            } => {
                let action = action(text)?;
                let index = *self.by_id.get(obligation).ok_or_else(|| {
                    Refusal::new("obligation", format!("no obligation {obligation:?}"))
                })?;
                let o = &self.obligations[index];
                let debtor_bank = &self.traders[&o.debtor].bank;
                let creditor_bank = &self.traders[&o.creditor].bank;
                let candidates: Vec<Actor> = [
                    (debtor_bank == bank).then_some(Actor::DebtorBank),
                    (creditor_bank == bank).then_some(Actor::CreditorBank),
                ]
                .into_iter()
                .flatten()
                .collect();
                if candidates.is_empty() {
                    return refuse(
                        "bank",
                        format!("{bank} is neither the debtor's nor the creditor's bank"),
                    );
                }
                // A bank on both sides acts as whichever side the step allows.
                let mut first_refusal = None;
                for actor in candidates {
                    match o.life.next(actor, action) {
                        Ok(_) => {
                            return Ok(Workflow::prepared(Change::Act {
                                index,
                                actor,
                                action,
                            }));
                        }
                        Err(r) => {
                            first_refusal.get_or_insert(r);
                        }
                    }
                }
                Err(first_refusal.unwrap_or_else(|| Refusal::new("action", "refused")))
            }
            Command::RunCycle {
                value_date,
                ledger_balances,
            } => self.prepare_cycle(today, date("value_date", value_date)?, ledger_balances),
        }
    }

    fn prepare_cycle(
        &self,
        today: u32,
        value_date: u32,
        balances: &BTreeMap<String, String>,
    ) -> Result<Prepared, Refusal> {
        let config = self.configured()?;
        if value_date > today {
            return refuse(
                "value_date",
                format!(
                    "{} is after today ({}); a cycle settles for today or an earlier day",
                    date_text(value_date),
                    date_text(today)
                ),
            );
        }
        let fix = self.rates.for_cycle(&config.name, value_date)?;
        let number = self.cycles.len() as u64 + 1;
        if let Some(last) = self.cycles.last()
            && last.value_date > value_date
        {
            return refuse(
                "value_date",
                format!(
                    "cycle {} already ran for {}; cycles run in value-date order",
                    last.number,
                    date_text(last.value_date)
                ),
            );
        }
        // The snapshot of eligible obligations at the cut-off.
        let eligible: Vec<usize> = (0..self.obligations.len())
            .filter(|&i| {
                let o = &self.obligations[i];
                o.life.is_eligible() && o.issued <= value_date
            })
            .collect();
        let mut builder = Builder::new();
        let texts: Vec<[String; 3]> = eligible
            .iter()
            .map(|&i| {
                let o = &self.obligations[i];
                [
                    (o.life.amount - o.life.cleared).to_string(),
                    o.currency.code().to_string(),
                    date_text(o.life.due),
                ]
            })
            .collect();
        for (k, &i) in eligible.iter().enumerate() {
            let o = &self.obligations[i];
            builder.push(
                k as u64 + 1,
                &Row {
                    id: &o.id,
                    debtor: &o.debtor,
                    creditor: &o.creditor,
                    amount: &texts[k][0],
                    currency: Some(&texts[k][1]),
                    due_date: Some(&texts[k][2]),
                    debtor_bank: Some(&self.traders[&o.debtor].bank),
                    creditor_bank: Some(&self.traders[&o.creditor].bank),
                },
            );
        }
        let obligations = builder.finish().map_err(|errors| {
            Refusal::new(
                "obligations",
                format!(
                    "the cycle's snapshot does not build (a bug): {}",
                    errors.first().map(|e| format!("{e:?}")).unwrap_or_default()
                ),
            )
        })?;
        let mut parsed: HashMap<u128, i128> = HashMap::new();
        for (account, balance) in balances {
            match (account.parse::<u128>(), balance.parse::<i128>()) {
                (Ok(a), Ok(b)) => {
                    parsed.insert(a, b);
                }
                _ => {
                    return refuse(
                        "ledger_balances",
                        format!("{account:?}: {balance:?} is not an account id and an integer"),
                    );
                }
            }
        }
        let balance = |account: u128| parsed.get(&account).copied().unwrap_or(0);
        let banks: Vec<CycleBank> = self
            .banks
            .values()
            .map(|b| CycleBank {
                bic: b.bic.clone(),
                currency: b.currency,
                account: b.account,
                available: balance(b.account),
                net_debit_cap: b.net_debit_cap,
            })
            .collect();
        let mut accounts = [config.sides[0].accounts, config.sides[1].accounts];
        for a in &mut accounts {
            a.corridor_balance = balance(a.corridor);
        }
        let corridor = Corridor {
            rate: fix.rate,
            home: config
                .sides
                .iter()
                .map(|s| (s.country.clone(), s.currency))
                .collect(),
        };
        let plan = cycle::plan(&CycleInput {
            obligations: &obligations,
            corridor: &corridor,
            banks: &banks,
            accounts,
            swap_line: Some(config.swap_line),
            cycle: number,
            value_date,
            first_transfer_id: self.next_transfer_id,
            code: codes::SETTLEMENT,
        })
        .map_err(|e| Refusal::new("cycle", e.0))?;
        let mut updates = Vec::with_capacity(plan.included.len());
        let mut set_off_by_trader: BTreeMap<String, (Currency, i128, i128)> = BTreeMap::new();
        let home_of = |trader: &str| {
            config
                .side_of_country(&self.traders[trader].country)
                .map(|s| s.currency)
        };
        for (k, &local) in plan.included.iter().enumerate() {
            let index = eligible[local];
            let o = &self.obligations[index];
            let debtor_home = home_of(&o.debtor);
            for (trader, as_debtor, as_creditor) in [
                (&o.debtor, plan.debtor_cleared[k], 0),
                (&o.creditor, 0, plan.creditor_cleared[k]),
            ] {
                if let Some(home) = home_of(trader) {
                    let e = set_off_by_trader
                        .entry(trader.clone())
                        .or_insert((home, 0, 0));
                    e.1 += as_debtor;
                    e.2 += as_creditor;
                }
            }
            let cleared = if debtor_home == Some(o.currency) {
                plan.debtor_cleared[k]
            } else {
                plan.creditor_cleared[k]
            };
            updates.push((index, cleared, plan.settles[k]));
        }
        let record = CycleRecord {
            number,
            value_date,
            rate: fix.rate,
            eligible: eligible.len(),
            included: plan.included.len(),
            deferred: plan.deferred.len(),
            deferred_banks: plan
                .deferred_banks
                .iter()
                .cloned()
                .zip(plan.deferral_reasons.iter().cloned())
                .collect(),
            figures: plan.figures,
            positions: plan.positions,
            lots: plan.lots,
            residue_remainder: plan.residue_remainder,
            transfers: plan.transfers.len(),
            instructions: plan.instructions,
            totals: plan.totals,
            swap_line: config.swap_line,
            set_off_by_trader,
        };
        // Asserted here as well as in the clearing crate: set-off moves no trader's position.
        if let Some((trader, (_, owed, owing))) = record
            .set_off_by_trader
            .iter()
            .find(|(_, (_, owed, owing))| owed != owing)
        {
            return refuse(
                "cycle",
                format!(
                    "set-off would change {trader}'s net position ({owed} against {owing}): a bug, the cycle is refused"
                ),
            );
        }
        Ok(Prepared {
            accounts: Vec::new(),
            transfers: plan.transfers,
            change: Change::Cycle {
                record: Box::new(record),
                updates,
            },
        })
    }

    /// Applies a prepared change. Call it only with the result of [`Workflow::prepare`] on this
    /// same state, after its ledger events were applied.
    pub fn commit(&mut self, prepared: Prepared) {
        self.next_transfer_id += prepared.transfers.len() as u128;
        match prepared.change {
            Change::Configure(config) => self.config = Some(*config),
            Change::Bank(bank) => {
                self.banks.insert(bank.bic.clone(), bank);
            }
            Change::Trader(trader) => {
                self.traders.insert(trader.id.clone(), trader);
            }
            Change::Fund | Change::Unchanged => {}
            Change::Rate(fix) => {
                // Checked in prepare against this same state; today only mattered there.
                let _ = self.rates.publish(fix, 0);
            }
            Change::Submit(record) => {
                self.by_id.insert(record.id.clone(), self.obligations.len());
                self.obligations.push(*record);
            }
            Change::Act {
                index,
                actor,
                action,
            } => {
                let applied = self.obligations[index].life.apply(actor, action);
                debug_assert!(applied.is_ok(), "checked in prepare");
            }
            Change::Cycle { record, updates } => {
                for (index, cleared, settles) in updates {
                    let o = &mut self.obligations[index];
                    o.cycles.push(record.number);
                    if cleared > 0 {
                        let applied = o.life.apply(Actor::Operator, Action::Clear(cleared));
                        debug_assert!(applied.is_ok(), "set-off within the open amount");
                    }
                    if settles && o.life.is_eligible() {
                        let applied = o.life.apply(Actor::Operator, Action::Settle);
                        debug_assert!(applied.is_ok(), "an eligible obligation settles");
                    }
                }
                self.cycles.push(*record);
            }
        }
    }

    /// Prepares and commits in one step, for callers without a journal (tests, simulations).
    pub fn execute(&mut self, today: u32, command: &Command) -> Result<Prepared, Refusal> {
        let prepared = self.prepare(today, command)?;
        self.commit(prepared.clone());
        Ok(prepared)
    }

    /// Obligation counts per lifecycle state name (overdue counted apart, as of `today`).
    pub fn state_counts(&self, today: u32) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for o in &self.obligations {
            *counts.entry(o.life.state.name()).or_default() += 1;
            if o.life.is_overdue(today) {
                *counts.entry("overdue").or_default() += 1;
            }
        }
        counts
    }
}

/// An amount as text in major units with its currency, e.g. `"1250.00 PKR"`.
pub fn money_text(minor: i128, currency: Currency) -> String {
    match format_minor(minor, currency) {
        Ok(text) => format!("{text} {currency}"),
        Err(_) => format!("{minor} minor units of {currency}"),
    }
}
