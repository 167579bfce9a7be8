//! A table of matching cases on the real excerpts, each with the reason for its outcome.

use super::*;
use screening::{Config, Query, Screener};

struct Case {
    name: &'static str,
    dob: Option<&'static str>,
    country: Option<&'static str>,
    /// The reference that must be the best hit, or `None` for no hit at all.
    expect: Option<&'static str>,
    why: &'static str,
}

/// The similarity of the first tokens of two names.
fn sim(a: &str, b: &str) -> f32 {
    screening::matcher::token_similarity(
        &screening::normalize::tokens(a)[0],
        &screening::normalize::tokens(b)[0],
    )
}

const fn case(name: &'static str, expect: Option<&'static str>, why: &'static str) -> Case {
    Case {
        name,
        dob: None,
        country: None,
        expect,
        why,
    }
}

const CASES: &[Case] = &[
    case(
        "Mohammad Hassan Akhund",
        Some("TAi.002"),
        "the primary name, exactly",
    ),
    case(
        "Akhund, Muhammad Hasan",
        Some("TAi.002"),
        "word order and a Mohammad/Hasan spelling variant",
    ),
    case(
        "Mullah Haji Mohammed Hassan Akhund",
        Some("TAi.002"),
        "honorifics (the entry's own titles) are not name parts",
    ),
    case(
        "محمد حسن آخوند",
        Some("TAi.002"),
        "the original script as listed",
    ),
    case("مُحَمَّد حسن آخوند", Some("TAi.002"), "harakat removed"),
    case(
        "عبد الكبير محمد جان",
        Some("TAi.003"),
        "Arabic kaf/yeh for the Persian letters of the listed name",
    ),
    case(
        "Abdulkabir Mohammad Jan",
        Some("TAi.003"),
        "Abdul X compound written as one word",
    ),
    case(
        "Abdul Hakim Murad",
        Some("QDi.120"),
        "primary name of a Pakistani national",
    ),
    case(
        "Murad, Abdul Hakim Hasim",
        Some("QDi.120"),
        "a good-quality alias with 'LAST, First' order",
    ),
    case(
        "Matiur Rahman",
        Some("QDi.296"),
        "one of the aliases (ur- compound)",
    ),
    case(
        "مطیع الرحمن علی محمد",
        Some("QDi.296"),
        "the Urdu original script",
    ),
    case(
        "Tariq",
        None,
        "a Low-quality (weak) alias is not screened on its own",
    ),
    case(
        "Fereidoun Abbasi Davani",
        Some("IRi.001"),
        "hyphenated surname split by the party",
    ),
    case(
        "Fereydoun Abbasi-Davani",
        Some("IRi.001"),
        "Persian romanisation variant ei/ey",
    ),
    case(
        "Azim Aghajani",
        Some("IRi.003"),
        "listed spelling of a joined surname",
    ),
    case(
        "Harakat ul Jihad al Islami",
        Some("QDe.130"),
        "entity alias with particles",
    ),
    case(
        "حرکت الجہاد الاسلامی",
        Some("QDe.130"),
        "Urdu heh goal and article forms",
    ),
    case(
        "Bank Sepah",
        Some("IRe.007"),
        "entity name, legal words aside",
    ),
    case(
        "Bank Melli",
        None,
        "a different Iranian bank: the distinctive token differs",
    ),
    case(
        "Bank Keshavarzi Iran",
        Some("4639"),
        "OFAC CSV primary name",
    ),
    case(
        "Agricultural Bank of Iran",
        Some("4639"),
        "OFAC CSV alias; 'of' is a particle",
    ),
    case(
        "Central Bank of Iran",
        Some("4632"),
        "OFAC alias in both the CSV and the XML",
    ),
    case(
        "Nasir Ali Khan",
        Some("6864"),
        "OFAC 'KHAN, Nasir Ali' in another order",
    ),
    case("Seyfollah Jashnsaz", Some("15961"), "OFAC XML strong alias"),
    case(
        "Seifollah Jashn Saz",
        Some("15961"),
        "surname split in two: the adjacent tokens are joined",
    ),
    case(
        "Imran Qureshi",
        None,
        "a common Pakistani trader name that is not listed",
    ),
    case(
        "Reza Ahmadi Trading Co.",
        None,
        "an Iranian company that is not listed",
    ),
    case(
        "Muhammad Ali",
        None,
        "two very common names alone weigh too little against longer entries",
    ),
    case(
        "Mahmoud Hassan Akhund",
        Some("TAi.002"),
        "Arabic script writes no short vowels: محمد's skeleton m-h-m-d also fits Mahmoud, so this stays a hit for review",
    ),
    case(
        "Hussein Hassan Akhund",
        None,
        "Hussein is not Mohammad: a different first name leaves too little",
    ),
    case(
        "جمعية إحياء التراث الإسلامي",
        Some("QDe.070"),
        "the original script matches the transliterated alias Jamiat Ihia Al-Turath Al-Islamiya",
    ),
    case(
        "Saeed Ahmadi",
        None,
        "Ahmadi is the nisba of Ahmad, another name: the listed alias Saeed Ahmed does not hit",
    ),
    case(
        "سعید احمدی",
        None,
        "the same in Persian script: final ی against a final consonant",
    ),
    Case {
        name: "Nasir Ali Khan",
        dob: Some("1955-10-01"),
        country: Some("PK"),
        expect: Some("6864"),
        why: "date of birth and country agree and raise the score",
    },
    Case {
        name: "Sultan Bashiruddin Mahmood",
        dob: Some("1990"),
        country: None,
        expect: None,
        why: "the date of birth contradicts all nine of the entry's (1937-1945): the score drops below the threshold",
    },
];

/// Cases screened against the Latin names of the UN pairs file (the index of the evaluation),
/// for list entries that the excerpts do not hold. None is an evaluation query: each is another
/// spelling, script or form of the name than the list's original script.
const PAIR_CASES: &[Case] = &[
    case(
        "حسن طاهر اویس",
        Some("QDi.042"),
        "another Arabic-script spelling (ط for ظ, Persian اویس) finds the a.k.a. Hassan Tahir Oais / Uways",
    ),
    case(
        "Zakaria al-Sabbar",
        Some("QDi.083"),
        "the article written out in Latin: al-Sabbar is the Essabar of the list (sun-letter assimilation)",
    ),
    case(
        "Wali Jan",
        Some("TAi.095"),
        "two Latin words against one listed word (WALIJAN): adjacent tokens joined",
    ),
    case(
        "مولوی محمد عمر ځدراڼ",
        Some("TAi.171"),
        "an honorific and the Pashto letters ځ and ڼ (Zadran)",
    ),
    case(
        "عبدالقدوس مزهری",
        Some("TAi.135"),
        "ز + ه for Latin zh (Mazhari), and عبد written onto the name",
    ),
    case(
        "Ахмад Раджапович Чатаев",
        Some("QDi.365"),
        "another Cyrillic spelling: дж is j (Rajapovich), Ахмад for Ахмед",
    ),
    case(
        "جماعة ليبية إسلامية مقاتلة",
        Some("QDe.011"),
        "a translated name without articles, in another order: group, libyan, islamic, fighting",
    ),
    case(
        "Haqani Network",
        Some("TAe.012"),
        "a Latin spelling of the listed name without its parenthesised acronym (HQN)",
    ),
    case(
        "تنظيم القاعدة في جزيرة العرب",
        Some("QDe.129"),
        "organisation noun + the Arabian Peninsula: the translated reading meets the listed English name",
    ),
    case(
        "Hassan Mohammadi",
        None,
        "Mohammadi is the nisba of Mohammad: the alias Mohamed Hassan does not hit",
    ),
    case(
        "Hamid Mahmoudi",
        None,
        "Mahmoudi is the nisba of Mahmoud: the alias Mahmoud Hamid does not hit",
    ),
    case(
        "Mostafa Mohammadi",
        None,
        "Mohammadi is not Mohamed Amin written as one word: joined tokens must be of similar length",
    ),
    case(
        "Hamid Babaei",
        None,
        "a short word is joined to its neighbour only when the joined word matches a listed one closely (not Hammad)",
    ),
];

#[test]
fn matching_cases_on_the_pairs_index() {
    let pairs = screening::eval::parse_pairs(&read(PAIRS)).unwrap();
    let s = Screener::from_entries(screening::eval::latin_entries(&pairs), Config::default());
    let failures = failures(&s, PAIR_CASES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Screens every case; one line per case whose best hit is not the expected one.
fn failures(s: &Screener, cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for c in cases {
        let q = Query {
            name: c.name.into(),
            dob: c.dob.map(Into::into),
            country: c.country.map(Into::into),
        };
        let hits = s.screen(&q);
        let got = hits.first().map(|h| h.reference.as_str());
        if got != c.expect {
            failures.push(format!(
                "{:?}: expected {:?} ({}), got {:?}: {:?}",
                c.name,
                c.expect,
                c.why,
                got,
                hits.iter().map(|h| h.explain()).collect::<Vec<_>>()
            ));
        }
    }
    failures
}

fn screener() -> Screener {
    Screener::new(&excerpt_lists(), Config::default())
}

#[test]
fn matching_cases() {
    let s = screener();
    let failures = failures(&s, CASES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_hit_explains_itself() {
    let s = screener();
    let q = Query {
        name: "Sultan Bashir-ud-Din Mahmood".into(),
        dob: Some("1940-05-01".into()),
        country: Some("Pakistan".into()),
    };
    let hit = s.screen(&q).into_iter().next().unwrap();
    assert_eq!(hit.list, "OFAC-CSV");
    assert_eq!(hit.reference, "7133");
    assert!(hit.tokens.len() >= 3, "{}", hit.explain());
    assert!(
        hit.factors
            .iter()
            .any(|f| f.effect > 0.0 && f.reason.contains("date of birth 1940-05-01 agrees")),
        "{}",
        hit.explain()
    );
    assert!(
        hit.factors
            .iter()
            .any(|f| f.effect > 0.0 && f.reason.contains("country PK is the entry's nationality")),
        "{}",
        hit.explain()
    );
    assert!(hit.score >= hit.name_score);
    let q = Query {
        name: "Nasir Ali Khan".into(),
        dob: Some("1955-10-01".into()),
        country: None,
    };
    let hit = s.screen(&q).into_iter().next().unwrap();
    assert_eq!(hit.matched_name, "KHAN, Nasir Ali");
    assert_eq!(hit.tokens.len(), 3);
    let lenient = Screener::new(
        &excerpt_lists(),
        Config {
            threshold: 0.5,
            ..Config::default()
        },
    );
    let contradicted = lenient.screen(&Query {
        name: "Sultan Bashiruddin Mahmood".into(),
        dob: Some("1980".into()),
        country: Some("IR".into()),
    });
    let h = contradicted.first().unwrap();
    assert!(
        h.factors.iter().filter(|f| f.effect < 0.0).count() == 2,
        "{}",
        h.explain()
    );
    assert!(h.explain().contains("contradicts"));
}

#[test]
fn thresholds_are_configurable() {
    let strict = Screener::new(
        &excerpt_lists(),
        Config {
            threshold: 0.999,
            ..Config::default()
        },
    );
    assert!(
        strict
            .screen(&Query::name("Fereidoun Abbas Davani"))
            .is_empty()
    );
    let weak = Screener::new(
        &excerpt_lists(),
        Config {
            include_weak_aliases: true,
            ..Config::default()
        },
    );
    assert_eq!(
        weak.screen(&Query::name("Tariq"))
            .first()
            .map(|h| h.reference.as_str()),
        Some("QDi.296")
    );
}

#[test]
fn a_hit_records_its_reading_and_token_weights() {
    // Not rows of the held-out set: OFAC-listed Iranian bodies, under their English names.
    let pairs = screening::eval::parse_heldout(
        "reference_number\tun_list_type\tkind\tname_latin\tname_original_script\tscript\t\
         aliases_good_or_aka\taliases_low_quality\n\
         T1\tIran\tentity\tMINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS\t\t\tMODAFL\t\n\
         T2\tIran\tentity\tISLAMIC REVOLUTIONARY GUARD CORPS\t\t\tIRGC\t\n\
         T3\tIran\tindividual\tQASEM SOLEIMANI\t\t\t\t\n",
    )
    .unwrap();
    let s = Screener::from_entries(screening::eval::latin_entries(&pairs), Config::default());
    // A Persian name that translates the listed English one.
    let hits = s.screen(&Query::name("وزارت دفاع و پشتیبانی نیروهای مسلح"));
    let hit = hits.first().expect("a hit");
    assert_eq!(hit.reference, "T1", "{}", hit.explain());
    assert_eq!(hit.reading, screening::ReadingKind::Translated);
    assert_eq!(
        hit.read_as.as_deref(),
        Some("ministry defence و logistics forces armed")
    );
    let defence = hit.tokens.iter().find(|t| t.query == "defence").unwrap();
    assert_eq!(
        defence.query_written.as_deref(),
        Some(screening::normalize::normalize("دفاع").as_str())
    );
    assert!(defence.query_weight > 0.0 && defence.entry_weight > 0.0);
    assert!(hit.explain().contains("weights"), "{}", hit.explain());
    let irgc = s.screen(&Query::name("سپاه پاسداران انقلاب اسلامی"));
    assert_eq!(irgc.first().map(|h| h.reference.as_str()), Some("T2"));
    let text = hit.explain();
    assert!(
        text.contains("query read translated: \"ministry defence و logistics forces armed\""),
        "{text}"
    );
    // A name as written records no reading text.
    let hit = s
        .screen(&Query::name("قاسم سلیمانی"))
        .into_iter()
        .next()
        .unwrap();
    assert_eq!(hit.reading, screening::ReadingKind::AsWritten);
    assert!(hit.read_as.is_none());
    assert!(hit.tokens.iter().all(|t| t.query_written.is_none()));
    // An unreadable date of birth is not silently dropped.
    let hits = s.screen(&Query {
        name: "قاسم سلیمانی".into(),
        dob: Some("13/05/1990".into()),
        country: None,
    });
    assert!(
        hits[0]
            .factors
            .iter()
            .any(|f| f.effect == 0.0 && f.reason.contains("not understood")),
        "{}",
        hits[0].explain()
    );
    assert!(!screening::matcher::dob_is_readable("13/05/1990"));
    assert!(!screening::matcher::dob_is_readable("1990-13"));
    assert!(screening::matcher::dob_is_readable("1990-05"));
    assert!(screening::matcher::dob_is_readable("1990-05-13"));
}

/// Round-3 rules, on the index of the pairs and held-out sets 1 and 2 (both development sets by
/// now; the queries are rows of set 2 or variants of them).
const ROUND3_CASES: &[Case] = &[
    case(
        "منظمة الوفاء الإنسانية",
        Some("QDe.015"),
        "الإنسانية is translated (humanitarian): WAFA HUMANITARIAN ORGANIZATION",
    ),
    case(
        "لجنة المساعدة الأفغانية",
        Some("QDe.069"),
        "المساعدة is aid, and the list's support folds to aid: AFGHAN SUPPORT COMMITTEE",
    ),
    case(
        "الحركة الإسلامية لتركستان الشرقية",
        Some("QDe.088"),
        "the preposition ل on a country name (لتركستان) and the adjective الشرقية (eastern)",
    ),
    case(
        "شركة الواصل وبابل للتجارة العامة",
        Some("IQe.197"),
        "the conjunction و written onto Babel, and العامة (general) a trade word",
    ),
    case(
        "شركة البشائر للتجارة المحدودة",
        Some("IQe.204"),
        "المحدودة is the legal form limited, which weighs little",
    ),
    case(
        "بانک صادرات ایران",
        Some("OFAC-4642"),
        "the country a bank is registered in weighs little: BANK SADERAT PLC",
    ),
    case(
        "عائشة القذافي",
        Some("LYi.009"),
        "first and last names agree; the listed middle names (father, grandfather) count x0.1",
    ),
    case(
        "الساعدي معمر القذافي",
        Some("LYi.015"),
        "the query's father's name is a middle name the list leaves out (SAADI QADHAFI)",
    ),
    case(
        "عبدالفتاح أبوبكر عبدي",
        Some("SOi.017"),
        "Abdifatah is abd + fatah (the Somali linking i), and Abdi a name of its own, not abd + i",
    ),
    case(
        "Muhammad Khan",
        None,
        "common first and last names: the middle name counts in full (no hit on MUHAMMAD AYUB KHAN)",
    ),
    case(
        "Muhammad Ayub Khan",
        Some("TEST-1"),
        "the same listed name in full",
    ),
    case(
        "درانی زعفران انڈسٹریز",
        None,
        "a company name is not a person: against an individual its company words count in full (Durrani Saffron Industries is not ZAFAR DURRANI)",
    ),
    case(
        "Zafar Durrani Industries",
        Some("TEST-2"),
        "a company that carries a listed person's whole name is for a reviewer to see",
    ),
];

/// The Latin names of the pairs and of the development `sets` (each reference once), then
/// `ours`, as list entries.
fn development_entries(sets: &[&str], ours: Vec<screening::eval::Pair>) -> Vec<screening::Entry> {
    let pairs = screening::eval::parse_pairs(&read(PAIRS)).unwrap();
    let mut rows = Vec::new();
    for tsv in sets {
        rows.extend(screening::eval::parse_heldout(tsv).unwrap());
    }
    let mut seen = std::collections::BTreeSet::new();
    rows.retain(|p| seen.insert(p.reference.clone()));
    rows.extend(ours);
    let mut entries = screening::eval::latin_entries(&pairs);
    entries.extend(screening::eval::latin_entries(&rows));
    entries
}

/// A screener over the development index of the pairs and the first `sets` committed sets,
/// on which every case holds.
fn development_screener_passing(sets: usize, cases: &[Case]) -> Screener {
    let entries = development_entries(&screening::eval::SETS[..sets], Vec::new());
    let s = Screener::from_entries(entries, Config::default());
    let failures = failures(&s, cases);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    s
}

#[test]
fn round3_cases_on_the_development_index() {
    // Two individuals of our own: common first and last names, and a short two-part name.
    let ours = |reference: &str, name: &str| screening::eval::Pair {
        reference: reference.into(),
        list_type: "test".into(),
        kind: screening::SubjectKind::Individual,
        name_latin: name.into(),
        name_original: String::new(),
        script: String::new(),
        good_aliases: Vec::new(),
        low_aliases: Vec::new(),
        language: String::new(),
    };
    let entries = development_entries(
        &[screening::eval::HELDOUT_TSV, screening::eval::HELDOUT2_TSV],
        vec![
            ours("TEST-1", "MUHAMMAD AYUB KHAN"),
            ours("TEST-2", "ZAFAR DURRANI"),
        ],
    );
    let s = Screener::from_entries(entries, Config::default());
    let failures = failures(&s, ROUND3_CASES);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The explanations of the round-3 rules name what they did.
#[test]
fn round3_rules_explain_themselves() {
    let pairs = screening::eval::parse_pairs(&read(PAIRS)).unwrap();
    let rows = screening::eval::parse_heldout(screening::eval::HELDOUT2_TSV).unwrap();
    let mut entries = screening::eval::latin_entries(&pairs);
    entries.extend(screening::eval::latin_entries(&rows));
    let config = Config {
        threshold: 0.3,
        max_hits: 500,
        ..Config::default()
    };
    let s = Screener::from_entries(entries, config);
    let hit = s
        .screen(&Query::name("عائشة القذافي"))
        .into_iter()
        .find(|h| h.reference == "LYi.009")
        .unwrap();
    assert!(
        hit.factors
            .iter()
            .any(|f| f.reason.starts_with("first and last names agree")
                && f.reason.contains("minyar")),
        "{}",
        hit.explain()
    );
    let hit = s
        .screen(&Query::name("Hamdan Trading Company"))
        .into_iter()
        .find(|h| h.kind == screening::SubjectKind::Individual)
        .unwrap();
    assert!(
        hit.factors
            .iter()
            .any(|f| f.reason.starts_with("the query names a company")),
        "{}",
        hit.explain()
    );
}

/// Round 4 (made from the misses of set 3, now a development set): one case per rule, each
/// failing when its rule is taken out.
const ROUND4_CASES: &[Case] = &[
    case(
        "جمعية الإحسان الخيرية",
        Some("OFAC-9333"),
        "the organisation's name matched (ELEHSSAN): its describing words society and charity count x0.1",
    ),
    case(
        "مؤسسة الحرمين الخيرية - فرع تنزانيا",
        Some("OFAC-8110"),
        "foundation and charity describe AL-HARAMAIN : TANZANIA BRANCH, whose own words all match",
    ),
    case(
        "Ansar Trading Company",
        None,
        "legal forms and trade words keep their own small weight: a company named Ansar is not ANSARU",
    ),
    case(
        "جمعية الحوثية",
        None,
        "a similarity below 0.95 (الحوثية and ELEHSSAN, 0.91) is not the organisation's name matched: society counts in full",
    ),
    case(
        "المؤسسة الليبية للاستثمار",
        Some("LYe.001"),
        "مؤسسة has several meanings; authority is one: LIBYAN INVESTMENT AUTHORITY",
    ),
    case(
        "فيلق القدس",
        Some("OFAC-X21"),
        "فيلق is a legion, a corps and a force: QODS FORCE",
    ),
    case(
        "الهيئة العامة للإذاعة والتلفزيون",
        Some("OFAC-13100"),
        "radio and television are in the vocabulary, and the list's TV folds to television",
    ),
    case(
        "طيران ماهان",
        Some("OFAC-X16"),
        "طيران is aviation, and the list's AIR folds to aviation: MAHAN AIR",
    ),
    case(
        "العماد فهد جاسم الفريج",
        Some("OFAC-15276"),
        "the rank العماد (general) before the name is dropped",
    ),
    case(
        "الفريق أول عوض محمد أحمد ابن عوف",
        Some("OFAC-10155"),
        "a two-word rank dropped; AUF, Awad Ibn read in the order of use, so first and last names agree and the middle names count x0.1",
    ),
    case(
        "الشيخ قيس هادي الخزعلي",
        Some("OFAC-28004"),
        "OFAC's SURNAME, Given (AL-KHAZALI, Qais) read given name first: the father's name هادي is a middle name",
    ),
    case(
        "جمال ترست بنك ش.م.ل",
        Some("OFAC-X10"),
        "the dotted legal form ش.م.ل is one word, the Lebanese S.A.L.: JAMMAL TRUST BANK SAL",
    ),
    case(
        "کالعدم حزب المجاہدین",
        Some("OFAC-X25"),
        "the Urdu label کالعدم (proscribed) is not part of the name",
    ),
    case(
        "د نجات ټولنیزې هوساینې موسسه",
        Some("OFAC-27967"),
        "the Pashto particle د dropped, the oblique endings read (social welfare), موسسه is also an organization",
    ),
];

#[test]
fn round4_cases_on_the_development_index() {
    let s = development_screener_passing(3, ROUND4_CASES);
    // The explanation names the describing words it counted low.
    assert_explained(
        &s,
        "جمعية الإحسان الخيرية",
        "OFAC-9333",
        "describe it (society charity)",
    );
}

/// The hit of `name` on `reference` has a factor whose reason contains `says`.
fn assert_explained(s: &Screener, name: &str, reference: &str, says: &str) {
    let hit = s
        .screen(&Query::name(name))
        .into_iter()
        .find(|h| h.reference == reference)
        .unwrap();
    assert!(
        hit.factors.iter().any(|f| f.reason.contains(says)),
        "{}",
        hit.explain()
    );
}

/// Round 5, made from the misses of set 4 (a development set since): one case per rule, each
/// checked to fail when its rule is taken out.
const ROUND5_CASES: &[Case] = &[
    case(
        "جامعہ تعلیم القرآن والحدیث",
        Some("OFAC-16223"),
        "every query word matched the organisation's own name: the listed word it leaves out (madrassa) describes it and counts x0.1",
    ),
    case(
        "Roshan Enterprises",
        None,
        "a trade word of the query's own (enterprises) says what else it is: ROSHAN MONEY EXCHANGE's describing words count in full",
    ),
    case(
        "غلوبال كلينرز ش.م.م.",
        Some("OFAC-20560"),
        "the list's GLOBAL folds to world but keeps its own skeleton: غلوبال transliterates the English word",
    ),
    case(
        "أدون للتجارة العامة ش.ذ.م.م.",
        Some("OFAC-32152"),
        "dotted legal forms on both sides are one word: ش.ذ.م.م and L.L.C. are llc",
    ),
    case(
        "شركة تكنولاب",
        Some("OFAC-21245"),
        "English tech- is written تك: TECHNOLAB's ch read as k",
    ),
    case(
        "راحت لمتد",
        Some("TAe.013"),
        "a legal form without vowels (LTD) is not an acronym: لمتد is RAHAT LTD.",
    ),
    case(
        "الدكتور صلاح الطبيقي",
        Some("OFAC-26078"),
        "the title الدكتور (Dr) is dropped",
    ),
    case(
        "السيد مرتضى مجيد رمضان علوي",
        Some("OFAC-21463"),
        "OFAC's title Alsayed is dropped like السيد",
    ),
    case(
        "عبداللہ مجاہد عرف ابو عبداللہ",
        Some("OFAC-15414"),
        "عرف (alias) joins two names of one party: each is screened on its own",
    ),
    case(
        "دانشگاه جامع امام حسین (ع)",
        Some("OFAC-15537"),
        "the blessing (ع) after a holy name is dropped, and جامع is comprehensive",
    ),
    case(
        "شرکت تعاونی کشتی‌سازی مادکندلو قشم",
        Some("OFAC-22694"),
        "a ZWNJ-joined word in the vocabulary as a whole (کشتی‌سازی shipbuilding) is translated whole",
    ),
    case(
        "شركة سويد وأولاده للصرافة",
        Some("OFAC-32179"),
        "وأولاده is and sons: SWAID AND SONS FOR EXCHANGE CO.",
    ),
    case(
        "هیئت نظارت بر مطبوعات",
        Some("OFAC-15543"),
        "هیئت is a board, نظارت supervisory, مطبوعات the press: PRESS SUPERVISORY BOARD",
    ),
];

#[test]
fn round5_cases_on_the_development_index() {
    let s = development_screener_passing(4, ROUND5_CASES);
    // The explanations name the listed describing words counted low and the name of an alias.
    assert_explained(
        &s,
        "جامعہ تعلیم القرآن والحدیث",
        "OFAC-16223",
        "listed words that describe it (madrasa)",
    );
    assert_explained(
        &s,
        "عبداللہ مجاہد عرف ابو عبداللہ",
        "OFAC-15414",
        "gives 2 names of one party",
    );
}

/// Round 6, made from the misses of set 5 (a development set since round 6): each case checks
/// one rule; the index holds the pairs and sets 1-5.
const ROUND6_CASES: &[Case] = &[
    case(
        "المصرف العقاري",
        Some("OFAC-12932"),
        "عقاري is the adjective of عقار (real estate): REAL ESTATE BANK",
    ),
    case(
        "آبار للخدمات النفطية",
        Some("OFAC-24900"),
        "the adjective in -iyya of a vocabulary noun: نفطية is oil (petroleum)",
    ),
    case(
        "مصرف البلاد الإسلامي",
        Some("OFAC-24545"),
        "بلاد names the bank (AL BILAD ISLAMIC BANK); it is dropped only before a place (بلاد السودان)",
    ),
    case(
        "أنصار المسلمين في بلاد السودان",
        Some("QDe.142"),
        "before a place, بلاد (the land of) is still dropped: ANSARUL MUSLIMINA FI BILADIS SUDAN",
    ),
    case(
        "شرکت تراکتورسازی ایران",
        Some("OFAC-25041"),
        "a Persian compound in -سازی written as one word is its stem and -making: IRAN TRACTOR MANUFACTURING",
    ),
    case(
        "پروفیسر ظفر اقبال",
        Some("OFAC-12916"),
        "the title professor before a name is dropped like a rank: IQBAL, Zafar",
    ),
    case(
        "انجینئر محمد نعیم شیخ",
        Some("OFAC-17270"),
        "the title engineer before a name is dropped like a rank: SHEIKH, Muhammad Naeem",
    ),
    case(
        "تلسيرف بلس",
        Some("OFAC-17043"),
        "Arabic writes p as ب: بلس is PLUS (TELESERVE PLUS SAL)",
    ),
    case(
        "اسماء منی چینجرز",
        Some("OFAC-17165"),
        "Urdu writes the English money changers: ASMA MONEY EXCHANGERS",
    ),
    case(
        "مصرف التوفير",
        Some("OFAC-17244"),
        "توفير is saving: SAVING BANK",
    ),
    case(
        "مصرف التسليف الشعبي",
        Some("OFAC-17245"),
        "تسليف is credit: POPULAR CREDIT BANK",
    ),
    case(
        "نیروی انتظامی جمهوری اسلامی ایران",
        Some("OFAC-12763"),
        "انتظامی is law enforcement: LAW ENFORCEMENT FORCES OF THE ISLAMIC REPUBLIC OF IRAN",
    ),
    case(
        "سازمان پژوهش‌های نوین دفاعی",
        Some("OFAC-17223"),
        "نوین (new, modern) is the body's own innovation: THE ORGANIZATION OF DEFENSIVE INNOVATION AND RESEARCH",
    ),
    case(
        "د حاجي جمعه خان ډله",
        Some("OFAC-11502"),
        "Pashto ډله is a group and an organisation: HAJI JUMA KHAN ORGANIZATION",
    ),
    case(
        "ناسكو للبوليمرات والكيماويات",
        Some("OFAC-24899"),
        "بوليمرات is polymers: NASCO POLYMERS & CHEMICALS CO SAL",
    ),
    case(
        "مصرف البلاد الإسلامي للاستثمار والتمويل",
        Some("OFAC-24545"),
        "تمويل is finance: AL-BILAD ISLAMIC BANK FOR INVESTMENT AND FINANCE",
    ),
    case(
        "پروفیسر",
        None,
        "a title alone is not dropped and names no one",
    ),
    case(
        "منی چینجرز",
        None,
        "money changers alone name no exchange house: the describing words match many",
    ),
];

#[test]
fn round6_cases_on_the_development_index() {
    development_screener_passing(5, ROUND6_CASES);
}

/// Round 7, made from the misses of set 6 (a development set since round 7) and the general
/// vocabulary (`data/vocabulary_general.tsv`, written without sight of any set): each case
/// checks one rule; the index holds the pairs and sets 1-6.
const ROUND7_CASES: &[Case] = &[
    case(
        "ملی بینک پی ایل سی",
        Some("OFAC-25420"),
        "Urdu spells PLC by the names of its letters (پی ایل سی): MELLI BANK PLC",
    ),
    case(
        "گیٹ وک ایل ایل سی",
        Some("OFAC-28124"),
        "ایل ایل سی is LLC, not oil (آئل): GATEWICK LLC",
    ),
    case(
        "ڈیلٹا پارٹس سپلائی ایف زیڈ سی",
        Some("OFAC-29384"),
        "ایف زیڈ سی is FZC: DELTA PARTS SUPPLY FZC",
    ),
    case("پی ایل سی", None, "a legal form spelt out names no one"),
    case(
        "ذوب آهن اصفهان",
        Some("OFAC-28284"),
        "the phrase ذوب آهن (iron smelting) is steel: ESFAHAN STEEL COMPANY",
    ),
    case(
        "صنایع پتروشیمی خلیج فارس (سهامی عام)",
        Some("OFAC-26817"),
        "خلیج فارس is the Persian Gulf and سهامی عام a legal form in two words: PERSIAN GULF PETROCHEMICAL INDUSTRY CO.",
    ),
    case(
        "شورای عالی فضای مجازی",
        Some("OFAC-23473"),
        "فضای مجازی is cyberspace; شورا council and عالی supreme are in the general vocabulary",
    ),
    case(
        "شركة آدم للتجارة والاستثمار المحدودة المسؤولية",
        Some("OFAC-29269"),
        "المحدودة المسؤولية (limited liability) is LLC: ADAM TRADING AND INVESTMENT LLC",
    ),
    case(
        "آیت‌الله صادق آملی لاریجانی",
        Some("OFAC-23472"),
        "the title Ayatollah before a name is dropped like a rank: LARIJANI, Sadegh Amoli",
    ),
    case(
        "آیت الله صادق آملی لاریجانی",
        Some("OFAC-23472"),
        "Ayatollah written as two words is dropped too",
    ),
    case(
        "سپاه پاسداران انقلاب اسلامی",
        Some("OFAC-X20"),
        "سپاه is corps first and guards only in another sense: پاسداران takes GUARD, سپاه CORPS",
    ),
    case(
        "مؤسسة الإنشاءات العسكرية",
        Some("OFAC-29240"),
        "the general vocabulary adds its senses to the hand-written ones: مؤسسة is also an establishment",
    ),
    case(
        "شرکت مدیریت کشتی رهبران امید دریا",
        Some("OFAC-25473"),
        "مدیریت is management: RAHBARAN OMID DARYA SHIP MANAGEMENT CO.",
    ),
    case(
        "جہان ڈیسٹینیشنز ٹریول اینڈ ٹورازم ایل ایل سی",
        Some("OFAC-28108"),
        "Urdu writes the English and (اینڈ, dropped) and tourism (ٹورازم): JAHAN DESTINATIONS TRAVEL AND TOURISM LLC",
    ),
    case(
        "إدارة المشاريع الإنتاجية",
        Some("OFAC-29241"),
        "productive folds to manufacturing like production: PRODUCTIVE PROJECTS ADMINISTRATION",
    ),
    case(
        "د میوند عمومي سوداګرۍ شرکت",
        Some("OFAC-21846"),
        "CO folds to company: MAIWAND GENERAL TRADING CO LLC",
    ),
    case(
        "سازمان جنگ الکترونیک و دفاع سایبری سپاه",
        Some("OFAC-23475"),
        "جنگ is warfare: IRGC ELECTRONIC WARFARE AND CYBER DEFENSE ORGANIZATION",
    ),
    case(
        "شرکت ملی صنایع مس ایران",
        Some("OFAC-28293"),
        "the general vocabulary's مس is copper: NATIONAL IRANIAN COPPER INDUSTRIES COMPANY",
    ),
    case(
        "فندق الجلاء",
        Some("OFAC-29266"),
        "the general vocabulary's فندق is hotel: AL-JALAA HOTEL",
    ),
    case(
        "تجمع أحرار الشرقية",
        Some("OFAC-27763"),
        "أحرار (free men) is left out of the general vocabulary: the list writes it Ahrar",
    ),
];

#[test]
fn round7_cases_on_the_development_index() {
    development_screener_passing(6, ROUND7_CASES);
    // Against the index of the pairs and sets 1-3 the order in which the two query words are
    // tried puts سپاه first: without the lower weight of another sense it took GUARD and the
    // hit fell to the alias ISLAMIC REVOLUTIONARY CORPS (0.84).
    let s = development_screener_passing(3, &[]);
    let hits = s.screen(&Query::name("سپاه پاسداران انقلاب اسلامی"));
    let top = hits.first().expect("a hit");
    assert_eq!(
        (top.reference.as_str(), top.matched_name.as_str()),
        ("OFAC-X20", "ISLAMIC REVOLUTIONARY GUARD CORPS"),
        "{}",
        top.explain()
    );
}

/// Round 8, from set 7's misses (set 7 a development set since round 8), checked against the
/// index of the pairs and sets 1-7.
const ROUND8_CASES: &[Case] = &[
    case(
        "بثينة شعبان",
        Some("OFAC-12881"),
        "ث is th in Arabic names, not s: SHAABAN, Bouthaina",
    ),
    case(
        "سنبوك للشحن ش.م.ح",
        Some("OFAC-15853"),
        "ن before ب is said m (Sambouk), and ش.م.ح is FZC: SAMBOUK SHIPPING FZC",
    ),
    case(
        "جماعة الدعوة إلى القرآن والسنة",
        Some("OFAC-19949"),
        "a final ة is the t of the construct state (Jamaat): JAMAAT-UD-DAWA AL QURAN WAL SUNNAH",
    ),
    case(
        "شہباز ٹی وی سینٹر",
        Some("OFAC-10605"),
        "ٹی وی spells TV by the names of its letters: SHAHBAZ TV CENTER",
    ),
    case(
        "شرکت صرافی دی",
        Some("OFAC-25623"),
        "صرافی is money exchange, two English words for one: once exchange matched, money is \
         left out: DAY EXCHANGE COMPANY",
    ),
    case(
        "وزارة الدفاع وإسناد القوات المسلحة",
        Some("OFAC-10392"),
        "إسناد is support and logistics, المسلحة the feminine of مسلح armed: MINISTRY OF \
         DEFENSE AND ARMED FORCES LOGISTICS",
    ),
    case(
        "معمل الإنشاءات الميكانيكية",
        Some("OFAC-13373"),
        "الميكانيكية is the -iyya adjective of ميكانيك, mechanical: MECHANICAL CONSTRUCTION \
         FACTORY",
    ),
    case(
        "معمل الصناعات المعدنية",
        Some("OFAC-21623"),
        "صناعات is industries and manufacturing, metallic is metal: METALLIC MANUFACTURING \
         FACTORY",
    ),
    case(
        "شركة أمان دمشق المساهمة المغفلة الخاصة",
        Some("OFAC-26894"),
        "دمشق is Damascus, whose English name is no transliteration: AMAN DAMASCUS JSC",
    ),
    case(
        "ستاد بازسازی عتبات عالیات",
        Some("OFAC-28694"),
        "عتبات عالیات is a phrase, the holy shrines: HEADQUARTERS OF RECONSTRUCTION OF HOLY \
         SHRINES",
    ),
    case(
        "شرکت مدیریت ساخت نیروگاه‌های اتمی ایران",
        Some("OFAC-25636"),
        "اتمی is atomic and nuclear: IRAN'S NUCLEAR POWER PLANT CONSTRUCTION MANAGEMENT COMPANY",
    ),
    case(
        "شیر میچ انڈسٹریز (پرائیویٹ) لمیٹڈ",
        Some("OFAC-10607"),
        "میچ is the Urdu spelling of the English match: SHER MATCH INDUSTRIES (PVT.) LIMITED",
    ),
    case(
        "مونتي كارلو بيتش ش.م.ل",
        Some("OFAC-28166"),
        "Arabic writes ch as تش (بيتش beach): MONTECARLO BEACH SAL",
    ),
    case(
        "پرشیا انٹرنیشنل بینک پی ایل سی",
        Some("OFAC-25679"),
        "پرشیا is the English Persia as Urdu writes it: PERSIA INTERNATIONAL BANK PLC",
    ),
    case(
        "القوى البحرية العربية السورية",
        Some("OFAC-20956"),
        "القوى البحرية, the naval forces, is a phrase, the navy: SYRIAN ARAB NAVY",
    ),
];

#[test]
fn round8_cases_on_the_development_index() {
    development_screener_passing(7, ROUND8_CASES);
}

/// Round 9, from set 8's misses (set 8 a development set since round 9), checked against the
/// index of the pairs and sets 1-8.
const ROUND9_CASES: &[Case] = &[
    case(
        "هيئة تنفيذ أمر الإمام الخميني",
        Some("OFAC-16004"),
        "أمر is an order, and the English possessive KHOMEINI'S is the name Khomeini: EXECUTION \
         OF IMAM KHOMEINI'S ORDER",
    ),
    case(
        "تأمین سرمایه امین",
        Some("OFAC-16017"),
        "تأمین سرمایه, capital provision, is what Persian calls an investment bank: AMIN \
         INVESTMENT BANK",
    ),
    case(
        "شرکت توسعه معادن روی ایران",
        Some("OFAC-25043"),
        "روی is zinc in Persian: IRAN ZINC MINES DEVELOPMENT COMPANY",
    ),
    case(
        "شرکت ذوب و احیای روی قشم",
        Some("OFAC-25045"),
        "احیا is revival, and the metallurgists' reduction: QESHM ZINC SMELTING AND REDUCTION \
         COMPANY",
    ),
    case(
        "شرکت پالایش قطران ذغال‌سنگ",
        Some("OFAC-30403"),
        "قطران is tar, ذغال‌سنگ (coal stone) is coal: COAL TAR REFINING COMPANY",
    ),
    case(
        "اتحاد الإذاعات والتلفزيونات الإسلامية",
        Some("OFAC-30215"),
        "an Arabic sound feminine plural in -ات is its noun's plural (إذاعة radio, تلفزيون \
         television): ISLAMIC RADIO AND TELEVISION UNION",
    ),
    case(
        "شركة بنا العقارية",
        Some("OFAC-12745"),
        "an Arabic real-estate company is Properties in English: BANNA PROPERTIES",
    ),
    case(
        "الشركة الدولية لإنشاء خطوط الأنابيب م.م.ح",
        Some("OFAC-24905"),
        "خطوط الأنابيب, lines of pipes, is a pipeline: INTERNATIONAL PIPELINE CONSTRUCTION FZE",
    ),
    case(
        "شركة العامر لصناعة البيتون والبلاط",
        Some("OFAC-30664"),
        "بيتون (béton) is concrete, بلاط tiles and flagstone, صناعة manufacture: AL-AMER FOR \
         MANUFACTURE OF CONCRETE AND FLAGSTONE",
    ),
    case(
        "کارگروه تعیین مصادیق محتوای مجرمانه",
        Some("OFAC-15989"),
        "کارگروه is a working group, تعیین determining, مصادیق instances, محتوا content, \
         مجرمانه criminal: WORKING GROUP TO DETERMINE INSTANCES OF CRIMINAL CONTENT",
    ),
];

#[test]
fn round9_cases_on_the_development_index() {
    development_screener_passing(8, ROUND9_CASES);
}

/// Round 10, from set 9's misses (set 9 a development set since round 10), checked against
/// the index of the pairs and sets 1-9.
const ROUND10_CASES: &[Case] = &[
    case(
        "هلدینگ توسعه معادن و صنایع معدنی خاورمیانه (میدکو)",
        Some("OFAC-30762"),
        "a name in brackets is another name of the party, screened on its own as well: MIDDLE \
         EAST MINES AND MINERAL INDUSTRIES DEVELOPMENT HOLDING COMPANY (MIDHCO)",
    ),
    case(
        "شرکت پشتیبانی و نوسازی هلی‌کوپترهای ایران (پنها)",
        Some("OFAC-23463"),
        "a loan word split by a ZWNJ (هلی‌کوپتر) is looked up whole: IRAN'S HELICOPTER \
         RENOVATION AND LOGISTICS COMPANY",
    ),
    case(
        "شرکت صنایع هواپیمایی ایران (صها)",
        Some("OFAC-23464"),
        "هواپیمایی is aviation and aircraft: IRAN AIRCRAFT INDUSTRIES",
    ),
    case(
        "د ایران د هوايي صنایعو شرکت",
        Some("OFAC-23464"),
        "هوایی is air, aviation and aircraft: IRAN AIRCRAFT INDUSTRIES CO.",
    ),
    case(
        "اتحادیه بین‌المللی رسانه‌های مجازی",
        Some("OFAC-30216"),
        "مجازی is virtual: INTERNATIONAL UNION OF VIRTUAL MEDIA",
    ),
    case(
        "الاتحاد الدولي للإعلام الافتراضي",
        Some("OFAC-30216"),
        "افتراضي is virtual: INTERNATIONAL UNION OF VIRTUAL MEDIA",
    ),
    case(
        "شرکت ابتکار صنعت ایلیا (با مسئولیت محدود)",
        Some("OFAC-27164"),
        "با مسئولیت محدود, with limited liability, is LLC: EBTEKAR SANAT ILYA LLC",
    ),
    case(
        "وكالة قانصو لصيد الأسماك المحدودة",
        Some("OFAC-23666"),
        "صيد الأسماك (hunting fish) is fishing, with a prefix on its first word: KANSO FISHING \
         AGENCY LIMITED",
    ),
    case(
        "المعهد العالي للعلوم التطبيقية والتكنولوجيا",
        Some("OFAC-10128"),
        "تطبيقي is applied: HIGHER INSTITUTE OF APPLIED SCIENCE AND TECHNOLOGY",
    ),
    case(
        "المخبر الوطني للمعايير والمعايرة",
        Some("OFAC-10130"),
        "مخبر is a laboratory in the Levant, معايرة calibration: NATIONAL STANDARDS AND \
         CALIBRATION LABORATORY",
    ),
    case(
        "شركة نغم الحياة المحدودة المسؤولية",
        Some("OFAC-27330"),
        "الحياة is Hayat (the construct t of a one-consonant word), المحدودة المسؤولية LLC: \
         NAGHAM AL HAYAT",
    ),
    case(
        "شركة توافق المحدودة المسؤولية",
        Some("OFAC-27331"),
        "المحدودة المسؤولية, limited liability, is LLC: TAWAFUK LLC",
    ),
    case(
        "الشركة الوطنية لسحب وتلوين الألمنيوم",
        Some("OFAC-27332"),
        "سحب is drawing (extrusion), تلوين coloring: NATIONAL COMPANY FOR ALUMINUM EXTRUSION AND \
         COLORING",
    ),
    case(
        "دی آکسی ٹیک",
        Some("OFAC-30521"),
        "دی is the English article as Urdu writes it: THE OXYTECH",
    ),
    case(
        "نیروی هوافضای سپاه",
        Some("OFAC-12055"),
        "سپاه alone is the IRGC (set 7's remaining miss): IRGC AEROSPACE FORCE",
    ),
];

#[test]
fn round10_cases_on_the_development_index() {
    development_screener_passing(9, ROUND10_CASES);
}

/// Round 10's readings: a loan word split by a ZWNJ, limited liability after an Arabic name,
/// the English article in Urdu, a phrase whose first word carries a prefix.
#[test]
fn round10_forms_translate() {
    use screening::orgwords::translated_reading;
    for (written, read) in [
        ("هلی‌کوپترهای ایران", "helicopter iran"),
        ("شركة توافق المحدودة المسؤولية", "company توافق llc"),
        ("دی آکسی ٹیک", "اكسي tech"),
        ("وكالة لصيد الأسماك", "agency fishing"),
    ] {
        assert_eq!(
            translated_reading(written).as_deref(),
            Some(read),
            "{written}"
        );
    }
}

/// Round 11, from set 10's misses (set 10 a development set since round 11), checked against
/// the index of the pairs and sets 1-10.
const ROUND11_CASES: &[Case] = &[
    case(
        "احمد فتحی",
        Some("OFAC-22951"),
        "a th between vowels may be t and h apart (Fathi فتحی), not only ث: FATHI, Ahmad",
    ),
    case(
        "امیرعلی حاجی زاده",
        Some("OFAC-26942"),
        "حاجی before the suffix زاده written apart is a name part, not the title Haji: \
         HAJIZADEH, Amir Ali",
    ),
    case(
        "محمد رضا خدمتی ولد زاغرد",
        Some("OFAC-24534"),
        "a particle written apart from the name it begins (ولد زاغرد) is joined to it when a \
         listed name has the joined word: VALADZAGHARD, Mohammadreza Khedmati",
    ),
    case(
        "شركة زبيدي وقلعي المحدودة المسؤولية",
        Some("OFAC-29023"),
        "a word the translation reads without its conjunction و (قلعی tin) keeps what the name \
         without the و matches: ZUBAIDI AND QALEI LLC",
    ),
    case(
        "د ارفع د اوسپنې او فولادو شرکت",
        Some("OFAC-28289"),
        "the Pashto oblique plural -و (فولادو, of steel): ARFA IRON AND STEEL COMPANY",
    ),
    case(
        "د ایران د اوسپنې د کان مرکزي شرکت",
        Some("OFAC-29114"),
        "the Pashto د (of) before کان (mine, ore) is no compound دکان (shop): IRAN CENTRAL IRON \
         ORE COMPANY",
    ),
    case(
        "باشگاه حمایت و غرامت کیش",
        Some("OFAC-27285"),
        "حمایت is protection, غرامت indemnity: KISH PROTECTION AND INDEMNITY CLUB",
    ),
    case(
        "مرکز تحقیقات علم و فناوری شیخ بهایی",
        Some("OFAC-26561"),
        "علم is science: SHEIKH BAHA'I SCIENCE AND TECHNOLOGY RESEARCH CENTER",
    ),
    case(
        "شرکت گردشگری و مراکز تفریحی پارسیان",
        Some("OFAC-30401"),
        "تفریحی is recreational: PARSIAN TOURISM AND RECREATIONAL CENTERS COMPANY",
    ),
    case(
        "شركة بهجة الكوثر للمقاولات والتجارة",
        Some("OFAC-28702"),
        "مقاولات, contracting, is construction too: BAHJAT AL KAWTHAR COMPANY FOR CONSTRUCTION \
         AND TRADING LTD.",
    ),
    case(
        "شامی عرب فوج کا چوتھا ڈویژن",
        Some("OFAC-29066"),
        "شامی is Syrian in Urdu, کا (of) a function word: FOURTH DIVISION OF THE SYRIAN ARAB ARMY",
    ),
    case(
        "منظمة بركات الإجرامية العابرة للحدود",
        Some("OFAC-24037"),
        "العابرة للحدود (crossing the borders) is transnational, إجرامية criminal: BARAKAT \
         TRANSNATIONAL CRIMINAL ORGANIZATION",
    ),
    case(
        "عابد علی خان بین الاقوامی جرائم پیشہ تنظیم",
        Some("OFAC-30166"),
        "علی is the name Ali, not the Arabic preposition على; بین الاقوامی is also transnational, \
         جرائم پیشہ criminal: ABID ALI KHAN TRANSNATIONAL CRIMINAL ORGANIZATION",
    ),
    case(
        "د عابد علي خان فراملي جنايي سازمان",
        Some("OFAC-30166"),
        "فراملی (beyond nations) is transnational, جنایی criminal: ABID ALI KHAN TRANSNATIONAL \
         CRIMINAL ORGANIZATION",
    ),
];

#[test]
fn round11_cases_on_the_development_index() {
    development_screener_passing(10, ROUND11_CASES);
}

/// Round 11's readings: the Pashto oblique plural -و, the Pashto د is no part of a compound,
/// the name Ali is kept, the Urdu genitive is a function word, and the Arabic and Urdu ways of
/// writing transnational and criminal.
#[test]
fn round11_forms_translate() {
    use screening::orgwords::translated_reading;
    for (written, read) in [
        ("د اوسپنې او فولادو شرکت", "iron steel company"),
        ("د کان شرکت", "mine company"),
        ("مؤسسة علي", "foundation علي"),
        ("شامی فوج کا ڈویژن", "syrian army division"),
        ("منظمة العابرة للحدود", "organization transnational"),
        ("جرائم پیشہ تنظیم", "criminal organization"),
    ] {
        assert_eq!(
            translated_reading(written).as_deref(),
            Some(read),
            "{written}"
        );
    }
}

/// Each original-script word is at least `floor` similar to its Latin spelling.
fn assert_sound_close(pairs: &[(&str, &str, f32)]) {
    use screening::matcher::token_similarity;
    use screening::normalize::tokens;
    for &(written, latin, floor) in pairs {
        let s = token_similarity(&tokens(written)[0], &tokens(latin)[0]);
        assert!(s >= floor, "{written} ~ {latin}: {s}");
    }
}

/// Round 11: a Latin th or dh between vowels may be two letters (Fathi فتحی, Adham أدهم), and
/// a title before a surname suffix written apart is kept as a name part.
#[test]
fn round11_sounds_and_name_parts() {
    use screening::normalize::tokens;
    assert_sound_close(&[("فتحی", "fathi", 0.95), ("ادهم", "adham", 0.95)]);
    let parts: Vec<String> = tokens("حاجی زاده").into_iter().map(|t| t.skel).collect();
    assert_eq!(parts, ["hj", "zd"]);
    assert_eq!(
        tokens("حاجی احمد").len(),
        1,
        "the title Haji before a name is still dropped"
    );
}

/// Round 12, from set 11's misses (set 11 a development set since round 12), checked against
/// the index of the pairs and sets 1-11.
const ROUND12_CASES: &[Case] = &[
    case(
        "علي شمس مولوي",
        Some("OFAC-26592"),
        "a title that ends a name is read as a surname too (مولوی, Mulavi): MULAVI, Ali Shams",
    ),
    case(
        "جورج حبش",
        Some("OFAC-2680"),
        "a Latin g before e or i may be soft (George جورج): HABBASH, George",
    ),
    case(
        "جارج حبش",
        Some("OFAC-2680"),
        "George as Urdu writes it: HABBASH, George",
    ),
    case(
        "علي حسن شعيتلي ساحلي",
        Some("OFAC-16793"),
        "French romanisations write ش as ch (Cheaitelly): CHEAITELLY SAHELI, Ali Hassan",
    ),
    case(
        "ہولی لینڈ فاؤنڈیشن فار ریلیف اینڈ ڈویلپمنٹ",
        Some("OFAC-7116"),
        "فار is the English for as Urdu writes it, a function word like اینڈ and: HOLY LAND \
         FOUNDATION FOR RELIEF AND DEVELOPMENT",
    ),
    case(
        "الجمعية الفلسطينية في النمسا",
        Some("OFAC-7918"),
        "النمسا is Austria: PALESTINIAN ASSOCIATION IN AUSTRIA",
    ),
    case(
        "د بندرعباس د جستو د تولید شرکت",
        Some("OFAC-25046"),
        "جست is zinc (the Pashto oblique plural جستو): BANDAR ABBAS ZINC PRODUCTION COMPANY",
    ),
    case(
        "شرکت تولید نیروی برق آبادان",
        Some("OFAC-30871"),
        "تولید is also generation (برق, electricity, is also power): ABADAN POWER GENERATION \
         COMPANY",
    ),
    case(
        "شرکت عمرانی و ساختمانی امید ری",
        Some("OFAC-16025"),
        "عمرانی is civil (civil works): OMID REY CIVIL & CONSTRUCTION COMPANY",
    ),
];

#[test]
fn round12_cases_on_the_development_index() {
    development_screener_passing(11, ROUND12_CASES);
}

/// Round 13, from set 12's misses (set 12 a development set since): two words written as one
/// compete with the single pairs, a one-consonant part merges at STRICT, a name repeated with
/// a preposition and the article is kept, a Persian nisba of a place in ه, and words. On the
/// index of the pairs and sets 1-12.
const ROUND13_CASES: &[Case] = &[
    case(
        "حمیدرضا قدیریان",
        Some("OFAC-29882"),
        "a compound given name written as one word pairs with both listed parts, not weakly \
         with the first alone: GHADIRIAN, Hamid Reza",
    ),
    case(
        "محمدرضا دزفولیان",
        Some("OFAC-29894"),
        "the same for Mohammed Reza: DEZFULIAN, Mohammed Reza",
    ),
    case(
        "سيد أحمد شهيد خيل",
        Some("TAi.028"),
        "a surname listed as one word written as two: SAID AHMED SHAHIDKHEL",
    ),
    case(
        "عزیز الرحمان عبد الاحد",
        Some("TAi.121"),
        "a name listed as one word (AZIZIRAHMAN) written as two: AZIZIRAHMAN ABDUL AHAD",
    ),
    case(
        "گروه صنعتی یامهدی",
        Some("IRe.076"),
        "Ya (one consonant) and Mahdi written as one, at 0.99: YA MAHDI INDUSTRIES GROUP (the \
         UN's IRe.076, and OFAC-9764 at the same score)",
    ),
    case(
        "مختار بالمختار",
        Some("OFAC-8084"),
        "بالمختار is a name of its own (Belmokhtar), not Mokhtar repeated: BELMOKHTAR, Mokhtar",
    ),
    case(
        "محمد قنادی مراغه‌ای",
        Some("OFAC-29907"),
        "مراغه‌ای (of Maragheh) is read as the place too, with no nisba penalty: GHANNADI \
         MARAGHEH, Mohammad",
    ),
    case(
        "شرکت تعمیر کشتی پرشیا هرمز",
        Some("OFAC-25475"),
        "the Persian تعمیر is repair: PERSIA HORMOZ SHIP REPAIR YARD COMPANY PJS",
    ),
    case(
        "داعش ولاية سيناء",
        Some("OFAC-16763"),
        "داعش is the Arabic acronym of ISIS: ISIS-SINAI PROVINCE",
    ),
    case(
        "القاعدہ برصغیر",
        Some("OFAC-20159"),
        "برصغیر is the (Indian) subcontinent: AL-QA'IDA IN THE INDIAN SUBCONTINENT",
    ),
    case(
        "عسكر طيبة",
        Some("OFAC-7140"),
        "عسكر is army, which the list keeps untranslated as lashkar: LASHKAR E-TAYYIBA",
    ),
    case(
        "مؤسسة طارق أبو شنب للتجارة",
        Some("OFAC-8407"),
        "EST. is establishment (مؤسسة): TARIQ ABU SHANAB EST. FOR TRADE & COMMERCE",
    ),
];

#[test]
fn round13_cases_on_the_development_index() {
    development_screener_passing(12, ROUND13_CASES);
}

/// Round 14, from set 13's misses (set 13 a development set since): two legal forms agree, ض
/// may be d, Arabic writes v as ف, English tech as تک, Abd- is not split off before vowels
/// alone, the Persian letter names, and the rivers. On the index of the pairs and sets 1-13.
const ROUND14_CASES: &[Case] = &[
    case(
        "شرکت پتروپارس",
        Some("OFAC-11633"),
        "شرکت (company) and LTD are both legal forms and pair at 0.9: PETROPARS LTD.",
    ),
    case(
        "د پتروپارس شرکت",
        Some("OFAC-11633"),
        "the same in Pashto word order: PETROPARS LTD.",
    ),
    case(
        "شرکت خدمات صنعتی پژمان",
        Some("IRe.053"),
        "شرکت and CORPORATION (a set-1 spelling found since): PEJMAN INDUSTRIAL SERVICES \
         CORPORATION",
    ),
    case(
        "بتول رضا",
        Some("OFAC-17266"),
        "Arabic romanisations write ض as d: RIDA, Batoul",
    ),
    case(
        "رضوان الحبحاب",
        Some("QDi.262"),
        "ض as d (a set-2 spelling found since): REDOUANE EL HABHAB",
    ),
    case(
        "شركة فاتيك ش.م.م",
        Some("OFAC-18933"),
        "Arabic writes v as ف and English tech as تيك: VATECH SARL",
    ),
    case(
        "جهان تک رویان پارس",
        Some("OFAC-17237"),
        "the word tech is written تک: JAHAN TECH ROOYAN PARS",
    ),
    case(
        "يوسف العبداوي",
        Some("OFAC-7826"),
        "ABDAOUI is one name, not Abd + aoui (vowels alone are no name part): ABDAOUI, Youssef",
    ),
    case(
        "شرکت ان پی سی اینترنشنال",
        Some("OFAC-11620"),
        "ان is the Persian name of the letter N (Urdu writes این): NPC INTERNATIONAL",
    ),
    case(
        "شركة دجلة للتجارة",
        Some("OFAC-8409"),
        "دجلة is the Tigris: TIGRIS TRADING, INC.",
    ),
];

#[test]
fn round14_cases_on_the_development_index() {
    development_screener_passing(13, ROUND14_CASES);
}

/// Round 15, from set 14's misses (set 14 a development set since): a title after a name part
/// is a name in a reading of its own, English chem is written کم, and words. On the index of
/// the pairs and sets 1-14.
const ROUND15_CASES: &[Case] = &[
    case(
        "محمد أحمد السيد أحمد إبراهيم",
        Some("OFAC-27150"),
        "السيد after a name part is the given name Elsayed, not the title: IBRAHIM, Mohamed \
         Ahmed Elsayed Ahmed",
    ),
    case(
        "محمد احمد السید احمد ابراہیم",
        Some("OFAC-27150"),
        "the same in Urdu spelling",
    ),
    case(
        "عبدالحليم حافظ عبدالفتاح رمادنا",
        Some("QDi.075"),
        "حافظ after a name part is the name Hafed (a pair found since): ABDELHALIM HAFED \
         ABDELFATTAH REMADNA",
    ),
    case(
        "شرکت صنایع شیمیایی تابکم",
        Some("OFAC-30416"),
        "English chem is written کم: TABCHEM CHEMICAL INDUSTRIES CO.",
    ),
    case(
        "شرکت کاشی سنتی قدس رضوی",
        Some("OFAC-30846"),
        "سنتی is traditional: QUDS RAZAVI TRADITIONAL TILE CO.",
    ),
    case(
        "د رضوي د معلوماتي او مخابراتي ټکنالوژۍ شرکت",
        Some("OFAC-30852"),
        "the adjective مخابراتی is also communication: RAZAVI INFORMATION AND COMMUNICATION \
         TECHNOLOGY CO.",
    ),
    case(
        "الدولة الإسلامية في العراق والشام - موزمبيق",
        Some("OFAC-31372"),
        "الشام is the Levant and Syria: ISLAMIC STATE OF IRAQ AND SYRIA - MOZAMBIQUE",
    ),
    case(
        "شركة التقاطع المحدودة المسؤولية",
        Some("OFAC-29265"),
        "تقاطع is intersection: INTERSECTION LLC",
    ),
];

#[test]
fn round15_cases_on_the_development_index() {
    development_screener_passing(14, ROUND15_CASES);
}

/// Round 16, from set 16's misses (set 16 a development set since; set 15, nearly all found,
/// stays held out): words of recent designations, the Arabic harakat kept in listed names,
/// JOINT and STOCK as legal forms, and sahib/sahab between two name parts as a name. On the
/// index of the pairs and sets 1-16.
const ROUND16_CASES: &[Case] = &[
    case(
        "شركة العالمية إكسبرس للصرافة والتحويلات",
        Some("OFAC-34952"),
        "REMITTANCE folds to transfer like remittances: ALALAMIYAH EXPRESS COMPANY FOR EXCHANGE \
         AND REMITTANCE",
    ),
    case(
        "البحر الأحمر أوفشور لتجارة المنتجات النفطية المكررة ش.ذ.م.م",
        Some("OFAC-40936"),
        "مكررة is refined: ALBAHR ALAAHMAR OFFSHORE REFINED OIL PRODUCT TRADING L.L.C",
    ),
    case(
        "شركة الجنيد للأنشطة المتعددة المحدودة",
        Some("OFAC-43456"),
        "أنشطة activities, متعددة multi: AL JUNAID MULTI ACTIVITIES CO LTD",
    ),
    case(
        "القلم الذهبي للتجارة العامة ش.ذ.م.م",
        Some("OFAC-54266"),
        "قلم is pen: GOLDEN PEN GENERAL TRADING L.L.C",
    ),
    case(
        "شرکت سامانه گستر سحاب پرداز (سهامی خاص)",
        Some("OFAC-39646"),
        "SAHAB between two name parts is a name (سحاب), not the honorific sahab: SAMANE GOSTAR \
         SAHAB PARDAZ PRIVATE LIMITED COMPANY",
    ),
    case(
        "د سامانه ګستر سحاب پرداز شرکت",
        Some("OFAC-39646"),
        "the same in Pashto word order",
    ),
    case(
        "شرکت طراحی و ساخت موتورهای هوایی",
        Some("OFAC-39039"),
        "AERO is aviation (هوایی): DESIGN AND MANUFACTURING OF AERO-ENGINE COMPANY",
    ),
    case(
        "د هوايي انجنونو د ډیزاین او جوړولو شرکت",
        Some("OFAC-39039"),
        "the Pashto جوړول is making, manufacturing: the same entry",
    ),
    case(
        "شرطة الأخلاق الإيرانية",
        Some("OFAC-39258"),
        "أخلاق is morality: IRAN'S MORALITY POLICE",
    ),
    case(
        "جنبش انصارالله الاوفیاء",
        Some("OFAC-49580"),
        "HARAKAT is the Arabic for movement (جنبش): HARAKAT ANSAR ALLAH AL-AWFIYA",
    ),
];

#[test]
fn round16_cases_on_the_development_index() {
    development_screener_passing(16, ROUND16_CASES);
    // On set 10's own index (the pairs and sets 1-10), where the rarer words weigh more.
    development_screener_passing(
        10,
        &[case(
            "شرکت تضامنی محمدرضا خدمتی و شرکا",
            Some("OFAC-24538"),
            "JOINT is a legal form (a set-10 spelling found since): JOINT PARTNERSHIP OF \
             MOHAMMADREZA KHEDMATI AND ASSOCIATES",
        )],
    );
}

/// Round 17: spellings of sets 17 and 19 (development sets since round 17) that round 16
/// missed, each with the rule that finds it; first set 17's.
const ROUND17_CASES: &[Case] = &[
    case(
        "شركة تسهيلات ش.م.م",
        Some("OFAC-54587"),
        "the sh of TASHILAT is two letters, س and ه: TASHILAT SARL",
    ),
    case(
        "شركة بتروتشاينا بارس",
        Some("OFAC-36024"),
        "Arabic تش is the English ch: PETRO CHINA PARS CO.",
    ),
    case(
        "وايد فيجن للتجارة العامة ش.ذ.م.م",
        Some("OFAC-54264"),
        "-sion after a vowel is ج: WIDE VISION GENERAL TRADING L.L.C",
    ),
    case(
        "بنك اليمن الدولي ش.م.ي",
        Some("OFAC-53974"),
        "ش.م.ي and Y.S.C. are legal forms: INTERNATIONAL BANK OF YEMEN Y.S.C.",
    ),
    case(
        "المیزان سینٹر برائے انسانی حقوق",
        Some("OFAC-55414"),
        "the Urdu برائے (for) is a function word, انسانی also human: AL MEZAN CENTER FOR HUMAN \
         RIGHTS",
    ),
    case(
        "الضمیر تنظیم برائے اسیران و انسانی حقوق",
        Some("OFAC-53920"),
        "two words for the kind of body agree (تنظیم organisation, ASSOCIATION): ADDAMEER \
         PRISONER SUPPORT AND HUMAN RIGHTS ASSOCIATION",
    ),
    case(
        "شرکت نرم افزاری قشم آرین داتیس",
        Some("OFAC-55009"),
        "a Persian compound typed with a space (نرم افزار, software) though its first part is no \
         vocabulary word: QESHM ARIAN DATIS SOFTWARE COMPANY",
    ),
    case(
        "شرکت زیرساخت ارتباطات و فناوری اطلاعات آرین پاسارگاد",
        Some("OFAC-55014"),
        "زیرساخت is infrastructure: ARIAN PASARGAD COMMUNICATIONS AND INFORMATION TECHNOLOGY \
         INFRASTRUCTURE COMPANY",
    ),
    case(
        "شركة بارس لإنشاء وتطوير المفاعلات",
        Some("OFAC-53934"),
        "مفاعلات are reactors: PARS REACTORS CONSTRUCTION AND DEVELOPMENT COMPANY",
    ),
    case(
        "شرکت مهندسی بازرگانی به ژول پارس",
        Some("OFAC-55283"),
        "BEH is the Persian به: BEH JOULE PARS COMMERCIAL ENGINEERING COMPANY",
    ),
];

/// Round 17: set 19's spellings (screened on the index of the pairs and sets 1-19).
const ROUND17_SET19_CASES: &[Case] = &[
    case(
        "إم إس دي م.د.م.س",
        Some("OFAC-42339"),
        "Arabic letter names spell MSD, م.د.م.س is DMCC: MSD DMCC",
    ),
    case(
        "وايت ستار م.د.م.س",
        Some("OFAC-42322"),
        "English wh is w: WHITE STAR DMCC",
    ),
    case(
        "حرية برايفت م.م.ح",
        Some("OFAC-43083"),
        "برايفت (private) and L.L.E. are legal forms: HURIYA PRIVATE FZE LLE",
    ),
];

#[test]
fn round17_cases_on_the_development_index() {
    development_screener_passing(17, ROUND17_CASES);
    development_screener_passing(19, ROUND17_SET19_CASES);
}

/// Round 17: the readings behind the cases above, word by word.
#[test]
fn round17_readings() {
    use screening::normalize::{is_legal_form, letter_names_at, normalize};
    use screening::orgwords::{is_organisation_kind, translated_reading};
    assert!(sim("تسهيلات", "Tashilat") >= 0.95, "sh as two letters");
    assert!(sim("تشاينا", "China") >= 0.9, "تش as ch");
    assert!(sim("فيجن", "Vision") >= 0.84, "-sion as ج");
    assert!(sim("ويژن", "Vision") >= 0.84, "-sion as ژ");
    assert!(sim("وايت", "White") >= 0.9, "wh as w");
    assert!(sim("به", "Beh") >= 0.95, "beh");
    for form in [
        "ysc",
        "dmcc",
        "jlt",
        "lle",
        "kscc",
        "saog",
        "شمي",
        "مدمس",
        "برايفت",
    ] {
        assert!(is_legal_form(&normalize(form)), "{form}");
    }
    let words = normalize("إم إس دي");
    let words: Vec<&str> = words.split(' ').collect();
    assert_eq!(letter_names_at(&words), Some((3, "msd".to_string())));
    let words = normalize("دي إم");
    let words: Vec<&str> = words.split(' ').collect();
    assert_eq!(letter_names_at(&words), None, "دي first is the Urdu the");
    assert!(is_organisation_kind("foundation") && is_organisation_kind("association"));
    assert!(!is_organisation_kind("company") && !is_organisation_kind("bank"));
    assert_eq!(translated_reading("نرم افزار").as_deref(), Some("software"));
    assert_eq!(
        translated_reading("القا عدة"),
        None,
        "a name split after the article"
    );
    assert_eq!(
        translated_reading("مرکز برائے انسانی حقوق").as_deref(),
        Some("center humanitarian rights")
    );
}

/// Round 16: sahib/sahab is dropped as the honorific at the end of a name and kept between two
/// name parts; JOINT and STOCK are legal forms.
#[test]
fn round16_sahab_between_names_and_joint_stock() {
    use screening::normalize::{is_legal_form, tokens};
    assert_eq!(tokens("Samane Gostar Sahab Pardaz").len(), 4);
    assert_eq!(tokens("Imran Khan Sahab").len(), 2);
    assert_eq!(
        tokens("Sahib Imran Khan").len(),
        2,
        "first: still the honorific"
    );
    assert!(is_legal_form("joint") && is_legal_form("stock"));
}

/// Round 15: a title after any name part is kept in the late-titles reading, not only one that
/// ends the name; a title first is still only a title.
#[test]
fn round15_titles_after_a_name_part() {
    use screening::normalize::{tokens, tokens_with_late_titles};
    assert_eq!(tokens("محمد السيد علي").len(), 2);
    assert_eq!(
        tokens_with_late_titles("محمد السيد علي").map(|t| t.len()),
        Some(3)
    );
    assert!(tokens_with_late_titles("السيد محمد علي").is_none());
    assert_sound_close(&[("تابكم", "tabchem", 0.95)]);
}

/// Round 14: ض read as د is the alternative skeleton; Abd- is split off a Latin name only when
/// a consonant follows; tech is read tek anywhere in a Latin word.
#[test]
fn round14_sounds_and_splits() {
    use screening::normalize::tokens;
    assert_sound_close(&[
        ("رضا", "rida", 0.95),
        ("فاتيك", "vatech", 0.9),
        ("تک", "tech", 0.95),
    ]);
    assert_eq!(
        tokens("رضا")[0].alt.as_deref(),
        Some(tokens("ردا")[0].skel.as_str())
    );
    assert_eq!(tokens("Abdaoui").len(), 1);
    assert_eq!(tokens("Abdullah").len(), 2, "abd + ullah, as before");
    assert_eq!(tokens("Abdelkader").len(), 2, "abd + kader, as before");
}

/// Round 12: a Latin ch may be ش and a g before e or i soft; a title that ends a name is a
/// surname in a reading of its own, while the name as written still drops it (lists as often
/// leave it out).
#[test]
fn round12_sounds_and_titles() {
    use screening::normalize::{tokens, tokens_with_late_titles};
    assert_sound_close(&[
        ("جورج", "george", 0.95),
        ("شعيتلي", "cheaitelly", 0.9),
        ("شهاب", "chehab", 0.95),
    ]);
    assert_eq!(tokens("علی شمس مولوی").len(), 2);
    assert_eq!(
        tokens_with_late_titles("علی شمس مولوی").map(|t| t.len()),
        Some(3)
    );
    assert!(tokens_with_late_titles("مولوی علی شمس").is_none());
    assert!(
        tokens_with_late_titles("علی رضا (ع)").is_none(),
        "a blessing is no surname"
    );
    assert!(
        tokens_with_late_titles("قادری صاحب").is_none(),
        "sahib is said after a name"
    );
    assert!(
        tokens_with_late_titles("مولوی").is_none(),
        "a title alone is no name"
    );
}

/// Round 11, with the fifth general vocabulary: an inflected form the vocabulary lists itself
/// keeps its base word's senses (احیای, the ezafe of احیا, is revival and reduction), and
/// another meaning counts only as that English word, not as a name it sounds like (رئیس is
/// president, head, chief: head is not HADDAD).
#[test]
fn round11_inflected_forms_keep_their_senses_and_senses_are_words() {
    use screening::normalize::normalize;
    use screening::orgwords::other_senses;
    let senses = other_senses(&normalize("احیای"));
    assert!(senses.contains(&"reduction"), "{senses:?}");
    let ours = screening::eval::parse_heldout(
        "reference_number\tun_list_type\tkind\tname_latin\tname_original_script\tscript\t\
         language\taliases_good_or_aka\taliases_low_quality\tsource\n\
         TEST-1\tTEST\tindividual\tHADDAD, Ibrahim Ibrahim\t\tARABIC\t\t\t\ta namesake\n",
    )
    .unwrap();
    let entries = development_entries(&screening::eval::SETS[..10], ours);
    let s = Screener::from_entries(entries, Config::default());
    let hits = s.screen(&Query::name("ابراهیم رئیس"));
    assert!(
        hits.iter().all(|h| h.reference != "TEST-1"),
        "{:?}",
        hits.iter().map(|h| h.explain()).collect::<Vec<_>>()
    );
    // Still found by what the vocabulary adds: a Persian zinc smelter's احیای (set 8).
    let hits = s.screen(&Query::name("شرکت ذوب و احیای روی قشم"));
    assert!(
        hits.first()
            .is_some_and(|h| h.entry_name.contains("QESHM ZINC"))
    );
}

/// Round 9: what clerks type and what Pashto inflects is read like the dictionary form: a
/// Persian compound or plural typed with a space for its ZWNJ (but not a name split by a
/// typo), the Pashto plurals in -ونه/-ونو and the oblique -انو.
#[test]
fn round9_typed_and_inflected_forms_translate() {
    use screening::orgwords::translated_reading;
    for (written, read) in [
        ("شرکت فرآورده های نفتی", "company products oil"),
        ("نیرو های مسلح", "forces armed"),
        ("شرکت سرمایه گذاری", "company investment"),
        ("د بانکونو اتحادیه", "banks union"),
        (
            "د ایران د اسلامي جمهوریت د پاسدارانو ځمکني ځواکونه",
            "iran islamic republic guards ground forces",
        ),
        ("تنظيم القا عدة", "organization القا عده"),
    ] {
        assert_eq!(
            translated_reading(written).as_deref(),
            Some(read),
            "{written}"
        );
    }
}

/// Sounds that the skeletons now read as Latin writes them (round 9): Persian ژ is j in
/// French-style romanisations, the ه of a Persian name's -ه‌ای ending is silent, and ث is s
/// in Persian and Urdu.
#[test]
fn round9_sounds_read_as_latin_writes_them() {
    assert_sound_close(&[
        ("بیژن", "bijan", 0.92),
        ("خامنه‌ای", "khamenei", 0.95),
        ("ثنا", "sana", 0.93),
    ]);
}

/// Sounds that the skeletons now read as Latin writes them (round 8): English -tion and -sion
/// are said with sh, as Urdu writes them; ث is th in Arabic names.
#[test]
fn round8_sounds_read_as_latin_writes_them() {
    assert_sound_close(&[
        ("کمیشن", "commission", 0.9),
        ("کارپوریشن", "corporation", 0.9),
        ("فاؤنڈیشن", "foundation", 0.9),
        ("بثينة", "bouthaina", 0.9),
        ("هيثم", "haitham", 0.9),
    ]);
}

/// Any text, with brackets, alias markers, ZWNJs and apostrophes anywhere (round 9 and 10
/// split names at brackets, join spaced compounds and drop a possessive): screening never
/// panics, and every hit's score is a fraction.
mod any_text {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static SCREENER: LazyLock<Screener> = LazyLock::new(|| {
        Screener::from_entries(
            development_entries(&screening::eval::SETS[..2], Vec::new()),
            Config::default(),
        )
    });

    proptest! {
        #[test]
        fn screening_any_text_never_panics(
            s in "[\u{0600}-\u{06FF}\u{200C} a-z()'’-]{0,40}|(عرف|\\(|\\)|های|دی|شرکت|'s| ){0,12}"
        ) {
            for h in SCREENER.screen(&Query::name(s.clone())) {
                prop_assert!((0.0..=1.0).contains(&h.score), "{s:?}: {}", h.score);
            }
            let _ = screening::orgwords::translated_reading(&s);
        }
    }
}

/// Round 18: set 21's misses (Russian, Turkish, Balkan and Chinese bodies and Russian people,
/// written in Arabic script), each of which round 17 missed, and one of set 19.
const ROUND18_CASES: &[Case] = &[
    case(
        "ورکوتا اوگول جوائنٹ اسٹاک کمپنی",
        Some("OFAC-45014"),
        "joint stock company is one legal form, JSC: JSC VORKUTAUGOL",
    ),
    case(
        "ډوریس محدود مسؤلیت لرونکی شرکت",
        Some("OFAC-45961"),
        "the Pashto limited liability (having limited liability) is LLC: LIMITED LIABILITY COMPANY DORIS",
    ),
    case(
        "شركة لوجستيك إنترناشونال سيرفيس ذات المسؤولية المحدودة",
        Some("OFAC-45075"),
        "LIMITED LIABILITY COMPANY is company + LLC, as ذات المسؤولية المحدودة: LOGISTIC INTERNATIONAL SERVIS",
    ),
    case(
        "شركة مصنع بالاشيخا للسبك والميكانيكا المساهمة المفتوحة",
        Some("OFAC-45041"),
        "the romanised Russian ZAVOD, LITEYNO, MEKHANICHESKIY read as factory, foundry, mechanics; المساهمة المفتوحة qualifies the legal form",
    ),
    case(
        "مصنع وحدات المحامل",
        Some("OFAC-45694"),
        "ZAVOD PODSHIPNIKOVYKH UZLOV: factory of bearing units",
    ),
    case(
        "شركة سي تي إل للتجارة الخارجية المحدودة",
        Some("OFAC-45055"),
        "the Turkish DIS TICARET (foreign trade) and LIMITED SIRKETI: CTL DIS TICARET LIMITED SIRKETI",
    ),
    case(
        "إسكندر قهرمانوفيتش محمودوف",
        Some("OFAC-45056"),
        "a Russian v is ف in Arabic: MAKHMUDOV, Iskandar Kakhramonovich",
    ),
    case(
        "دميتري إيفانوفيتش جاريكوف",
        Some("OFAC-45786"),
        "a Russian v is ف: ZHARIKOV, Dmitry Ivanovich",
    ),
    case(
        "آندری آناتولیویچ یفریموف",
        Some("OFAC-45817"),
        "a Russian v is ف in Persian too: EFREMOV, Andrei Anatolyevich",
    ),
    case(
        "البنك التجاري الإقليمي الروسي ش.م.ع",
        Some("OFAC-45787"),
        "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO is PJSC, KOMMERCHESKI commercial, REGIONALNY regional, RUSSKI Russian",
    ),
    case(
        "شركة سيستيما آسيا الخاصة المحدودة",
        Some("OFAC-46012"),
        "PTE is a legal form: SISTEMA ASIA PTE LTD",
    ),
];

const ROUND18_SET19_CASES: &[Case] = &[case(
    "كونستليشن أدفايزرز المحدودة",
    Some("OFAC-38537"),
    "a body's English word as Arabic spells it, v as ف and s as ز: CONSTELLATION ADVISORS LTD",
)];

#[test]
fn round18_cases_on_the_development_index() {
    development_screener_passing(21, ROUND18_CASES);
    development_screener_passing(19, ROUND18_SET19_CASES);
}

/// Round 18: the readings behind the cases above, word by word.
#[test]
fn round18_readings() {
    use screening::matcher::token_similarity;
    use screening::normalize::{entity_tokens, is_legal_form, tokens};
    use screening::orgwords::{canonical_english, translated_reading};
    let surfaces = |ts: Vec<screening::normalize::Token>| -> Vec<String> {
        ts.into_iter().map(|t| t.surface).collect()
    };
    assert_eq!(
        surfaces(tokens("LIMITED LIABILITY COMPANY DORIS")),
        ["company", "llc", "doris"]
    );
    assert_eq!(
        surfaces(tokens("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU SFT")),
        ["company", "llc", "sft"]
    );
    assert_eq!(
        surfaces(tokens(
            "PUBLICHNOE AKTSIONERNOE OBSHCHESTVO KOMMERCHESKI BANK"
        )),
        ["company", "pjsc", "trading", "bank"]
    );
    assert_eq!(
        surfaces(tokens("CTL DIS TICARET LIMITED SIRKETI")),
        ["ctl", "foreign", "trading", "company", "ltd"]
    );
    assert_eq!(
        surfaces(tokens("SANAYI VE TICARET")),
        ["industry", "trading"]
    );
    for form in ["liability", "doo", "dooel", "sarlu", "pte", "sirketi"] {
        assert!(is_legal_form(form), "{form}");
    }
    assert_eq!(canonical_english("podshipnikovykh"), Some("bearings"));
    assert_eq!(canonical_english("proizvodstvennoe"), Some("manufacturing"));
    assert_eq!(canonical_english("zavodskoy"), Some("factory"));
    assert_eq!(
        canonical_english("zavodskoyeeeee"),
        None,
        "a stem with a long tail is another word"
    );
    assert_eq!(
        translated_reading("انفوریون محدود مسؤلیت لرونکی شرکت").as_deref(),
        Some("انفوريون llc company")
    );
    assert!(sim("محمودوف", "Makhmudov") >= 0.9, "Slavic v as ف");
    assert!(sim("ايليف", "Iliev") >= 0.9, "Slavic v as ف");
    assert!(sim("نانشيغو", "Nanxigu") >= 0.9, "pinyin x as ش");
    // The English reading is a body's: on a person's name v stays و and s stays s.
    let advisors = &entity_tokens("ADVISORS")[0];
    assert!(token_similarity(&tokens("ادفايزرز")[0], advisors) >= 0.9);
    assert!(sim("ادفايزرز", "Advisors") < 0.9);
    assert!(tokens("Ghasemi")[0].alt.is_none() && entity_tokens("Ghasemi")[0].alt.is_some());
}

/// Round 19: set 22's misses (the Russian designations after set 21's, and Spanish names),
/// each of which round 18 missed.
const ROUND19_CASES: &[Case] = &[
    case(
        "ویلس سټور محدود مسؤولیت لرونکې شرکت",
        Some("OFAC-47485"),
        "the Pashto limited liability spelt مسؤولیت لرونکې: LIMITED LIABILITY COMPANY VELESSTORE",
    ),
    case(
        "شركة هولف روس لزيوت التشحيم ذ.م.م",
        Some("OFAC-47411"),
        "lubricants are oils of lubrication (زيوت التشحيم): HOLV LUBRICANTS RUS LLC",
    ),
    case(
        "شركة أنظمة الفضاء الابتكارية للأقمار الصناعية ذات المسؤولية المحدودة",
        Some("OFAC-47575"),
        "the romanised Russian SPUTNIKOVYE, INNOVATSIONNYE, KOSMICHESKIE, SISTEMY read as satellite, innovation, space, systems",
    ),
    case(
        "شركة كونفوي العسكرية الأمنية ذات المسؤولية المحدودة",
        Some("OFAC-47728"),
        "VOENNO OKHRANNAIA is military security: ... KOMPANIIA KONVOI",
    ),
    case(
        "إيفان غينادييفيتش كوندراتييف",
        Some("OFAC-47682"),
        "the Russian Ivan is إيفان (v as ف): KONDRATIEV, Ivan Gennadievich",
    ),
    case(
        "خيسوس سالاس أغوايو",
        Some("OFAC-48049"),
        "the Spanish j is خ: SALAS AGUAYO, Jesus",
    ),
    case(
        "خوسيه ميغيل ديمويا هيرنانديز",
        Some("OFAC-48921"),
        "the Spanish j is خ: DEMOYA HERNANDEZ, Jose Miguel",
    ),
    case("غزة الآن", Some("OFAC-47635"), "الآن is now: GAZA NOW"),
];

#[test]
fn round19_cases_on_the_development_index() {
    development_screener_passing(22, ROUND19_CASES);
}

/// Round 19: the readings behind the cases above.
#[test]
fn round19_readings() {
    use screening::orgwords::canonical_english;
    assert!(sim("خيسوس", "Jesus") >= 0.9, "Spanish j as خ");
    assert!(sim("خوسيه", "Jose") >= 0.9, "Spanish j as خ");
    assert!(sim("كاستيو", "Castillo") >= 0.9, "Spanish ll as y");
    assert!(sim("ايفان", "Ivan") >= 0.9, "Russian Ivan");
    assert!(sim("ياروسلاف", "Yaroslav") >= 0.9, "-slav as ف");
    assert!(
        sim("جميل", "Jamil") >= 0.95 && sim("خميل", "Jamil") < 0.84,
        "j stays ج elsewhere"
    );
    assert_eq!(canonical_english("kosmicheskie"), Some("space"));
    assert_eq!(canonical_english("sistemy"), Some("systems"));
    assert_eq!(canonical_english("voenno"), Some("military"));
}

/// Round 20 (set 21 and 22 read; a development set since round 19 and 20; set 24 held out).
/// Each case failed on round 19.
const ROUND20_CASES: &[Case] = &[
    case(
        "شرکت فناوری نان‌شی‌گو با مسئولیت محدود",
        Some("OFAC-45358"),
        "a Chinese name Persian writes in syllables joined by ZWNJs is one word, though نان is \
         bread: NANXIGU TECHNOLOGY CO., LIMITED",
    ),
    case(
        "شركة مجموعة 7 تي في الإعلامية ذات المسؤولية المحدودة",
        Some("OFAC-45967"),
        "a number and letter names written apart are one word: LIMITED LIABILITY COMPANY 7TV \
         MEDIA GROUP",
    ),
    case(
        "شركة آي تي وان ذ.م.م",
        Some("OFAC-47537"),
        "letter names and the number said in English (وان one): LIMITED LIABILITY COMPANY IT1",
    ),
    case(
        "شركة تي 1 القابضة",
        Some("OFAC-47691"),
        "one letter name and a number: T1 HOLDING",
    ),
    case(
        "هلدینگ تی ۱",
        Some("OFAC-47691"),
        "the Persian letter name and a Persian digit: T1 HOLDING",
    ),
];

#[test]
fn round20_cases_on_the_development_index() {
    development_screener_passing(22, ROUND20_CASES);
}

/// Round 20: the readings behind the cases above, and the population rules that no
/// development miss needed (pinyin, the Russian words of the designations since 2022).
#[test]
fn round20_readings() {
    use screening::orgwords::{canonical_english, translated_reading};
    assert!(sim("تشو", "Zhou") >= 0.9, "pinyin zh as تش");
    assert!(sim("چو", "Zhou") >= 0.9, "pinyin zh as چ");
    assert!(sim("تشيانغ", "Qiang") >= 0.9, "pinyin q as تش");
    assert!(sim("تساي", "Cai") >= 0.9, "pinyin c as تس");
    assert!(sim("شو", "Xu") >= 0.9, "pinyin x as ش, one consonant");
    assert!(sim("قاسم", "Qasim") >= 0.9, "not pinyin: q stays ق");
    assert!(
        sim("جاريكوف", "Zharikov") >= 0.9,
        "not pinyin: a Russian name keeps its Slavic v"
    );
    assert_eq!(
        translated_reading("شرکت الکترونیک آی‌سی‌گو لیمیتد").as_deref(),
        Some("company electronics ايسيگو limited"),
        "syllables joined"
    );
    assert_eq!(
        translated_reading("سامانه‌های فضایی").as_deref(),
        Some("system space"),
        "a Persian plural ending is not a syllable"
    );
    assert_eq!(canonical_english("promyshlennost"), Some("industry"));
    assert_eq!(canonical_english("neftyanaya"), Some("oil"));
    assert_eq!(canonical_english("konstruktorskoe"), Some("design"));
    assert_eq!(canonical_english("dom"), Some("house"));
}

/// Round 21 (set 24 read: a development set since round 21; sets 23 and 25 held out). Each
/// case failed on round 20.
const ROUND21_CASES: &[Case] = &[
    case(
        "شرکت پرسوناس اونیداس هواس",
        Some("OFAC-51105"),
        "a Mexican legal form written with dots is one legal form, not five letters: PERSONAS \
         UNIDAS HOAS, S.A.P.I. DE C.V.",
    ),
    case(
        "عطیہ ایس اے ایس",
        Some("OFAC-51409"),
        "the Colombian S.A.S. is a legal form: ATIYA S A S",
    ),
    case(
        "۱۷۱ جلا ډیزاین ټکنالوژیکي بیورو سهامي شرکت",
        Some("OFAC-51112"),
        "Pashto جلا is separate: JOINT STOCK COMPANY 171 SEPARATE DESIGN TECHNOLOGICAL BUREAU",
    ),
    case(
        "مكتب أسترون للتصميم البصري الميكانيكي",
        Some("OFAC-51121"),
        "opto is optical: ASTRON OPTO MECHANICAL DESIGN BUREAU",
    ),
    case(
        "انا یېوګېنیېونا څیویلیوا",
        Some("OFAC-51142"),
        "the Pashto څ is ts: TSIVILEVA, Anna Evgenyevna",
    ),
    case(
        "يكاترينا لوزغاتشيفا",
        Some("OFAC-51648"),
        "an initial ي before a consonant is the Russian Ye the lists write E: LOZGACHEVA, \
         Ekaterina",
    ),
    case(
        "موتو إكسبورت دي دبليو سي ش.ذ.م.م",
        Some("OFAC-51207"),
        "دي opens a run of letter names before two more: MOTO EXPORT DWC LLC",
    ),
    case(
        "شركة لايتشيب للإدارة المحدودة",
        Some("OFAC-51351"),
        "the gh of -ight is silent: LIGHTSHIP MANAGEMENT LTD",
    ),
    case(
        "ٹائٹ شپ شپنگ مینجمنٹ (او پی سی) پرائیویٹ لمیٹڈ",
        Some("OFAC-51377"),
        "the gh of -ight is silent, and two words are the one listed: TIGHTSHIP SHIPPING \
         MANAGEMENT (OPC) PRIVATE LIMITED",
    ),
    case(
        "شركة إنفينيتوم للإيداع المتخصص المساهمة",
        Some("OFAC-51436"),
        "romanised Russian specialised and depository: AO SPETSIALIZIROVANNYI DEPOZITARII \
         INFINITUM",
    ),
    case(
        "شركة مركز التسجيل المهني المساهمة",
        Some("OFAC-51456"),
        "romanised Russian professional and registration: AKTSIONERNOE OBSHCHESTVO \
         PROFESSIONALNYI REGISTRATSIONNYI TSENTR",
    ),
    case(
        "بنك براتسكي الشعبي المساهم",
        Some("OFAC-51695"),
        "romanised Russian narodny is popular: BRATSKY NARODNY BANK JSC",
    ),
    case(
        "شرکت کشتیرانی و بازرگانی لوئنگو با مسئولیت محدود",
        Some("OFAC-51784"),
        "trader is trading: LOENGO SHIPPING AND TRADER LIMITED",
    ),
    case(
        "شركة لوينغو للشحن والتجارة المحدودة",
        Some("OFAC-51784"),
        "trader is trading, in Arabic: LOENGO SHIPPING AND TRADER LIMITED",
    ),
    case(
        "بینک فن سروس جوائنٹ اسٹاک کمپنی",
        Some("OFAC-51794"),
        "the name read as written (فن سروس joined) is not outweighed by the legal form around \
         it, which weighs as a legal form in every reading: JOINT STOCK COMPANY BANK FINSERVICE",
    ),
];

#[test]
fn round21_cases_on_the_development_index() {
    development_screener_passing(24, ROUND21_CASES);
}

/// Round 21: the readings behind the cases above.
#[test]
fn round21_readings() {
    use screening::matcher::token_similarity;
    use screening::normalize::{entity_tokens, normalize, tokens};
    use screening::orgwords::{canonical_english, reads_as_legal_form, translated_reading};
    assert_eq!(
        normalize("PERSONAS UNIDAS HOAS, S.A.P.I. DE C.V."),
        "personas unidas hoas sapi de cv"
    );
    assert_eq!(normalize("A. B. Khan"), "a b khan", "initials stay apart");
    assert_eq!(normalize("څیویلیوا"), normalize("تسیویلیوا"), "څ is ts");
    assert!(sim("اڅکزی", "Achakzai") >= 0.9, "څ of a Pashto name is ch");
    assert!(sim("يكاترينا", "Ekaterina") >= 0.9, "initial ي as Ye");
    assert!(sim("يزيد", "Yazid") >= 0.95, "the name Yazid keeps its y");
    assert!(reads_as_legal_form(&normalize("جوائنٹ")));
    assert!(reads_as_legal_form(&normalize("اسٹاک")));
    assert!(
        !reads_as_legal_form(&normalize("اهلیه")),
        "a word with another sense (the Ahli of a bank) is not a legal form"
    );
    assert!(!reads_as_legal_form(&normalize("مصطفی")));
    let ship = &entity_tokens("LIGHTSHIP")[0];
    assert!(
        token_similarity(&tokens("لايتشيب")[0], ship) >= 0.9,
        "the gh of -ight is silent"
    );
    assert_eq!(
        translated_reading("موتو إكسبورت دي دبليو سي").as_deref(),
        Some("موتو اكسبورت dwc"),
        "دي before two letter names"
    );
    assert_eq!(
        translated_reading("دي سي").as_deref(),
        None,
        "دي before one letter name stays"
    );
    assert_eq!(canonical_english("tsentralnyi"), Some("central"));
    assert_eq!(canonical_english("tsentr"), Some("center"));
    assert_eq!(canonical_english("trader"), Some("trading"));
    assert_eq!(canonical_english("narodny"), Some("popular"));
}

/// Round 22: misses of round 21 on set 25, each found now, with the rule that finds it.
const ROUND22_CASES: &[Case] = &[
    case(
        "شركة بروم إلكترو سيرفيس ذات المسؤولية المحدودة",
        Some("OFAC-52243"),
        "the three words of a compound joined: LIMITED LIABILITY COMPANY PROMELEKTROSERVIS",
    ),
    case(
        "پروم الیکٹرو سروس محدود ذمہ داری کمپنی",
        Some("OFAC-52243"),
        "the same compound in Urdu: PROMELEKTROSERVIS",
    ),
    case(
        "شركة نفت سيرفيس هولدينغ ذات المسؤولية المحدودة",
        Some("OFAC-51966"),
        "a compound joined though two of its words are in the vocabulary (oil, holding): \
         NEFTSERVICEHOLDING",
    ),
    case(
        "شركة أفيالوكس سيرفيس ذات المسؤولية المحدودة",
        Some("OFAC-52206"),
        "two words of a compound, the listed word read as English spells it: AVIALYUKSSERVIS",
    ),
    case(
        "شركة غازبروم نفط فوستوك ذات المسؤولية المحدودة",
        Some("OFAC-52124"),
        "a compound whose second word the vocabulary translates (نفط oil), joined before the \
         rest is translated: GAZPROMNEFT VOSTOK LLC",
    ),
    case(
        "شركة غازبروم نفط آزيا ذات المسؤولية المحدودة",
        Some("OFAC-52136"),
        "the Kyrgyz OsOO is a legal form: OSOO GAZPROM NEFT AZIYA",
    ),
    case(
        "شركة جي بي بي أفريقيا والشرق الأوسط الخاصة المحدودة",
        Some("OFAC-51942"),
        "بي is B or P and جي G or J; the listed reading wins: GPB AFRICA AND MIDDLE EAST PTY LTD",
    ),
    case(
        "شركة جي بي أورينتال الدولية القابضة المحدودة",
        Some("OFAC-52757"),
        "جي بي is JP: JP ORIENTAL INTERNATIONAL HOLDINGS LIMITED",
    ),
    case(
        "شركة جيت سناب ذات المسؤولية المحدودة",
        Some("OFAC-52227"),
        "the Russian dzh is ج: LIMITED LIABILITY COMPANY DZHET SNAB",
    ),
    case(
        "شرکت با مسئولیت محدود مرکز فنی مهندسی پرم ژئوفیزیکا",
        Some("OFAC-51977"),
        "Persian ژئو is geo: PERM ENGINEERING TECHNICAL CENTER GEOFIZIKA",
    ),
    case(
        "المؤسسة الاتحادية الحكومية الموحدة معهد عموم روسيا للبحوث في جيولوجيا النفط",
        Some("OFAC-51991"),
        "federal state unitary enterprise translated word by word: FEDERAL STATE UNITARY \
         ENTERPRISE ALL RUSSIAN RESEARCH INSTITUTE OF OIL GEOLOGY",
    ),
    case(
        "مؤسسه واحد دولتی فدرال مجتمع معدنی و شیمیایی",
        Some("OFAC-52649"),
        "Persian واحد is the unitary of an FSUE: MINING AND CHEMICAL COMPLEX FEDERAL STATE \
         UNITARY ENTERPRISE",
    ),
    case(
        "شركة إيتيرا لتجارة النفط الخام في الخارج ذ.م.م",
        Some("OFAC-51914"),
        "الخارج is abroad: ETERRA CRUDE OIL ABROAD TRADING LLC",
    ),
    case(
        "شرکت حمل‌ونقل دریایی شوان‌وو تیان‌کویی شانگهای با مسئولیت محدود",
        Some("OFAC-51995"),
        "freight is transport: XUANWU TIANKUI SEA FREIGHT SHANGHAI CO LTD",
    ),
    case(
        "شرکت خدمات تجاری چینگدائو هه‌ژی با مسئولیت محدود",
        Some("OFAC-52722"),
        "business is trading: QINGDAO HEZHI BUSINESS SERVICE CO LTD",
    ),
    case(
        "شرکت خطوط کوپا",
        Some("OFAC-52318"),
        "INCORPORATED is a legal form: KUPA LINES INCORPORATED",
    ),
    case(
        "شرکت با مسئولیت محدود کراماکس مواد متالورژیکی",
        Some("OFAC-52554"),
        "romanised Russian materialy is materials: KERAMAKS METALLURGICHESKIYE MATERIALY",
    ),
    case(
        "شركة معهد أبحاث القياسات الفيزيائية المساهمة",
        Some("OFAC-52606"),
        "Arabic فيزيائية is physical: RESEARCH INSTITUTE OF PHYSICAL MEASUREMENTS",
    ),
];

#[test]
fn round22_cases_on_the_development_index() {
    development_screener_passing(25, ROUND22_CASES);
}

/// Round 22: the readings behind the cases above.
#[test]
fn round22_readings() {
    use screening::normalize::{is_legal_form, letter_name_readings, normalize};
    use screening::orgwords::canonical_english;
    assert_eq!(
        letter_name_readings(&normalize("جي بي")),
        ["jb", "jp", "gb", "gp"],
        "بي is B or P, جي J or G"
    );
    assert_eq!(letter_name_readings(&normalize("تي في")), ["tv"]);
    assert!(
        letter_name_readings(&normalize("جي بي بي بي")).len()
            <= screening::normalize::LETTER_READINGS_MAX
    );
    assert!(letter_name_readings(&normalize("جي بنك")).is_empty());
    assert!(sim("جيت", "Dzhet") >= 0.9, "dzh is ج");
    assert!(sim("ژئوفیزیکا", "Geofizika") >= 0.9, "ژئو is geo");
    assert!(sim("ژاله", "Zhaleh") >= 0.9, "ژ elsewhere stays zh");
    for form in ["osoo", "ao", "pty", "sdn", "bhd", "incorporated"] {
        assert!(is_legal_form(form), "{form}");
    }
    assert_eq!(canonical_english("unitary"), Some("unified"));
    assert_eq!(canonical_english("freight"), Some("transport"));
    assert_eq!(canonical_english("business"), Some("trading"));
    assert_eq!(canonical_english("materialy"), Some("materials"));
    assert_eq!(
        canonical_english("sea"),
        None,
        "SEA BREEZE is written سي بريز"
    );
}

/// Round 22: the words of a compound are joined only into a listed word about as long as they
/// are together: Aslam Sugar (`اسلم شوگر`) is not ASLAM.
#[test]
fn round22_compounds_need_a_listed_word_as_long() {
    let pairs: Vec<screening::eval::Pair> = [
        ("TEST-1", "ASLAM SANDHU", screening::SubjectKind::Individual),
        (
            "TEST-2",
            "LIMITED LIABILITY COMPANY PROMELEKTROSERVIS",
            screening::SubjectKind::Entity,
        ),
    ]
    .iter()
    .map(|&(reference, name, kind)| screening::eval::Pair {
        reference: reference.into(),
        list_type: "test".into(),
        kind,
        name_latin: name.into(),
        name_original: String::new(),
        script: String::new(),
        good_aliases: Vec::new(),
        low_aliases: Vec::new(),
        language: String::new(),
    })
    .collect();
    let s = Screener::from_entries(screening::eval::latin_entries(&pairs), Config::default());
    let hits = s.screen(&Query::name(
        "شركة بروم إلكترو سيرفيس ذات المسؤولية المحدودة",
    ));
    let hit = hits
        .iter()
        .find(|h| h.reference == "TEST-2")
        .expect("compound found");
    assert_eq!(hit.reading, screening::ReadingKind::Compound);
    let hits = s.screen(&Query::name("اسلم شوگر اینڈ سنز"));
    assert!(
        hits.iter()
            .all(|h| h.reading != screening::ReadingKind::Compound),
        "{hits:?}"
    );
}

/// Round 23 (made from the misses of set 26, a development set since): each case was a miss of
/// round 22 and is found now.
const ROUND23_CASES: &[Case] = &[
    case(
        "انفراکام کمیونیکېشن نېټورکس اف زېډ ای",
        Some("OFAC-53833"),
        "FZE spelt by its letter names as Pashto writes them (zed زېډ, E ای): \
         INFRACOM COMMUNICATION NETWORKS FZE",
    ),
    case(
        "ارکان مارس پټرولیم اف زېډ ای",
        Some("OFAC-54731"),
        "the same FZE: ARKAN MARS PETROLEUM FZE",
    ),
    case(
        "پروګوین شیپینګ اس اې",
        Some("OFAC-54881"),
        "اې is A in Pashto, so اس اې is SA: PROGWIN SHIPPING SA",
    ),
    case(
        "شركة أتلانتس إم للشحن",
        Some("OFAC-54543"),
        "a letter name standing alone is its letter: ATLANTIS M. SHIPPING CO",
    ),
    case(
        "شرکت کشتیرانی آتلانتیس ام",
        Some("OFAC-54543"),
        "the same in Persian: ATLANTIS M. SHIPPING CO",
    ),
    case(
        "بي آند بي سوليوشنز برايفت ليمتد",
        Some("OFAC-53882"),
        "and written out is dropped as Latin drops it, and the second بي is P: \
         B AND P SOLUTIONS PRIVATE LIMITED",
    ),
    case(
        "کورا لاینز انکارپورېټېډ",
        Some("OFAC-54816"),
        "incorporated as Pashto spells it, found in the vocabulary by its loose spelling: \
         CORA LINES INC.",
    ),
    case(
        "آر این کراسنودار نیفتیگاز لمیٹڈ لائبیلیٹی کمپنی",
        Some("OFAC-53656"),
        "liability with one vowel letter more than the vocabulary's: \
         LIMITED LIABILITY COMPANY RN KRASNODARNEFTEGAZ",
    ),
    case(
        "د آر ان توآپسې د تېلو تصفیه خانه محدود مسؤلیت لرونکی شرکت",
        Some("OFAC-53698"),
        "تصفیه خانه is a refinery first: LIMITED LIABILITY COMPANY RN TUAPSE OIL REFINERY",
    ),
    case(
        "سانتاماريا كروز",
        Some("OFAC-54397"),
        "the Mexican S. DE R.L. is a legal form: SANTAMARIA CRUISE, S. DE R.L. DE C.V.",
    ),
    case(
        "اوشیانک آربٹ انکارپوریٹڈ",
        Some("OFAC-53818"),
        "the English -cea- is said sh: OCEANIC ORBIT INCORPORATED",
    ),
    case(
        "زانٹے لائن انکارپوریٹڈ",
        Some("OFAC-54790"),
        "an English initial x is z: XANTE LINE INC.",
    ),
    case(
        "شركة يانلينغ لينغفنغ للكلورات المحدودة",
        Some("OFAC-54036"),
        "the Greek ch before l is k: YANLING LINGFENG CHLORATE CO LTD",
    ),
    case(
        "هېبې شینهای کیمیکل ګروپ کمپنۍ لمیټډ",
        Some("OFAC-54059"),
        "the ه before -ای of a Chinese name is h: HEBEI XINHAI CHEMICAL GROUP CO., LTD.",
    ),
    case(
        "شینزین شینگنان ٹریڈنگ کمپنی لمیٹڈ",
        Some("OFAC-54490"),
        "the pinyin zh written ز: SHENZHEN SHENGNAN TRADING CO., LTD.",
    ),
    case(
        "جیمز کابارهبه",
        Some("OFAC-52872"),
        "the s of the English -es is z: KABAREBE, James",
    ),
    case(
        "ساو چیت تو",
        Some("OFAC-53779"),
        "a name whose one consonant is th may be read t: THU, Saw Chit",
    ),
    case(
        "خايرو فيردوغو أراوخو",
        Some("OFAC-54671"),
        "the Spanish -jo after a vowel is خو: VERDUGO ARAUJO, Jairo",
    ),
];

#[test]
fn round23_cases_on_the_development_index() {
    development_screener_passing(26, ROUND23_CASES);
}

/// Round 24, with set 27 as its development set: misses of round 23 and how they read now.
const ROUND24_CASES: &[Case] = &[
    case(
        "شركة جيوتك القابضة المحدودة",
        Some("OFAC-55919"),
        "two readings at once, a soft g and tech read tek: GEOTECH HOLDINGS LIMITED",
    ),
    case(
        "شرکت سهامی خاص آلکمیکال سولوشنز",
        Some("OFAC-54999"),
        "two readings at once, the article left out and chem read kem: \
         ALCHEMICAL SOLUTIONS PRIVATE LIMITED",
    ),
    case(
        "شرکت سرمایه گذاری جی شین",
        Some("OFAC-55846"),
        "the pinyin zh written ج: ZHI XIN INVESTMENT CO. LTD.",
    ),
    case(
        "غاي تشاي",
        Some("OFAC-55957"),
        "the Khmer chh is ch: CHHAY, Guy",
    ),
    case("تيت لي", Some("OFAC-55977"), "th read t: LI, Thet"),
    case("تت لی", Some("OFAC-55977"), "the same in Persian: LI, Thet"),
    case(
        "يونيك ستيشن للتجارة",
        Some("OFAC-55477"),
        "an English initial u before a consonant and a vowel is yu: UNIQUE STATION TRADING",
    ),
    case(
        "شركة أوسبيشس تايكون المحدودة",
        Some("OFAC-55465"),
        "the final s of -ous is s, not z: AUSPICIOUS TYCOON LIMITED",
    ),
    case(
        "شركة تايتان سيويز المحدودة",
        Some("OFAC-55663"),
        "a final s after a diphthong's y is z: TITAN SEAWAYS LTD",
    ),
    case(
        "شركة برفكت داي",
        Some("OFAC-55550"),
        "Arabic writes the English p ب: PERFECT DAY CO SA",
    ),
    case(
        "شركة توبسيل شيبهولدينغ",
        Some("OFAC-55091"),
        "the ph of a compound read apart: TOPSAIL SHIPHOLDING INC.",
    ),
    case(
        "شركة هاي فيو سكايلاين للاستثمار المحدودة",
        Some("OFAC-55870"),
        "the silent gh of -igh, an initial v written ف, and هاي after an Arabic word is no \
         Persian plural: HIGH VIEW SKYLINE INVESTMENT CO. LTD.",
    ),
    case(
        "شرکت کشاورزی صنعتی و بازرگانی یشیل باشاک",
        Some("OFAC-55902"),
        "a Turkish name's s may be ş: YESIL BASAK TARIM SANAYI VE TICARET LIMITED SIRKETI",
    ),
    case(
        "شركة درو العقارية الثانية المحدودة",
        Some("OFAC-55573"),
        "a roman numeral is the ordinal written out: DREW PROPERTIES II CO. LTD.",
    ),
    case(
        "شرکت املاک درو دوم",
        Some("OFAC-55573"),
        "the same in Persian",
    ),
    case(
        "شركة أورينتال كومرس غاردن",
        Some("OFAC-55008"),
        "the Indonesian PT is a company: PT. ORIENTAL COMMERCE GARDEN",
    ),
    case(
        "شركة مايتي ديفاين هونغ كونغ المحدودة",
        Some("OFAC-55963"),
        "HK is Hong Kong: MIGHTY DIVINE HK LIMITED",
    ),
    case(
        "شرکت هلدینگ دی دبلیو کپیتال",
        Some("OFAC-55981"),
        "دی before a letter name Urdu writes otherwise is D: DW CAPITAL HOLDINGS PTE. LTD.",
    ),
    case(
        "پرنس ساعت سازی پیشہ ورانہ تربیتی مرکز",
        Some("OFAC-55992"),
        "horology and vocational in the vocabulary: PRINCE HOROLOGY VOCATIONAL TRAINING CENTER",
    ),
    case(
        "المجمع السياحي جيه جيه جيه",
        Some("OFAC-55030"),
        "Spanish words of a company's name: COMPLEJO TURISTICO JJJ, S.A. DE C.V.",
    ),
    case(
        "لي بو",
        Some("OFAC-55627"),
        "Abu never ends a name, so a last بو is one: LEI, Bo",
    ),
];

#[test]
fn round24_cases_on_the_development_index() {
    development_screener_passing(27, ROUND24_CASES);
}

/// Round 25, with set 28 as its development set: misses of round 24 and how they read now.
const ROUND25_CASES: &[Case] = &[
    case(
        "سيرغي ياكوفليفيتش أزيمشا",
        Some("OFAC-32717"),
        "a Belarusian name in its Russian form: AZEMSHA, Siarhei Yakaulevich",
    ),
    case(
        "سيرغي إغناتوفيتش نوفيكوف",
        Some("OFAC-33176"),
        "the Belarusian -au is the Russian -ov: NOVIKAU, Siarhei Ihnatavich",
    ),
    case(
        "سرګي ایګناتویچ نوویکوف",
        Some("OFAC-33176"),
        "the same in Pashto",
    ),
    case(
        "میلان میهایلوویچ",
        Some("OFAC-34181"),
        "the South Slavic -ic is -ich and its j y: MIHAJLOVIC, Milan",
    ),
    case(
        "استودیو اس‌ای‌کی",
        Some("OFAC-34022"),
        "letter names joined by ZWNJs: SEK STUDIO (PSB BIZNES OOO too, پی‌اس‌بی, found but \
         after BAVI, whose one consonant the letter name بي spells)",
    ),
    case(
        "مؤسسه جرم‌شناسی اف‌اس‌بی",
        Some("OFAC-32739"),
        "the same, and criminalistics in the vocabulary: FSB CRIMINALISTICS INSTITUTE",
    ),
    case(
        "شرکت ماهیگیری اقیانوسی پینگتان گوانشنگ با مسئولیت محدود",
        Some("OFAC-33678"),
        "fishing in the vocabulary: PINGTAN GUANSHENG OCEAN FISHING CO., LTD.",
    ),
    case(
        "چیٹیکس ٹیک لمیٹڈ",
        Some("OFAC-33856"),
        "the Latvian SIA is a legal form: CHATEXTECH SIA",
    ),
    case(
        "شركة وودفورد إنتربرايزز المحدودة",
        Some("OFAC-34063"),
        "the French SASU is a legal form: WOODFORD ENTERPRISES LIMITED SASU",
    ),
    case(
        "صندوق هدري الاستئماني",
        Some("OFAC-33919"),
        "a trust fund in the vocabulary: HIDRI TRUST",
    ),
    case(
        "صندوق الاستثمار المباشر الروسي",
        Some("OFAC-34036"),
        "direct in the vocabulary: RUSSIAN DIRECT INVESTMENT FUND",
    ),
    case(
        "بنك المشروع المشترك الفيتنامي الروسي",
        Some("OFAC-34538"),
        "a joint venture, and Vietnamese: VIETNAM-RUSSIA JOINT VENTURE BANK",
    ),
];

#[test]
fn round25_cases_on_the_development_index() {
    development_screener_passing(28, ROUND25_CASES);
}

/// Round 26, with set 29 as its development set: misses of round 25 and how they read now.
const ROUND26_CASES: &[Case] = &[
    case(
        "عبد الحكيم كوتبودينوفيتش حاجييف",
        Some("OFAC-35586"),
        "Russian writes the Arabic ح g and kh, and its dzh is ج: GADZHIYEV, Abdulkhakim \
         Kutbudinovich",
    ),
    case(
        "عبدالحکیم کوتبودینوویچ حاجیف",
        Some("OFAC-35586"),
        "the same in Persian",
    ),
    case(
        "جمال‌الدین نبی‌یویچ حسنوف",
        Some("OFAC-35590"),
        "GASANOV is Hasanov: GASANOV, Dzhamaladin Nabiyevich",
    ),
    case(
        "شركة تسيفروفيه تيخنولوغي بودوشيغو ذات المسؤولية المحدودة",
        Some("OFAC-34764"),
        "a romanised Russian word folded to English keeps its own sound in a free reading: \
         TSIFROVYE TEKHNOLOGII BUDUSHCHEGO LIMITED LIABILITY COMPANY",
    ),
];

#[test]
fn round26_cases_on_the_development_index() {
    development_screener_passing(29, ROUND26_CASES);
}

/// Round 26: the readings behind the cases above, and what they leave alone.
#[test]
fn round26_readings() {
    use screening::normalize::tokens;
    // In a Russian name (a patronymic, a surname in -ov or -ev), g may be h.
    let gasanov = &tokens("GASANOV, Dzhamaladin Nabiyevich")[0];
    assert!(
        gasanov.skeletons().any(|s| s.starts_with('h')),
        "{gasanov:?}"
    );
    assert!(
        tokens("GASAN MOHAMMED")[0]
            .skeletons()
            .all(|s| !s.starts_with('h')),
        "not in a name without a Russian word"
    );
    assert!(
        sim("حسنوف", "Gasanov") >= 0.9,
        "a surname in -ov is a Russian word itself"
    );
    assert!(sim("حسن", "Gasan") < 0.84, "Gasan alone is not read so");
}

/// Round 25: the readings behind the cases above, and what they leave alone.
#[test]
fn round25_readings() {
    use screening::normalize::{is_legal_form, tokens};
    use screening::orgwords::translated_reading;
    // A Belarusian name reads in its Russian form, with the Slavic v as ф; a name without a
    // Belarusian word does not.
    let novikau = tokens("NOVIKAU, Siarhei Ihnatavich");
    assert!(
        screening::matcher::token_similarity(&tokens("نوفيكوف")[0], &novikau[0]) >= 0.9,
        "{novikau:?}"
    );
    assert!(tokens("Novikov Ihsan")[1].alt2.is_none());
    // The South Slavic -ic.
    assert!(sim("میهایلوویچ", "Mihajlovic") >= 0.9);
    // Letter names joined by ZWNJs, only when every part is one.
    assert_eq!(
        translated_reading("استودیو اس‌ای‌کی").as_deref(),
        Some("studio sik"),
        "ای reads I first, E among its other readings"
    );
    assert_eq!(translated_reading("اف‌اس‌بی").as_deref(), Some("fsb"));
    assert!(is_legal_form("sasu") && is_legal_form("sia"));
}

/// Round 24: the readings behind the cases above, and what they leave alone.
#[test]
fn round24_readings() {
    use screening::matcher::token_similarity;
    use screening::normalize::{entity_tokens, letter_names_at, normalize, tokens};
    let body = |a: &str, b: &str| token_similarity(&tokens(a)[0], &entity_tokens(b)[0]);
    // Two readings at once, in the second slot.
    let geotech = &tokens("GEOTECH")[0];
    assert!(geotech.alt.is_some() && geotech.alt2.is_some());
    assert!(sim("جيوتك", "Geotech") >= 0.9);
    assert!(sim("آلکمیکال", "Alchemical") >= 0.9);
    assert!(sim("جی", "Zhi") >= 0.9);
    assert!(sim("تيت", "Thet") >= 0.9);
    assert!(sim("تشاي", "Chhay") >= 0.9);
    // English readings of a body's words, and of a body's only.
    assert!(body("يونيك", "Unique") >= 0.9);
    assert!(
        sim("يونيك", "Unique") < 0.84,
        "a person's name is not read as English"
    );
    assert!(body("سيويز", "Seaways") >= 0.9);
    assert!(body("هاي", "High") >= 0.9);
    assert!(body("فيو", "View") >= 0.9);
    assert!(body("برفكت", "Perfect") >= 0.9);
    assert!(
        body("ٹائٹ", "Tight") >= 0.9,
        "Urdu writes the p پ: the ب reading comes second"
    );
    let auspicious = &entity_tokens("AUSPICIOUS")[0];
    assert!(
        auspicious.skeletons().all(|s| !s.ends_with('z')),
        "-ous ends in s: {auspicious:?}"
    );
    // A Turkish name's s as ş, only in a Turkish name.
    assert!(token_similarity(&tokens("یشیل")[0], &entity_tokens("YESIL TICARET")[0]) >= 0.9);
    assert!(token_similarity(&tokens("یشیل")[0], &entity_tokens("YESIL")[0]) < 0.84);
    // Words: roman numerals, PT, HK.
    assert_eq!(tokens("DREW PROPERTIES II")[2].surface, "2");
    assert_eq!(tokens("PT ORIENTAL")[0].surface, "company");
    assert_eq!(
        tokens("MIGHTY HK")
            .iter()
            .map(|t| t.surface.as_str())
            .collect::<Vec<_>>(),
        ["mighty", "hong", "kong"]
    );
    // دی before دبلیو is D; before a letter name Urdu also writes, it stays the Urdu "the".
    let letters = |text: &str| {
        let text = normalize(text);
        letter_names_at(&text.split(' ').collect::<Vec<_>>())
    };
    assert_eq!(letters("دی دبلیو"), Some((2, "dw".to_string())));
    assert_eq!(letters("دی بی"), None);
    // A last بو is a name, a first one Abu.
    assert_eq!(tokens("لي بو")[1].surface, normalize("بو"));
    assert_eq!(tokens("بو بكر")[0].surface, "abu");
}

/// Round 23: the readings behind the cases above.
#[test]
fn round23_readings() {
    use screening::matcher::token_similarity;
    use screening::normalize::{entity_tokens, letter_name_readings, normalize, tokens};
    use screening::orgwords::translated_reading;
    let body = |a: &str, b: &str| token_similarity(&tokens(a)[0], &entity_tokens(b)[0]);
    // Letter names.
    assert_eq!(normalize("اف زېډ ای"), "fze");
    assert_eq!(
        normalize("ایف زیڈ ای"),
        "fze",
        "ای is E here, though آئی is I"
    );
    assert_eq!(normalize("اس اې"), "sa");
    assert_eq!(
        letter_name_readings(&normalize("آی تی")),
        ["it", "et", "at"]
    );
    assert_eq!(tokens("ام")[0].alt.as_deref(), Some("m"));
    assert_eq!(tokens("بي")[0].alt.as_deref(), Some("p"));
    assert_eq!(tokens("بي آند بي").len(), 2, "and is dropped");
    // The loose lookup: only a word as written, never a joined compound.
    assert_eq!(
        translated_reading("انکارپورېټېډ").as_deref(),
        Some("incorporated")
    );
    assert_eq!(translated_reading("لائبیلیٹی").as_deref(), Some("liability"));
    assert_eq!(
        translated_reading("هلدینگ آی تی ۱").as_deref(),
        Some("holding it1"),
        "هلدینگ آی is not one loosely spelt word"
    );
    // Latin readings.
    assert!(sim("جيمز", "James") >= 0.9);
    assert!(sim("تو", "Thu") >= 0.9);
    assert!(sim("أراوخو", "Araujo") >= 0.9);
    assert!(sim("جیووانی", "Giovanni") >= 0.9, "v is و");
    assert!(sim("شینزین", "Shenzhen") >= 0.9);
    assert!(sim("شینهای", "Xinhai") >= 0.9);
    assert!(sim("للكلورات", "chlorate") >= 0.9);
    assert!(body("زانٹے", "Xante") >= 0.9);
    assert!(body("اوشیانک", "Oceanic") >= 0.9);
    assert!(
        tokens("SANTAMARIA CRUISE, S. DE R.L. DE C.V.")
            .iter()
            .any(|t| t.surface == "srl")
    );
    assert_eq!(
        tokens("VENTURES")[0].alt,
        None,
        "a plural is no name in -es: the English reading of a body reads it"
    );
}

/// Round 27 (set 30's misses read; a development set since): each case a spelling a helper
/// wrote blind, found now at the default threshold on the development index (sets 1 to 30).
const ROUND27_CASES: &[Case] = &[
    case(
        "ماريا لافروفا",
        Some("OFAC-36404"),
        "a Russian patronymic is left out in use, after a common given name too: LAVROVA, \
         Maria Aleksandrovna",
    ),
    case(
        "سید جمال گوندوز",
        Some("OFAC-36035"),
        "Turkish writes j c, and Seyyid is the title sayyid: GUNDUZ, Seyyid Cemal",
    ),
    case(
        "بهاء الدين آيان",
        Some("OFAC-36073"),
        "Bahaddin is Baha al-Din: AYAN, Bahaddin",
    ),
    case(
        "شرکت آی‌سی‌آی‌سی با مسئولیت محدود",
        Some("OFAC-36358"),
        "a body's name of single letters is one abbreviation, and Kft. a legal form: I.C.I.C. \
         KFT.",
    ),
    case(
        "شرکت هوانوردی اسکای‌لاین",
        Some("OFAC-35799"),
        "the vote bound counts two query words after a prothetic alif that a listed word \
         joins (scored 0.92, it was pruned at 0.86): SRL SKYLINE AVIATION",
    ),
    case(
        "وانغ قوه دان",
        Some("OFAC-55953"),
        "and two query words one of which has one consonant: WANG, Guodan",
    ),
    case(
        "شرکت سهامی عام کارخانه کشتی‌سازی آمور",
        Some("OFAC-36063"),
        "a Russian adjective of place is the place: AMURSKY SHIPBUILDING PLANT",
    ),
    case(
        "شركة مساهمة مصنع آزوف البصري الميكانيكي",
        Some("OFAC-35867"),
        "AZOVSKI OPTIKO MECHANICHESKY ZAVOD",
    ),
    case(
        "شرکت تولیدی و ساختمانی اس‌ان‌ام",
        Some("OFAC-36326"),
        "letter names joined by ZWNJs stay apart before ام, the possessive suffix too: SNM",
    ),
    case(
        "گارنٹیکس یورپ لمیٹڈ",
        Some("OFAC-36025"),
        "Europe in Urdu, and the Estonian OÜ a legal form: GARANTEX EUROPE OU",
    ),
    case(
        "شركة وكيل التأمين ليدر أسيغ ذات المسؤولية المحدودة",
        Some("OFAC-36256"),
        "the Romanian S.R.L. written out, and asigurare insurance",
    ),
    case(
        "شركة منتجع ليفاديا ذات المسؤولية المحدودة",
        Some("OFAC-36322"),
        "KURORT is resort",
    ),
    case(
        "شركة أسكا لبيع الطاقة بالجملة والصناعة والتجارة المساهمة",
        Some("OFAC-36081"),
        "the Turkish toptan satış, wholesale",
    ),
    case(
        "اوپن جوائنٹ اسٹاک کمپنی الیوشن ہوابازی کمپلیکس",
        Some("OFAC-35996"),
        "open as Urdu writes it: OPEN JOINT STOCK COMPANY ILYUSHIN AVIATION COMPLEX",
    ),
    case(
        "ألدرين ميغيل خاركين خاركين",
        Some("OFAC-32331"),
        "a Spanish name's j is خ: JARQUIN JARQUIN, Aldrin Miguel",
    ),
    case(
        "فلاديمير يوسيفوفيتش لابير",
        Some("OFAC-32632"),
        "a y between consonants is the vowel i: LAPYR, Uladzimir Iosifavich",
    ),
    case(
        "شركة تسيفيا كوميرتس",
        Some("OFAC-33877"),
        "a South Slavic c is ts: CIVIJA KOMERC",
    ),
    case(
        "جيليكو بوييتش",
        Some("OFAC-33923"),
        "and its z may be ž, ج: BOJIC, Zeljko",
    ),
    case(
        "شركة راد ٠٢٨ زفيتشان ذات المسؤولية المحدودة",
        Some("OFAC-33990"),
        "and its c may be č: DOO RAD 028 ZVECAN",
    ),
    case(
        "بنك بروم سفياز شركة مساهمة عامة",
        Some("OFAC-34656"),
        "a Russian bank's one word is its name and bank: PROMSVYAZBANK",
    ),
];

#[test]
fn round27_cases_on_the_development_index() {
    development_screener_passing(30, ROUND27_CASES);
}

/// Round 27: the readings behind the cases above, and what they leave alone.
#[test]
fn round27_readings() {
    use screening::normalize::{entity_tokens, is_patronymic, tokens};
    assert!(is_patronymic("aleksandrovna") && is_patronymic("piatrovich"));
    assert!(!is_patronymic("ivanov") && !is_patronymic("vich"));
    // A place adjective is the place in a body's name.
    let amursky = &entity_tokens("AMURSKY")[0];
    assert!(
        screening::matcher::token_similarity(&tokens("آمور")[0], amursky) >= 0.9,
        "{amursky:?}"
    );
    // Initial c as j, not c elsewhere.
    assert!(sim("جمال", "Cemal") >= 0.9);
    assert!(tokens("CEMAL")[0].skeletons().any(|s| s.starts_with('j')));
    assert!(tokens("CAMAL")[0].skeletons().all(|s| !s.starts_with('j')));
    assert!(tokens("MARCELO")[0].skeletons().all(|s| !s.contains('j')));
    // Single letters are one word in a body's name, not in a person's.
    assert_eq!(entity_tokens("I.C.I.C. KFT.")[0].surface, "icic");
    assert!(tokens("A. B. C. Khan").len() >= 2);
    // An English word in -ic is no South Slavic name: its English reading stays.
    let oceanic = &tokens("OCEANIC ORBIT")[0];
    assert!(oceanic.alt2.is_none(), "{oceanic:?}");
    // The South Slavic readings only in a name with a South Slavic word.
    assert!(sim("تسيفيا", "Civija Komerc") >= 0.84);
    assert!(
        tokens("CIVIC CENTER")[0]
            .skeletons()
            .all(|s| !s.contains("ts"))
    );
    // Spanish only with a Spanish word.
    assert!(sim("خاركين", "Jarquin Miguel") >= 0.9);
    assert!(
        tokens("JARQUIN SMITH")[0]
            .skeletons()
            .all(|s| !s.starts_with('x'))
    );
    // The bank of a Russian bank's name.
    let promsvyaz = tokens("PROMSVYAZBANK");
    assert_eq!(promsvyaz.len(), 2);
    assert_eq!(promsvyaz[1].surface, "bank");
    assert_eq!(tokens("BANK")[0].surface, "bank");
}

/// Round 28 (set 31's misses read; a development set since).
const ROUND28_CASES: &[Case] = &[
    case(
        "تاتيانا غيغل",
        Some("OFAC-36790"),
        "a patronymic is left out whatever the given and family names weigh (GIGEL's skeleton \
         is a common given name's): GIGEL, Tatyana Anatolyevna",
    ),
    case(
        "أليكسي مايوروف",
        Some("OFAC-36826"),
        "MAYOROV, Alexei Petrovich",
    ),
    case(
        "شركة مساهمة القناة الأولى الروسية",
        Some("OFAC-37197"),
        "one is the number 1, as first is: CHANNEL ONE RUSSIA",
    ),
    case(
        "مؤسسه اعتباری غیربانکی شرکت سهامی سپرده‌گذاری تسویه ملی",
        Some("OFAC-37638"),
        "non-bank in Persian: NON-BANK CREDIT INSTITUTION ... NATIONAL SETTLEMENT DEPOSITORY",
    ),
    case(
        "شركة مساهمة مفتوحة مصنع خاباروفسك للهندسة الراديوية",
        Some("OFAC-37717"),
        "an open joint-stock company without the article only qualifies a legal form: \
         KHABAROVSK RADIO ENGINEERING PLANT",
    ),
    case(
        "صندوق التقاعد غير الحكومي التحالف الصناعي الأول",
        Some("OFAC-37761"),
        "non-state in Arabic: NON-STATE PENSION FUND FIRST INDUSTRIAL ALLIANCE",
    ),
    case(
        "شرکت سهامی پژوهشکده علمی پلاتان با کارخانه",
        Some("OFAC-37774"),
        "with is left out in every script: RESEARCH INSTITUTE PLATAN WITH PLANT",
    ),
];

#[test]
fn round28_cases_on_the_development_index() {
    development_screener_passing(31, ROUND28_CASES);
}

/// Round 28: what the readings behind the cases above leave alone.
#[test]
fn round28_readings() {
    use screening::orgwords::translated_reading;
    // with is no name part on either side.
    assert_eq!(screening::normalize::tokens("PLATAN WITH PLANT").len(), 2);
    assert_eq!(
        translated_reading("شرکت با مسئولیت محدود").as_deref(),
        Some("company llc"),
        "the Persian with of a limited liability company stays in its phrase"
    );
    assert_eq!(
        translated_reading("صندوق غير الحكومي").as_deref(),
        Some("fund non state")
    );
}
