//! Integration tests of the screening crate on the real list excerpts in `../shared/fixtures`.

mod eval;
mod matching;
mod normalize;
mod parsers;
mod truncation;

use std::path::PathBuf;

/// `../shared/fixtures/sanctions/<name>` beside the repository.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/fixtures/sanctions")
        .join(name)
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub const PAIRS: &str = "un_name_original_script_pairs_2026-02-27.tsv";

/// Every list excerpt of the fixtures, parsed.
pub fn excerpt_lists() -> Vec<screening::WatchList> {
    vec![
        screening::parse::un::parse(&read("un_consolidated_list_excerpt_2026-02-27.xml")).unwrap(),
        screening::parse::ofac_csv::parse(screening::parse::ofac_csv::OfacCsv {
            sdn: &read("ofac_sdn_excerpt_2019.csv"),
            alt: Some(&read("ofac_alt_excerpt_2019.csv")),
            add: Some(&read("ofac_add_excerpt_2019.csv")),
            allow_excerpt: true,
        })
        .unwrap(),
        screening::parse::ofac_xml::parse_with(
            &read("ofac_consolidated_sdnList_excerpt_2018-04-06.xml"),
            true,
        )
        .unwrap(),
    ]
}

/// The OFAC excerpts only (the UN excerpt's entries are in the pairs file already).
pub fn ofac_lists() -> Vec<screening::WatchList> {
    excerpt_lists().into_iter().skip(1).collect()
}
