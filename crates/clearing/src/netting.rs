//! Netting: what remains after set-off becomes one net position per bank per currency.
//!
//! An obligation's remaining amount is paid by the debtor's bank and received by the creditor's
//! bank. Summed per bank and currency, the positions add up to zero in each currency. Settlement
//! instructions follow directly: a bank with a negative position pays that amount to the
//! currency's settlement agent, a bank with a positive one receives it. A bank's country is the
//! BIC's letters 5–6; an obligation whose two banks are in different countries crosses the border.

use crate::input::Obligations;
use money::Currency;
use std::collections::BTreeMap;

/// A bank's net position in one currency: positive receives, negative pays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub bank: String,
    pub currency: Option<Currency>,
    pub amount: i128,
}

/// Per-currency figures of a netting run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CurrencyFigures {
    /// Σ obligations (gross value submitted).
    pub gross: i128,
    /// Σ cleared by set-off.
    pub set_off: i128,
    /// Σ remaining after set-off (what bilateral gross settlement would move).
    pub remaining: i128,
    /// Liquidity needed after netting: Σ of the negative bank positions.
    pub liquidity_needed: i128,
    /// Gross value of obligations whose banks are in different countries, and what of it remains.
    pub cross_border_gross: i128,
    pub cross_border_remaining: i128,
    /// Remaining value of obligations without both banks (not netted).
    pub without_banks: i128,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Netting {
    /// Sorted by currency, then bank name.
    pub positions: Vec<Position>,
    pub figures: BTreeMap<String, CurrencyFigures>,
}

/// The country letters of a BIC (`HABBPKKA` → `PK`), if it looks like one.
pub fn bic_country(bic: &str) -> Option<&str> {
    let ok = (bic.len() == 8 || bic.len() == 11)
        && bic
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    ok.then(|| &bic[4..6])
}

/// Nets what remains of `obligations` after `cleared`.
pub fn net(o: &Obligations, cleared: &[i128]) -> Netting {
    assert_eq!(cleared.len(), o.len());
    let name = |c: Option<Currency>| c.map_or("(none)".to_string(), |c| c.code().to_string());
    let mut positions: BTreeMap<(String, String), i128> = BTreeMap::new();
    let mut figures: BTreeMap<String, CurrencyFigures> = BTreeMap::new();
    for (i, &done) in cleared.iter().enumerate() {
        let currency = o.currencies[o.currency[i] as usize];
        let f = figures.entry(name(currency)).or_default();
        let remaining = o.amount[i] - done;
        f.gross += o.amount[i];
        f.set_off += done;
        f.remaining += remaining;
        let (db, cb) = (o.debtor_bank[i], o.creditor_bank[i]);
        if db == u32::MAX || cb == u32::MAX {
            f.without_banks += remaining;
            continue;
        }
        let (debtor_bank, creditor_bank) = (&o.banks[db as usize], &o.banks[cb as usize]);
        if bic_country(debtor_bank) != bic_country(creditor_bank) {
            f.cross_border_gross += o.amount[i];
            f.cross_border_remaining += remaining;
        }
        if remaining == 0 || db == cb {
            continue;
        }
        *positions
            .entry((name(currency), debtor_bank.to_string()))
            .or_default() -= remaining;
        *positions
            .entry((name(currency), creditor_bank.to_string()))
            .or_default() += remaining;
    }
    for ((currency, _), amount) in &positions {
        if *amount < 0 {
            figures
                .entry(currency.clone())
                .or_default()
                .liquidity_needed -= amount;
        }
    }
    let positions = positions
        .into_iter()
        .map(|((currency, bank), amount)| Position {
            bank,
            currency: Currency::from_code(&currency).ok(),
            amount,
        })
        .collect::<Vec<_>>();
    // Pair assertion: positions sum to zero per currency.
    let mut sums: BTreeMap<Option<Currency>, i128> = BTreeMap::new();
    for p in &positions {
        *sums.entry(p.currency).or_default() += p.amount;
    }
    assert!(
        sums.values().all(|s| *s == 0),
        "bank positions do not sum to zero per currency"
    );
    Netting { positions, figures }
}
