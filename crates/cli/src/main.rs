//! `corridor`: the command-line entry point. Each subcommand lives in its own module; this file
//! only parses arguments and dispatches. Errors print one line and exit non-zero.

use clap::{Parser, Subcommand};

mod money_cmd;

#[derive(Parser)]
#[command(
    name = "corridor",
    version,
    about = "Clearing and settlement for national-currency trade corridors"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Money helpers: parse, format and convert exact amounts.
    #[command(subcommand)]
    Money(money_cmd::MoneyCommand),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Money(command) => money_cmd::run(command),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
