//! The evaluation on the real pairs and the committed negative set.

use super::*;
use screening::eval;
use screening::eval::SETS;

#[test]
fn negative_set_file_is_reproducible() {
    let built = eval::build_negative_set(&read(PAIRS), &excerpt_lists()).unwrap();
    if std::env::var_os("SCREENING_WRITE_NEGATIVES").is_some() {
        std::fs::write(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/negatives_pk_ir.tsv"),
            &built,
        )
        .unwrap();
    }
    assert_eq!(
        built,
        eval::NEGATIVES_TSV,
        "regenerate with SCREENING_WRITE_NEGATIVES=1"
    );
    let negatives = eval::parse_negatives(eval::NEGATIVES_TSV).unwrap();
    assert_eq!(negatives.len(), eval::NEGATIVE_COUNT);
}

fn run() -> eval::EvalReport {
    let config = screening::Config::default();
    let report = eval::evaluate(
        &read(PAIRS),
        eval::NEGATIVES_TSV,
        Some(eval::HELDOUT_TSV),
        &ofac_lists(),
        &config,
    )
    .unwrap();
    if let Some(h) = report
        .heldout
        .as_ref()
        .filter(|_| std::env::var_os("SCREENING_EVAL_VERBOSE").is_some())
    {
        eprintln!(
            "held-out recall {:.4} ({}/{}; {:?}), top1 {:.4}",
            h.recall, h.found, h.positives, h.recall_by_kind, h.recall_top1
        );
        for m in &h.misses {
            eprintln!(
                "  HELD-OUT MISS {} {:.3} {} | {}",
                m.reference, m.own_score, m.original, m.latin
            );
        }
    }
    eprintln!(
        "recall {:.4} ({}/{}), top1 {:.4}, fp {:.4} ({}/{}; latin {:.4}, script {:.4})",
        report.recall,
        report.found,
        report.positives,
        report.recall_top1,
        report.fp_rate,
        report.false_positives,
        report.negative_queries,
        report.fp_rate_latin,
        report.fp_rate_script
    );
    if std::env::var_os("SCREENING_EVAL_VERBOSE").is_some() {
        for p in &report.curve {
            eprintln!(
                "  t={:.2} recall={:.4} fp={:.4}",
                p.threshold, p.recall, p.fp_rate
            );
        }
        for m in &report.misses {
            eprintln!(
                "  MISS {} {:.3} {} | {}",
                m.reference, m.own_score, m.original, m.latin
            );
        }
        for f in &report.false_positive_examples {
            eprintln!(
                "  FP {:.3} {} -> {} {}",
                f.score, f.query, f.reference, f.matched_name
            );
        }
    }
    report
}

/// What the matcher achieves today, at the default threshold: a floor so it cannot regress.
#[test]
fn evaluation_holds_the_measured_figures() {
    let report = run();
    assert_eq!(report.positives, 378);
    assert_eq!(report.negative_names, eval::NEGATIVE_COUNT);
    // 95.2 % (360/378) after round 2, 95.8 % (362/378) after round 3, 96.3 % (364/378) after
    // round 4, 96.8 % (366/378) after round 8, 98.1 % (371/378) after round 15.
    assert!(report.found >= 371, "found {}", report.found);
    // Held-out set 1 (a development set since round 1 read its misses): 73.8 % (79/107) after
    // round 1, 95.3 % (102/107) after round 2, 98.1 % (105/107) after round 14; a floor, not
    // a target.
    let heldout = report.heldout.as_ref().expect("held-out report");
    assert_eq!(heldout.positives, 107);
    assert!(heldout.found >= 105, "held-out found {}", heldout.found);
    assert!(
        report.fp_rate <= 0.01,
        "false-positive rate {}",
        report.fp_rate
    );
    // The target, ≥ 95 % recall at ≤ 1 % false positives, on the pairs (in-sample: 95.2 %
    // at 0.30 % with the OFAC excerpts in the index; see the crate README for the curve and the
    // held-out figures).
    assert!(report.meets_target());
}

/// The long runs (the 19,000-entry realistic index with all 3,000 negative queries) are full
/// under `CI=true` and in release builds; a plain debug run screens every tenth negative name and
/// all hard negatives, and checks the hard-negative floors only.
fn full_run() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true") || !cfg!(debug_assertions)
}

/// The realistic index: UN-sized (the real UN entries we have, topped up to 1,000 records) plus
/// an OFAC-sized generated list (18,000 entries), as `corridor bench screen` uses.
fn realistic_entries() -> Vec<screening::Entry> {
    let pairs = eval::parse_pairs(&read(PAIRS)).unwrap();
    let heldout = eval::parse_heldout(eval::HELDOUT_TSV).unwrap();
    let mut entries = eval::un_sized_entries(&pairs, &heldout, 1000, 11);
    entries.extend(screening::generate::synthetic_list(18_000, 1).entries);
    entries
}

/// False positives against the realistic index, on the generated negatives and on the hard
/// negatives (each row says whether a hit is right: `review`, or a false positive: `no_hit`).
#[test]
fn false_positives_against_a_realistic_index() {
    let config = screening::Config::default();
    let full = full_run();
    let negatives: String = if full {
        eval::NEGATIVES_TSV.to_string()
    } else {
        eval::NEGATIVES_TSV
            .lines()
            .enumerate()
            .filter(|(i, _)| *i == 0 || i % 10 == 0)
            .map(|(_, l)| format!("{l}\n"))
            .collect()
    };
    let r = eval::false_positives(
        "realistic",
        realistic_entries(),
        &negatives,
        eval::HARD_NEGATIVES_TSV,
        &config,
    )
    .unwrap();
    eprintln!(
        "realistic index: {} entries, {} names; negatives {}/{} ({:.4}; {} identical-name hits apart); hard no_hit {}/{} ({:.4}); review {}/{}",
        r.indexed_entries,
        r.indexed_names,
        r.false_positives,
        r.negative_queries,
        r.fp_rate,
        r.identical_name_hits,
        r.hard_false_positives,
        r.hard_no_hit_queries,
        r.hard_fp_rate,
        r.hard_review_hits,
        r.hard_review_queries
    );
    if std::env::var_os("SCREENING_EVAL_VERBOSE").is_some() {
        for e in &r.examples {
            eprintln!(
                "  FP {:.3} {} -> {} {}",
                e.score, e.query, e.reference, e.matched_name
            );
        }
    }
    assert_eq!(r.indexed_entries, 19_000);
    // Measured: see the crate README (0.73 %, 22 of 3,000, in round 9; the target is
    // 1 %). Ceilings so that a regression shows.
    if full {
        assert_eq!(r.negative_queries, 3000);
        assert!(r.fp_rate <= 0.01, "{}", r.fp_rate);
        assert!(r.false_positives <= 22, "{}", r.false_positives);
    } else {
        eprintln!("(reduced: every tenth negative name; CI=true or --release for the full run)");
    }
    assert!(r.hard_false_positives <= 6, "{}", r.hard_false_positives);
    assert!(r.hard_review_hits >= 9, "{}", r.hard_review_hits);
}

/// Held-out set 2 (`data/heldout2_un_ofac.tsv`): frozen before round 2 and measured then, once
/// with the round-1 matcher (82.0 %) and once at the end (85.3 %); round 3 read its misses, so it
/// is a development set now (96.7 %, 145/150, after round 3) with a floor like set 1's.
#[test]
fn heldout2_holds_the_measured_figures() {
    let config = screening::Config::default();
    let r = eval::evaluate_heldout2(
        &read(PAIRS),
        eval::HELDOUT_TSV,
        eval::HELDOUT2_TSV,
        &[],
        &config,
    )
    .unwrap();
    assert_eq!(r.positives, 150);
    // 121 references of set 1 + 125 of set 2 (25 entries have two spellings: one index entry).
    assert_eq!(r.indexed_entries, 121 + 125);
    // 98.0 % (147/150) after round 14.
    assert!(r.found >= 147, "held-out set 2 found {}", r.found);
}

/// Set 3 (`data/heldout3_un_ofac.tsv`, `data/heldout3_negatives.tsv`), written by someone who
/// had not read the matcher, held out during round 3, and the development set of round 4: its
/// report holds the misses, and the figures measured after round 4 are floors.
#[test]
fn set3_holds_the_measured_figures() {
    let config = screening::Config::default();
    let r = eval::evaluate_heldout3(
        &read(PAIRS),
        eval::HELDOUT_TSV,
        eval::HELDOUT2_TSV,
        eval::HELDOUT3_TSV,
        eval::HELDOUT3_NEGATIVES_TSV,
        &[],
        &config,
    )
    .unwrap();
    eprintln!(
        "set 3 recall {:.4} ({}/{}); negatives: {} of {} queries hit other names",
        r.recall.recall,
        r.recall.found,
        r.recall.positives,
        r.negatives.false_positives,
        r.negatives.negative_queries
    );
    assert_eq!(r.recall.positives, 151);
    // 121 references of set 1 + 125 of set 2 + 125 of set 3.
    assert_eq!(r.recall.indexed_entries, 121 + 125 + 125);
    assert_eq!(r.recall.misses.len(), r.recall.positives - r.recall.found);
    assert!(r.recall.found >= 141, "set 3 found {}", r.recall.found);
    // 240 names, each in Latin and in its original script.
    assert_eq!(r.negatives.negative_queries, 480);
    assert_eq!(r.negatives.false_positives, 0, "{:?}", r.negatives.examples);
}

/// A set from set 4 on, screened against the pairs and the sets before it; `figures_only` for
/// a set still held out.
fn later_set(set: usize, figures_only: bool) -> eval::HeldOutReport {
    let config = screening::Config::default();
    eval::evaluate_later_set(
        &read(PAIRS),
        &SETS[..set - 1],
        SETS[set - 1],
        &[],
        &config,
        figures_only,
    )
    .unwrap()
}

/// A development set (its misses read by a round) lists its misses, and the figure measured
/// after that round is a floor.
fn assert_development_floor(set: usize, positives: usize, floor: usize) {
    let r = later_set(set, false);
    eprintln!(
        "set {set} recall {:.4} ({}/{})",
        r.recall, r.found, r.positives
    );
    assert_eq!(r.positives, positives);
    assert_eq!(r.misses.len(), r.positives - r.found);
    assert!(r.found >= floor, "set {set} found {}", r.found);
    assert_eq!(
        r.recall_by_kind.iter().map(|k| k.2).sum::<usize>(),
        positives,
        "{:?}",
        r.recall_by_kind
    );
}

/// Set 4 (`data/heldout4_un_ofac.tsv`): held out during round 4, a development set since round 5
/// read its misses.
#[test]
fn set4_holds_the_measured_figures() {
    assert_development_floor(4, 153, 146);
}

/// Set 5 (`data/heldout5_ofac.tsv`): held out during rounds 4 and 5, a development set since
/// round 6 read its misses. 147 rows of 117 entries, none in an earlier file.
#[test]
fn set5_holds_the_measured_figures() {
    assert_development_floor(5, 147, 147);
    assert_own_references(5, 117);
}

/// Set `set` holds `entries` references of its own, none in the pairs or an earlier file.
fn assert_own_references(set: usize, entries: usize) {
    let earlier: std::collections::BTreeSet<String> = SETS[..set - 1]
        .iter()
        .flat_map(|t| eval::parse_heldout(t).unwrap())
        .chain(eval::parse_pairs(&read(PAIRS)).unwrap())
        .map(|p| p.reference)
        .collect();
    let own: std::collections::BTreeSet<String> = eval::parse_heldout(SETS[set - 1])
        .unwrap()
        .into_iter()
        .map(|p| p.reference)
        .collect();
    assert_eq!(own.len(), entries);
    assert!(own.is_disjoint(&earlier));
}

/// A held-out set reports figures only, so that it cannot steer a change (no floor on the
/// figure), covers `positives` rows, and holds `entries` references of its own.
fn assert_held_out_figures_only(set: usize, positives: usize, entries: usize) {
    let r = later_set(set, true);
    assert_eq!(r.positives, positives);
    assert!(r.misses.is_empty());
    assert_own_references(set, entries);
}

/// Set 6 (`data/heldout6_ofac.tsv`): written while round 5 was made from set 4's misses, held
/// out during rounds 5 and 6, a development set since round 7 read its misses. 149 rows of 119
/// entries.
#[test]
fn set6_holds_the_measured_figures() {
    assert_development_floor(6, 149, 145);
    assert_own_references(6, 119);
}

/// Set 7 (`data/heldout7_ofac.tsv`): written while round 6 was made from set 5's misses, held
/// out during rounds 6 and 7, a development set since round 8 read its misses. 151 rows of 128
/// entries.
#[test]
fn set7_holds_the_measured_figures() {
    assert_development_floor(7, 151, 148);
    assert_own_references(7, 128);
}

/// Set 8 (`data/heldout8_ofac.tsv`): written while round 6 was made, like set 7, held out
/// during rounds 6 to 8, a development set since round 9 read its misses. 153 rows of 122
/// entries.
#[test]
fn set8_holds_the_measured_figures() {
    assert_development_floor(8, 153, 151);
    assert_own_references(8, 122);
}

/// Set 9 (`data/heldout9_ofac.tsv`): written after round 7, held out during rounds 8 and 9, a
/// development set since round 10 read its misses. 145 rows of 121 entries.
#[test]
fn set9_holds_the_measured_figures() {
    assert_development_floor(9, 145, 143);
    assert_own_references(9, 121);
}

/// Set 10 (`data/heldout10_ofac.tsv`): written during round 9 by a helper that read neither the
/// matcher nor the vocabulary, held out during rounds 9 and 10, a development set since round
/// 11 read its misses. 150 rows of 120 entries.
#[test]
fn set10_holds_the_measured_figures() {
    assert_development_floor(10, 150, 150);
    assert_own_references(10, 120);
}

/// Set 11 (`data/heldout11_ofac.tsv`): written during round 9 by a helper that read nothing of
/// the repository, held out during rounds 9 to 11, a development set since round 12 read its
/// misses. 148 rows of 121 entries.
#[test]
fn set11_holds_the_measured_figures() {
    assert_development_floor(11, 148, 147);
    assert_own_references(11, 121);
}

/// Set 12 (`data/heldout12_ofac.tsv`): written during round 11 by a helper that read nothing of
/// the repository, held out during rounds 11 and 12, a development set since round 13 read its
/// misses. 151 rows of 120 entries.
#[test]
fn set12_holds_the_measured_figures() {
    assert_development_floor(12, 151, 149);
    assert_own_references(12, 120);
}

/// Set 13 (`data/heldout13_ofac.tsv`): written during round 11 by a helper that read nothing of
/// the repository, held out during rounds 11 to 13, a development set since round 14 read its
/// misses. 149 rows of 119 entries.
#[test]
fn set13_holds_the_measured_figures() {
    assert_development_floor(13, 149, 148);
    assert_own_references(13, 119);
}

/// Set 14 (`data/heldout14_ofac.tsv`): written during round 12 by a helper that read nothing of
/// the repository, held out during rounds 12 to 14, a development set since round 15 read its
/// misses. 118 rows of 94 entries.
#[test]
fn set14_holds_the_measured_figures() {
    assert_development_floor(14, 118, 117);
    assert_own_references(14, 94);
}

/// Held-out set 15 (`data/heldout15_ofac.tsv`): written during round 13 by a helper that read
/// nothing of the repository, committed before any figure was taken on it. 150 rows of 120
/// entries.
#[test]
fn heldout15_reports_figures_only() {
    assert_held_out_figures_only(15, 150, 120);
}

/// Set 16 (`data/heldout16_ofac.tsv`): written during round 14 by a helper that read nothing of
/// the repository, from a newer stored `sdn.csv` (entries designated since 2019), held out
/// during rounds 14 and 15, a development set since round 16 read its misses. 152 rows of 122
/// entries.
#[test]
fn set16_holds_the_measured_figures() {
    assert_development_floor(16, 152, 150);
    assert_own_references(16, 122);
}

/// Set 17 (`data/heldout17_ofac.tsv`): written during round 15 by a helper that read nothing of
/// the repository, from the same newer `sdn.csv` as set 16 (mostly 2025 designations), held out
/// during rounds 15 and 16 (83.6 %), a development set since round 17 read its misses. 152 rows
/// of 121 entries.
#[test]
fn set17_holds_the_measured_figures() {
    assert_development_floor(17, 152, 144);
    assert_own_references(17, 121);
}

/// Held-out set 18 (`data/heldout18_ofac.tsv`): written during round 16 by a helper that read
/// nothing of the repository, from the same newer `sdn.csv` as sets 16 and 17 (designations of
/// 2019 to 2024), committed before any figure was taken on it. 150 rows of 120 entries.
#[test]
fn heldout18_reports_figures_only() {
    assert_held_out_figures_only(18, 150, 120);
}

/// Set 19 (`data/heldout19_ofac.tsv`): written during round 17 by a helper that read nothing of
/// the repository, from the same newer `sdn.csv` (ent_num 28,297 to 44,961, taken at a fixed
/// stride), committed before any figure was taken on it; round 16 found 86.1 %, and round 17
/// read its misses, so it is a development set. 151 rows of 121 entries.
#[test]
fn set19_holds_the_measured_figures() {
    assert_development_floor(19, 151, 139);
    assert_own_references(19, 121);
}

/// Held-out set 20 (`data/heldout20_ofac.tsv`): written during round 17 by a helper that read
/// nothing of the repository, from the same newer `sdn.csv` (ent_num 45,049 to 55,930, taken at
/// a fixed stride), committed before any figure was taken on it. 155 rows of 121 entries.
#[test]
fn heldout20_reports_figures_only() {
    assert_held_out_figures_only(20, 155, 121);
}

/// Set 21 (`data/heldout21_ofac.tsv`): written during round 18 by a helper that read nothing of
/// the repository, from the same newer `sdn.csv` (ent_num 45,001 to 47,399, by a fixed rule:
/// mostly Russian bodies and people), committed before any figure was taken on it; round 17
/// found 66.7 %, and round 18 read its misses, so it is a development set. 150 rows of 120
/// entries.
#[test]
fn set21_holds_the_measured_figures() {
    assert_development_floor(21, 150, 128);
    assert_own_references(21, 120);
}

/// Set 22 (`data/heldout22_ofac.tsv`): written at the end of round 18 by a helper that read
/// nothing of the repository, from the same newer `sdn.csv` (ent_num 47,402 to 49,416, by a
/// fixed rule), committed before any figure was taken on it; round 18 found 74.7 % (round 17
/// 64.0 %), and round 19 read its misses, so it is a development set. 150 rows of 120 entries.
#[test]
fn set22_holds_the_measured_figures() {
    assert_development_floor(22, 150, 130);
    assert_own_references(22, 120);
}

/// Held-out set 23 (`data/heldout23_ofac.tsv`): written during round 19 by a helper that read
/// nothing of the repository, from the same newer `sdn.csv` (ent_num 49,420 to 51,043, by a
/// fixed rule), committed before any figure was taken on it. 149 rows of 120 entries.
#[test]
fn heldout23_reports_figures_only() {
    assert_held_out_figures_only(23, 149, 120);
}

/// Set 24 (`data/heldout24_ofac.tsv`): written during round 20 by a helper that read nothing of
/// the repository (ent_num 51,045 to 51,892, by a fixed rule); held out in round 20 (75.3 %), a
/// development set since round 21, which read its misses: 129 of 150 found.
#[test]
fn set24_holds_the_measured_figures() {
    assert_development_floor(24, 150, 129);
    assert_own_references(24, 120);
}

/// Set 25 (`data/heldout25_ofac.tsv`): written during round 21 by a helper that read nothing of
/// the repository (ent_num 51,898 to 52,829, by a fixed rule); held out in round 21 (71.3 %), a
/// development set since round 22, which read its misses: 129 of 150 found.
#[test]
fn set25_holds_the_measured_figures() {
    assert_development_floor(25, 150, 129);
    assert_own_references(25, 120);
}

/// Set 26 (`data/heldout26_ofac.tsv`): written during round 22 by a helper that read nothing of
/// the repository (ent_num 52,830 to 54,881, by the fixed rule of set 24); held out in round 22
/// (79.3 %), a development set since round 23, which read its misses: 137 of 150 found.
#[test]
fn set26_holds_the_measured_figures() {
    assert_development_floor(26, 150, 137);
    assert_own_references(26, 120);
}

/// Set 27 (`data/heldout27_ofac.tsv`): written during round 23 by a helper that read nothing of
/// the repository, by the fixed rule of set 24 from ent_num 54,882 until the stored `sdn.csv`
/// ran out (ent_num 54,883 to 56,065); held out in round 23 (70.3 %), a development set since
/// round 24, which read its misses: 107 of 118 found.
#[test]
fn set27_holds_the_measured_figures() {
    assert_development_floor(27, 118, 107);
    assert_own_references(27, 95);
}

/// Set 28 (`data/heldout28_ofac.tsv`): written during round 24 by a helper that read nothing of
/// the repository, by the fixed rule of set 24 over ent_num 32,180 to 45,000 (a range the
/// earlier sets read only sparsely; ent_num 32,231 to 34,768 taken); held out in round 24
/// (74.0 %), a development set since round 25, which read its misses: 124 of 150 found.
#[test]
fn set28_holds_the_measured_figures() {
    assert_development_floor(28, 150, 124);
    assert_own_references(28, 120);
}

/// Set 29 (`data/heldout29_ofac.tsv`): written at the end of round 24 by a helper that read
/// nothing of the repository, by the fixed rule of set 24 from where set 28 stopped (ent_num
/// 34,770 to 35,618 taken); held out in round 25 (90.7-91.3 %), a development set since round
/// 26, which read its misses: 140 of 150 found.
#[test]
fn set29_holds_the_measured_figures() {
    assert_development_floor(29, 150, 140);
    assert_own_references(29, 120);
}

/// Set 30 (`data/heldout30_ofac.tsv`): written during round 25 by a helper that read nothing
/// of the repository, by the fixed rule of set 24 from where set 29 stopped (ent_num 35,620 to
/// 36,788 taken); held out in round 26 (84.0 %), a development set since round 27, which read
/// its misses: 146 of 150 found.
#[test]
fn set30_holds_the_measured_figures() {
    assert_development_floor(30, 150, 146);
    assert_own_references(30, 120);
}

/// Set 31 (`data/heldout31_ofac.tsv`): written at the start of round 27 by a helper that read
/// nothing of the repository, by the fixed rule of set 24 from where set 30 stopped (ent_num
/// 36,790 to 37,825 taken); held out in round 27 (82.0-85.3 %), a development set since round
/// 28, which read its misses: 136 of 150 found.
#[test]
fn set31_holds_the_measured_figures() {
    assert_development_floor(31, 150, 136);
    assert_own_references(31, 120);
}

/// Held-out set 32 (`data/heldout32_ofac.tsv`): written at the end of round 27 by a helper that
/// read nothing of the repository, by the fixed rule of set 24 from where set 31 stopped (ent_num
/// 37,827 to 40,197 taken), committed before any figure was taken on it. 150 rows of 120
/// entries.
#[test]
fn heldout32_reports_figures_only() {
    assert_held_out_figures_only(32, 150, 120);
}
