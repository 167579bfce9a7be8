//! Country names as the lists write them ("Iran (Islamic Republic of)", "Pakistan", "IR") mapped
//! to ISO 3166 alpha-2 codes, so a party's country can be compared with an entry's nationality.
//! The table covers the countries that occur on the lists most often and the corridor's own;
//! anything else is compared by its normalised text.

const TABLE: &[(&str, &[&str])] = &[
    ("AF", &["afghanistan", "islamic emirate of afghanistan"]),
    ("AE", &["united arab emirates", "uae"]),
    ("AZ", &["azerbaijan"]),
    ("BD", &["bangladesh"]),
    ("BH", &["bahrain"]),
    ("CN", &["china", "people s republic of china"]),
    ("CU", &["cuba"]),
    ("DE", &["germany"]),
    ("DZ", &["algeria"]),
    ("EG", &["egypt"]),
    ("FR", &["france"]),
    (
        "GB",
        &[
            "united kingdom",
            "united kingdom of great britain and northern ireland",
            "uk",
        ],
    ),
    ("ID", &["indonesia"]),
    ("IN", &["india"]),
    ("IQ", &["iraq"]),
    (
        "IR",
        &[
            "iran",
            "iran islamic republic of",
            "islamic republic of iran",
            "iran (islamic republic of)",
        ],
    ),
    ("JO", &["jordan"]),
    (
        "KP",
        &[
            "democratic people s republic of korea",
            "north korea",
            "dprk",
            "korea north",
        ],
    ),
    ("KW", &["kuwait"]),
    ("LB", &["lebanon"]),
    ("LY", &["libya", "libyan arab jamahiriya"]),
    ("MA", &["morocco"]),
    ("ML", &["mali"]),
    ("MY", &["malaysia"]),
    ("NG", &["nigeria"]),
    ("OM", &["oman"]),
    ("PK", &["pakistan"]),
    (
        "PS",
        &["palestine", "state of palestine", "west bank", "gaza"],
    ),
    ("QA", &["qatar"]),
    ("RU", &["russia", "russian federation"]),
    ("SA", &["saudi arabia"]),
    ("SD", &["sudan"]),
    ("SO", &["somalia"]),
    ("SY", &["syria", "syrian arab republic"]),
    ("TJ", &["tajikistan"]),
    ("TN", &["tunisia"]),
    ("TR", &["turkey", "turkiye", "türkiye"]),
    ("US", &["united states", "united states of america", "usa"]),
    ("UZ", &["uzbekistan"]),
    ("YE", &["yemen"]),
];

fn simplify(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ISO alpha-2 code for a country name or code, or the simplified text when unknown.
pub fn canonical(text: &str) -> String {
    let t = text.trim();
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return t.to_ascii_uppercase();
    }
    let s = simplify(t);
    for (code, names) in TABLE {
        if names.iter().any(|n| simplify(n) == s) {
            return (*code).to_string();
        }
    }
    s
}
