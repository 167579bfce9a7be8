//! `corridor`: the command-line entry point. Each subcommand lives in its own module; this file
//! only parses arguments and dispatches. Errors print one line and exit non-zero.

use clap::{Parser, Subcommand};

mod account;
mod bench;
mod bench_api;
mod bench_clear;
mod bench_ledger;
mod clear;
mod demo;
mod demo_http;
mod internal;
mod iso20022_cmd;
mod machine;
mod money_cmd;
mod report_cmd;
mod screen;
mod serve;
mod verify;

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
    /// One account's balances, transfers (paginated by timestamp) or balance history.
    Account(account::Args),
    /// Optimal multilateral set-off of the obligations in a CSV file.
    Clear(clear::Args),
    /// Run the PK-IR scenario on the embedded store and print a report.
    Demo(demo::Args),
    /// Money helpers: parse, format and convert exact amounts.
    #[command(subcommand)]
    Money(money_cmd::MoneyCommand),
    /// Recompute the hash chain and every balance from the journal; name the first bad record.
    Verify(verify::Args),
    /// Serve the HTTP API (JSON, API keys, OpenAPI at /openapi.json) on the embedded store.
    Serve(serve::Args),
    /// Administration: API keys.
    #[command(subcommand)]
    Admin(serve::AdminCommand),
    /// The workflow's reports from a store: cycles, a bank's statement, the barter window.
    Report(report_cmd::Args),
    /// Screen names against watch lists (UN, OFAC, EU) across scripts; `screen eval` measures it.
    Screen(Box<screen::Args>),
    /// Benchmarks that print their figures, the workload and the machine.
    #[command(subcommand)]
    Bench(bench::BenchCommand),
    /// ISO 20022 messages: validate, convert to and from JSON, generate pacs.008 and camt.053.
    #[command(subcommand, name = "iso20022")]
    Iso20022(iso20022_cmd::Command),
    /// Commands used by the test suite.
    #[command(subcommand, hide = true)]
    Internal(internal::InternalCommand),
}

fn main() -> std::process::ExitCode {
    // `corridor ... | head`: a reader that goes away is not a crash. `println!` panics on a
    // closed pipe; end quietly with the shell's code for SIGPIPE instead.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default_hook(info);
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Account(args) => account::run(args),
        Command::Clear(args) => clear::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Money(command) => money_cmd::run(command),
        Command::Verify(args) => verify::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Admin(command) => serve::admin(command),
        Command::Report(args) => report_cmd::run(args),
        Command::Screen(args) => screen::run(*args),
        Command::Bench(command) => bench::run(command),
        Command::Iso20022(command) => iso20022_cmd::run(command),
        Command::Internal(command) => internal::run(command),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
