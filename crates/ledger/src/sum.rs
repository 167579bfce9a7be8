//! [`Sum`]: a 256-bit unsigned total, so that adding up u128 balances across accounts can never
//! overflow (a ledger of many accounts near `u128::MAX` is legal).

/// An exact total of u128 values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sum {
    high: u128,
    low: u128,
}

impl Sum {
    pub const ZERO: Sum = Sum { high: 0, low: 0 };

    pub fn add_u128(self, value: u128) -> Sum {
        let (low, carry) = self.low.overflowing_add(value);
        // The high half counts whole multiples of 2^128: it cannot overflow for any ledger size.
        Sum {
            high: self.high + u128::from(carry),
            low,
        }
    }

    pub fn plus(self, other: Sum) -> Sum {
        let (low, carry) = self.low.overflowing_add(other.low);
        Sum {
            high: self.high + other.high + u128::from(carry),
            low,
        }
    }

    /// The value if it fits in a u128.
    pub fn to_u128(self) -> Option<u128> {
        if self.high == 0 { Some(self.low) } else { None }
    }
}

impl std::fmt::Display for Sum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.high == 0 {
            return write!(f, "{}", self.low);
        }
        // Long division by 10^19 over four 64-bit limbs, most significant first.
        const CHUNK: u128 = 10_000_000_000_000_000_000;
        let mut limbs = [
            (self.high >> 64) as u64,
            self.high as u64,
            (self.low >> 64) as u64,
            self.low as u64,
        ];
        let mut chunks = Vec::new();
        while limbs.iter().any(|l| *l != 0) {
            let mut remainder: u128 = 0;
            for limb in &mut limbs {
                let current = (remainder << 64) | u128::from(*limb);
                *limb = (current / CHUNK) as u64;
                remainder = current % CHUNK;
            }
            chunks.push(remainder as u64);
        }
        let mut text = chunks.pop().map(|c| c.to_string()).unwrap_or_default();
        while let Some(chunk) = chunks.pop() {
            text.push_str(&format!("{chunk:019}"));
        }
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::Sum;

    #[test]
    fn adds_past_u128() {
        let s = Sum::ZERO.add_u128(u128::MAX).add_u128(1);
        assert_eq!(s.to_u128(), None);
        assert_eq!(s.to_string(), "340282366920938463463374607431768211456");
        assert_eq!(Sum::ZERO.add_u128(7).to_string(), "7");
        let s = Sum::ZERO.add_u128(u128::MAX).add_u128(u128::MAX);
        assert_eq!(s.to_string(), "680564733841876926926749214863536422910");
    }
}
