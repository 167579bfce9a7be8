//! Normalisation: letter variants, marks, tatweel, joiners; idempotence (property test).

use proptest::prelude::*;
use screening::normalize::{normalize, tokens};

#[test]
fn folds_arabic_persian_and_urdu_letter_variants() {
    let skel = |s: &str| tokens(s).into_iter().map(|t| t.skel).collect::<Vec<_>>();
    // Persian yeh/kaf vs Arabic yeh/kaf; alef maksura; Urdu heh goal and do-chashmi heh; teh marbuta.
    assert_eq!(normalize("علی"), normalize("علي"));
    assert_eq!(normalize("کبیر"), normalize("كبير"));
    assert_eq!(normalize("مصطفى"), normalize("مصطفي"));
    assert_eq!(normalize("شاہد"), normalize("شاهد"));
    assert_eq!(normalize("بھٹی"), normalize("بهٹي"));
    // Urdu aspirates: do-chashmi he after ک گ پ ت ٹ د ڈ is kept and read as the Latin digraph
    // (لکھوی = Lakhvi, not l-k-h-v), after other letters folded like ه.
    assert_ne!(normalize("لکھوی"), normalize("لکهوی"));
    assert_eq!(skel("لکھوی"), skel("Lakhvi"));
    assert_eq!(skel("پھول"), skel("Phool"));
    assert_eq!(skel("ڈھاکہ"), skel("Dhaka"));
    assert_eq!(normalize("المھاجرین"), normalize("المهاجرین"));
    assert_eq!(normalize("فاطمة"), normalize("فاطمه"));
    // Hamza forms on alef, waw and yeh; madda.
    assert_eq!(normalize("أحمد"), normalize("احمد"));
    assert_eq!(normalize("إبراهيم"), normalize("ابراهيم"));
    assert_eq!(normalize("آصف"), normalize("اصف"));
    // Harakat, tatweel, ZWJ; a ZWNJ separates two words except before a suffix.
    assert_eq!(normalize("مُحَمَّد"), normalize("محمد"));
    assert_eq!(normalize("محـــمد"), normalize("محمد"));
    assert_eq!(normalize("کریم\u{200c}\u{200c}زاده"), "كريم\u{200c}زاده");
    assert_eq!(normalize("هسته\u{200c}ای"), normalize("هستهای"));
    assert_eq!(normalize("موشک\u{200c}های کروز"), normalize("موشکهای کروز"));
    assert_eq!(normalize("\u{200c}علی\u{200c} \u{200c}"), normalize("علی"));
    let skel = |s: &str| tokens(s).into_iter().map(|t| t.skel).collect::<Vec<_>>();
    assert_eq!(skel("علی\u{200c}اکبر"), skel("علی اکبر"));
    assert_eq!(skel("کریم\u{200c}زاده"), skel("Karimzadeh"));
    // A ZWNJ part is a name part, not an honorific: حاجی‌نیا is one name (Hajinia).
    assert_eq!(tokens("حاجی\u{200c}نیا").len(), 2);
    assert_eq!(tokens("حاجی نیا").len(), 1);
    assert_eq!(normalize("علی\u{200d}"), normalize("علی"));
    // Persian and Arabic-Indic digits; Latin accents, case, punctuation.
    assert_eq!(normalize("۱۲۳ ٤٥٦"), "123 456");
    assert_eq!(normalize("  José  MÜLLER-Ötzi "), "jose muller otzi");
    assert_eq!(normalize("Sa'id `Abd-al-Rahman"), "said abd al rahman");
}

#[test]
fn drops_honorifics_particles_and_splits_compounds_alike_in_both_scripts() {
    let skel = |s: &str| tokens(s).into_iter().map(|t| t.skel).collect::<Vec<_>>();
    assert_eq!(skel("Haji Mullah Abdul Kabir"), skel("عبد الکبیر"));
    assert_eq!(skel("Abdulkabir"), skel("عبدالکبیر"));
    assert_eq!(skel("Nasrullah"), skel("نصرالله"));
    assert_eq!(skel("Nasr Ullah"), skel("نصر الله"));
    assert_eq!(
        skel("Mr. Muhammad bin Ali s/o Ahmed"),
        skel("Mohammed Ali Ahmad")
    );
    assert_eq!(skel("Mati ur-Rehman"), skel("مطیع الرحمن"));
    assert_eq!(skel("Karimzadeh"), skel("کریم‌زاده"));
    assert!(tokens("Sheikh Sayed Dr.").is_empty());
    // Pashto letters fold to their Arabic/Persian neighbours: ځ ز, ډ د, ړ ر, ښ ش, ګ گ, ڼ ن.
    assert_eq!(normalize("ځدران"), normalize("زدران"));
    assert_eq!(normalize("ډېر ړ ښ ګ ڼ"), normalize("دير ر ش گ ن"));
    // Sun-letter assimilation: Essabar / Abderrahmane are al-Sabbar / Abd al-Rahman.
    let alts = |s: &str| {
        tokens(s)
            .into_iter()
            .flat_map(|t| std::iter::once(t.skel).chain(t.alt))
            .collect::<Vec<_>>()
    };
    assert!(alts("Essabar").contains(&skel("صبار")[0]));
    assert_eq!(skel("Abderrahmane"), skel("عبد الرحمن"));
    // Cyrillic дж is j; Russian spellings of Arabic particles are particles.
    assert_eq!(skel("Джихад"), skel("Jikhad"));
    assert_eq!(skel("валь-Джихад"), skel("Джихад"));
}

proptest! {
    #[test]
    fn normalisation_is_idempotent(s in "\\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalisation_is_idempotent_on_arabic_script(s in "[\u{0600}-\u{06FF}\u{200C}\u{200D} a-zA-Z'-]{0,30}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }
}

fn surfaces(text: &str) -> Vec<String> {
    tokens(text).into_iter().map(|t| t.surface).collect()
}

/// Round 4: dotted Arabic legal forms read as one word; Latin initials are left alone.
#[test]
fn dotted_arabic_abbreviations_are_one_word() {
    assert_eq!(normalize("جمال ترست بنك ش.م.ل"), "جمال ترست بنك شمل");
    assert_eq!(normalize("محروس للتجارة م.م.ح"), "محروس للتجاره ممح");
    // The conjunction و is never part of a run.
    assert_eq!(normalize("ب و ل"), "ب و ل");
    // Latin initials stay apart (A.Q. Khan is not "aq").
    assert_eq!(normalize("A.Q. Khan"), "a q khan");
}

/// Round 4: a rank at the start of a name is dropped when two words or more are left; the
/// Urdu label کالعدم and the Pashto particle د are dropped anywhere.
#[test]
fn leading_ranks_and_labels_are_dropped() {
    assert_eq!(
        surfaces("العماد فهد جاسم الفريج"),
        ["فهد", "جاسم", "الفريج"]
    );
    assert_eq!(
        surfaces("الفريق أول عوض محمد"),
        surfaces("عوض محمد"),
        "a two-word rank"
    );
    assert_eq!(surfaces("سردار اسماعیل قاآنی"), surfaces("اسماعیل قاآنی"));
    // One word would be left: the rank may be the name (Sardar Khan).
    assert_eq!(surfaces("سردار خان").len(), 2);
    // Only at the start, and the Arabic ranks only with the article (عماد is a name).
    assert_eq!(surfaces("عماد فهد جاسم").len(), 3);
    assert_eq!(surfaces("فهد العماد جاسم").len(), 3);
    assert_eq!(surfaces("کالعدم حزب المجاہدین"), surfaces("حزب المجاہدین"));
    assert_eq!(surfaces("د کمانډر نذیر"), surfaces("کمانډر نذیر"));
}

/// Round 4: words of several meanings, the Persian ezafe and the Pashto oblique ending.
#[test]
fn vocabulary_senses_and_endings() {
    use screening::orgwords::{is_descriptive, other_senses, translated_reading};
    assert_eq!(other_senses("فيلق"), ["corps", "force"]);
    assert_eq!(other_senses(&normalize("المؤسسة"))[0], "authority");
    assert!(other_senses(&normalize("احمد")).is_empty());
    // Round 7: the general vocabulary adds its senses after the hand-written first one.
    assert_eq!(
        other_senses(&normalize("مؤسسة")),
        [
            "authority",
            "institution",
            "organization",
            "establishment",
            "corporation",
            // round 22: the enterprise of a federal state unitary enterprise
            "enterprise",
            "institute"
        ]
    );
    assert_eq!(
        translated_reading("هوافضای سپاه").as_deref(),
        Some("aerospace corps")
    );
    assert_eq!(translated_reading("هوساینې").as_deref(), Some("welfare"));
    assert_eq!(translated_reading("ش.م.ل").as_deref(), Some("sal"));
    assert!(is_descriptive("charity") && is_descriptive("television"));
    assert!(!is_descriptive("syria") && !is_descriptive("ahmad"));
}

/// Round 5: dotted Latin legal forms are one word, initials stay apart; the Arabic dotted forms
/// of Bahrain and the Gulf LLC translate; titles and the blessings after holy names are dropped;
/// a folded English word keeps its own skeleton as the alternative reading.
#[test]
fn round5_legal_forms_titles_and_folded_words() {
    use screening::orgwords::translated_reading;
    assert_eq!(
        surfaces("ADOON GENERAL TRADING L.L.C."),
        ["adoon", "trading", "llc"]
    );
    assert_eq!(
        surfaces("FUTURE BANK B.S.C.").last().map(String::as_str),
        Some("bsc")
    );
    assert_eq!(surfaces("A. B. KHAN"), ["a", "b", "khan"]);
    assert_eq!(translated_reading("ش.ذ.م.م").as_deref(), Some("llc"));
    assert_eq!(translated_reading("ش.م.ب").as_deref(), Some("bsc"));
    assert_eq!(surfaces("امام حسین (ع)"), surfaces("امام حسین"));
    assert_eq!(surfaces("محمد (ص)"), surfaces("محمد"));
    assert_eq!(surfaces("الدكتور صلاح الطبيقي"), surfaces("صلاح الطبيقي"));
    assert_eq!(surfaces("ALAWI, Alsayed"), ["alawi"]);
    let global = &tokens("GLOBAL")[0];
    assert_eq!(global.surface, "world");
    assert_eq!(
        global.alt.as_deref(),
        Some(tokens("غلوبال")[0].skel.as_str())
    );
}

/// Round 13: a word that begins with a preposition or conjunction and the article written on
/// (بال، وال، فال، كال، لل) may be a name of its own (بالمختار Belmokhtar); the bare article is
/// only the article.
#[test]
fn joined_article_is_not_the_bare_article() {
    use screening::normalize::{joined_article, normalize};
    assert!(joined_article(&normalize("بالمختار")));
    assert!(joined_article(&normalize("للتجارة")));
    assert!(!joined_article(&normalize("الحسن")), "the bare article");
    assert!(!joined_article(&normalize("لله")), "one letter after it");
    assert!(!joined_article(&normalize("مختار")));
}

/// Round 13: a Persian nisba of a place in a silent ه (مراغه‌ای) is read as the place too; a
/// short word (the base under four letters) is not.
#[test]
fn place_nisba_reads_the_place() {
    let nisba = tokens("مراغه‌ای");
    assert_eq!(nisba.len(), 1);
    assert_eq!(
        nisba[0].alt.as_deref(),
        Some(tokens("مراغه")[0].skel.as_str())
    );
    assert_eq!(tokens("کهای")[0].alt, None);
}
