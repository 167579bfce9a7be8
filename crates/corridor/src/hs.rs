//! The Harmonized System (HS 2022) catalogue and a corridor's goods policy.
//!
//! The catalogue is read from the UN Comtrade-derived CSV (`section,hscode,description,parent,
//! level`) that the caller passes in as text. A policy is a list of allow/deny rules by code
//! prefix; the **longest matching prefix decides**, and with no matching rule the policy's
//! default applies. A refusal names the rule (or the default) that refused the good.

use crate::Refusal;
use std::collections::BTreeMap;

/// The HS 2022 list as compiled in (see `data/README.md`).
pub const HS2022_CSV: &str = include_str!("../data/harmonized-system-2022.csv");

#[derive(Clone, Debug, Default)]
pub struct HsCatalog {
    /// Code (2, 4 or 6 digits) -> description.
    codes: BTreeMap<String, String>,
}

impl HsCatalog {
    /// Parses the catalogue CSV; a malformed line is an error naming it.
    pub fn from_csv(text: &str) -> Result<HsCatalog, String> {
        let mut codes = BTreeMap::new();
        for (number, line) in text.lines().enumerate().skip(1) {
            let line = line.trim_start_matches('\u{feff}');
            if line.trim().is_empty() {
                continue;
            }
            let (section, rest) = line
                .split_once(',')
                .ok_or(format!("line {}: no columns", number + 1))?;
            let (code, rest) = rest
                .split_once(',')
                .ok_or(format!("line {}: no description", number + 1))?;
            // Comtrade's "TOTAL" rows (99, 9999, 999999: commodities not specified) are not goods.
            if section == "TOTAL" {
                continue;
            }
            if !(code.len() == 2 || code.len() == 4 || code.len() == 6)
                || !code.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(format!("line {}: {code:?} is not an HS code", number + 1));
            }
            // The description may be quoted and contain commas; the last two columns are not.
            let description = rest
                .rsplitn(3, ',')
                .nth(2)
                .unwrap_or(rest)
                .trim_matches('"')
                .to_string();
            codes.insert(code.to_string(), description);
        }
        if codes.len() < 100 {
            return Err(format!("only {} codes: not an HS catalogue", codes.len()));
        }
        Ok(HsCatalog { codes })
    }

    /// The HS 2022 list compiled into the crate (`data/harmonized-system-2022.csv`).
    pub fn hs2022() -> HsCatalog {
        HsCatalog::from_csv(HS2022_CSV).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    pub fn description(&self, code: &str) -> Option<&str> {
        self.codes.get(code).map(String::as_str)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    Deny,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub prefix: String,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HsPolicy {
    pub rules: Vec<Rule>,
    pub default: Verdict,
}

impl HsPolicy {
    /// Checks a good's HS code (6 digits, e.g. "100630") against the catalogue and the rules.
    /// Ok names the deciding rule; a refusal names it too.
    pub fn check(&self, catalog: &HsCatalog, code: &str) -> Result<String, Refusal> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Refusal::new(
                "hs_code",
                format!("{code:?} is not a 6-digit HS code"),
            ));
        }
        let Some(description) = catalog.description(code) else {
            return Err(Refusal::new("hs_code", format!("{code} is not in HS 2022")));
        };
        let rule = self
            .rules
            .iter()
            .filter(|r| code.starts_with(&r.prefix))
            .max_by_key(|r| r.prefix.len());
        let (verdict, why) = match rule {
            Some(rule) => {
                let heading = catalog.description(&rule.prefix).unwrap_or("");
                (
                    rule.verdict,
                    format!(
                        "{} {} ({heading})",
                        if rule.verdict == Verdict::Allow {
                            "allow"
                        } else {
                            "deny"
                        },
                        rule.prefix
                    ),
                )
            }
            None => (
                self.default,
                format!(
                    "default {}",
                    if self.default == Verdict::Allow {
                        "allow"
                    } else {
                        "deny"
                    }
                ),
            ),
        };
        match verdict {
            Verdict::Allow => Ok(why),
            Verdict::Deny => Err(Refusal::new(
                "hs_code",
                format!("{code} ({description}) refused by rule: {why}"),
            )),
        }
    }
}
