//! What a committed command answers, and what a refusal may tell the caller.
//!
//! A command's answer is computed once, right after the command is applied to the workflow
//! (under its lock, so it shows exactly the state the command left and nothing later). The
//! same function computes it again when the server opens its store and replays the journal,
//! for every command that carried an `Idempotency-Key`: so a retry after a restart gets the
//! first answer, byte for byte.

use crate::auth::{Keys, Principal};
use crate::idempotency::{Cache, decode_answer, from_hex};
use crate::problem::{self, Problem};
use crate::views::{self, sees_obligation, sees_trader};
use axum::http::StatusCode;
use corridor::Refusal;
use corridor::workflow::{Command, Envelope, Prepared, RequestKey, Workflow, parse_day};
use serde_json::{Value, json};

/// The status and body a committed command answers with.
pub fn answer(
    p: &Principal,
    w: &Workflow,
    today: u32,
    command: &Command,
    prepared: &Prepared,
) -> (StatusCode, Value) {
    let value = match command {
        Command::ConfigureCorridor { .. } => views::corridor(w),
        Command::RegisterBank { bic, .. } => w.bank(bic).map(views::bank),
        Command::RegisterTrader { id, .. } => w.trader(id).map(views::trader),
        Command::FundBank { bic, .. } => Some(json!({
            "bank": bic,
            "transfer": prepared.transfers.first().map(|t| t.id.to_string()),
        })),
        Command::PublishRate { value_date, .. } => parse_day(value_date)
            .and_then(|day| w.rate_fix(day))
            .map(views::rate_fix),
        Command::SubmitObligation { id, .. } => obligation(w, id, today),
        Command::Act { obligation: id, .. } => {
            return (
                StatusCode::OK,
                obligation(w, id, today).unwrap_or(Value::Null),
            );
        }
        Command::RunCycle { .. } => w.cycles().last().map(|c| views::cycle(p, w, c)),
    };
    (StatusCode::CREATED, value.unwrap_or(Value::Null))
}

/// An obligation's view, by id.
pub fn obligation(w: &Workflow, id: &str, today: u32) -> Option<Value> {
    w.obligation(id).map(|o| views::obligation(w, o, today))
}

/// When the store is opened: the first answer of a replayed command that carried an
/// idempotency key, kept for retries. Items of a batch (keys `KEY#n`) are not kept one by one:
/// the batch's whole answer is journaled ([`recorded`]).
pub fn replayed(
    keys: &Keys,
    cache: &Cache,
    w: &Workflow,
    envelope: &Envelope,
    prepared: &Prepared,
) {
    let Some(request) = &envelope.request else {
        return;
    };
    if request.key.contains('#') {
        return;
    }
    // A key revoked since cannot retry anyway.
    let Some(principal) = keys.principal(&request.caller) else {
        return;
    };
    let (Some(hash), Some(today)) = (from_hex(&request.hash), parse_day(&envelope.today)) else {
        return;
    };
    let (status, value) = answer(&principal, w, today, &envelope.command, prepared);
    cache.remember(
        &request.caller,
        &request.key,
        hash,
        status.as_u16(),
        value.to_string().into(),
        "application/json",
    );
}

/// When the store is opened: an answer journaled as it was sent (a refusal, a batch), kept
/// for retries.
pub fn recorded(keys: &Keys, cache: &Cache, request: &RequestKey, text: &str) {
    // A key revoked since cannot retry anyway.
    if keys.principal(&request.caller).is_none() {
        return;
    }
    let (Some(hash), Some((status, content_type, body))) =
        (from_hex(&request.hash), decode_answer(text))
    else {
        return;
    };
    cache.remember(
        &request.caller,
        &request.key,
        hash,
        status,
        body,
        content_type,
    );
}

/// What a refused command is about, for answers that must not reveal what the caller may not
/// see.
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    /// An obligation's id and its creditor.
    Obligation(&'a str, &'a str),
    Trader(&'a str),
    Other,
}

/// A workflow refusal as a problem.
///
/// * A bank's obligation for a creditor that is not its customer: always the same refusal,
///   whatever the workflow found (a success needs the creditor's bank to submit), so none
///   tells whether the trader exists or where it banks.
/// * An id already taken by an object the caller may see: 409 with the reason; by one it may
///   not see, a refusal that says nothing about it.
pub fn refused(w: &Workflow, p: &Principal, subject: Subject, refusal: &Refusal) -> Problem {
    if let (crate::auth::Role::Bank(bic), Subject::Obligation(_, creditor)) = (&p.role, subject)
        && w.trader(creditor).is_none_or(|t| t.bank != *bic)
    {
        return not_a_customer(bic, creditor);
    }
    if refusal.field == "id" {
        let visible = match subject {
            Subject::Obligation(id, _) => w.obligation(id).map(|o| sees_obligation(p, w, o)),
            Subject::Trader(id) => w.trader(id).map(|t| sees_trader(p, w, t)),
            Subject::Other => None,
        };
        match visible {
            Some(true) => return Problem::conflict("id", refusal.reason.clone()),
            Some(false) => return id_unavailable(),
            None => {}
        }
    }
    Problem::refused(refusal)
}

/// A bank submits invoices for its own customers (the creditors) only.
pub fn not_a_customer(bic: &str, creditor: &str) -> Problem {
    Problem::refused(&Refusal::new(
        "creditor",
        format!(
            "{creditor} is not a customer of {bic}; a bank submits invoices for its own customers (the creditors)"
        ),
    ))
}

/// The neutral refusal of an id taken by something the caller may not see.
pub fn id_unavailable() -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        problem::types::REFUSED,
        "The request was refused",
        "this id cannot be used; choose another",
    )
    .with_field("id")
}

/// A retry whose key the service recognises as applied or answered, but whose first answer is
/// no longer kept.
pub fn expired(answers_max: usize) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        problem::types::IDEMPOTENCY_EXPIRED,
        "Idempotency-Key expired",
        format!(
            "a request with this key was answered before (it is not applied again), but its answer is no longer kept (the last {answers_max} keys' answers are); read the resource instead"
        ),
    )
    .with_field("Idempotency-Key")
}
