//! Clearing two currencies together through one gateway per country, at a rate fix.
//!
//! Every firm has a home currency (its bank's country decides it); a firm only ever owes or is
//! owed in its home currency. A cross-border invoice becomes two obligations: the importer owes
//! its country's gateway (in the importer's currency) and the exporter's gateway owes the exporter
//! (in the exporter's currency), linked by an FX leg between the gateways. An invoice amount in
//! the other currency is converted at the fix, rounded toward zero; the exact remainders are
//! reported per currency, never lost.
//!
//! 1. **Joint solve in value units.** With `1 base minor unit = num/den quote minor units`, a base
//!    amount `x` is worth `x·num` and a quote amount `y` is worth `y·den`, exactly. One optimal
//!    set-off over both countries and the gateways gives the value `F` that crosses the border
//!    (the same both ways: whatever leaves a country around a cycle comes back).
//! 2. **Whole lots.** `F` is rounded down to whole lots of `num·den` value, the smallest value
//!    that is a whole number of minor units in both currencies: `F_base = lots·den`,
//!    `F_quote = lots·num`. At the fix they are worth exactly the same.
//! 3. **Exact per-currency solves.** Each country is cleared alone, in its own minor units, with
//!    its gateway forced to pass exactly `F_base` (or `F_quote`) from its importers to its
//!    exporters. Rounding to lots costs less than one lot of set-off.
//!
//! Preserved, and checked on every run: every firm's net position in its home currency (its
//! cleared amounts form a circulation), and the gateways' positions at the fix rate (each
//! gateway receives from its importers exactly what it pays its exporters).

use crate::input::Obligations;
use crate::netting::bic_country;
use crate::solve::ClearingError;
use flow::Arc;
use money::{Currency, Rate};

/// The corridor's two currencies, the fix, and which country uses which currency.
#[derive(Clone, Debug)]
pub struct Corridor {
    pub rate: Rate,
    /// (ISO 3166 alpha-2 country, home currency), e.g. ("PK", PKR).
    pub home: Vec<(String, Currency)>,
}

/// The result of a gateway clearing run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GatewayOutcome {
    /// Per obligation: the debtor's and the creditor's home currency, the amount each side owes
    /// or is owed in it (converted at the fix where the invoice is in the other currency), and
    /// what was cleared on each side.
    pub debtor_currency: Vec<Currency>,
    pub creditor_currency: Vec<Currency>,
    pub debtor_amount: Vec<i128>,
    pub creditor_amount: Vec<i128>,
    pub debtor_cleared: Vec<i128>,
    pub creditor_cleared: Vec<i128>,
    /// Value crossing the border in the joint solve, and after rounding to whole lots, in each
    /// currency's minor units.
    pub joint_border_value: i128,
    pub lots: i128,
    pub border_base: i128,
    pub border_quote: i128,
    /// Conversion remainders per currency: Σ numerators over the rate's denominator in that
    /// currency (fractions of a minor unit, exact).
    pub residue_base: (i128, i128),
    pub residue_quote: (i128, i128),
    pub certificate_verified: bool,
}

fn fail(reason: String) -> ClearingError {
    ClearingError(reason)
}

/// Clears `o` through gateways (see the module docs).
pub fn clear_corridor(
    o: &Obligations,
    corridor: &Corridor,
) -> Result<GatewayOutcome, ClearingError> {
    let rate = &corridor.rate;
    let (base, quote) = (rate.base(), rate.quote());
    let (num, den) = rate.minor_ratio(base).map_err(|e| fail(e.to_string()))?;
    let (_, back_den) = rate.minor_ratio(quote).map_err(|e| fail(e.to_string()))?;
    let n = o.len();
    let home_of_bank = |bank: u32, what: &str, i: usize| -> Result<Currency, ClearingError> {
        if bank == u32::MAX {
            return Err(fail(format!(
                "obligation {}: gateway clearing needs the {what}",
                o.ids[i]
            )));
        }
        let bic = &o.banks[bank as usize];
        let country = bic_country(bic).ok_or_else(|| {
            fail(format!(
                "obligation {}: {what} {bic:?} is not a BIC",
                o.ids[i]
            ))
        })?;
        corridor
            .home
            .iter()
            .find(|(c, _)| c == country)
            .map(|(_, currency)| *currency)
            .ok_or_else(|| {
                fail(format!(
                    "obligation {}: {what} {bic} is in {country}, outside the corridor",
                    o.ids[i]
                ))
            })
    };
    // Every firm must have one home currency.
    let mut firm_home: Vec<Option<Currency>> = vec![None; o.firms.len()];
    let mut side = |firm: u32, currency: Currency, i: usize| -> Result<(), ClearingError> {
        match firm_home[firm as usize] {
            None => firm_home[firm as usize] = Some(currency),
            Some(home) if home == currency => {}
            Some(home) => {
                return Err(fail(format!(
                    "obligation {}: firm {} banks in both {home} and {currency}",
                    o.ids[i], o.firms[firm as usize]
                )));
            }
        }
        Ok(())
    };
    let mut out = GatewayOutcome {
        debtor_currency: Vec::with_capacity(n),
        creditor_currency: Vec::with_capacity(n),
        debtor_amount: Vec::with_capacity(n),
        creditor_amount: Vec::with_capacity(n),
        debtor_cleared: vec![0; n],
        creditor_cleared: vec![0; n],
        joint_border_value: 0,
        lots: 0,
        border_base: 0,
        border_quote: 0,
        residue_base: (0, back_den),
        residue_quote: (0, den),
        certificate_verified: true,
    };
    let mut bank_home: Vec<Option<Currency>> = vec![None; o.banks.len()];
    for i in 0..n {
        let invoice = o.currencies[o.currency[i] as usize].ok_or_else(|| {
            fail(format!(
                "obligation {}: gateway clearing needs a currency",
                o.ids[i]
            ))
        })?;
        if invoice != base && invoice != quote {
            return Err(fail(format!(
                "obligation {}: currency {invoice} is not {base} or {quote}",
                o.ids[i]
            )));
        }
        let mut home = |bank: u32, what: &str| -> Result<Currency, ClearingError> {
            // Banks are few: each one's country is looked up once.
            if let Some(Some(known)) = bank_home.get(bank as usize) {
                return Ok(*known);
            }
            let currency = home_of_bank(bank, what, i)?;
            bank_home[bank as usize] = Some(currency);
            Ok(currency)
        };
        let hd = home(o.debtor_bank[i], "debtor_bank")?;
        let hc = home(o.creditor_bank[i], "creditor_bank")?;
        side(o.debtor[i], hd, i)?;
        side(o.creditor[i], hc, i)?;
        let mut in_home = |home: Currency| -> Result<i128, ClearingError> {
            if home == invoice {
                return Ok(o.amount[i]);
            }
            let c = rate
                .convert(o.amount[i], invoice)
                .map_err(|e| fail(e.to_string()))?;
            if home == base {
                out.residue_base.0 += c.remainder;
            } else {
                out.residue_quote.0 += c.remainder;
            }
            Ok(c.amount)
        };
        let (ad, ac) = (in_home(hd)?, in_home(hc)?);
        out.debtor_currency.push(hd);
        out.creditor_currency.push(hc);
        out.debtor_amount.push(ad);
        out.creditor_amount.push(ac);
    }
    // 1. The joint solve in value units: one single-currency set-off over the firms and the
    // gateways' four nodes.
    let value = |amount: i128, currency: Currency| -> Result<i128, ClearingError> {
        amount
            .checked_mul(if currency == base { num } else { den })
            .ok_or_else(|| fail(format!("{amount} {currency} overflows in value units")))
    };
    let firms = o.firms.len() as u32;
    // Each gateway is two nodes: "in" takes its importers' payments and sends them abroad, "out"
    // receives from abroad and pays its exporters. So value only crosses the border on a path
    // from an importer to an exporter: no gateway-to-gateway loops, no domestic detours.
    let gateway_in = |currency: Currency| if currency == base { firms } else { firms + 2 };
    let gateway_out = |currency: Currency| {
        if currency == base {
            firms + 1
        } else {
            firms + 3
        }
    };
    let joint_nodes = o.firms.len() + 4;
    // Only the totals on each pair of nodes matter for the joint solve (what crosses the border
    // is read off the two FX arcs), so the legs are merged into one arc per pair of nodes.
    // At most three legs per obligation; sized for that, so it never moves while it grows.
    let mut legs: Vec<(u32, u32, i128)> = Vec::with_capacity(3 * n);
    for i in 0..n {
        let (hd, hc) = (out.debtor_currency[i], out.creditor_currency[i]);
        let (vd, vc) = (
            value(out.debtor_amount[i], hd)?,
            value(out.creditor_amount[i], hc)?,
        );
        if hd == hc {
            if vd > 0 {
                legs.push((o.debtor[i], o.creditor[i], vd));
            }
            continue;
        }
        if vd > 0 {
            legs.push((o.debtor[i], gateway_in(hd), vd));
        }
        if vc > 0 {
            legs.push((gateway_out(hc), o.creditor[i], vc));
        }
        if vd.min(vc) > 0 {
            legs.push((gateway_in(hd), gateway_out(hc), vd.min(vc)));
        }
    }
    let merged = crate::solve::group(
        legs.len(),
        joint_nodes,
        |k| legs[k].0 as usize,
        |s| s as u32,
        |k| legs[k].1,
        |k| legs[k].2,
    )?;
    drop(legs);
    let fx = [
        (gateway_in(base), gateway_out(quote)),
        (gateway_in(quote), gateway_out(base)),
    ];
    // The merged arcs are the joint problem as it stands (one per pair, by tail): solved as
    // they are, with no invoices to split back. The solver checks its certificate.
    let mut across = [0i128; 2];
    if let Some(joint) = crate::solve::solve_cyclic(joint_nodes, &merged.arcs)? {
        for (&k, &cleared) in joint.kept.iter().zip(&joint.cleared) {
            let arc = &merged.arcs[k];
            if let Some(way) = fx.iter().position(|&ends| ends == (arc.from, arc.to)) {
                across[way] += cleared;
            }
        }
    }
    if across[0] != across[1] {
        return Err(fail(format!(
            "border flows differ: {} one way, {} the other",
            across[0], across[1]
        )));
    }
    out.joint_border_value = across[0];
    // 2. Whole lots.
    let lot = num
        .checked_mul(den)
        .ok_or_else(|| fail("lot overflows".into()))?;
    out.lots = across[0] / lot;
    out.border_base = out.lots * den;
    out.border_quote = out.lots * num;
    // 3. Each currency alone, its gateway passing exactly the rounded border amount.
    for (currency, through) in [(base, out.border_base), (quote, out.border_quote)] {
        let mut node_of = vec![u32::MAX; o.firms.len()];
        let mut nodes = 2u32; // 0 = gateway in (from importers), 1 = gateway out (to exporters)
        let mut node = |firm: u32| {
            if node_of[firm as usize] == u32::MAX {
                node_of[firm as usize] = nodes;
                nodes += 1;
            }
            node_of[firm as usize]
        };
        // Sized for every obligation: no copies while they grow.
        let mut arcs: Vec<Arc> = Vec::with_capacity(n);
        let mut owner: Vec<(usize, bool)> = Vec::with_capacity(n); // (obligation, is the debtor side)
        for i in 0..n {
            let (hd, hc) = (out.debtor_currency[i], out.creditor_currency[i]);
            if hd == currency && hc == currency {
                arcs.push(Arc {
                    from: node(o.debtor[i]),
                    to: node(o.creditor[i]),
                    capacity: out.debtor_amount[i],
                });
                owner.push((i, true));
            } else if hd == currency {
                arcs.push(Arc {
                    from: node(o.debtor[i]),
                    to: 0,
                    capacity: out.debtor_amount[i],
                });
                owner.push((i, true));
            } else if hc == currency {
                arcs.push(Arc {
                    from: 1,
                    to: node(o.creditor[i]),
                    capacity: out.creditor_amount[i],
                });
                owner.push((i, false));
            }
        }
        let injection = [(0u32, -through), (1u32, through)];
        // Exact reduction 1: merge parallel arcs (same ends); members are split back by the
        // split rule (oldest due date first, undated last, then id), as in single-currency
        // clearing.
        let merged = crate::solve::group(
            arcs.len(),
            nodes as usize,
            |k| arcs[k].from as usize,
            |s| s as u32,
            |k| arcs[k].to,
            |k| arcs[k].capacity,
        )?;
        // Exact reduction 2: only arcs on a cycle can carry set-off, where a path from the
        // gateway's "out" to its "in" counts as closing one.
        let kept = cyclic_arcs(nodes as usize, &merged.arcs);
        let reduced: Vec<Arc> = kept.iter().map(|&m| merged.arcs[m]).collect();
        // The solver checks bounds, conservation and its certificate before it answers.
        let solution = flow::solve_with_injection(nodes as usize, &reduced, &injection)
            .map_err(|e| fail(format!("{currency} side: {e}")))?;
        // Split each merged arc's flow back over its members.
        let mut cleared_of = vec![0i128; arcs.len()];
        let mut scratch = Vec::new();
        for (r, &m) in solution.remaining.iter().zip(&kept) {
            crate::solve::split(
                merged.members(m),
                merged.arcs[m].capacity - *r,
                |k| arcs[k as usize].capacity,
                |k| {
                    let i = owner[k as usize].0;
                    (o.due[i], &*o.ids[i])
                },
                &mut scratch,
                |k, c| cleared_of[k as usize] = c,
            )?;
        }
        let (mut into_gateway, mut out_of_gateway) = (0i128, 0i128);
        for (k, &(i, debtor_side)) in owner.iter().enumerate() {
            let cleared = cleared_of[k];
            let domestic = out.debtor_currency[i] == out.creditor_currency[i];
            if domestic {
                out.debtor_cleared[i] = cleared;
                out.creditor_cleared[i] = cleared;
            } else if debtor_side {
                out.debtor_cleared[i] = cleared;
                into_gateway += cleared;
            } else {
                out.creditor_cleared[i] = cleared;
                out_of_gateway += cleared;
            }
        }
        if into_gateway != through || out_of_gateway != through {
            return Err(fail(format!(
                "{currency} gateway passed {into_gateway} in and {out_of_gateway} out, not {through}"
            )));
        }
    }
    check(o, &out, num, den)?;
    Ok(out)
}

/// Positions of the arcs that lie on a cycle once the gateway's "in" (node 0) is joined to its
/// "out" (node 1).
fn cyclic_arcs(nodes: usize, arcs: &[Arc]) -> Vec<usize> {
    let mut start = vec![0u32; nodes + 1];
    for a in arcs {
        start[a.from as usize + 1] += 1;
    }
    start[1] += 1; // the closing arc 0 -> 1
    for v in 0..nodes {
        start[v + 1] += start[v];
    }
    let mut fill = start.clone();
    let mut targets = vec![0u32; arcs.len() + 1];
    targets[fill[0] as usize] = 1;
    fill[0] += 1;
    for a in arcs {
        targets[fill[a.from as usize] as usize] = a.to;
        fill[a.from as usize] += 1;
    }
    let component = crate::solve::components(nodes, &start, &targets);
    (0..arcs.len())
        .filter(|&k| component[arcs[k].from as usize] == component[arcs[k].to as usize])
        .collect()
}

/// Every firm's cleared amounts are a circulation in its home currency; bounds hold.
fn check(o: &Obligations, out: &GatewayOutcome, num: i128, den: i128) -> Result<(), ClearingError> {
    let mut net = vec![0i128; o.firms.len()];
    for i in 0..o.len() {
        for (cleared, amount) in [
            (out.debtor_cleared[i], out.debtor_amount[i]),
            (out.creditor_cleared[i], out.creditor_amount[i]),
        ] {
            if cleared < 0 || cleared > amount {
                return Err(fail(format!(
                    "obligation {}: cleared {cleared} outside 0..={amount}",
                    o.ids[i]
                )));
            }
        }
        net[o.debtor[i] as usize] += out.debtor_cleared[i];
        net[o.creditor[i] as usize] -= out.creditor_cleared[i];
    }
    if let Some(firm) = net.iter().position(|x| *x != 0) {
        return Err(fail(format!(
            "firm {}: cleared amounts are not a circulation",
            o.firms[firm]
        )));
    }
    // The gateways' positions at the fix: what one gateway passes is worth what the other does.
    if out.border_base * num != out.border_quote * den {
        return Err(fail(format!(
            "gateways passed {} and {}, which differ at the fix",
            out.border_base, out.border_quote
        )));
    }
    Ok(())
}
