//! `corridor money`: exact amount parsing and conversion at a rate, for operators checking figures.

use anyhow::Context;
use clap::Subcommand;
use money::{Currency, Rate, format_minor, parse_money};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum MoneyCommand {
    /// Parse "1234.5 PKR" and print its minor units.
    Parse { amount: String },
    /// Convert an amount at a rate: `corridor money convert "100 PKR" --to IRR --rate 4163.85`
    /// (the rate is 1 <from> = RATE <to>). Rounds toward zero and prints the exact remainder.
    Convert {
        amount: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        rate: String,
    },
}

pub fn run(command: MoneyCommand) -> anyhow::Result<ExitCode> {
    match command {
        MoneyCommand::Parse { amount } => {
            let money = parse_money(&amount).context("amount")?;
            println!("{} minor units of {}", money.minor, money.currency);
        }
        MoneyCommand::Convert { amount, to, rate } => {
            let money = parse_money(&amount).context("amount")?;
            let to = Currency::from_code(&to).context("--to")?;
            let rate = Rate::parse(money.currency, to, &rate).context("--rate")?;
            let c = rate.convert(money.minor, money.currency)?;
            println!(
                "{} = {} {} + {}/{} of a minor unit (rounded toward zero)",
                money,
                format_minor(c.amount, to)?,
                to,
                c.remainder,
                c.denominator
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
