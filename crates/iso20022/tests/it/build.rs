//! Fully populated messages for the tests, varied by a seed: optional parts on and off,
//! currencies with 0, 2 and 3 decimals, the largest amounts, XML-special and non-Latin text.

use iso20022::camt053::*;
use iso20022::head::{AppHdr, HeaderParty};
use iso20022::pacs002::*;
use iso20022::pacs008::*;
use iso20022::pacs009::*;
use iso20022::*;
use money::Currency;

/// A small deterministic generator.
pub struct Seed(u64);

impl Seed {
    pub fn new(seed: u64) -> Seed {
        Seed(
            seed.wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407),
        )
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 17
    }

    pub fn coin(&mut self) -> bool {
        self.next().is_multiple_of(2)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
}

pub fn t<const N: usize>(s: &str) -> Text<N> {
    Text::new(s).unwrap()
}

pub fn c<const N: usize>(s: &str) -> CodeText<N> {
    CodeText::new(s).unwrap()
}

const NAMES: &[&str] = &[
    "Karachi Rice Exporters (Pvt) Ltd",
    "Tabriz Carpets & Sons <Import> \"Ltd\"",
    "شرکت بازرگانی پارس",
    "کراچی چاول ایکسپورٹرز",
    "A",
    "Name with 'quotes' & ampersands at the 140-character limit ......................................................................................",
];
const BICS: &[&str] = &[
    "HABBPKKA",
    "MUCBPKKAXXX",
    "MELIIRTH",
    "BSIRIRTH",
    "SBPPPKKA",
    "BMJIIRTH001",
];
const IBANS: &[&str] = &[
    "PK36SCBL0000001123456702",
    "IR062960000000100324200001",
    "IR710570029971601460641001",
    "DE89370400440532013000",
];

pub fn amount(seed: &mut Seed) -> Amount {
    let codes = ["PKR", "IRR", "USD", "JPY", "KWD"];
    let code: &str = seed.pick::<&str>(&codes);
    let currency = Currency::from_code(code).unwrap();
    let minor = match seed.next() % 4 {
        0 => 0,
        1 => 1,
        2 => 999_999_999_999_999_999,
        _ => (seed.next() % 1_000_000_000_000) as i128,
    };
    Amount::new(currency, minor).unwrap()
}

fn name(seed: &mut Seed) -> Max140Text {
    let raw = seed.pick(NAMES);
    Text::truncated(raw, "x").unwrap()
}

pub fn address(seed: &mut Seed) -> PostalAddress {
    PostalAddress {
        address_type: seed.coin().then_some(AddressType::Bizz),
        department: seed.coin().then(|| t("Trade Finance")),
        sub_department: None,
        street_name: Some(t("I.I. Chundrigar Road")),
        building_number: seed.coin().then(|| t("12-B")),
        building_name: seed.coin().then(|| t("State Life Building")),
        floor: seed.coin().then(|| t("3")),
        post_box: seed.coin().then(|| t("4521")),
        room: seed.coin().then(|| t("301")),
        post_code: Some(t("74000")),
        town_name: Some(t("Karachi")),
        town_location_name: seed.coin().then(|| t("Saddar")),
        district_name: seed.coin().then(|| t("Karachi South")),
        country_sub_division: seed.coin().then(|| t("Sindh")),
        country: Some(CountryCode::new("PK").unwrap()),
        address_lines: if seed.coin() {
            vec![t("Floor 3"), t("Suite 301")]
        } else {
            vec![]
        },
    }
}

pub fn agent(seed: &mut Seed) -> Agent {
    let bicfi = Bicfi::new(*seed.pick(BICS)).unwrap();
    if !seed.next().is_multiple_of(3) {
        return Agent::bic(bicfi);
    }
    Agent {
        bicfi: Some(bicfi),
        clearing_system_member: seed.coin().then(|| ClearingSystemMember {
            system: Some(ClearingSystemId::Code(c("PKRTG"))),
            member_id: t("0012"),
        }),
        lei: seed
            .coin()
            .then(|| Lei::new("5493001KJTIIGC8Y1R12").unwrap()),
        name: Some(name(seed)),
        postal_address: seed.coin().then(|| address(seed)),
        other: seed.coin().then(|| GenericId {
            id: t("NTN-1234567"),
            scheme: Some(CodeOrProprietary::Proprietary(t("SBP"))),
            issuer: Some(t("State Bank of Pakistan")),
        }),
    }
}

pub fn party(seed: &mut Seed) -> Party {
    Party {
        name: Some(name(seed)),
        postal_address: seed.coin().then(|| address(seed)),
        id: match seed.next() % 3 {
            0 => None,
            1 => Some(PartyId::Organisation {
                any_bic: seed.coin().then(|| Bicfi::new("KRXEPKKA").unwrap()),
                lei: None,
                other: vec![GenericId {
                    id: t("1234567-8"),
                    scheme: Some(CodeOrProprietary::Code(c("TXID"))),
                    issuer: Some(t("FBR")),
                }],
            }),
            _ => Some(PartyId::Private {
                other: vec![GenericId {
                    id: t("42101-1234567-1"),
                    scheme: Some(CodeOrProprietary::Code(c("NIDN"))),
                    issuer: None,
                }],
            }),
        },
        country_of_residence: seed.coin().then(|| CountryCode::new("IR").unwrap()),
    }
}

pub fn account(seed: &mut Seed) -> Account {
    let id = if seed.next().is_multiple_of(3) {
        AccountId::Other {
            id: t("0012-3456789-01"),
            scheme: Some(CodeOrProprietary::Code(c("BBAN"))),
            issuer: None,
        }
    } else {
        AccountId::Iban(Iban::new(*seed.pick(IBANS)).unwrap())
    };
    Account {
        id,
        kind: match seed.next() % 3 {
            0 => None,
            1 => Some(CodeOrProprietary::Code(c("CACC"))),
            _ => Some(CodeOrProprietary::Proprietary(t("Settlement"))),
        },
        currency: seed.coin().then_some(money::PKR),
        name: seed.coin().then(|| t("Current account")),
    }
}

fn uetr(seed: &mut Seed) -> Uetr {
    Uetr::from_seed(&seed.next().to_be_bytes())
}

fn payment_id(seed: &mut Seed, n: usize) -> PaymentId {
    PaymentId {
        instruction_id: seed.coin().then(|| t(&format!("INSTR-{n}"))),
        end_to_end_id: t(&format!("E2E-{n}-{}", seed.next() % 1000)),
        transaction_id: seed.coin().then(|| t(&format!("TX-{n}"))),
        uetr: seed.coin().then(|| uetr(seed)),
        clearing_system_reference: seed.coin().then(|| t("CLR-REF")),
    }
}

fn payment_type(seed: &mut Seed) -> PaymentType {
    let payment_type = PaymentType {
        instruction_priority: seed.coin().then_some(Priority2::High),
        clearing_channel: seed.coin().then_some(ClearingChannel::Rtgs),
        service_levels: if seed.coin() {
            vec![CodeOrProprietary::Code(c("G001"))]
        } else {
            vec![]
        },
        local_instrument: match seed.next() % 3 {
            0 => None,
            1 => Some(CodeOrProprietary::Proprietary(t("CORRIDOR"))),
            // ExternalLocalInstrument1Code allows up to 35 characters.
            _ => Some(CodeOrProprietary::Code(c(
                "IN12345-CORRIDOR-LOCAL-INSTRUMENT35",
            ))),
        },
        category_purpose: seed.coin().then(|| CodeOrProprietary::Code(c("CASH"))),
    };
    if payment_type == PaymentType::default() {
        PaymentType {
            instruction_priority: Some(Priority2::Normal),
            ..payment_type
        }
    } else {
        payment_type
    }
}

/// Structured and unstructured remittance, varied by the seed.
pub fn remittance(seed: &mut Seed) -> Remittance {
    let structured = |seed: &mut Seed| StructuredRemittance {
        referred_documents: if seed.coin() {
            vec![ReferredDocument {
                kind: Some(ReferenceKind {
                    code: EnumOrProprietary::Code(DocumentType6::Cinv),
                    issuer: seed.coin().then(|| t("Karachi Rice Exporters")),
                }),
                number: Some(t("INV-2026/118")),
                date: seed.coin().then(|| IsoDate::new("2026-10-30").unwrap()),
            }]
        } else {
            vec![]
        },
        creditor_reference: Some(CreditorReference {
            kind: seed.coin().then(|| ReferenceKind {
                code: if seed.coin() {
                    EnumOrProprietary::Code(DocumentType3::Scor)
                } else {
                    EnumOrProprietary::Proprietary(t("CORRIDOR-OBLIGATION"))
                },
                issuer: seed.coin().then(|| t("ISO")),
            }),
            reference: Some(t("RF18539007547034")),
        }),
        invoicer: seed.coin().then(|| party(seed)),
        invoicee: seed.coin().then(|| party(seed)),
        additional_info: if seed.coin() {
            vec![t("Rice, 40 t"), t("HS 1006.30")]
        } else {
            vec![]
        },
    };
    Remittance {
        unstructured: if seed.coin() {
            vec![t("Invoice 2026/118 rice"), t("HS 1006.30")]
        } else {
            vec![]
        },
        structured: (0..1 + seed.next() % 2).map(|_| structured(seed)).collect(),
    }
}

fn rate(seed: &mut Seed) -> BaseOneRate {
    BaseOneRate::new(*seed.pick(&[
        "4163.85",
        "0.0002401625",
        "12345678901",
        "1.0000",
        "+0042.50",
    ]))
    .unwrap()
}

pub fn group_header(seed: &mut Seed, amounts: &[Amount]) -> GroupHeader {
    let header = GroupHeader {
        message_id: t(&format!("MSG-{}", seed.next())),
        creation_date_time: IsoDateTime::new(*seed.pick(&[
            "2026-11-22T10:15:00Z",
            "2026-11-22T10:15:00.123+05:00",
            "2024-02-29T23:59:59",
        ]))
        .unwrap(),
        batch_booking: seed.coin().then_some(false),
        control_sum: None,
        total_interbank_settlement_amount: None,
        interbank_settlement_date: seed.coin().then(|| IsoDate::new("2026-11-23").unwrap()),
        settlement_method: *seed.pick(SettlementMethod::ALL),
        settlement_account: seed.coin().then(|| account(seed)),
        clearing_system: seed
            .coin()
            .then(|| CodeOrProprietary::Proprietary(t("PRISM+"))),
        payment_type: seed.coin().then(|| payment_type(seed)),
        instructing_agent: seed.coin().then(|| agent(seed)),
        instructed_agent: seed.coin().then(|| agent(seed)),
    };
    if seed.coin() {
        // Totals of the largest amounts overflow the 18 digits: then there are none.
        header.clone().with_totals(amounts).unwrap_or(header)
    } else {
        header
    }
}

pub fn pacs008(seed: u64) -> Pacs008 {
    let mut s = Seed::new(seed);
    let n = 1 + (s.next() % 3) as usize;
    let transactions: Vec<CreditTransfer> = (0..n)
        .map(|i| CreditTransfer {
            payment_id: payment_id(&mut s, i),
            payment_type: s.coin().then(|| payment_type(&mut s)),
            interbank_settlement_amount: amount(&mut s),
            interbank_settlement_date: s.coin().then(|| {
                IsoDate::new(*s.pick(&["2026-11-23", "2026-11-23Z", "2026-11-23+05:00"])).unwrap()
            }),
            settlement_priority: s.coin().then_some(Priority3::Urgent),
            acceptance_date_time: s
                .coin()
                .then(|| IsoDateTime::new("2026-11-22T09:00:00Z").unwrap()),
            instructed_amount: s.coin().then(|| amount(&mut s)),
            exchange_rate: s.coin().then(|| rate(&mut s)),
            charge_bearer: *s.pick(ChargeBearer::ALL),
            charges: (0..s.next() % 3)
                .map(|_| Charge {
                    amount: amount(&mut s),
                    agent: agent(&mut s),
                })
                .collect(),
            instructing_agent: s.coin().then(|| agent(&mut s)),
            instructed_agent: s.coin().then(|| agent(&mut s)),
            intermediary_agent1: s.coin().then(|| agent(&mut s)),
            intermediary_agent2: s.coin().then(|| agent(&mut s)),
            intermediary_agent3: s.coin().then(|| agent(&mut s)),
            ultimate_debtor: s.coin().then(|| party(&mut s)),
            initiating_party: s.coin().then(|| party(&mut s)),
            debtor: party(&mut s),
            debtor_account: s.coin().then(|| account(&mut s)),
            debtor_agent: agent(&mut s),
            creditor_agent: agent(&mut s),
            creditor: party(&mut s),
            creditor_account: s.coin().then(|| account(&mut s)),
            ultimate_creditor: s.coin().then(|| party(&mut s)),
            instructions_for_creditor_agent: if s.coin() {
                vec![
                    CreditorAgentInstruction {
                        code: Some(Instruction3::Phob),
                        info: s.coin().then(|| t("+92 21 111 000 111")),
                    },
                    CreditorAgentInstruction {
                        code: None,
                        info: Some(t("Credit on receipt of documents")),
                    },
                ]
            } else {
                vec![]
            },
            instructions_for_next_agent: if s.coin() {
                vec![NextAgentInstruction {
                    code: Some(Instruction4::Tela),
                    info: None,
                }]
            } else {
                vec![]
            },
            purpose: s.coin().then(|| CodeOrProprietary::Code(c("GDDS"))),
            remittance: s.coin().then(|| remittance(&mut s)),
        })
        .collect();
    let amounts: Vec<Amount> = transactions
        .iter()
        .map(|t| t.interbank_settlement_amount)
        .collect();
    Pacs008 {
        group_header: group_header(&mut s, &amounts),
        transactions,
    }
}

pub fn pacs009(seed: u64) -> Pacs009 {
    let mut s = Seed::new(seed ^ 0x9);
    let n = 1 + (s.next() % 3) as usize;
    let transactions: Vec<FiCreditTransfer> = (0..n)
        .map(|i| FiCreditTransfer {
            payment_id: payment_id(&mut s, i),
            payment_type: s.coin().then(|| payment_type(&mut s)),
            interbank_settlement_amount: amount(&mut s),
            interbank_settlement_date: s.coin().then(|| IsoDate::new("2026-11-23").unwrap()),
            settlement_priority: s.coin().then_some(Priority3::Normal),
            instructing_agent: s.coin().then(|| agent(&mut s)),
            instructed_agent: s.coin().then(|| agent(&mut s)),
            intermediary_agent1: s.coin().then(|| agent(&mut s)),
            intermediary_agent2: s.coin().then(|| agent(&mut s)),
            intermediary_agent3: s.coin().then(|| agent(&mut s)),
            debtor: agent(&mut s),
            debtor_account: s.coin().then(|| account(&mut s)),
            debtor_agent: s.coin().then(|| agent(&mut s)),
            creditor_agent: s.coin().then(|| agent(&mut s)),
            creditor: agent(&mut s),
            creditor_account: s.coin().then(|| account(&mut s)),
            purpose: s.coin().then(|| CodeOrProprietary::Code(c("INTC"))),
            remittance: if s.coin() {
                vec![t("Settlement cycle 42")]
            } else {
                vec![]
            },
        })
        .collect();
    let amounts: Vec<Amount> = transactions
        .iter()
        .map(|t| t.interbank_settlement_amount)
        .collect();
    Pacs009 {
        group_header: group_header(&mut s, &amounts),
        transactions,
    }
}

pub fn pacs002(seed: u64) -> Pacs002 {
    let mut s = Seed::new(seed ^ 0x2);
    let reasons = |s: &mut Seed| -> Vec<StatusReason> {
        match s.next() % 3 {
            0 => vec![],
            1 => vec![StatusReason::iso("AC01", Some("Incorrect account number")).unwrap()],
            _ => vec![StatusReason {
                reason: Some(CodeOrProprietary::Proprietary(t("E433"))),
                additional_info: vec![t("Screening hit <review> & hold")],
            }],
        }
    };
    let n = (s.next() % 3) as usize;
    Pacs002 {
        group_header: StatusGroupHeader {
            message_id: t("STATUS-1"),
            creation_date_time: IsoDateTime::new("2026-11-22T10:16:00Z").unwrap(),
            instructing_agent: s.coin().then(|| agent(&mut s)),
            instructed_agent: s.coin().then(|| agent(&mut s)),
        },
        original_groups: if s.coin() {
            vec![OriginalGroupStatus {
                original_message_id: t("MSG-1"),
                original_message_name_id: t("pacs.008.001.08"),
                original_creation_date_time: s
                    .coin()
                    .then(|| IsoDateTime::new("2026-11-22T10:15:00Z").unwrap()),
                original_number_of_transactions: s
                    .coin()
                    .then(|| Max15NumericText::new("1").unwrap()),
                group_status: s.coin().then(|| c("PART")),
                reasons: reasons(&mut s),
            }]
        } else {
            vec![]
        },
        transactions: (0..n)
            .map(|i| TransactionStatus {
                status_id: s.coin().then(|| t(&format!("STS-{i}"))),
                original_group: s.coin().then(|| OriginalGroup {
                    original_message_id: t("MSG-1"),
                    original_message_name_id: t("pacs.008.001.08"),
                    original_creation_date_time: None,
                }),
                original_instruction_id: s.coin().then(|| t("INSTR-1")),
                original_end_to_end_id: Some(t(&format!("E2E-{i}"))),
                original_transaction_id: s.coin().then(|| t("TX-1")),
                original_uetr: s.coin().then(|| uetr(&mut s)),
                status: Some(c(s.pick::<&str>(&["ACSC", "ACSP", "RJCT", "PDNG"]))),
                reasons: reasons(&mut s),
                acceptance_date_time: s
                    .coin()
                    .then(|| IsoDateTime::new("2026-11-22T10:15:30Z").unwrap()),
                clearing_system_reference: s.coin().then(|| t("CLR-1")),
                instructing_agent: s.coin().then(|| agent(&mut s)),
                instructed_agent: s.coin().then(|| agent(&mut s)),
                original_transaction: s.coin().then(|| OriginalTransaction {
                    interbank_settlement_amount: Some(amount(&mut s)),
                    interbank_settlement_date: s
                        .coin()
                        .then(|| IsoDate::new("2026-11-23").unwrap()),
                    remittance: s.coin().then(|| remittance(&mut s)),
                    ultimate_debtor: s.coin().then(|| RelatedParty::Party(party(&mut s))),
                    debtor: s.coin().then(|| RelatedParty::Party(party(&mut s))),
                    debtor_account: s.coin().then(|| account(&mut s)),
                    debtor_agent: s.coin().then(|| agent(&mut s)),
                    creditor_agent: s.coin().then(|| agent(&mut s)),
                    creditor: s.coin().then(|| RelatedParty::Agent(agent(&mut s))),
                    creditor_account: s.coin().then(|| account(&mut s)),
                    ultimate_creditor: s.coin().then(|| RelatedParty::Party(party(&mut s))),
                    purpose: s.coin().then(|| CodeOrProprietary::Code(c("GDDS"))),
                }),
            })
            .filter(|t| *t != TransactionStatus::default())
            .collect(),
    }
}

fn amount_details(seed: &mut Seed, booked: Amount) -> AmountDetails {
    let exchange = |seed: &mut Seed| CurrencyExchange {
        source_currency: money::Currency::from_code("USD").unwrap(),
        target_currency: Some(booked.currency()),
        unit_currency: seed.coin().then(|| booked.currency()),
        rate: rate(seed),
        contract_id: seed.coin().then(|| t("FX12345")),
        quotation_date: seed
            .coin()
            .then(|| IsoDateTime::new("2026-11-22T10:00:00+05:00").unwrap()),
    };
    AmountDetails {
        instructed: Some(AmountWithExchange {
            amount: amount(seed),
            exchange: seed.coin().then(|| exchange(seed)),
        }),
        transaction: Some(AmountWithExchange {
            amount: booked,
            exchange: None,
        }),
        counter_value: seed.coin().then(|| AmountWithExchange {
            amount: booked,
            exchange: Some(exchange(seed)),
        }),
        announced_posting: None,
    }
}

pub fn camt053(seed: u64) -> Camt053 {
    let mut s = Seed::new(seed ^ 0x53);
    let currency = *s.pick(&[money::PKR, money::IRR, Currency::from_code("KWD").unwrap()]);
    let entries: Vec<Entry> = (0..(s.next() % 4) as usize)
        .map(|i| {
            let amount = Amount::new(currency, (s.next() % 10_000_000) as i128).unwrap();
            Entry {
                reference: s.coin().then(|| t(&format!("NTRY-{i}"))),
                amount,
                credit_debit: *s.pick(CreditDebit::ALL),
                reversal: s.coin().then_some(false),
                status: CodeOrProprietary::Code(c("BOOK")),
                booking_date: Some(DateOrDateTime::Date(IsoDate::new("2026-11-22").unwrap())),
                value_date: s.coin().then(|| {
                    DateOrDateTime::DateTime(IsoDateTime::new("2026-11-22T12:00:00Z").unwrap())
                }),
                account_servicer_reference: s.coin().then(|| t("ASR-1")),
                bank_transaction_code: if s.coin() {
                    BankTransactionCode::domain("PMNT", "RCDT", "XBCT").unwrap()
                } else {
                    BankTransactionCode {
                        domain: None,
                        proprietary: Some(ProprietaryBankTransactionCode {
                            code: t("NTRF+701TransactionCodeText"),
                            issuer: s.coin().then(|| t("SWIFT")),
                        }),
                    }
                },
                amount_details: s.coin().then(|| amount_details(&mut s, amount)),
                details: if s.coin() {
                    vec![EntryDetails {
                        batch: s.coin().then(|| Batch {
                            message_id: Some(t("MSGSCT0099")),
                            payment_information_id: s.coin().then(|| t("PMTINF-7")),
                            number_of_transactions: Some(Max15NumericText::new("3").unwrap()),
                            total_amount: s.coin().then_some(amount),
                            credit_debit: s.coin().then_some(CreditDebit::Debit),
                        }),
                        transactions: vec![EntryTransaction {
                            message_id: s.coin().then(|| t("MSG-1")),
                            payment_information_id: s.coin().then(|| t("PMTINF-1")),
                            end_to_end_id: Some(t("E2E-1")),
                            uetr: s.coin().then(|| uetr(&mut s)),
                            cheque_number: s.coin().then(|| t("000123")),
                            clearing_system_reference: s.coin().then(|| t("CLR-9")),
                            amount: Some(amount),
                            credit_debit: Some(CreditDebit::Credit),
                            amount_details: s.coin().then(|| amount_details(&mut s, amount)),
                            bank_transaction_code: s.coin().then(|| {
                                BankTransactionCode::domain("PMNT", "RCDT", "ESCT").unwrap()
                            }),
                            debtor: s.coin().then(|| RelatedParty::Party(party(&mut s))),
                            debtor_account: s.coin().then(|| account(&mut s)),
                            ultimate_debtor: s.coin().then(|| RelatedParty::Party(party(&mut s))),
                            creditor: s.coin().then(|| RelatedParty::Agent(agent(&mut s))),
                            creditor_account: None,
                            agents: s.coin().then(|| TransactionAgents {
                                debtor_agent: Some(agent(&mut s)),
                                intermediary_agent1: s.coin().then(|| agent(&mut s)),
                                ..TransactionAgents::default()
                            }),
                            purpose: s.coin().then(|| CodeOrProprietary::Code(c("SALA"))),
                            remittance: Some(remittance(&mut s)),
                            additional_info: s.coin().then(|| t("details")),
                            ..EntryTransaction::default()
                        }],
                    }]
                } else {
                    vec![]
                },
                additional_info: s.coin().then(|| t("Cross-border credit")),
            }
        })
        .collect();
    Camt053 {
        group_header: StatementGroupHeader {
            message_id: t("STMT-MSG-1"),
            creation_date_time: IsoDateTime::new("2026-11-22T23:59:59Z").unwrap(),
            page: s.coin().then_some(Pagination {
                page_number: 1,
                last_page: true,
            }),
            additional_info: s.coin().then(|| t("Corridor statement")),
        },
        statements: vec![Statement {
            id: t("STMT-1"),
            page: s.coin().then_some(Pagination {
                page_number: 1,
                last_page: true,
            }),
            electronic_sequence_number: s.coin().then_some(118),
            legal_sequence_number: s.coin().then_some(97),
            creation_date_time: s
                .coin()
                .then(|| IsoDateTime::new("2026-11-22T23:59:59Z").unwrap()),
            period: Some(Period {
                from: IsoDateTime::new("2026-11-22T00:00:00").unwrap(),
                to: IsoDateTime::new("2026-11-22T23:59:59").unwrap(),
            }),
            related_account: s.coin().then(|| account(&mut s)),
            account: StatementAccount {
                id: account(&mut s).id,
                kind: s.coin().then(|| CodeOrProprietary::Code(c("CACC"))),
                currency: Some(currency),
                name: s.coin().then(|| t("Settlement account")),
                owner: s.coin().then(|| party(&mut s)),
                servicer: s.coin().then(|| agent(&mut s)),
            },
            balances: vec![
                Balance {
                    kind: CodeOrProprietary::Code(c("OPBD")),
                    amount: Amount::new(currency, 1_000_000).unwrap(),
                    credit_debit: CreditDebit::Credit,
                    date: DateOrDateTime::Date(IsoDate::new("2026-11-22").unwrap()),
                },
                Balance {
                    kind: CodeOrProprietary::Proprietary(t("CORRIDOR-CLOSING")),
                    amount: Amount::new(currency, 5).unwrap(),
                    credit_debit: CreditDebit::Debit,
                    date: DateOrDateTime::DateTime(
                        IsoDateTime::new("2026-11-22T23:59:59Z").unwrap(),
                    ),
                },
            ],
            summary: if s.coin() {
                Some(summarise(&entries, currency).unwrap())
            } else {
                s.coin().then(|| TransactionsSummary {
                    entries: Some(NumberAndSum {
                        count: Some(Max15NumericText::new("10").unwrap()),
                        sum: None,
                    }),
                    net: None,
                    credit_entries: Some(NumberAndSum {
                        count: None,
                        sum: Some(DecimalNumber::new("23075.000").unwrap()),
                    }),
                    debit_entries: None,
                })
            },
            entries,
            additional_info: s.coin().then(|| t("End of day")),
        }],
    }
}

pub fn app_hdr(seed: u64, msg_def: &str) -> AppHdr {
    let mut s = Seed::new(seed ^ 0x1);
    AppHdr {
        from: HeaderParty::Institution(agent(&mut s)),
        to: if s.coin() {
            HeaderParty::Institution(Agent::bic(Bicfi::new("MELIIRTH").unwrap()))
        } else {
            HeaderParty::Organisation(party(&mut s))
        },
        business_message_id: t(&format!("BIZ-{seed}")),
        message_definition_id: t(msg_def),
        business_service: s.coin().then(|| t("swift.cbprplus.02")),
        creation_date: IsoDateTime::new("2026-11-22T10:15:00Z").unwrap(),
        copy_duplicate: None,
        possible_duplicate: s.coin().then_some(false),
    }
}

/// Every kind of document, varied by `seed`.
pub fn documents(seed: u64) -> Vec<(MsgDef, Document)> {
    vec![
        (
            MsgDef::latest(Kind::Pacs008),
            Document::Pacs008(pacs008(seed)),
        ),
        (
            MsgDef::latest(Kind::Pacs009),
            Document::Pacs009(pacs009(seed)),
        ),
        (
            MsgDef::new(Kind::Pacs002, 10),
            Document::Pacs002(pacs002(seed)),
        ),
        (
            MsgDef::new(Kind::Pacs002, 12),
            Document::Pacs002(pacs002(seed + 1)),
        ),
        (
            MsgDef::latest(Kind::Camt053),
            Document::Camt053(camt053(seed)),
        ),
    ]
}
