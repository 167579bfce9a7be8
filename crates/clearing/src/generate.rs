//! Realistic, seeded PK/IR obligation networks for benchmarks and tests.
//!
//! Firms live in Pakistan or Iran, with heavy-tailed sizes (a Pareto-like weight: a few big
//! firms trade with many). Invoices are domestic supply-chain links (firm → a bigger firm in the
//! next tier up: suppliers are paid by manufacturers, manufacturers by traders, traders by
//! suppliers, which closes loops) or cross-border trades between PK and IR trading houses.
//! A share of invoices repeat an earlier pair (recurring supply), a share reciprocate one (the
//! creditor buys back from the debtor). Amounts are log-normal around USD 25k in the debtor's
//! currency (PKR at 280/USD, IRR at 1,166,000/USD), with a tail of bulk cargoes.

use std::fmt::Write;

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const PK_BANKS: [&str; 5] = ["HABBPKKA", "MUCBPKKA", "UNILPKKA", "ABPAPKKA", "MEZNPKKA"];
const IR_BANKS: [&str; 4] = ["MELIIRTH", "BSIRIRTH", "BTEJIRTH", "BKMTIRTH"];

/// Writes `obligations` invoices as CSV with header
/// `id,debtor,creditor,amount,currency,due_date,debtor_bank,creditor_bank`.
pub fn pk_ir_csv(obligations: usize, seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x5eed_c0de);
    let firms = (obligations / 8).max(10) as u64;
    // Firm f: country by parity of a hash, tier 0..3, bank by country.
    let country = |f: u64| {
        if f.wrapping_mul(0x9e37_79b9) % 10 < 6 {
            0
        } else {
            1
        }
    }; // 60 % PK
    let tier = |f: u64| f % 4;
    let bank = |f: u64| {
        if country(f) == 0 {
            PK_BANKS[(f / 7) as usize % PK_BANKS.len()]
        } else {
            IR_BANKS[(f / 7) as usize % IR_BANKS.len()]
        }
    };
    // Heavy tail: pick small indices far more often (weight ~ 1 / (rank + 1)).
    let pick = |rng: &mut Rng| {
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((firms as f64).powf(u) - 1.0) as u64 % firms
    };
    let mut out = String::with_capacity(obligations * 64);
    out.push_str("id,debtor,creditor,amount,currency,due_date,debtor_bank,creditor_bank\n");
    let mut history: Vec<(u64, u64)> = Vec::with_capacity(obligations);
    for i in 0..obligations {
        let (debtor, creditor) = if !history.is_empty() && rng.chance(25) {
            let (d, c) = history[rng.below(history.len() as u64) as usize];
            if rng.chance(30) { (c, d) } else { (d, c) } // reciprocity or a repeat
        } else {
            loop {
                let d = pick(&mut rng);
                let mut c = pick(&mut rng);
                let cross = rng.chance(15);
                if cross && country(c) == country(d) {
                    c = (c + 1) % firms;
                }
                if !cross && (tier(c) != (tier(d) + 1) % 4 || country(c) != country(d)) {
                    c = (c + 1) % firms;
                }
                if c != d {
                    break (d, c);
                }
            }
        };
        history.push((debtor, creditor));
        let currency = if country(debtor) == 0 { "PKR" } else { "IRR" };
        // Log-normal-ish USD amount in cents: ~N(0,1) from 12 uniforms, e^(0.9 z) by steps.
        let z: i64 = (0..12).map(|_| rng.below(1000) as i64).sum::<i64>() - 6000;
        let mut cents: u128 = 2_500_000;
        for _ in 0..(z.unsigned_abs() / 280) {
            cents = if z > 0 {
                cents * 13 / 10
            } else {
                cents * 10 / 13
            };
        }
        if rng.chance(1) {
            cents *= 50;
        }
        let minor = if currency == "PKR" {
            cents * 280
        } else {
            cents * 1_166_000
        };
        let minor = minor.max(100) + u128::from(rng.below(100));
        let day = 20_400 + rng.below(120); // 2025-11 .. 2026-03
        let _ = writeln!(
            out,
            "INV{i:08},F{debtor},F{creditor},{minor},{currency},{},{},{}",
            crate::input::format_date(day as u32),
            bank(debtor),
            bank(creditor)
        );
    }
    out
}
