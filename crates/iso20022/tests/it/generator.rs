//! The pacs.008 generator's rules: the CBPR+ stamp (any case), UETRs that differ whenever the
//! message differs, and a batch whose control sum cannot be written is refused naming it.

use iso20022::generate::*;
use iso20022::*;

fn obligations(amount: i128) -> Vec<ObligationTransfer> {
    (0..3)
        .map(|i| ObligationTransfer {
            id: Text::new(format!("OBL-{i}")).unwrap(),
            debtor: Text::new("Karachi Rice Exporters").unwrap(),
            creditor: Text::new("Tabriz Carpets").unwrap(),
            amount: Amount::new(money::PKR, amount).unwrap(),
            settlement_date: IsoDate::new("2026-11-23").unwrap(),
            debtor_bank: Bicfi::new("HABBPKKA").unwrap(),
            creditor_bank: Bicfi::new("MELIIRTH").unwrap(),
        })
        .collect()
}

fn options() -> TransferOptions {
    TransferOptions {
        message_id_prefix: "PKIR".into(),
        ..TransferOptions::new(IsoDateTime::new("2026-11-22T10:00:00Z").unwrap()).unwrap()
    }
}

fn uetrs(messages: &[Message]) -> Vec<String> {
    messages
        .iter()
        .flat_map(|m| match &m.document {
            Document::Pacs008(p) => p
                .transactions
                .iter()
                .map(|t| t.payment_id.uetr.as_ref().unwrap().as_str().to_string())
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn the_cbpr_plus_rules_apply_whatever_the_case_of_the_service() {
    for service in [
        "swift.cbprplus.02",
        "SWIFT.CBPRPLUS.02",
        "Swift.CbprPlus.03",
    ] {
        let cbpr = TransferOptions {
            business_service: Some(Text::new(service).unwrap()),
            ..options()
        };
        assert!(cbpr.is_cbpr_plus(), "{service}");
        let e = pacs008_for_obligations(
            &obligations(100),
            &TransferOptions {
                settlement_method: SettlementMethod::Inda,
                batch: true,
                ..cbpr.clone()
            },
        )
        .unwrap_err();
        assert_eq!(e.path, "batch", "{service}: {e}");
        let e = pacs008_for_obligations(&obligations(100), &cbpr).unwrap_err();
        assert_eq!(e.path, "settlement_method", "{service}: {e}");
        let ok = TransferOptions {
            settlement_method: SettlementMethod::Inda,
            ..cbpr
        };
        assert_eq!(
            pacs008_for_obligations(&obligations(100), &ok)
                .unwrap()
                .len(),
            3
        );
    }
    let other = TransferOptions {
        business_service: Some(Text::new("swift.cbpr").unwrap()),
        batch: true,
        ..options()
    };
    assert!(!other.is_cbpr_plus());
}

#[test]
fn uetrs_differ_whenever_the_message_differs() {
    let list = obligations(100);
    let clearing = pacs008_for_obligations(&list, &options()).unwrap();
    // Generated again: the same UETRs (a resend).
    assert_eq!(
        uetrs(&pacs008_for_obligations(&list, &options()).unwrap()),
        uetrs(&clearing)
    );
    let variants = [
        TransferOptions {
            settlement_method: SettlementMethod::Inda,
            business_service: Some(Text::new("swift.cbprplus.02").unwrap()),
            ..options()
        },
        TransferOptions {
            settlement_method: SettlementMethod::Inga,
            ..options()
        },
        TransferOptions {
            batch: true,
            ..options()
        },
        TransferOptions {
            business_service: None,
            ..options()
        },
        TransferOptions {
            app_hdr: false,
            ..options()
        },
    ];
    let mut all = uetrs(&clearing);
    for variant in &variants {
        all.extend(uetrs(&pacs008_for_obligations(&list, variant).unwrap()));
    }
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "a UETR repeats across variants");
    assert_eq!(all.len(), 3 * (variants.len() + 1));
}

#[test]
fn a_batch_whose_control_sum_overflows_is_refused_naming_the_batch() {
    let largest = AMOUNT_LIMIT - 1;
    let batched = TransferOptions {
        batch: true,
        ..options()
    };
    let e = pacs008_for_obligations(&obligations(largest), &batched).unwrap_err();
    assert_eq!(e.path, "batch");
    assert!(
        e.reason.starts_with(
            "message PKIR-20261122100000-1 (3 obligation(s) from HABBPKKA to MELIIRTH in PKR on 2026-11-23, the first OBL-0): CtrlSum: the amounts add up to 29999999999999999.97, more than the 18 digits"
        ),
        "{e}"
    );
    // Unbatched, each message holds one: fine.
    assert_eq!(
        pacs008_for_obligations(&obligations(largest), &options())
            .unwrap()
            .len(),
        3
    );
}
