//! Rate fixes: the exact rate for one corridor and value date, with its source and validity.
//!
//! A fix is published for a value date that is today or later, with `valid_from <= value_date
//! <= valid_to`. One fix per corridor and value date: publishing the same rate again is a no-op,
//! a different one is refused (a fix is never silently replaced). A clearing cycle asks for the
//! fix of its value date; if there is none valid, it is refused and told why.

use crate::Refusal;
use money::Rate;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateFix {
    pub corridor: String,
    /// Days since 1970-01-01.
    pub value_date: u32,
    pub rate: Rate,
    /// Who published it, e.g. "SBP/CBI joint fix 2026-11-22 11:00 PKT".
    pub source: String,
    pub valid_from: u32,
    pub valid_to: u32,
}

#[derive(Clone, Debug, Default)]
pub struct RateFixes {
    fixes: BTreeMap<(String, u32), RateFix>,
}

impl RateFixes {
    /// Publishes a fix. `today` comes from the caller (no clock here).
    pub fn publish(&mut self, fix: RateFix, today: u32) -> Result<(), Refusal> {
        if fix.corridor.is_empty() {
            return Err(Refusal::new("corridor", "empty"));
        }
        if fix.source.trim().is_empty() {
            return Err(Refusal::new(
                "source",
                "a rate fix must say who published it",
            ));
        }
        if fix.value_date < today {
            return Err(Refusal::new(
                "value_date",
                "is in the past; fixes are published for today or later",
            ));
        }
        if fix.valid_from > fix.valid_to {
            return Err(Refusal::new("valid_to", "is before valid_from"));
        }
        if !(fix.valid_from..=fix.valid_to).contains(&fix.value_date) {
            return Err(Refusal::new(
                "value_date",
                "lies outside the fix's validity",
            ));
        }
        let key = (fix.corridor.clone(), fix.value_date);
        if let Some(existing) = self.fixes.get(&key) {
            if existing.rate == fix.rate {
                return Ok(());
            }
            return Err(Refusal::new(
                "rate",
                format!(
                    "a different fix ({}) is already published for this corridor and value date",
                    existing.rate.to_decimal_string()
                ),
            ));
        }
        self.fixes.insert(key, fix);
        Ok(())
    }

    /// Every published fix, by corridor and value date.
    pub fn all(&self) -> impl Iterator<Item = &RateFix> {
        self.fixes.values()
    }

    /// The fix a cycle of `corridor` on `value_date` must use, or why there is none.
    pub fn for_cycle(&self, corridor: &str, value_date: u32) -> Result<&RateFix, Refusal> {
        match self.fixes.get(&(corridor.to_string(), value_date)) {
            Some(fix) => Ok(fix),
            None => {
                let latest = self
                    .fixes
                    .range((corridor.to_string(), 0)..(corridor.to_string(), value_date))
                    .next_back();
                Err(Refusal::new(
                    "rate_fix",
                    match latest {
                        Some((_, fix)) if fix.valid_to >= value_date => format!(
                            "no fix is published for this value date (the fix of day {} is valid until day {} but fixes apply to their own value date)",
                            fix.value_date, fix.valid_to
                        ),
                        Some((_, fix)) => format!(
                            "no fix is published for this value date; the latest, for day {}, expired on day {}",
                            fix.value_date, fix.valid_to
                        ),
                        None => {
                            format!("no rate fix has ever been published for corridor {corridor}")
                        }
                    },
                ))
            }
        }
    }
}
