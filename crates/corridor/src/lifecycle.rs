//! An obligation's lifecycle.
//!
//! ```text
//! submitted --accept (debtor's bank)--> accepted --clear (operator)--> partly cleared / cleared
//!     \--reject (debtor's bank)--> rejected          \--settle (operator)--> settled
//! accepted / partly cleared --dispute (either bank)--> disputed
//!     disputed --resolve (the bank that disputed: the dispute is dropped)--> back where it was
//!     disputed --uphold (the other bank concedes the dispute)--> cancelled
//! submitted / accepted / partly cleared --request cancel (one bank)--> cancel requested
//!     --confirm cancel (the other bank)--> cancelled;  --withdraw cancel (the requester)--> back
//! ```
//!
//! Only accepted (or partly cleared), undisputed obligations are eligible for clearing. Overdue
//! is not a state: an obligation is overdue when today is past its due date and it is not
//! settled, cleared, rejected or cancelled ([`Obligation::is_overdue`]).

use crate::Refusal;

/// Who takes a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Actor {
    DebtorBank,
    CreditorBank,
    /// The clearing house (runs cycles and settlement).
    Operator,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Submitted,
    Accepted,
    Rejected,
    /// Disputed by a bank; remembers where it came from.
    Disputed {
        by: Actor,
        from: Resumable,
    },
    /// One bank asked to cancel; the other must confirm.
    CancelRequested {
        by: Actor,
        from: Resumable,
    },
    Cancelled,
    PartlyCleared,
    Cleared,
    Settled,
}

/// The states a dispute or a cancellation request returns to when it is resolved or withdrawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resumable {
    Submitted,
    Accepted,
    PartlyCleared,
}

impl Resumable {
    fn state(self) -> State {
        match self {
            Resumable::Submitted => State::Submitted,
            Resumable::Accepted => State::Accepted,
            Resumable::PartlyCleared => State::PartlyCleared,
        }
    }

    fn of(state: State) -> Option<Resumable> {
        match state {
            State::Submitted => Some(Resumable::Submitted),
            State::Accepted => Some(Resumable::Accepted),
            State::PartlyCleared => Some(Resumable::PartlyCleared),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Accept,
    Reject,
    Dispute,
    /// The bank that raised the dispute drops it (the dispute is rejected): back where it was.
    Resolve,
    /// The other bank concedes the dispute (it is upheld): the obligation is cancelled, which
    /// needs both banks, as any cancellation does.
    Uphold,
    RequestCancel,
    ConfirmCancel,
    WithdrawCancel,
    /// A clearing cycle set off this much (minor units, > 0).
    Clear(i128),
    /// The rest was paid in a settlement.
    Settle,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::Accepted => "accepted",
            State::Rejected => "rejected",
            State::Disputed { .. } => "disputed",
            State::CancelRequested { .. } => "cancel requested",
            State::Cancelled => "cancelled",
            State::PartlyCleared => "partly cleared",
            State::Cleared => "cleared",
            State::Settled => "settled",
        }
    }

    /// Final states take no further step.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            State::Rejected | State::Cancelled | State::Cleared | State::Settled
        )
    }
}

/// An obligation's lifecycle data (the amounts are minor units of its currency).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Obligation {
    pub amount: i128,
    pub cleared: i128,
    /// Days since 1970-01-01.
    pub due: u32,
    pub state: State,
}

fn refuse(reason: String) -> Result<State, Refusal> {
    Err(Refusal::new("action", reason))
}

fn other(bank: Actor) -> Actor {
    match bank {
        Actor::DebtorBank => Actor::CreditorBank,
        _ => Actor::DebtorBank,
    }
}

impl Obligation {
    pub fn new(amount: i128, due: u32) -> Obligation {
        Obligation {
            amount,
            cleared: 0,
            due,
            state: State::Submitted,
        }
    }

    /// Accepted or partly cleared, and not disputed: a clearing cycle may take it.
    pub fn is_eligible(&self) -> bool {
        matches!(self.state, State::Accepted | State::PartlyCleared)
    }

    pub fn is_overdue(&self, today: u32) -> bool {
        today > self.due && !self.state.is_final()
    }

    /// The state `action` by `actor` leads to, or why it may not be taken. Nothing changes.
    pub fn next(&self, actor: Actor, action: Action) -> Result<State, Refusal> {
        let state = self.state;
        let name = state.name();
        if state.is_final() {
            return refuse(format!(
                "the obligation is {name}; no further step is possible"
            ));
        }
        let bank = matches!(actor, Actor::DebtorBank | Actor::CreditorBank);
        match (state, action) {
            (State::Submitted, Action::Accept | Action::Reject) => {
                if actor != Actor::DebtorBank {
                    return refuse(
                        "only the debtor's bank accepts or rejects an obligation".into(),
                    );
                }
                Ok(if action == Action::Accept {
                    State::Accepted
                } else {
                    State::Rejected
                })
            }
            (_, Action::Accept | Action::Reject) => refuse(format!(
                "the obligation is {name}; only a submitted one is accepted or rejected"
            )),
            (State::Accepted | State::PartlyCleared, Action::Dispute) => {
                if !bank {
                    return refuse("only the debtor's or the creditor's bank disputes".into());
                }
                Ok(State::Disputed {
                    by: actor,
                    from: Resumable::of(state).expect("disputable state"),
                })
            }
            (_, Action::Dispute) => refuse(format!(
                "the obligation is {name}; only an accepted one can be disputed"
            )),
            (State::Disputed { by, from }, Action::Resolve) => {
                if actor != by {
                    return refuse("only the bank that raised the dispute resolves it".into());
                }
                Ok(from.state())
            }
            (State::Disputed { by, .. }, Action::Uphold) => {
                if actor != other(by) || !bank {
                    return refuse(
                        "only the other bank upholds a dispute (the one that raised it resolves it)"
                            .into(),
                    );
                }
                Ok(State::Cancelled)
            }
            (_, Action::Resolve | Action::Uphold) => {
                refuse(format!("the obligation is {name}, not disputed"))
            }
            (State::Submitted | State::Accepted | State::PartlyCleared, Action::RequestCancel) => {
                if !bank {
                    return refuse(
                        "only the debtor's or the creditor's bank asks to cancel".into(),
                    );
                }
                Ok(State::CancelRequested {
                    by: actor,
                    from: Resumable::of(state).expect("cancellable state"),
                })
            }
            (_, Action::RequestCancel) => refuse(format!(
                "the obligation is {name}; it cannot be cancelled now"
            )),
            (State::CancelRequested { by, .. }, Action::ConfirmCancel) => {
                if actor != other(by) || !bank {
                    return refuse(
                        "cancellation needs both banks: the other bank must confirm".into(),
                    );
                }
                Ok(State::Cancelled)
            }
            (State::CancelRequested { by, from }, Action::WithdrawCancel) => {
                if actor != by {
                    return refuse(
                        "only the bank that asked to cancel withdraws the request".into(),
                    );
                }
                Ok(from.state())
            }
            (_, Action::ConfirmCancel | Action::WithdrawCancel) => refuse(format!(
                "the obligation is {name}; no cancellation was requested"
            )),
            (State::Accepted | State::PartlyCleared, Action::Clear(amount)) => {
                if actor != Actor::Operator {
                    return refuse("only the clearing house clears obligations".into());
                }
                let open = self.amount - self.cleared;
                if amount <= 0 || amount > open {
                    return Err(Refusal::new(
                        "amount",
                        format!("cleared {amount} must be in 1..={open}"),
                    ));
                }
                Ok(if amount == open {
                    State::Cleared
                } else {
                    State::PartlyCleared
                })
            }
            (_, Action::Clear(_)) => refuse(format!(
                "the obligation is {name}; only accepted, undisputed obligations are cleared"
            )),
            (State::Accepted | State::PartlyCleared, Action::Settle) => {
                if actor != Actor::Operator {
                    return refuse("only the clearing house settles obligations".into());
                }
                Ok(State::Settled)
            }
            (_, Action::Settle) => refuse(format!(
                "the obligation is {name}; only accepted obligations settle"
            )),
        }
    }

    /// Takes the step, or refuses and changes nothing.
    pub fn apply(&mut self, actor: Actor, action: Action) -> Result<(), Refusal> {
        let next = self.next(actor, action)?;
        if let Action::Clear(amount) = action {
            self.cleared += amount;
        }
        self.state = next;
        Ok(())
    }
}
