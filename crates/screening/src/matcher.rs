//! The screener: an index over every name of the loaded lists, and the scoring of a party's name
//! against it.
//!
//! **Candidate retrieval.** Every distinct token skeleton of the lists is a vocabulary entry
//! with the names it occurs in. Blocking keys (the skeleton's first two symbols, its first and
//! third, and its second and third) find the vocabulary tokens worth comparing with a query
//! token; [`token_similarity`] (a weighted edit distance on the vowel-aware skeletons, or
//! Jaro-Winkler on the skeletons, averaged with Jaro-Winkler on the vowelled Latin forms when
//! both sides are Latin) gives each a similarity, and those at or above `token_floor` vote for
//! their names; so do listed tokens two adjacent query words written together resemble, and
//! adjacent listed tokens written together that one query word resembles (`JoinedToken`). A
//! name is scored in full only if the votes could reach the threshold. Query-token results are
//! cached,
//! so common given names are compared once per batch, not once per party. A listed name with a
//! parenthesised part (`HAQQANI NETWORK (HQN)`) is indexed with and without it.
//!
//! **Readings.** Besides the name as written, a query is screened in up to six other readings
//! and each entry keeps its best score: the organisation-name vocabulary translated to English
//! ([`crate::orgwords`]), two adjacent words joined when the second is short (`ولی جان` =
//! `Walijan`), and a long Arabic-script word without a close match split after a non-joining
//! letter, where a missing space is invisible (`ظاهرعويس`), and a Persian word whose parts a
//! ZWNJ joins read as one word (`حاجی‌نیا` = `Hajinia`), and a title that ends the name read as
//! a surname (`علی شمس مولوی` = `Ali Shams Mulavi`). A joined word is tried only when a
//! listed token has its consonant skeleton, and must match a listed token at 0.95 or more; a
//! word is split only when it has no match at 0.95. A translated word keeps the matches of the
//! word as written, and what its other meanings match (`فيلق` legion, corps, force). A reading
//! with the same tokens as the query or an earlier reading is skipped.
//!
//! **Nisba.** When one token ends in -i (Latin -i/-y, Arabic-script final ی) and the other in a
//! consonant (Ahmadi / Ahmad, Mahmoudi / Mahmoud), their similarity is multiplied by 0.8: the
//! nisba is a different name, and a very common Persian and Pakistani surname form.
//!
//! **Name score.** Query tokens and name tokens are paired by a best assignment (greedy on
//! similarity times weight, which is exact for the small token counts of names). Two adjacent
//! tokens written as one on the other side (`Agha Jani`/`Aghajani`) are candidates beside the
//! single pairs: the joined skeleton within one symbol in length, the pair at 0.82 as a whole
//! and part by part at the best cut of the other token (at 0.95 when a part has one consonant),
//! none with a token that already pairs at 0.95 with one token. **Distinct names**
//! (`distinct_names`): a pair of two different names that both occur on the lists
//! (`Saleem` / `Saima`) counts ×0.7, and the hit says so. The score is a weighted Dice
//! coefficient: Σ sim·(w_query + w_entry) over the pairs divided by the total
//! weight of both names, so unmatched tokens on either side lower it. A token's weight is the
//! lower of its rarity on the lists (1 − 0.15·log2(df/4), between 0.3 and 1) and a prior: 0.45
//! for very common Muslim given names (Muhammad, Ahmad, Ali, Hasan, Husain, Khan, ...), 0.3 for
//! name particles (abd, abu, allah, din, zadeh, ...), 0.15 for company legal forms and trade
//! words (Ltd, Pvt, Trading, Co., شرکت, ...), 0.4 for one-letter skeletons.
//!
//! **Shortened and lengthened names.** Against an individual, names between agreeing first and
//! last names count ×0.1 (`MIDDLE_FACTOR`; OFAC's `SURNAME, Given` is read given name first);
//! against an organisation whose own name matched, the query's words that only describe it
//! count ×0.1 (`DESCRIPTIVE_FACTOR`); a company's trade words against a person count in full.
//!
//! **Qualifiers.** A date of birth or country given with the query moves the score:
//! see [`Config`]. Every hit carries its explanation.

use crate::country;
use crate::model::*;
use crate::normalize::{self, Script, Token};
use crate::orgwords;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Screening thresholds and weights. `Config::default()` holds the documented defaults.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// A hit needs at least this final score (0..1). Default 0.86: on the evaluation's trade-off
    /// curve, 95.8 % recall at 0.27 % false positives, with a margin below the 1 % ceiling (see
    /// the crate README).
    pub threshold: f32,
    /// Two tokens count as the same name part only at or above this similarity. Default 0.84.
    pub token_floor: f32,
    /// Screen weak aliases (OFAC `weak`, UN `Low`, EU `strong="false"`) on their own. Default
    /// false, following OFAC's guidance; they still show in an entry's data.
    pub include_weak_aliases: bool,
    /// Added when a date of birth given with the query falls within one of the entry's. 0.05.
    pub dob_agrees: f32,
    /// Subtracted when the entry has dates of birth and none fits the query's. 0.15.
    pub dob_contradicts: f32,
    /// Added when the query's country is one of the entry's nationalities (entities: address
    /// countries). 0.03.
    pub country_agrees: f32,
    /// Subtracted when the entry has nationalities and the query's country is none of them. 0.05.
    pub country_contradicts: f32,
    /// At most this many hits per query, best first. Default 10.
    pub max_hits: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            threshold: 0.86,
            token_floor: 0.84,
            include_weak_aliases: false,
            dob_agrees: 0.05,
            dob_contradicts: 0.15,
            country_agrees: 0.03,
            country_contradicts: 0.05,
            max_hits: 10,
        }
    }
}

/// A party to screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Query {
    /// The name in any script.
    pub name: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub dob: Option<String>,
    /// Country name or ISO alpha-2 code.
    pub country: Option<String>,
}

impl Query {
    pub fn name(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            dob: None,
            country: None,
        }
    }
}

/// Two tokens paired in a hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenMatch {
    /// The query token (normalised; in a translated reading, the English word).
    pub query: String,
    /// For a token of a translated reading: the query's word it translates (`صنعتی` for
    /// `industry`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_written: Option<String>,
    pub entry: String,
    pub similarity: f32,
    /// The weights of the two sides in the weighted Dice score (rarity on the lists, capped for
    /// common given names, particles and company words).
    pub query_weight: f32,
    pub entry_weight: f32,
}

/// How the query was read for a hit: as written, or one of the alternative readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingKind {
    AsWritten,
    /// Organisation-name words translated to English ([`crate::orgwords`]).
    Translated,
    /// Two words joined into one (`ولی جان` as `Walijan`).
    Joined,
    /// Translated, then two words joined.
    TranslatedJoined,
    /// Two or three words of a body's name joined into the one word of a compound
    /// (`بروم إلكترو سيرفيس` as `PROMELEKTROSERVIS`), the rest translated; round 22.
    Compound,
    /// A long Arabic-script word split after a non-joining letter (`ظاهرعويس`).
    Split,
    /// The parts of a word joined by a zero-width non-joiner read as one word (`حاجی‌نیا` as
    /// `Hajinia`).
    Unsplit,
    /// A title after a name part read as a name (`علی شمس مولوی`, Ali Shams Mulavi; `محمد أحمد
    /// السيد أحمد`, Mohamed Ahmed Elsayed Ahmed).
    TitleAsSurname,
}

impl ReadingKind {
    pub fn label(self) -> &'static str {
        match self {
            ReadingKind::AsWritten => "as written",
            ReadingKind::Translated => "translated",
            ReadingKind::Joined => "two words joined",
            ReadingKind::TranslatedJoined => "translated, two words joined",
            ReadingKind::Compound => "the words of a compound joined",
            ReadingKind::Split => "a word split",
            ReadingKind::Unsplit => "a ZWNJ-joined word read as one",
            ReadingKind::TitleAsSurname => "a title after a name part read as a name",
        }
    }
}

/// Something that raised or lowered a hit's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    /// Signed change of the score.
    pub effect: f32,
    pub reason: String,
}

/// One list entry that matched, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub list: &'static str,
    pub reference: String,
    pub kind: SubjectKind,
    pub programs: Vec<String>,
    /// The entry's primary name.
    pub entry_name: String,
    /// The name of the entry that matched best, and what kind of name it is.
    pub matched_name: String,
    pub name_kind: NameKind,
    pub strength: Strength,
    /// Final score in 0..1 (name score plus qualifiers).
    pub score: f32,
    /// The name-only score.
    pub name_score: f32,
    pub tokens: Vec<TokenMatch>,
    pub unmatched_query: Vec<String>,
    pub unmatched_entry: Vec<String>,
    pub factors: Vec<Factor>,
    /// How the query was read for this hit.
    pub reading: ReadingKind,
    /// The reading's text when it is not the query as written (`group industry شهيد همت`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_as: Option<String>,
    /// Index of the entry in [`Screener::entries`].
    #[serde(skip)]
    pub entry_index: usize,
}

struct VocabToken {
    token: Token,
    /// Length of the consonant skeleton, in symbols.
    skel_len: usize,
    generic: bool,
    /// A legal form of an organisation's name ([`normalize::is_legal_form`]).
    legal_form: bool,
    /// A word that describes an organisation rather than names it (see [`DESCRIPTIVE_FACTOR`]).
    descriptive: bool,
    /// A word for the kind of body (society, foundation: [`orgwords::is_organisation_kind`]).
    org_kind: bool,
    weight: f32,
    postings: Vec<u32>,
}

struct IndexedName {
    entry: u32,
    name: u16,
    tokens: Vec<u32>,
    total: f32,
    /// An individual's name whose first and last tokens are distinctive (weight at least
    /// [`DISTINCTIVE_WEIGHT`]): names between them may be left out (see [`MIDDLE_FACTOR`]).
    middle_ok: bool,
    /// `total` with the middle tokens at [`MIDDLE_FACTOR`] when `middle_ok` (for the vote bound).
    min_total: f32,
    /// A name of an organisation (not an individual): see [`DESCRIPTIVE_FACTOR`].
    organisation: bool,
    /// `total` with the descriptive tokens at [`DESCRIPTIVE_FACTOR`] (for the vote bound).
    described_total: f32,
}

/// Arabic names are written in full on the lists (given name, father's and grandfather's names,
/// family name: AISHA MUAMMAR MUHAMMED ABU MINYAR QADHAFI) and shortened in use (عائشة القذافي),
/// or the other way round. When the first tokens of a query and of an individual's name pair
/// with each other, and so do the last ones, and those two listed tokens are distinctive, the
/// tokens left unmatched between them on either side count at this fraction of their weight.
const MIDDLE_FACTOR: f32 = 0.1;
/// Similarity at which two tokens are the same name across scripts (a company that carries a
/// listed person's whole name at this similarity is not a person, but a reviewer must see it).
const WHOLE_NAME_AT: f32 = 0.95;
/// See [`MIDDLE_FACTOR`]: the least weight of the listed first and last tokens (common given
/// names weigh 0.45, so `Muhammad ... Khan` never qualifies).
const DISTINCTIVE_WEIGHT: f32 = 0.7;

/// Organisations are listed under a short name (ELEHSSAN, RAMAK, JIHAD AL-BINA) and named in
/// full in use (جمعية الإحسان الخيرية, the Ihsan Charity Society). Against an organisation
/// whose distinctive tokens all match, with at least one of them a distinctive name token of
/// the query (weight at least [`DISTINCTIVE_WEIGHT`], similarity at least [`STRICT`]), the
/// query's unmatched words that only describe an organisation (the vocabulary's descriptive
/// words, [`orgwords::is_descriptive`]: society, charity, television, ...) count at this
/// fraction of their weight. Legal forms and trade words keep their own small weight (0.15):
/// `Ansar Trading Company` is not ANSARU.
///
/// The other way round too (round 5): organisations are listed in full (JAMIA TALEEM-UL-QURAN
/// MADRASSA, SYRIAN ARAB NAVY) and named shorter in use (جامعہ تعلیم القرآن). When one of the
/// query's distinctive name tokens matched a distinctive listed token at [`STRICT`] (both
/// weighing [`DISTINCTIVE_WEIGHT`] or more) and the query has no word left
/// unmatched but legal forms ([`normalize::is_legal_form`]), the listed name's unmatched
/// descriptive words count at this fraction too (`Roshan Enterprises` is not ROSHAN MONEY
/// EXCHANGE: a trade word of its own says what else it is).
const DESCRIPTIVE_FACTOR: f32 = 0.1;

/// A translated query word's match through another of its meanings (`a|b` in the vocabulary)
/// is worth this much of a match through its first meaning (round 7).
const OTHER_SENSE_FACTOR: f32 = 0.99;

/// Two adjacent tokens of listed names written together (`khatam` + `anbiya`): the joined
/// consonant skeleton, the names that hold them, and the most their weights add up to. Used to
/// vote for names that a query word may match only as the two tokens joined.
struct JoinedToken {
    skel: String,
    postings: Vec<u32>,
    weight: f32,
}

/// A loaded, indexed set of lists, ready to screen.
pub struct Screener {
    config: Config,
    entries: Vec<Entry>,
    names: Vec<IndexedName>,
    vocab: Vec<VocabToken>,
    vocab_ids: HashMap<String, u32>,
    blocks: HashMap<String, Vec<u32>>,
    joined: Vec<JoinedToken>,
    joined_blocks: HashMap<String, Vec<u32>>,
    /// Vocabulary tokens by the blocking classes of their first two skeleton letters and their
    /// skeleton length (for two query words joined).
    start_len_blocks: HashMap<(String, usize), Vec<u32>>,
    /// Long listed tokens by the first three blocking classes and the length of either of
    /// their skeletons, for [`Screener::compound_listed`].
    compound_blocks: HashMap<(String, usize), Vec<u32>>,
    /// Consonant skeletons (and alternative skeletons) of the vocabulary in blocking classes.
    skeletons: std::collections::HashSet<String>,
    countries: Vec<Vec<String>>,
}

/// Everything the similarity of a token depends on (so equal keys compare alike).
fn token_key(t: &Token, generic: bool) -> String {
    format!(
        "{}|{}|{}|{}|{}|{}|{}|{}",
        t.skel,
        t.alt.as_deref().unwrap_or(""),
        t.vs,
        t.alt_vs.as_deref().unwrap_or(""),
        t.alt2.as_ref().map_or("", |(a, _)| a),
        t.alt2.as_ref().map_or("", |(_, v)| v),
        t.latin.as_deref().unwrap_or("\u{1}"),
        u8::from(generic)
    )
}

/// Letters that transliterations confuse share a blocking class.
fn coarse(c: char) -> char {
    match c {
        'z' | 'd' | 't' | 's' => 'T',
        'x' | 'k' | 'h' | 'j' => 'K',
        'Z' => 'K',
        'S' | 'C' => 'S',
        'b' | 'p' | 'f' | 'v' => 'B',
        other => other,
    }
}

fn coarse_skeleton(skel: &str) -> String {
    skel.chars().map(coarse).collect()
}

fn block_keys(t: &Token) -> Vec<String> {
    // A final ه may be the t of the construct state (حياة, Hayat: see `token_similarity`).
    let construct_t = t.vs.ends_with('H').then(|| format!("{}t", t.skel));
    skeleton_block_keys(t.skeletons().chain(construct_t.iter()))
}

fn skeleton_block_keys<'a>(skels: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut keys = Vec::new();
    for s in skels {
        let c: Vec<char> = s.chars().map(coarse).collect();
        keys.push(format!("p{}", c.iter().take(2).collect::<String>()));
        if c.len() >= 3 {
            keys.push(format!("s{}", c[1..3].iter().collect::<String>()));
            // First and third: a second letter added, dropped or changed (Chaudhry / چوہدری).
            keys.push(format!("p{}{}", c[0], c[2]));
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

static COMMON: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    [
        "muhammad", "ahmad", "ali", "hasan", "husain", "khan", "mahmud", "rahman", "umar", "usman",
        "ibrahim", "yusuf", "ismail", "abbas", "jan", "gul", "shah", "mir", "malik", "reza",
        "karim", "rahim", "hamid",
    ]
    .iter()
    .flat_map(|w| normalize::tokens(w))
    .map(|t| t.skel)
    .collect()
});
const PARTICLES: &[&str] = &[
    "abd", "abu", "allah", "din", "zadeh", "nejad", "pour", "haq", "zaman",
];

fn prior_weight(t: &Token, generic: bool) -> f32 {
    if generic {
        return 0.15;
    }
    let latin = t.latin.as_deref().unwrap_or(&t.surface);
    if PARTICLES.contains(&latin) || PARTICLES.contains(&t.surface.as_str()) {
        return 0.3;
    }
    let len = t.skel.chars().count();
    let mut w: f32 = if len <= 1 { 0.4 } else { 1.0 };
    if COMMON.contains(&t.skel) {
        w = w.min(0.45);
    }
    w
}

fn idf_weight(df: u32) -> f32 {
    let df = df.max(1) as f32;
    (1.0 - 0.15 * (df / 4.0).log2()).clamp(0.3, 1.0)
}

fn jw(a: &str, b: &str) -> f32 {
    strsim::jaro_winkler(a, b) as f32
}

fn skel_sim(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) <= 2 {
        return 0.0;
    }
    jw(a, b)
}

/// Similarity of two adjacent tokens written together with one token: Jaro-Winkler on the
/// skeletons, and only when their lengths differ by at most one symbol (Jaro-Winkler alone
/// rewards a shared prefix: `Mohammadi` is not `Muhammad Amin`).
fn joined_sim(joined: &str, one: &str) -> f32 {
    if joined.chars().count().abs_diff(one.chars().count()) > 1 {
        return 0.0;
    }
    skel_sim(joined, one)
}

/// How a candidate pair of [`Screener::score_name`] pairs tokens: one query token with one
/// listed token, two adjacent query tokens with one listed token, or one query token with two
/// adjacent listed tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Pairing {
    One,
    QueryTwo,
    EntryTwo,
}

/// Similarity of two different legal forms (`شرکت`, company, and LTD; LLC and ش.م.م) in a
/// name's score: a company's legal form is written in whichever form the writer knows.
const LEGAL_FORMS_AGREE: f32 = 0.9;

/// Similarity of two different words for the kind of body (society, foundation, institution,
/// center: [`orgwords::is_organisation_kind`]), round 17: translators pick among them freely.
const ORGANISATION_KINDS_AGREE: f32 = 0.8;

/// Similarity a word needs with two adjacent words written together (`رضاقلی` and `Reza
/// Gholi`, `Khatam` + `al-Anbiya` and `خاتم‌الانبیا`) for the pair to count: higher than the
/// token floor, because joining two short words makes almost any skeleton.
const MERGE_FLOOR: f32 = 0.82;
/// Jaro-Winkler of two query words' joined skeleton with a listed token from which the listed
/// token's names get votes (see `collect_hits`).
const JOINED_VOTE_AT: f32 = 0.9;
/// Jaro-Winkler of the joined consonant skeletons below which a merge is not looked at further.
const MERGE_PREFILTER: f32 = 0.8;

/// Similarity of `one` token with the tokens `a` and `b` written together: the two joined into
/// one token (skeletons and vowel-aware skeletons concatenated; Latin forms too) and compared
/// like any two tokens. A part of one consonant symbol (`rawi` = `r`) joins onto almost
/// anything: with one, the merge counts only at [`STRICT`] as a whole and part by part
/// (`یامهدی` and `Ya Mahdi`, round 13); with an empty skeleton, never.
fn merged_similarity(a: &Token, b: &Token, one: &Token) -> f32 {
    let (la, lb) = (a.skel.chars().count(), b.skel.chars().count());
    let shortest = la.min(lb);
    // Cheapest first: the joined skeleton must be within one symbol of the other's length
    // (see `joined_sim`).
    if shortest == 0 || (la + lb).abs_diff(one.skel.chars().count()) > 1 {
        return 0.0;
    }
    if shortest == 1 {
        let s = merged_similarity_of(a, b, one);
        return if s >= STRICT { s } else { 0.0 };
    }
    merged_similarity_of(a, b, one)
}

fn merged_similarity_of(a: &Token, b: &Token, one: &Token) -> f32 {
    // Cheap first: the consonant skeletons joined must already be close.
    let skel = format!("{}{}", a.skel, b.skel);
    if joined_sim(&skel, &one.skel) < MERGE_PREFILTER {
        return 0.0;
    }
    let joined = Token {
        surface: format!("{}{}", a.surface, b.surface),
        skel,
        alt: None,
        latin: match (&a.latin, &b.latin) {
            (Some(x), Some(y)) => Some(format!("{x}{y}")),
            _ => None,
        },
        vs: format!("{}{}", a.vs, b.vs),
        alt_vs: None,
        alt2: None,
        script: a.script,
    };
    let s = token_similarity(&joined, one);
    if s < MERGE_FLOOR {
        return s;
    }
    s.min(split_similarity(one, a, b))
}

/// Best similarity of `one` cut in two (each part a token of its own) with `a` and `b`: the
/// smaller of the two parts' similarities, at the best cut. A merge must hold part by part
/// (`رضا|قلی` and `Reza`, `Gholi`), not only as a whole: `Shakeel` is not `Shoaib Gill`.
fn split_similarity(one: &Token, a: &Token, b: &Token) -> f32 {
    let chars: Vec<char> = one.surface.chars().collect();
    let mut best: f32 = 0.0;
    for cut in 2..chars.len().saturating_sub(1) {
        let left: String = chars[..cut].iter().collect();
        let right: String = chars[cut..].iter().collect();
        let (mut l, mut r) = (normalize::tokens(&left), normalize::tokens(&right));
        if l.len() != 1 || r.len() != 1 {
            continue;
        }
        let (Some(l), Some(r)) = (l.pop(), r.pop()) else {
            continue;
        };
        best = best.max(token_similarity(&l, a).min(token_similarity(&r, b)));
    }
    best
}

/// A query token paired with a common listed token it only resembles (below
/// [`DISTINCT_BELOW`]) while the lists hold its own spelling (a match at [`KNOWN_AT`] or more):
/// `Saleem` and `Saima` are both names of their own on the lists, so `Saima` (0.84) is another
/// name, not a spelling of `Saleem`. Spellings that differ
/// only in letters transliterations confuse (the blocking classes: d z t s th, k q kh gh j, b p f
/// v, sh ch) or in vowels are exempt (`Usman` / `Uthman`, `Zahir` / `Dahir`).
fn distinct_names(q: &QueryToken, s: f32, v: &VocabToken) -> bool {
    s < DISTINCT_BELOW
        && v.weight <= COMMON_LISTED_WEIGHT
        && q.matches.iter().any(|&(_, m)| m >= KNOWN_AT)
        && coarse_skeleton(&q.token.skel) != coarse_skeleton(&v.token.skel)
        && q.token
            .alt
            .as_ref()
            .is_none_or(|a| coarse_skeleton(a) != coarse_skeleton(&v.token.skel))
}

/// See [`distinct_names`].
const DISTINCT_BELOW: f32 = 0.93;
const KNOWN_AT: f32 = 0.97;
/// A listed token this common (its weight: several entries hold it, or a common given name)
/// is a name of its own too.
const COMMON_LISTED_WEIGHT: f32 = 0.9;
/// Similarity of a pair of distinct names is multiplied by this (below the token floor).
const DISTINCT_FACTOR: f32 = 0.7;

/// Similarity of two tokens in 0..1 (see the module docs).
pub fn token_similarity(q: &Token, v: &Token) -> f32 {
    // An acronym (a Latin token without a vowel: HM, NDS) is not transliterated into
    // Arabic script, and its two or three consonants are the skeleton of many words there.
    if q.script != v.script && (acronym(q) || acronym(v)) {
        return 0.0;
    }
    // Each reading of a token (its skeleton, and its alternative skeleton when it has one) is
    // compared with each reading of the other; a reading of one consonant only compares with an
    // identical one. (Checking the main skeletons alone would drop `كالاي` read as the article
    // `كال` + `اي`, whose alternative reading `kala` is the word.)
    // A final ه of the vowel-aware skeleton (`H`) may be the t of the construct state, which
    // the consonant skeleton leaves out: حياة (`h`) and Hayat (`ht`) are one consonant apart
    // there only.
    let construct_t = |a: &str, av: &str, b: &str| {
        av.ends_with('H') && b.len() == a.len() + 1 && b.starts_with(a) && b.ends_with('t')
    };
    let short = |a: &str, av: &str, b: &str, bv: &str| {
        a != b
            && a.chars().count().min(b.chars().count()) <= 1
            && !construct_t(a, av, b)
            && !construct_t(b, bv, a)
    };
    let mut s: f32 = 0.0;
    for (qs, qv) in q.readings() {
        for (vsk, vv) in v.readings() {
            if short(qs, qv, vsk, vv) {
                continue;
            }
            s = s.max(normalize::vowel_aware_similarity(qv, vv));
            // Consonant skeletons alone (Jaro-Winkler), slightly discounted because they ignore
            // vowels.
            s = s.max(skel_sim(qs, vsk) * 0.95);
        }
    }
    if s == 0.0 {
        return 0.0;
    }
    let s = match (&q.latin, &v.latin) {
        (Some(a), Some(b)) => (s + jw(a, b)) / 2.0,
        _ => s,
    };
    match (ending(q), ending(v)) {
        (Ending::I, Ending::Consonant) | (Ending::Consonant, Ending::I) => s * NISBA_FACTOR,
        _ => s,
    }
}

/// A Latin token written without a vowel (HM, NDS): an acronym. Legal forms (LTD, LLC, PVT)
/// are not: لمتد is LTD.
fn acronym(t: &Token) -> bool {
    t.script == Script::Latin
        && t.surface.len() >= 2
        && !t
            .surface
            .chars()
            .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
        && !normalize::is_legal_form(&t.surface)
}

/// A name and its *nisba* (the adjective in -i: Ahmad / Ahmadi, Mahmoud / Mahmoudi, Rahim /
/// Rahimi) are different names, and Persian and Pakistani surnames are very often nisbas of
/// common given names: when one token ends in -i and the other in a consonant, their similarity
/// is lowered by this factor (below the token floor for all but near-identical pairs).
const NISBA_FACTOR: f32 = 0.8;

#[derive(PartialEq)]
enum Ending {
    /// Latin -i/-y, Arabic-script final ی/ي/ى.
    I,
    Consonant,
    /// Another vowel (Latin a e o u; Arabic-script ا و ه, and ع ح ء, which Latin often
    /// writes as a vowel or not at all: ربيع Rabi).
    Other,
}

fn ending(t: &Token) -> Ending {
    if t.skel.chars().count() < 2 {
        return Ending::Other;
    }
    // The -ای of a place name in a silent ه (مراغه‌ای of Maragheh) is not a nisba of a name:
    // the lists write the place (see `normalize`'s alternative reading of such a word).
    if t.surface.ends_with("هاي") {
        return Ending::Other;
    }
    // Nor is the -sky of a Russian adjective of place, read as the place (AMURSKY آمور; round
    // 27).
    if t.surface.ends_with("sky") || t.surface.ends_with("ski") {
        return Ending::Other;
    }
    match t.surface.chars().last() {
        Some('i' | 'y' | 'ي') => Ending::I,
        Some('a' | 'e' | 'o' | 'u' | 'ا' | 'و' | 'ه' | 'ع' | 'ح' | 'ء') | None => {
            Ending::Other
        }
        Some(_) => Ending::Consonant,
    }
}

/// One alternative reading of a query (see [`Screener::readings`]).
struct Reading {
    kind: ReadingKind,
    /// The reading's text (normalised).
    text: String,
    /// English word of a translation → the query's word it translates.
    sources: Vec<(String, String)>,
    tokens: Vec<Token>,
    /// A token made by joining words, which may only pair with listed tokens this close.
    strict: Option<Strict>,
}

/// What a token made by joining words ([`Reading::strict`]) may pair with.
struct Strict {
    /// The token, by surface.
    surface: String,
    /// The least similarity: [`STRICT`], or [`COMPOUND_AT`] for a long compound.
    least: f32,
    /// Only with a listed token about as long ([`about_as_long`]), for a compound.
    like_length: bool,
}

/// Two tokens whose skeletons (either reading of each) are within one symbol of each other's
/// length. Jaro-Winkler rewards a shared start, so a word joined from a compound's parts must
/// also be about as long as the listed word it matches (TRANSPORTNOYE is not `ترانسپورتنویه
/// اوپراولېنیه`, transport management; ASLAM is not `اسلم شوگر`, Aslam Sugar).
fn about_as_long(a: &Token, b: &Token) -> bool {
    let lengths = |t: &Token| t.skeletons().map(|k| k.chars().count()).collect::<Vec<_>>();
    let theirs = lengths(b);
    lengths(a)
        .iter()
        .any(|l| theirs.iter().any(|m| l.abs_diff(*m) <= 1))
}

/// What a hit records about the reading it came from.
struct ReadingInfo<'a> {
    kind: ReadingKind,
    text: Option<&'a str>,
    sources: &'a [(String, String)],
}

/// The query's word that an English word of a translated reading translates (`money` →
/// `صرافي`), from the reading's sources.
fn translated_from<'s>(sources: &'s [(String, String)], surface: &str) -> Option<&'s str> {
    sources
        .iter()
        .find(|(en, _)| en == surface)
        .map(|(_, w)| w.as_str())
}

impl ReadingInfo<'_> {
    /// [`translated_from`] for this reading.
    fn source(&self, surface: &str) -> Option<&str> {
        translated_from(self.sources, surface)
    }

    /// The query word each query token translates, if it is one of several English words
    /// translating one word (صرافی, money exchange; see [`Screener::score_name`]).
    fn siblings<'q>(&'q self, qtoks: &[QueryToken]) -> Vec<Option<&'q str>> {
        let sources: Vec<Option<&str>> = qtoks
            .iter()
            .map(|q| self.source(&q.token.surface))
            .collect();
        sources
            .iter()
            .map(|src| src.filter(|s| sources.iter().filter(|o| **o == Some(*s)).count() >= 2))
            .collect()
    }
}

/// What [`Screener::score_name`] needs of the query's tokens as a whole: their total weight, the
/// word each translates when it is one of several English words for one word
/// ([`ReadingInfo::siblings`]), and the merges computed so far in this reading.
struct QueryWeights<'a> {
    total: f32,
    siblings: &'a [Option<&'a str>],
    merges: &'a mut HashMap<MergeKey, f32>,
}

/// The most alternative readings of a query ([`Screener::readings`]).
const MAX_READINGS: usize = 6;

/// `words` with the `span` words from `i` on replaced by `replacement`, joined by spaces.
fn replace_words(words: &[&str], i: usize, replacement: &str, span: usize) -> String {
    let mut parts: Vec<&str> = words[..i].to_vec();
    parts.push(replacement);
    parts.extend_from_slice(&words[(i + span).min(words.len())..]);
    parts.join(" ")
}

/// Similarity a joined or split word needs to count in an alternative reading.
const STRICT: f32 = 0.95;
/// Similarity the joined words of a compound need to a listed token (see
/// [`Screener::compound_readings`]): a long skeleton that close is the same word, though an
/// Arabic-script writer spells its parts as each sounds (`سيرفيس`, SERVIS read with an English
/// z).
const COMPOUND_AT: f32 = 0.86;
/// The least length of a compound's joined skeleton, in symbols.
const COMPOUND_MIN_SKELETON: usize = 6;

/// The key of a skeleton in [`Screener::compound_blocks`]: its first three blocking classes
/// and its length, for a skeleton one symbol short of [`COMPOUND_MIN_SKELETON`] or longer.
fn compound_key(skel: &str) -> Option<(String, usize)> {
    let len = skel.chars().count();
    (len + 1 >= COMPOUND_MIN_SKELETON).then(|| (skel.chars().map(coarse).take(3).collect(), len))
}

struct QueryToken {
    token: Token,
    weight: f32,
    /// A legal form or trade word ([`normalize::is_generic_business_word`]): the query names
    /// a company.
    generic: bool,
    /// A legal form ([`normalize::is_legal_form`]), one kind of generic word.
    legal_form: bool,
    /// A word that describes an organisation rather than names it (see [`DESCRIPTIVE_FACTOR`]).
    descriptive: bool,
    /// A word for the kind of body (society, foundation: [`orgwords::is_organisation_kind`]).
    org_kind: bool,
    matches: Arc<Vec<(u32, f32)>>,
    /// Joined pairs of listed tokens this token may match as one word (indices into
    /// `Screener::joined`).
    joined: Arc<Vec<u32>>,
}

/// Per-thread working memory: the query-token cache and the vote accumulator.
pub struct Scratch {
    cache: HashMap<String, Arc<Vec<(u32, f32)>>>,
    joined_cache: HashMap<String, Arc<Vec<u32>>>,
    acc: Vec<f32>,
    mask: Vec<u64>,
    touched: Vec<u32>,
    /// Merge similarities of the reading being screened (see [`MergeKey`]).
    merges: HashMap<MergeKey, f32>,
}

/// A merge of [`Screener::score_name`] within one reading of a query: the pairing, the query
/// token's index and the listed token ids (the second is unused for [`Pairing::QueryTwo`]).
/// Names share their tokens, so each merge is computed once per reading, not once per name.
type MergeKey = (Pairing, usize, u32, u32);

fn parse_query_dob(text: &str) -> Option<(i32, Option<Date>)> {
    let t = text.trim();
    if let Some(d) = Date::parse_iso(t).filter(|_| t.len() == 10) {
        return Some((d.year, Some(d)));
    }
    let year = t.get(..4).and_then(crate::parse::parse_year)?;
    match t.len() {
        4 => Some((year, None)),
        7 => {
            let month: u8 = t.strip_prefix(&t[..4])?.strip_prefix('-')?.parse().ok()?;
            (1..=12).contains(&month).then_some((year, None))
        }
        _ => None,
    }
}

/// True when `text` is a date of birth the screener reads (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
/// A query whose date of birth is not readable is still screened by name, and every hit says the
/// date was ignored; callers that take input from people should refuse it instead.
pub fn dob_is_readable(text: &str) -> bool {
    parse_query_dob(text).is_some()
}

impl Screener {
    /// Indexes the entries of the given lists.
    pub fn new(lists: &[WatchList], config: Config) -> Screener {
        Screener::from_entries(
            lists
                .iter()
                .flat_map(|l| l.entries.iter().cloned())
                .collect(),
            config,
        )
    }

    /// Indexes the given entries.
    pub fn from_entries(entries: Vec<Entry>, config: Config) -> Screener {
        let mut s = Screener {
            config,
            entries: Vec::new(),
            names: Vec::new(),
            vocab: Vec::new(),
            vocab_ids: HashMap::new(),
            blocks: HashMap::new(),
            joined: Vec::new(),
            joined_blocks: HashMap::new(),
            start_len_blocks: HashMap::new(),
            compound_blocks: HashMap::new(),
            skeletons: std::collections::HashSet::new(),
            countries: Vec::new(),
        };
        for entry in entries {
            let e = u32::try_from(s.entries.len()).unwrap_or(u32::MAX);
            for (ni, name) in entry.names.iter().enumerate() {
                if name.strength == Strength::Weak && !s.config.include_weak_aliases {
                    continue;
                }
                // A name with a parenthesised part ("HAQQANI NETWORK (HQN)", "... OFFICE (BRANCH
                // LOCATED IN ...)") is also indexed without it.
                let bare = without_parentheses(&name.text);
                let texts = std::iter::once(name.text.as_str()).chain(bare.as_deref());
                for text in texts {
                    let toks = if entry.kind == SubjectKind::Individual {
                        normalize::tokens(&in_order_of_use(text))
                    } else {
                        normalize::entity_tokens(text)
                    };
                    if toks.is_empty() {
                        continue;
                    }
                    let name_id = u32::try_from(s.names.len()).unwrap_or(u32::MAX);
                    let mut ids = Vec::with_capacity(toks.len());
                    for t in toks {
                        let generic = entry.kind != SubjectKind::Individual
                            && normalize::is_generic_business_word(&t.surface);
                        let key = token_key(&t, generic);
                        let id = match s.vocab_ids.get(&key) {
                            Some(&id) => id,
                            None => {
                                let id = u32::try_from(s.vocab.len()).unwrap_or(u32::MAX);
                                for k in block_keys(&t) {
                                    s.blocks.entry(k).or_default().push(id);
                                }
                                s.skeletons.insert(coarse_skeleton(&t.skel));
                                if let Some(a) = &t.alt {
                                    s.skeletons.insert(coarse_skeleton(a));
                                }
                                s.vocab.push(VocabToken {
                                    skel_len: t.skel.chars().count(),
                                    legal_form: generic && normalize::is_legal_form(&t.surface),
                                    descriptive: !generic && orgwords::is_descriptive(&t.surface),
                                    org_kind: orgwords::is_organisation_kind(&t.surface),
                                    token: t,
                                    generic,
                                    weight: 1.0,
                                    postings: Vec::new(),
                                });
                                s.vocab_ids.insert(key, id);
                                id
                            }
                        };
                        if let Some(v) = s.vocab.get_mut(id as usize)
                            && v.postings.last() != Some(&name_id)
                        {
                            v.postings.push(name_id);
                        }
                        // A token repeated in one name ("Bank Sepah and Bank Sepah International")
                        // adds nothing.
                        if !ids.contains(&id) {
                            ids.push(id);
                        }
                    }
                    s.names.push(IndexedName {
                        entry: e,
                        name: u16::try_from(ni).unwrap_or(u16::MAX),
                        tokens: ids,
                        total: 0.0,
                        middle_ok: false,
                        min_total: 0.0,
                        organisation: entry.kind != SubjectKind::Individual,
                        described_total: 0.0,
                    });
                }
            }
            let countries = match entry.kind {
                SubjectKind::Individual => entry
                    .nationalities
                    .iter()
                    .map(|c| country::canonical(c))
                    .collect(),
                _ => entry
                    .address_countries
                    .iter()
                    .map(|c| country::canonical(c))
                    .collect(),
            };
            s.countries.push(countries);
            s.entries.push(entry);
        }
        // Document frequency counts entries, not names, so an entry with many spellings of one
        // name does not make that name look common.
        for v in &mut s.vocab {
            let mut entries: Vec<u32> = v
                .postings
                .iter()
                .filter_map(|&n| s.names.get(n as usize))
                .map(|n| n.entry)
                .collect();
            entries.dedup();
            v.weight = prior_weight(&v.token, v.generic)
                .min(idf_weight(u32::try_from(entries.len()).unwrap_or(u32::MAX)));
        }
        for n in &mut s.names {
            let weights: Vec<f32> = n
                .tokens
                .iter()
                .filter_map(|&t| s.vocab.get(t as usize))
                .map(|v| v.weight)
                .collect();
            n.total = weights.iter().sum();
            n.described_total = n.total
                - (1.0 - DESCRIPTIVE_FACTOR)
                    * n.tokens
                        .iter()
                        .filter_map(|&t| s.vocab.get(t as usize))
                        .filter(|v| v.descriptive)
                        .map(|v| v.weight)
                        .sum::<f32>();
            let individual = s
                .entries
                .get(n.entry as usize)
                .is_some_and(|e| e.kind == SubjectKind::Individual);
            // A Russian name's patronymic is left out in use (Maria Lavrova for LAVROVA, Maria
            // Aleksandrovna): middle tokens that are all patronymics may be left out between
            // any given and family names (round 27; since round 28 a family name whose
            // skeleton is a common given name's too, MAYOROV, GIGEL).
            let patronymics = weights.len() >= 3
                && n.tokens[1..n.tokens.len() - 1].iter().all(|&t| {
                    s.vocab
                        .get(t as usize)
                        .is_some_and(|v| normalize::is_patronymic(&v.token.surface))
                });
            n.middle_ok = individual
                && weights.len() >= 2
                && (patronymics
                    || (weights.first().is_some_and(|&w| w >= DISTINCTIVE_WEIGHT)
                        && weights.last().is_some_and(|&w| w >= DISTINCTIVE_WEIGHT)));
            n.min_total = if n.middle_ok {
                n.total - (1.0 - MIDDLE_FACTOR) * weights[1..weights.len() - 1].iter().sum::<f32>()
            } else {
                n.total
            };
        }
        for (id, v) in s.vocab.iter().enumerate() {
            let start: String = v.token.skel.chars().map(coarse).take(2).collect();
            s.start_len_blocks
                .entry((start, v.skel_len))
                .or_default()
                .push(u32::try_from(id).unwrap_or(u32::MAX));
        }
        for (id, v) in s.vocab.iter().enumerate() {
            for skel in std::iter::once(&v.token.skel).chain(v.token.alt.iter()) {
                if let Some(key) = compound_key(skel) {
                    let ids = s.compound_blocks.entry(key).or_default();
                    let id = u32::try_from(id).unwrap_or(u32::MAX);
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        // Adjacent token pairs of every name, joined (see `JoinedToken`).
        let mut joined_ids: HashMap<String, u32> = HashMap::new();
        for (ni, n) in s.names.iter().enumerate() {
            let ni = u32::try_from(ni).unwrap_or(u32::MAX);
            for w in n.tokens.windows(2) {
                let (Some(a), Some(b)) = (s.vocab.get(w[0] as usize), s.vocab.get(w[1] as usize))
                else {
                    continue;
                };
                let skel = format!("{}{}", a.token.skel, b.token.skel);
                let weight = a.weight + b.weight;
                let id = *joined_ids.entry(skel.clone()).or_insert_with(|| {
                    let id = u32::try_from(s.joined.len()).unwrap_or(u32::MAX);
                    for k in skeleton_block_keys(std::iter::once(&skel)) {
                        s.joined_blocks.entry(k).or_default().push(id);
                    }
                    s.joined.push(JoinedToken {
                        skel,
                        postings: Vec::new(),
                        weight: 0.0,
                    });
                    id
                });
                if let Some(j) = s.joined.get_mut(id as usize) {
                    if j.postings.last() != Some(&ni) {
                        j.postings.push(ni);
                    }
                    j.weight = j.weight.max(weight);
                }
            }
        }
        s
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// All indexed entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of indexed names (primary names and aliases).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Fresh working memory for [`Screener::screen_with`].
    pub fn scratch(&self) -> Scratch {
        Scratch {
            cache: HashMap::new(),
            joined_cache: HashMap::new(),
            acc: vec![0.0; self.names.len()],
            mask: vec![0; self.names.len()],
            touched: Vec::new(),
            merges: HashMap::new(),
        }
    }

    /// Screens one party.
    pub fn screen(&self, query: &Query) -> Vec<Hit> {
        self.screen_with(query, &mut self.scratch())
    }

    /// Screens many parties on `threads` threads; results are in input order. `progress` is
    /// called now and then with the number of parties done.
    pub fn screen_batch(
        &self,
        queries: &[Query],
        threads: usize,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Vec<Vec<Hit>> {
        let threads = threads.max(1);
        let chunk = queries.len().div_ceil(threads).max(1);
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut results: Vec<Vec<Vec<Hit>>> = Vec::new();
        std::thread::scope(|scope| {
            let handles: Vec<_> = queries
                .chunks(chunk)
                .map(|part| {
                    let done = &done;
                    scope.spawn(move || {
                        let mut scratch = self.scratch();
                        let mut out = Vec::with_capacity(part.len());
                        for (i, q) in part.iter().enumerate() {
                            out.push(self.screen_with(q, &mut scratch));
                            if (i + 1) % 1000 == 0 {
                                let total = done
                                    .fetch_add(1000, std::sync::atomic::Ordering::Relaxed)
                                    + 1000;
                                progress(total);
                            }
                        }
                        out
                    })
                })
                .collect();
            for h in handles {
                // A worker that panicked must not look like a party without hits.
                match h.join() {
                    Ok(r) => results.push(r),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        results.into_iter().flatten().collect()
    }

    fn query_tokens(&self, toks: Vec<Token>, scratch: &mut Scratch) -> Vec<QueryToken> {
        let mut seen = std::collections::HashSet::new();
        toks.into_iter()
            .filter(|t| {
                // A word that is the one before it with a preposition and article written on
                // (مختار بالمختار) may be a name of its own: see `normalize::joined_article`.
                let alt = t
                    .alt
                    .as_ref()
                    .filter(|_| normalize::joined_article(&t.surface))
                    .cloned();
                seen.insert((t.skel.clone(), t.vs.clone(), alt))
            })
            .map(|t| {
                let legal_form = normalize::is_legal_form(&t.surface)
                    || (t.script == Script::Arabic && orgwords::reads_as_legal_form(&t.surface));
                let generic = legal_form || normalize::is_generic_business_word(&t.surface);
                let key = token_key(&t, generic);
                let matches = match scratch.cache.get(&key) {
                    Some(m) => Arc::clone(m),
                    None => {
                        let mut found: Vec<(u32, f32)> = Vec::new();
                        let mut seen: Vec<u32> = Vec::new();
                        for k in block_keys(&t) {
                            for &id in self.blocks.get(&k).map(Vec::as_slice).unwrap_or_default() {
                                seen.push(id);
                            }
                        }
                        seen.sort_unstable();
                        seen.dedup();
                        for id in seen {
                            if let Some(v) = self.vocab.get(id as usize) {
                                let s = token_similarity(&t, &v.token);
                                if s >= self.config.token_floor {
                                    found.push((id, s));
                                }
                            }
                        }
                        let m = Arc::new(found);
                        if scratch.cache.len() > 200_000 {
                            scratch.cache.clear();
                        }
                        scratch.cache.insert(key.clone(), Arc::clone(&m));
                        m
                    }
                };
                let joined = match scratch.joined_cache.get(&t.skel) {
                    Some(j) => Arc::clone(j),
                    None => {
                        let mut found: Vec<u32> = Vec::new();
                        for k in skeleton_block_keys(std::iter::once(&t.skel)) {
                            for &id in self
                                .joined_blocks
                                .get(&k)
                                .map(Vec::as_slice)
                                .unwrap_or_default()
                            {
                                if let Some(j) = self.joined.get(id as usize)
                                    && joined_sim(&j.skel, &t.skel) >= JOINED_VOTE_AT
                                {
                                    found.push(id);
                                }
                            }
                        }
                        found.sort_unstable();
                        found.dedup();
                        let j = Arc::new(found);
                        if scratch.joined_cache.len() > 200_000 {
                            scratch.joined_cache.clear();
                        }
                        scratch.joined_cache.insert(t.skel.clone(), Arc::clone(&j));
                        j
                    }
                };
                // A body's word carries its English reading on the lists
                // (`normalize::entity_tokens`): the query's word is that word too.
                let exact = self
                    .vocab_ids
                    .get(&key)
                    .or_else(|| {
                        normalize::with_english_reading(&t)
                            .and_then(|e| self.vocab_ids.get(&token_key(&e, generic)))
                    })
                    .and_then(|&id| self.vocab.get(id as usize));
                let weight = match exact {
                    Some(v) => v.weight,
                    None => prior_weight(&t, generic),
                };
                QueryToken {
                    legal_form,
                    descriptive: !generic && orgwords::is_descriptive(&t.surface),
                    org_kind: orgwords::is_organisation_kind(&t.surface),
                    token: t,
                    weight,
                    generic,
                    matches,
                    joined,
                }
            })
            .collect()
    }

    /// Other readings of a query's text worth screening besides the text as written: the
    /// organisation-name vocabulary translated ([`orgwords::translated_reading`]); and, in the
    /// text as written and in its translation, two words joined into one when the second has at
    /// most two consonants (`ولی جان` = `Walijan`, `صدیق مل` = `Siddiqmal`, `القا عدة` =
    /// `القاعدة`), when a listed token has the joined skeleton (the joined word must match a
    /// listed token at 0.95 or more unless both are such short Arabic-script words, see
    /// [`Reading::strict`]); and an Arabic-script word without a close match split
    /// after a non-joining letter (ا د ذ ر ز ژ و), where a missing space does not show
    /// (`ظاهرعويس` = `ظاهر عويس`).
    fn readings(&self, name: &str, scratch: &mut Scratch) -> Vec<Reading> {
        let mut out: Vec<Reading> = Vec::new();
        let mut bases = vec![normalize::normalize(name)];
        // A word whose parts a ZWNJ joins is two name parts as written; Latin may write it as
        // one (Hajinia, Leilabadi): that reading too.
        if bases[0].contains('\u{200C}') {
            let text = bases[0].replace('\u{200C}', "");
            let tokens = normalize::tokens(&text);
            if !tokens.is_empty() {
                out.push(Reading {
                    kind: ReadingKind::Unsplit,
                    text,
                    sources: Vec::new(),
                    tokens,
                    strict: None,
                });
            }
        }
        if let Some(tokens) = normalize::tokens_with_late_titles(&bases[0]) {
            out.push(Reading {
                kind: ReadingKind::TitleAsSurname,
                text: bases[0].clone(),
                sources: Vec::new(),
                tokens,
                strict: None,
            });
        }
        let mut sources = Vec::new();
        if let Some((t, src)) = orgwords::translated_reading_with_sources(name) {
            let (t, src) = self.listed_letter_readings(t, src);
            let tokens = normalize::tokens(&t);
            sources = src;
            if !tokens.is_empty() {
                out.push(Reading {
                    kind: ReadingKind::Translated,
                    text: t.clone(),
                    sources: sources.clone(),
                    tokens,
                    strict: None,
                });
            }
            bases.push(t);
        }
        let single = |w: &str| -> Option<Token> {
            let mut t = normalize::tokens(w);
            (t.len() == 1).then(|| t.pop()).flatten()
        };
        for (bi, base) in bases.iter().enumerate() {
            let words: Vec<&str> = base.split(' ').filter(|w| !w.is_empty()).collect();
            // Joined: a word and a following word of at most two consonants, or a word of one
            // consonant and a following word of three (the syllables of a Chinese given name
            // written apart: شوئه چینگ, XUEQING; round 23).
            for i in 0..words.len().saturating_sub(1) {
                if out.len() >= MAX_READINGS {
                    break;
                }
                let Some(b) = single(words[i + 1]) else {
                    continue;
                };
                let short = |t: &Token| t.skel.chars().count() <= 2;
                match single(words[i]) {
                    Some(a) => {
                        let syllables = a.skel.chars().count() <= 1 && b.skel.chars().count() <= 3;
                        if a.script != b.script
                            || a.script == Script::Other
                            || !(short(&b) || syllables)
                        {
                            continue;
                        }
                    }
                    // A particle the tokens drop, written apart from the name it begins (ولد
                    // زاغرد, Valadzaghard).
                    None => {
                        let particle = b.script == Script::Arabic
                            && words[i].chars().count() >= 2
                            && normalize::tokens(words[i]).is_empty();
                        if !particle {
                            continue;
                        }
                    }
                }
                let joined = format!("{}{}", words[i], words[i + 1]);
                let Some(jt) = single(&joined) else {
                    continue;
                };
                // Only worth a reading when a listed token has the joined consonant skeleton (in
                // blocking classes).
                let listed = |k: &String| self.skeletons.contains(&coarse_skeleton(k));
                if !listed(&jt.skel) && !jt.alt.as_ref().is_some_and(listed) {
                    continue;
                }
                let text = replace_words(&words, i, &joined, 2);
                let tokens = normalize::tokens(&text);
                if !tokens.is_empty() {
                    out.push(Reading {
                        kind: if bi == 0 {
                            ReadingKind::Joined
                        } else {
                            ReadingKind::TranslatedJoined
                        },
                        text,
                        sources: if bi == 0 { Vec::new() } else { sources.clone() },
                        tokens,
                        strict: Some(Strict {
                            surface: jt.surface,
                            least: STRICT,
                            like_length: false,
                        }),
                    });
                }
            }
            if bi > 0 {
                continue;
            }
            if bases.len() > 1 {
                self.compound_readings(&words, &mut out);
            }
            // Split: a long Arabic-script word without a close match (0.95) on its own.
            for (i, w) in words.iter().enumerate() {
                if out.len() >= MAX_READINGS {
                    break;
                }
                let chars: Vec<char> = w.chars().collect();
                if chars.len() < 7 || single(w).is_none_or(|t| t.script != Script::Arabic) {
                    continue;
                }
                let found = self
                    .query_tokens(normalize::tokens(w), scratch)
                    .iter()
                    .any(|q| q.matches.iter().any(|&(_, s)| s >= STRICT));
                if found {
                    continue;
                }
                for cut in 3..=chars.len() - 3 {
                    if out.len() >= MAX_READINGS {
                        break;
                    }
                    if !matches!(chars[cut - 1], 'ا' | 'د' | 'ذ' | 'ر' | 'ز' | 'ژ' | 'و') {
                        continue;
                    }
                    let left: String = chars[..cut].iter().collect();
                    let right: String = chars[cut..].iter().collect();
                    let text = replace_words(&words, i, &format!("{left} {right}"), 1);
                    let tokens = normalize::tokens(&text);
                    if !tokens.is_empty() {
                        out.push(Reading {
                            kind: ReadingKind::Split,
                            text,
                            sources: Vec::new(),
                            tokens,
                            strict: None,
                        });
                    }
                }
            }
        }
        out
    }

    /// A translated reading with each abbreviation spelt by ambiguous letter names (بي is B or
    /// P, جي G or J: [`normalize::letter_name_readings`]) read as the first of its readings
    /// that is a listed token, if one is (round 22).
    fn listed_letter_readings(
        &self,
        text: String,
        mut sources: Vec<(String, String)>,
    ) -> (String, Vec<(String, String)>) {
        let listed = |w: &str| {
            normalize::tokens(w).first().is_some_and(|t| {
                self.vocab_ids
                    .get(&token_key(t, false))
                    .and_then(|&id| self.vocab.get(id as usize))
                    .is_some_and(|v| v.token.surface == w)
            })
        };
        let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
        for (en, written) in &mut sources {
            // Most translated words are not letter names: that is asked first, as it is cheap.
            let readings = normalize::letter_name_readings(written);
            if readings.len() < 2 || listed(en) {
                continue;
            }
            let Some(found) = readings.into_iter().skip(1).find(|r| listed(r)) else {
                continue;
            };
            for w in words.iter_mut().filter(|w| *w == en) {
                w.clone_from(&found);
            }
            *en = found;
        }
        (words.join(" "), sources)
    }

    /// Readings of a body's name (one the vocabulary translates a word of) with the words of a
    /// compound joined (round 22): the lists write the Russian compounds of company names as
    /// one word (PROMELEKTROSERVIS, NEFTSERVICEHOLDING, GAZPROMNEFT), which Arabic script
    /// writes as two or three (`بروم إلكترو سيرفيس`, `غازبروم نفط`). Three or two adjacent
    /// Arabic-script words of two consonants or more each, joined, when a listed token has
    /// the joined word's sound at [`COMPOUND_AT`] or more (a joined skeleton of
    /// [`COMPOUND_MIN_SKELETON`] symbols at least); the reading's other words are translated.
    fn compound_readings(&self, words: &[&str], out: &mut Vec<Reading>) {
        // Which words may be part of a compound, each word asked once.
        let part: Vec<bool> = words
            .iter()
            .map(|w| match normalize::tokens(w).as_slice() {
                [t] => {
                    t.script == Script::Arabic
                        && t.skel.chars().count() >= 2
                        && !normalize::is_legal_form(&t.surface)
                        && !orgwords::reads_as_legal_form(&t.surface)
                }
                _ => false,
            })
            .collect();
        for span in [3, 2] {
            for i in 0..(words.len() + 1).saturating_sub(span) {
                if out.len() >= MAX_READINGS {
                    return;
                }
                if !part[i..i + span].iter().all(|&p| p) {
                    continue;
                }
                let joined = words[i..i + span].concat();
                let jt = normalize::tokens(&joined);
                let [jt] = jt.as_slice() else {
                    continue;
                };
                if jt.skel.chars().count() < COMPOUND_MIN_SKELETON {
                    continue;
                }
                if !self.compound_listed(jt) {
                    continue;
                }
                let text = replace_words(words, i, &joined, span);
                let (text, sources) = orgwords::translated_reading_with_sources(&text)
                    .unwrap_or_else(|| (text, Vec::new()));
                let tokens = normalize::tokens(&text);
                if !tokens.is_empty() {
                    out.push(Reading {
                        kind: ReadingKind::Compound,
                        text,
                        sources,
                        tokens,
                        strict: Some(Strict {
                            surface: jt.surface.clone(),
                            least: COMPOUND_AT,
                            like_length: true,
                        }),
                    });
                }
            }
        }
    }

    /// A listed token that a compound's joined word `jt` matches at [`COMPOUND_AT`] or more,
    /// about as long ([`about_as_long`]); looked up by the start and length of either
    /// skeleton ([`compound_key`]), as most queries try a few joins and find none.
    fn compound_listed(&self, jt: &Token) -> bool {
        std::iter::once(&jt.skel)
            .chain(jt.alt.iter())
            .filter_map(|skel| compound_key(skel))
            .flat_map(|(start, len)| {
                (len.saturating_sub(1)..=len + 1).map(move |l| (start.clone(), l))
            })
            .filter_map(|key| self.compound_blocks.get(&key))
            .flatten()
            .filter_map(|&id| self.vocab.get(id as usize))
            .any(|v| token_similarity(jt, &v.token) >= COMPOUND_AT)
    }

    /// Screens one party with caller-owned working memory (reuse it across parties).
    pub fn screen_with(&self, query: &Query, scratch: &mut Scratch) -> Vec<Hit> {
        if scratch.acc.len() != self.names.len() {
            *scratch = self.scratch();
        }
        let Some(parts) = alias_parts(&query.name).or_else(|| bracketed_parts(&query.name)) else {
            return self.screen_one(query, scratch);
        };
        // A query that gives two names of one party (`عبداللہ مجاہد عرف ابو عبداللہ`, or a
        // short name in brackets: `هلدینگ ... خاورمیانه (میدکو)`): each name is screened on
        // its own as well as the whole; each entry keeps its best hit.
        let mut hits = self.screen_one(query, scratch);
        for part in &parts {
            let one = Query {
                name: part.clone(),
                ..query.clone()
            };
            for mut h in self.screen_one(&one, scratch) {
                let same = hits.iter().position(|o| o.entry_index == h.entry_index);
                if same.is_some_and(|i| hits[i].score >= h.score) {
                    continue;
                }
                h.factors.push(alias_factor(part, parts.len()));
                match same {
                    Some(i) => hits[i] = h,
                    None => hits.push(h),
                }
            }
        }
        sort_hits(&mut hits);
        hits.truncate(self.config.max_hits);
        hits
    }

    /// [`Screener::screen_with`] for one name.
    fn screen_one(&self, query: &Query, scratch: &mut Scratch) -> Vec<Hit> {
        let qtoks = self.query_tokens(normalize::tokens(&query.name), scratch);
        if qtoks.is_empty() {
            return Vec::new();
        }
        let dob = query.dob.as_deref().and_then(parse_query_dob);
        let qcountry = query.country.as_deref().map(country::canonical);
        let mut best: HashMap<u32, Hit> = HashMap::new();
        let written = ReadingInfo {
            kind: ReadingKind::AsWritten,
            text: None,
            sources: &[],
        };
        self.collect_hits(
            &qtoks,
            dob,
            qcountry.as_deref(),
            &written,
            scratch,
            &mut best,
        );
        // A reading whose tokens are those of the query as written, or of an earlier reading,
        // is not screened again (`کریم‌زاده` read as one word splits into the same parts).
        let key = |toks: &[Token]| -> Vec<(String, String)> {
            toks.iter()
                .map(|t| (t.skel.clone(), t.vs.clone()))
                .collect()
        };
        let mut seen = vec![key(&qtoks
            .iter()
            .map(|q| q.token.clone())
            .collect::<Vec<_>>())];
        for reading in self.readings(&query.name, scratch) {
            let k = key(&reading.tokens);
            if reading.kind != ReadingKind::Translated
                && reading.kind != ReadingKind::TranslatedJoined
            {
                if seen.contains(&k) {
                    continue;
                }
                seen.push(k);
            }
            let info = ReadingInfo {
                kind: reading.kind,
                text: Some(reading.text.as_str()),
                sources: &reading.sources,
            };
            let mut qtoks = self.query_tokens(reading.tokens.clone(), scratch);
            // A translated word also keeps what the word as written matches (`نیرو` is "forces"
            // and the name Niru; `باتری` battery is written as the English word), and what its
            // other meanings match (`فيلق` legion is also corps and force): its matches are
            // those of the translation, of the original and of the other meanings, the better
            // of each.
            for q in qtoks.iter_mut() {
                let Some(original) = translated_from(&reading.sources, &q.token.surface) else {
                    continue;
                };
                // The word as written, and without the conjunction و the translation took off
                // it (وقلعي, "and Qalei", read as tin, is still the name Qalei).
                let mut written = normalize::tokens(original);
                if let Some(rest) = original.strip_prefix('و')
                    && rest.chars().count() >= 3
                {
                    written.extend(normalize::tokens(rest));
                }
                let written = self.query_tokens(written, scratch);
                let senses: Vec<Token> = orgwords::other_senses(original)
                    .into_iter()
                    .flat_map(normalize::tokens)
                    .collect();
                let senses = self.query_tokens(senses, scratch);
                if written.is_empty() && senses.is_empty() {
                    continue;
                }
                let mut best: HashMap<u32, f32> = q.matches.iter().copied().collect();
                let mut joined: Vec<u32> = q.joined.to_vec();
                // A match through another meaning counts a little less than one through the
                // first, so that where two query words could take one listed word, the word
                // whose first meaning it is takes it (سپاه is corps, and guards too; پاسداران
                // is guards).
                let own = written
                    .iter()
                    .map(|o| (o, 1.0))
                    .chain(senses.iter().map(|o| (o, OTHER_SENSE_FACTOR)));
                for (o, factor) in own {
                    // Another meaning is an English word: it counts only as that word (at
                    // `STRICT`), not as a name it sounds like (head is not Haddad).
                    let least = if factor < 1.0 { STRICT } else { 0.0 };
                    for &(id, sim) in o.matches.iter().filter(|m| m.1 >= least) {
                        let e = best.entry(id).or_insert(0.0);
                        *e = e.max(sim * factor);
                    }
                    joined.extend(o.joined.iter().copied());
                }
                let mut merged: Vec<(u32, f32)> = best.into_iter().collect();
                merged.sort_unstable_by_key(|m| m.0);
                joined.sort_unstable();
                joined.dedup();
                q.matches = Arc::new(merged);
                q.joined = Arc::new(joined);
            }
            if let Some(strict) = &reading.strict {
                let mut any = false;
                for q in qtoks
                    .iter_mut()
                    .filter(|q| q.token.surface == strict.surface)
                {
                    let close: Vec<(u32, f32)> = q
                        .matches
                        .iter()
                        .copied()
                        .filter(|&(id, s)| {
                            s >= strict.least
                                && (!strict.like_length
                                    || self
                                        .vocab
                                        .get(id as usize)
                                        .is_some_and(|v| about_as_long(&q.token, &v.token)))
                        })
                        .collect();
                    any |= !close.is_empty();
                    q.matches = Arc::new(close);
                }
                // Without a close match the joined word only loses what its parts matched.
                if !any {
                    continue;
                }
            }
            if !qtoks.is_empty() {
                self.collect_hits(&qtoks, dob, qcountry.as_deref(), &info, scratch, &mut best);
            }
        }
        let mut hits: Vec<Hit> = best.into_values().collect();
        if query.dob.is_some() && dob.is_none() {
            for h in &mut hits {
                h.factors.push(Factor {
                    effect: 0.0,
                    reason: format!(
                        "date of birth {:?} not understood (YYYY, YYYY-MM or YYYY-MM-DD): ignored",
                        query.dob.as_deref().unwrap_or_default()
                    ),
                });
            }
        }
        sort_hits(&mut hits);
        hits.truncate(self.config.max_hits);
        hits
    }

    /// Vocabulary tokens that two adjacent query words written together (their joined
    /// skeleton) match, as `score_name` pairs them: skeleton lengths within one symbol and a
    /// similarity at the token floor or more.
    fn joined_query_matches(&self, joined: &str, scratch: &mut Scratch) -> Arc<Vec<u32>> {
        let key = format!("+{joined}");
        if let Some(j) = scratch.joined_cache.get(&key) {
            return Arc::clone(j);
        }
        // Candidates: listed tokens that start like the joined skeleton (its first two letters'
        // blocking key) and are within one symbol of its length.
        let mut found: Vec<u32> = Vec::new();
        let len = joined.chars().count();
        let start: String = joined.chars().map(coarse).take(2).collect();
        for l in len.saturating_sub(1)..=len + 1 {
            for &id in self
                .start_len_blocks
                .get(&(start.clone(), l))
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if let Some(v) = self.vocab.get(id as usize)
                    && joined_sim(joined, &v.token.skel) >= JOINED_VOTE_AT
                {
                    found.push(id);
                }
            }
        }
        let j = Arc::new(found);
        if scratch.joined_cache.len() > 200_000 {
            scratch.joined_cache.clear();
        }
        scratch.joined_cache.insert(key, Arc::clone(&j));
        j
    }

    /// Scores the names that one reading of a query may match; keeps each entry's best hit.
    fn collect_hits(
        &self,
        qtoks: &[QueryToken],
        dob: Option<(i32, Option<Date>)>,
        qcountry: Option<&str>,
        reading: &ReadingInfo<'_>,
        scratch: &mut Scratch,
        best: &mut HashMap<u32, Hit>,
    ) {
        scratch.merges.clear();
        let siblings = reading.siblings(qtoks);
        // What leaving out the siblings of a matched translation can take from the query's
        // weight: each group of siblings but its heaviest.
        let sibling_slack: f32 = (0..qtoks.len())
            .filter(|&i| {
                siblings[i].is_some_and(|src| {
                    (0..qtoks.len()).any(|j| {
                        j != i
                            && siblings[j] == Some(src)
                            && (qtoks[j].weight, std::cmp::Reverse(j))
                                > (qtoks[i].weight, std::cmp::Reverse(i))
                    })
                })
            })
            .map(|i| qtoks[i].weight)
            .sum();
        let qtotal: f32 = qtoks.iter().map(|q| q.weight).sum();
        // The least the query's weight can count for (its middle tokens left out, see
        // `MIDDLE_FACTOR`), for the vote bound of names that allow it.
        let qtotal_min = match qtoks.len() {
            0..=2 => qtotal,
            n => {
                qtotal
                    - (1.0 - MIDDLE_FACTOR) * qtoks[1..n - 1].iter().map(|q| q.weight).sum::<f32>()
            }
        };
        // The least it can count for against an organisation (its descriptive words left out,
        // see `DESCRIPTIVE_FACTOR`), which needs one of the query's distinctive name tokens
        // (`named`) among those that matched the name.
        let named: u64 = qtoks
            .iter()
            .take(64)
            .enumerate()
            .filter(|(_, q)| !q.descriptive && q.weight >= DISTINCTIVE_WEIGHT)
            .fold(0, |bits, (i, _)| bits | (1u64 << i));
        let qtotal_described = qtotal
            - (1.0 - DESCRIPTIVE_FACTOR)
                * qtoks
                    .iter()
                    .filter(|q| q.descriptive)
                    .map(|q| q.weight)
                    .sum::<f32>();
        // Votes: weight of matched entry tokens per name, and which query tokens matched.
        // Matches of two words written as one count too (a query word and two adjacent listed
        // tokens; two adjacent query words and one listed token), so that a name these alone
        // can reach is scored (see `score_name`'s merges).
        let vote = |scratch: &mut Scratch, n: u32, weight: f32, bits: u64| {
            let n = n as usize;
            if scratch.acc[n] == 0.0 && scratch.mask[n] == 0 {
                scratch.touched.push(n as u32);
            }
            scratch.acc[n] += weight;
            scratch.mask[n] |= bits;
        };
        for (qi, q) in qtoks.iter().enumerate().take(64) {
            for &(vid, _) in q.matches.iter() {
                let Some(v) = self.vocab.get(vid as usize) else {
                    continue;
                };
                for &n in &v.postings {
                    vote(scratch, n, v.weight, 1u64 << qi);
                }
            }
            for &jid in q.joined.iter() {
                let Some(j) = self.joined.get(jid as usize) else {
                    continue;
                };
                for &n in &j.postings {
                    vote(scratch, n, j.weight, 1u64 << qi);
                }
            }
        }
        for qi in 0..qtoks.len().saturating_sub(1).min(63) {
            // As `merged_similarity` requires: parts of one consonant or more (a part of one
            // scores only at `STRICT`, but it may: قوه دان, Guodan; round 27).
            if qtoks[qi].token.skel.is_empty() || qtoks[qi + 1].token.skel.is_empty() {
                continue;
            }
            // The first word's alternative reading too: the listed token is found by its first
            // letters, and an Arabic-script word's initial alif may be only a prothetic vowel
            // (اسکای‌لاین, skyline: `ask` + `ln` scores close to `skln`, but starts elsewhere;
            // round 27).
            let second = &qtoks[qi + 1].token.skel;
            let firsts = std::iter::once(&qtoks[qi].token.skel).chain(
                qtoks[qi]
                    .token
                    .alt
                    .as_ref()
                    .filter(|a| a.chars().count() >= 2),
            );
            for first in firsts {
                let ids = self.joined_query_matches(&format!("{first}{second}"), scratch);
                for &vid in ids.iter() {
                    let Some(v) = self.vocab.get(vid as usize) else {
                        continue;
                    };
                    for &n in &v.postings {
                        vote(scratch, n, v.weight, (1u64 << qi) | (1u64 << (qi + 1)));
                    }
                }
            }
        }
        let max_bonus = self.config.dob_agrees + self.config.country_agrees;
        let bound = self.config.threshold - max_bonus - 0.10;
        let touched = std::mem::take(&mut scratch.touched);
        for &n in &touched {
            let ni = n as usize;
            let (acc, mask) = (scratch.acc[ni], scratch.mask[ni]);
            scratch.acc[ni] = 0.0;
            scratch.mask[ni] = 0;
            let Some(name) = self.names.get(ni) else {
                continue;
            };
            let qmatched: f32 = qtoks
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < 64 && mask & (1u64 << i) != 0)
                .map(|(_, q)| q.weight)
                .sum();
            let ub = if name.middle_ok {
                (qmatched + acc.min(name.total)) / (qtotal_min - sibling_slack + name.min_total)
            } else if name.organisation && mask & named != 0 {
                (qmatched + acc.min(name.total))
                    / (qtotal_described - sibling_slack + name.described_total)
            } else {
                (qmatched + acc.min(name.total)) / (qtotal - sibling_slack + name.total)
            };
            if ub < bound {
                continue;
            }
            let mut query = QueryWeights {
                total: qtotal,
                siblings: &siblings,
                merges: &mut scratch.merges,
            };
            if let Some(hit) = self.score_name(qtoks, &mut query, name, dob, qcountry, reading)
                && hit.score >= self.config.threshold
            {
                let e = name.entry;
                match best.get(&e) {
                    Some(h) if h.score >= hit.score => {}
                    _ => {
                        best.insert(e, hit);
                    }
                }
            }
        }
        scratch.touched = touched;
        scratch.touched.clear();
    }

    fn score_name(
        &self,
        qtoks: &[QueryToken],
        query: &mut QueryWeights<'_>,
        name: &IndexedName,
        dob: Option<(i32, Option<Date>)>,
        qcountry: Option<&str>,
        reading: &ReadingInfo<'_>,
    ) -> Option<Hit> {
        let (qtotal, siblings, merges) = (query.total, query.siblings, &mut *query.merges);
        let written = |surface: &str| reading.source(surface).map(str::to_string);
        let entry = self.entries.get(name.entry as usize)?;
        let ename = entry.names.get(name.name as usize)?;
        let etoks: Vec<&VocabToken> = name
            .tokens
            .iter()
            .filter_map(|&t| self.vocab.get(t as usize))
            .collect();
        // Candidate pairs: one token with one, and two adjacent tokens on one side written as
        // one on the other (`Agha Jani`/`Aghajani`, `حمیدرضا`/`Hamid Reza`). A merge competes
        // with the single pairs for the best assignment (round 13): a compound written as one
        // word pairs weakly with its first part alone (`حمیدرضا` with `Hamid` at 0.6), and that
        // weak pair must not keep the whole compound from pairing.
        let mut pairs: Vec<(f32, f32, usize, usize, Pairing)> = Vec::new();
        let mut distinct: Vec<(usize, usize)> = Vec::new();
        let mut qsettled = vec![false; qtoks.len()];
        let mut csettled = vec![false; etoks.len()];
        for (qi, q) in qtoks.iter().enumerate() {
            for (ci, &vid) in name.tokens.iter().enumerate() {
                if let Some(&(_, s)) = q.matches.iter().find(|(id, _)| *id == vid)
                    && let Some(v) = etoks.get(ci)
                {
                    let s = if distinct_names(q, s, v) {
                        distinct.push((qi, ci));
                        s * DISTINCT_FACTOR
                    } else {
                        s
                    };
                    pairs.push((s * (q.weight + v.weight), s, qi, ci, Pairing::One));
                    if s >= STRICT {
                        qsettled[qi] = true;
                        csettled[ci] = true;
                    }
                } else if q.legal_form
                    && let Some(v) = etoks.get(ci).filter(|v| v.legal_form)
                {
                    // Two legal forms are the same kind of word whatever the form (`شرکت`,
                    // company, and LTD), round 14.
                    let s = LEGAL_FORMS_AGREE;
                    pairs.push((s * (q.weight + v.weight), s, qi, ci, Pairing::One));
                } else if q.org_kind
                    && let Some(v) = etoks.get(ci).filter(|v| v.org_kind)
                {
                    // So are two words for the kind of body (مؤسسة, foundation, and
                    // ASSOCIATION), round 17.
                    let s = ORGANISATION_KINDS_AGREE;
                    pairs.push((s * (q.weight + v.weight), s, qi, ci, Pairing::One));
                }
            }
        }
        // A token that already pairs at STRICT with a single token is not part of a merge: that
        // saves the merges' cost on most names, and a merge with it would not outweigh it.
        for (qi, q) in qtoks.iter().enumerate() {
            if qsettled[qi] {
                continue;
            }
            for (ci, v) in etoks.iter().enumerate() {
                if csettled[ci] {
                    continue;
                }
                if let Some(next) = qtoks.get(qi + 1).filter(|_| !qsettled[qi + 1]) {
                    let s = *merges
                        .entry((Pairing::QueryTwo, qi, name.tokens[ci], 0))
                        .or_insert_with(|| merged_similarity(&q.token, &next.token, &v.token));
                    if s >= MERGE_FLOOR {
                        let value = s * (q.weight + next.weight + v.weight);
                        pairs.push((value, s, qi, ci, Pairing::QueryTwo));
                    }
                }
                if let Some(next) = etoks.get(ci + 1).filter(|_| !csettled[ci + 1]) {
                    let key = (Pairing::EntryTwo, qi, name.tokens[ci], name.tokens[ci + 1]);
                    let s = *merges
                        .entry(key)
                        .or_insert_with(|| merged_similarity(&v.token, &next.token, &q.token));
                    if s >= MERGE_FLOOR {
                        let value = s * (q.weight + v.weight + next.weight);
                        pairs.push((value, s, qi, ci, Pairing::EntryTwo));
                    }
                }
            }
        }
        pairs.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
                .then(a.4.cmp(&b.4))
        });
        let mut qused = vec![false; qtoks.len()];
        let mut cused = vec![false; etoks.len()];
        let mut numerator = 0.0;
        let mut matched: Vec<(usize, usize, f32)> = Vec::new();
        let mut merged: Vec<TokenMatch> = Vec::new();
        for (value, s, qi, ci, pairing) in pairs {
            let (q_last, c_last) = match pairing {
                Pairing::One => (qi, ci),
                Pairing::QueryTwo => (qi + 1, ci),
                Pairing::EntryTwo => (qi, ci + 1),
            };
            if qused[qi..=q_last].iter().any(|&u| u) || cused[ci..=c_last].iter().any(|&u| u) {
                continue;
            }
            qused[qi..=q_last].fill(true);
            cused[ci..=c_last].fill(true);
            numerator += value;
            match pairing {
                Pairing::One => matched.push((qi, ci, s)),
                Pairing::QueryTwo => merged.push(TokenMatch {
                    query: format!(
                        "{} {}",
                        qtoks[qi].token.surface,
                        qtoks[qi + 1].token.surface
                    ),
                    query_written: None,
                    entry: etoks[ci].token.surface.clone(),
                    similarity: s,
                    query_weight: qtoks[qi].weight + qtoks[qi + 1].weight,
                    entry_weight: etoks[ci].weight,
                }),
                Pairing::EntryTwo => merged.push(TokenMatch {
                    query: qtoks[qi].token.surface.clone(),
                    query_written: written(&qtoks[qi].token.surface),
                    entry: format!(
                        "{} {}",
                        etoks[ci].token.surface,
                        etoks[ci + 1].token.surface
                    ),
                    similarity: s,
                    query_weight: qtoks[qi].weight,
                    entry_weight: etoks[ci].weight + etoks[ci + 1].weight,
                }),
            }
        }
        if matched.is_empty() && merged.is_empty() {
            return None;
        }
        // A query that names a company (it holds a legal form or trade word, `Durrani Saffron
        // Industries`) is not a person: against an individual's name its unmatched company
        // words count in full, not at the little weight they have between two companies,
        // unless the company carries the person's whole name (every listed token matched at
        // `WHOLE_NAME_AT`: `Saadi Qadhafi Trading` is for a reviewer to see).
        let whole_name = etoks.len() >= 2
            && merged.is_empty()
            && matched.len() == etoks.len()
            && matched.iter().all(|&(_, _, s)| s >= WHOLE_NAME_AT);
        let company_tokens: Vec<&QueryToken> =
            if entry.kind == SubjectKind::Individual && !whole_name {
                qtoks
                    .iter()
                    .zip(&qused)
                    .filter(|(q, used)| q.generic && !**used)
                    .map(|(q, _)| q)
                    .collect()
            } else {
                Vec::new()
            };
        let company_words: Vec<&str> = company_tokens
            .iter()
            .map(|q| q.token.surface.as_str())
            .collect();
        let person_penalty: f32 = company_tokens.iter().map(|q| 1.0 - q.weight).sum();
        // Middle names left out (see `MIDDLE_FACTOR`).
        let (ql, cl) = (qtoks.len(), etoks.len());
        let ends_paired = |a: (usize, usize), b: (usize, usize)| {
            matched.iter().any(|&(q, c, _)| (q, c) == a)
                && matched.iter().any(|&(q, c, _)| (q, c) == b)
        };
        let middle =
            name.middle_ok && ql >= 2 && ql.max(cl) >= 3 && ends_paired((0, 0), (ql - 1, cl - 1));
        let mut middle_words: Vec<&str> = Vec::new();
        let mut middle_reduction = 0.0;
        if middle {
            for (q, _) in qtoks.iter().zip(&qused).filter(|(_, u)| !**u) {
                middle_words.push(&q.token.surface);
                middle_reduction += (1.0 - MIDDLE_FACTOR) * q.weight;
            }
            for (v, _) in etoks.iter().zip(&cused).filter(|(_, u)| !**u) {
                middle_words.push(&v.token.surface);
                middle_reduction += (1.0 - MIDDLE_FACTOR) * v.weight;
            }
        }
        // Words that only describe an organisation (see `DESCRIPTIVE_FACTOR`).
        let mut descriptive_words: Vec<&str> = Vec::new();
        let mut listed_descriptive: Vec<&str> = Vec::new();
        let mut descriptive_reduction = 0.0;
        let named_match = entry.kind != SubjectKind::Individual
            && matched.iter().any(|&(qi, _, s)| {
                !qtoks[qi].descriptive && qtoks[qi].weight >= DISTINCTIVE_WEIGHT && s >= STRICT
            });
        if named_match && etoks.iter().zip(&cused).all(|(v, used)| *used || v.generic) {
            for (q, _) in qtoks
                .iter()
                .zip(&qused)
                .filter(|(q, u)| !**u && q.descriptive)
            {
                descriptive_words.push(&q.token.surface);
                descriptive_reduction += (1.0 - DESCRIPTIVE_FACTOR) * q.weight;
            }
        }
        // The listed side's words only when a distinctive listed token matched too (`Crescent`
        // in a list of many Crescents names little).
        let listed_named = named_match
            && matched.iter().any(|&(qi, ci, s)| {
                !qtoks[qi].descriptive
                    && qtoks[qi].weight >= DISTINCTIVE_WEIGHT
                    && etoks[ci].weight >= DISTINCTIVE_WEIGHT
                    && s >= STRICT
            });
        if listed_named
            && qtoks
                .iter()
                .zip(&qused)
                .all(|(q, used)| *used || q.legal_form)
        {
            for (v, _) in etoks
                .iter()
                .zip(&cused)
                .filter(|(v, u)| !**u && v.descriptive)
            {
                listed_descriptive.push(&v.token.surface);
                descriptive_reduction += (1.0 - DESCRIPTIVE_FACTOR) * v.weight;
            }
        }
        // A query word translated by several English words (صرافی, money exchange) counts once:
        // when one of them matched, the others are left out.
        let mut sibling_words: Vec<&str> = Vec::new();
        let mut sibling_reduction = 0.0;
        for (qi, q) in qtoks.iter().enumerate() {
            let Some(src) = siblings[qi].filter(|_| !qused[qi]) else {
                continue;
            };
            if (0..qtoks.len()).any(|j| qused[j] && siblings[j] == Some(src)) {
                // What the descriptive-word or middle-name rule left of its weight.
                let s = q.token.surface.as_str();
                let left = if descriptive_words.contains(&s) {
                    DESCRIPTIVE_FACTOR
                } else if middle_words.contains(&s) {
                    MIDDLE_FACTOR
                } else {
                    1.0
                };
                sibling_words.push(s);
                sibling_reduction += left * q.weight;
            }
        }
        let name_score = (numerator
            / (qtotal + name.total + person_penalty
                - middle_reduction
                - descriptive_reduction
                - sibling_reduction))
            .clamp(0.0, 1.0);
        let mut factors = Vec::new();
        if !sibling_words.is_empty() {
            factors.push(Factor {
                effect: 0.0,
                reason: format!(
                    "{} left out: another English word of the same query word matched",
                    sibling_words.join(" ")
                ),
            });
        }
        if !descriptive_words.is_empty() {
            factors.push(Factor {
                effect: 0.0,
                reason: format!(
                    "the organisation's name matched; the query's words that describe it ({}) count x{DESCRIPTIVE_FACTOR}",
                    descriptive_words.join(" ")
                ),
            });
        }
        if !listed_descriptive.is_empty() {
            factors.push(Factor {
                effect: 0.0,
                reason: format!(
                    "the organisation's name matched; the listed words that describe it ({}) count x{DESCRIPTIVE_FACTOR}",
                    listed_descriptive.join(" ")
                ),
            });
        }
        if !middle_words.is_empty() {
            factors.push(Factor {
                effect: 0.0,
                reason: format!(
                    "first and last names agree; the middle names {} count x{MIDDLE_FACTOR}",
                    middle_words.join(" ")
                ),
            });
        }
        if !company_words.is_empty() {
            factors.push(Factor {
                effect: 0.0,
                reason: format!(
                    "the query names a company ({}), the entry a person: its company words count in full",
                    company_words.join(" ")
                ),
            });
        }
        if let Some((year, date)) = dob
            && !entry.dates_of_birth.is_empty()
        {
            let fits = entry.dates_of_birth.iter().find(|d| {
                let (a, b) = d.year_range();
                match (date, d.value) {
                    (Some(q), DobValue::Date { date: e }) if !d.approximate => q == e,
                    _ => (a..=b).contains(&year),
                }
            });
            match fits {
                Some(d) => factors.push(Factor {
                    effect: self.config.dob_agrees,
                    reason: format!(
                        "date of birth {} agrees with the entry's {d}",
                        query_dob_text(year, date)
                    ),
                }),
                None => factors.push(Factor {
                    effect: -self.config.dob_contradicts,
                    reason: format!(
                        "date of birth {} contradicts the entry's {}",
                        query_dob_text(year, date),
                        entry
                            .dates_of_birth
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
            }
        }
        if let Some(qc) = qcountry
            && let Some(ecs) = self.countries.get(name.entry as usize)
            && !ecs.is_empty()
        {
            let what = if entry.kind == SubjectKind::Individual {
                "nationality"
            } else {
                "address country"
            };
            if ecs.iter().any(|c| c == qc) {
                factors.push(Factor {
                    effect: self.config.country_agrees,
                    reason: format!("country {qc} is the entry's {what}"),
                });
            } else {
                factors.push(Factor {
                    effect: -self.config.country_contradicts,
                    reason: format!(
                        "country {qc} is not the entry's {what} ({})",
                        ecs.join(", ")
                    ),
                });
            }
        }
        for &(qi, ci, s) in &matched {
            if distinct.contains(&(qi, ci)) {
                factors.push(Factor {
                    effect: 0.0,
                    reason: format!(
                        "{} and {} read as two names: both are names of their own on the lists (similarity counted x{DISTINCT_FACTOR}: {:.2})",
                        qtoks[qi].token.surface, etoks[ci].token.surface, s
                    ),
                });
            }
        }
        let score = (name_score + factors.iter().map(|f| f.effect).sum::<f32>()).clamp(0.0, 1.0);
        let mut tokens: Vec<TokenMatch> = matched
            .iter()
            .map(|&(qi, ci, s)| TokenMatch {
                query: qtoks[qi].token.surface.clone(),
                query_written: written(&qtoks[qi].token.surface),
                entry: etoks[ci].token.surface.clone(),
                similarity: s,
                query_weight: qtoks[qi].weight,
                entry_weight: etoks[ci].weight,
            })
            .collect();
        tokens.extend(merged);
        let script_note = qtoks.iter().any(|q| q.token.script == Script::Arabic)
            && ename.kind != NameKind::OriginalScript;
        if script_note {
            factors.insert(
                0,
                Factor {
                    effect: 0.0,
                    reason: "compared across scripts on consonant skeletons".into(),
                },
            );
        }
        Some(Hit {
            list: entry.list.label(),
            reference: entry.reference.clone(),
            kind: entry.kind,
            programs: entry.programs.clone(),
            entry_name: entry.primary_name().to_string(),
            matched_name: ename.text.clone(),
            name_kind: ename.kind,
            strength: ename.strength,
            score,
            name_score,
            tokens,
            unmatched_query: qtoks
                .iter()
                .zip(&qused)
                .filter(|(_, u)| !**u)
                .map(|(q, _)| q.token.surface.clone())
                .collect(),
            unmatched_entry: etoks
                .iter()
                .zip(&cused)
                .filter(|(_, u)| !**u)
                .map(|(v, _)| v.token.surface.clone())
                .collect(),
            factors,
            reading: reading.kind,
            read_as: reading.text.map(str::to_string),
            entry_index: name.entry as usize,
        })
    }
}

/// Best first; ties by reference, so the order never depends on a hash map.
fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.reference.cmp(&b.reference))
    });
}

/// Words that join two names of one party in a record: `alias`, `a.k.a.`, Urdu and Persian
/// `عرف` (urf), Arabic `المعروف بـ`, `الملقب`, `المكنى`, `المدعو`, Persian `معروف به`.
static ALIAS_MARKERS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    [
        "alias",
        "aka",
        "urf",
        "عرف",
        "المعروف",
        "معروف",
        "الملقب",
        "ملقب",
        "المكنى",
        "المدعو",
        "المشهور",
    ]
    .iter()
    .map(|w| normalize::normalize(w))
    .collect()
});

/// The names of a query that gives several (see [`ALIAS_MARKERS`]), each as normalised text;
/// `None` when it gives one.
fn alias_parts(name: &str) -> Option<Vec<String>> {
    let norm = normalize::normalize(name);
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let marker = |i: usize| -> usize {
        if ALIAS_MARKERS.iter().any(|m| m == words[i]) {
            // The preposition after المعروف / معروف (بـ, به, باسم) belongs to the marker.
            let by = words
                .get(i + 1)
                .is_some_and(|w| matches!(*w, "ب" | "به" | "باسم"));
            1 + usize::from(by)
        } else if words[i..].starts_with(&["a", "k", "a"]) {
            3
        } else {
            0
        }
    };
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    let mut i = 0;
    while i < words.len() {
        match marker(i) {
            0 => {
                if let Some(last) = parts.last_mut() {
                    last.push(words[i]);
                }
                i += 1;
            }
            n => {
                parts.push(Vec::new());
                i += n;
            }
        }
    }
    parts.retain(|p| !p.is_empty());
    (parts.len() >= 2).then(|| parts.iter().map(|p| p.join(" ")).collect())
}

/// The names of a query that gives one in brackets (an acronym: `... خاورمیانه (میدکو)`): the
/// text outside the brackets and each bracketed text, normalised; `None` without a closed pair
/// of brackets, text outside them, or bracketed text other than a legal form (`(پرائیویٹ)
/// لمیٹڈ`, `(سهامی خاص)`, `(با مسئولیت محدود)` are part of the one name).
fn bracketed_parts(name: &str) -> Option<Vec<String>> {
    if !name.contains('(') {
        return None;
    }
    let mut outside = String::new();
    let mut inside: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    inside.push(String::new());
                    outside.push(' ');
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    outside.push(' ');
                }
            }
            _ if depth > 0 => inside.last_mut()?.push(c),
            _ => outside.push(c),
        }
    }
    let outside = normalize::normalize(&outside);
    let names_something = |t: &str| {
        orgwords::translated_reading(t)
            .as_deref()
            .unwrap_or(t)
            .split(' ')
            .any(|w| !normalize::is_legal_form(w))
    };
    let inside: Vec<String> = inside
        .iter()
        .map(|t| normalize::normalize(t))
        .filter(|t| !t.is_empty() && names_something(t))
        .collect();
    (depth == 0 && !outside.is_empty() && !inside.is_empty())
        .then(|| std::iter::once(outside).chain(inside).collect())
}

fn alias_factor(part: &str, names: usize) -> Factor {
    Factor {
        effect: 0.0,
        reason: format!(
            "the query gives {names} names of one party (alias, عرف, المعروف ..., or a name in brackets): this hit is for \"{part}\""
        ),
    }
}

/// An individual's name as OFAC writes it, `SURNAME, Given` (KHAMENEI, Mojtaba), in the order
/// of use (Mojtaba KHAMENEI), so that its first and last tokens are the ones the middle-name
/// rule pairs ([`MIDDLE_FACTOR`]); any other text as it is.
fn in_order_of_use(text: &str) -> std::borrow::Cow<'_, str> {
    match text.split_once(',') {
        Some((surname, given))
            if !given.contains(',') && !surname.trim().is_empty() && !given.trim().is_empty() =>
        {
            format!("{} {}", given.trim(), surname.trim()).into()
        }
        _ => text.into(),
    }
}

/// The text with its parenthesised parts removed, when it has any and something is left.
fn without_parentheses(text: &str) -> Option<String> {
    if !text.contains('(') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty() && out != text).then_some(out)
}

fn query_dob_text(year: i32, date: Option<Date>) -> String {
    match date {
        Some(d) => d.to_string(),
        None => format!("{year:04}"),
    }
}

impl Hit {
    /// One-paragraph human explanation.
    pub fn explain(&self) -> String {
        let pairs: Vec<String> = self
            .tokens
            .iter()
            .map(|t| {
                let q = match &t.query_written {
                    Some(w) => format!("{} [{w}]", t.query),
                    None => t.query.clone(),
                };
                format!(
                    "{q}≈{} ({:.2}, weights {:.2}/{:.2})",
                    t.entry, t.similarity, t.query_weight, t.entry_weight
                )
            })
            .collect();
        let mut s = format!(
            "{} {} [{}] score {:.3} (name {:.3}): matched {} \"{}\"{} of \"{}\"; tokens {}",
            self.list,
            self.reference,
            self.programs.join(", "),
            self.score,
            self.name_score,
            self.name_kind.label(),
            self.matched_name,
            if self.strength == Strength::Weak {
                " (weak alias)"
            } else {
                ""
            },
            self.entry_name,
            pairs.join(", ")
        );
        if let Some(text) = &self.read_as {
            s.push_str(&format!(
                "; query read {}: \"{text}\"",
                self.reading.label()
            ));
        }
        if !self.unmatched_query.is_empty() {
            s.push_str(&format!(
                "; unmatched in query: {}",
                self.unmatched_query.join(" ")
            ));
        }
        if !self.unmatched_entry.is_empty() {
            s.push_str(&format!(
                "; unmatched in entry: {}",
                self.unmatched_entry.join(" ")
            ));
        }
        for f in &self.factors {
            if f.effect == 0.0 {
                s.push_str(&format!("; {}", f.reason));
            } else {
                s.push_str(&format!("; {:+.2} {}", f.effect, f.reason));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str) -> Token {
        let mut t = normalize::tokens(s);
        assert_eq!(t.len(), 1, "{s}");
        t.remove(0)
    }

    /// Round 13: a part of one consonant symbol joins only at STRICT, as a whole and part by
    /// part; parts of two consonants or more at MERGE_FLOOR.
    #[test]
    fn a_part_of_one_consonant_merges_only_at_strict() {
        let merged = |a: &str, b: &str, one: &str| merged_similarity(&tok(a), &tok(b), &tok(one));
        assert!(merged("Ya", "Mahdi", "یامهدی") >= STRICT);
        assert!(merged("Ali", "Raza", "علیرضا") >= STRICT);
        // رواحمد is no name: `Rawi` (r) and `Ahmad` joined are r-hmd, 0.89 of it.
        let (a, b, one) = (tok("Rawi"), tok("Ahmad"), tok("رواحمد"));
        let of = merged_similarity_of(&a, &b, &one);
        assert!((MERGE_FLOOR..STRICT).contains(&of), "{of}");
        assert_eq!(merged_similarity(&a, &b, &one), 0.0);
        // Skeletons more than one symbol apart in length never merge (a-l-r-z and a-l).
        assert_eq!(merged("Ali", "Raza", "علی"), 0.0);
    }
}
