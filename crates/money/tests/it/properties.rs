//! Property tests: text round trips exactly; conversion loses nothing.

use money::{Currency, IRR, PKR, Rate, format_minor, parse_minor};
use proptest::prelude::*;

proptest! {
    #[test]
    fn text_round_trip(minor in 0i128..=i128::MAX / 1000, code in prop::sample::select(vec!["PKR", "IRR", "JPY", "KWD", "CLF"])) {
        let currency = Currency::from_code(code).unwrap();
        let text = format_minor(minor, currency).unwrap();
        prop_assert_eq!(parse_minor(&text, currency).unwrap(), minor);
    }

    #[test]
    fn conversion_is_exact(minor in -(1i128 << 80)..(1i128 << 80), mantissa in 1u64..10_000_000_000, scale in 0u32..8) {
        let text = format!("{mantissa}");
        let text = if scale == 0 { text } else {
            let padded = format!("{text:0>width$}", width = scale as usize + 1);
            let (w, f) = padded.split_at(padded.len() - scale as usize);
            format!("{w}.{f}")
        };
        let rate = Rate::parse(PKR, IRR, &text).unwrap();
        for from in [PKR, IRR] {
            let (num, den) = rate.minor_ratio(from).unwrap();
            let c = rate.convert(minor, from).unwrap();
            prop_assert_eq!(c.denominator, den);
            prop_assert!(c.remainder.abs() < den);
            prop_assert!(c.remainder == 0 || (c.remainder < 0) == (minor < 0));
            prop_assert_eq!(c.amount * den + c.remainder, minor * num);
        }
    }
}
