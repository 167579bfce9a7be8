//! Name normalisation across scripts, and the Latin *skeleton* used to compare names written in
//! different scripts.
//!
//! Two layers:
//!
//! 1. [`normalize`] — text level, idempotent: compatibility decomposition (NFKD, which also
//!    unfolds Arabic presentation forms and splits hamza/madda off their carrier letters),
//!    lower case, removal of combining marks (Latin accents, Arabic harakat U+064B–U+065F,
//!    superscript alef), tatweel, ZWJ and directional marks; a ZWNJ is kept between the parts of
//!    a Persian word (علی‌اکبر, خاتم‌الانبیا, کریم‌زاده: [`tokens`] reads them as two name parts,
//!    which Latin writes as two words or one) and dropped before a Persian suffix (هسته‌ای,
//!    موشک‌های); the letter variants of Arabic,
//!    Persian and Urdu folded to one form (ي ى ی ے ې ۍ → ي; ك ک ڪ → ك; ه ہ ھ ە ۀ ة ۃ → ه;
//!    ٱ → ا), and the Pashto letters to their nearest Arabic/Persian ones (ځ → ز, څ → تس, ډ → د,
//!    ړ → ر, ږ → ژ, ښ → ش, ګ → گ, ڼ → ن, ټ → ت); Persian and Arabic-Indic digits to ASCII;
//!    apostrophes and ʿayn/hamza signs in Latin removed; every other non-alphanumeric character
//!    a space.
//! 2. [`tokens`] — name level: honorifics and titles dropped (Mr, Dr, Haji, Sheikh, Sayed,
//!    Mullah, Maulavi, Hafiz, Qari, Ch., Mian, ... and their Arabic-script forms), particles
//!    dropped (al-, el-, ul-, bin, ibn, bint, walad, wal, s/o, of, in, and, the ezafe -ye ...), `Mohammad`
//!    spellings made one, compounds split the same way in both scripts (`Abdul Kabir`/
//!    `عبد الکبیر`/`Abdulkabir` → `abd` + `kabir`; `Nasrullah`/`نصرالله` → `nasr` + `allah`;
//!    `-uddin`, `-eddine`, `-ur-rahman`, `-ul-haq`, Persian `-zadeh`, `-nejad`, `-pour`), and
//!    every token mapped to a consonant skeleton. Arabic script writes no short vowels, so vowels
//!    are dropped from Latin as well; a word-initial vowel (Latin a/e/i/o/u, Arabic ا/ع) is kept
//!    as `a`, word-initial و/w/v as `v` and ي/y as `y`; letters that Latin renders alike share
//!    one symbol (ق ك گ غ / q k g gh → `k`; س ص / s → `s`; ت ط / t → `t`; ذ ز ض ظ / z → `z`;
//!    خ/kh → `x`; ش/sh → `S`; چ/ch → `C`; ژ/zh → `Z`; ث and Latin th, which stands for ث in
//!    some romanisations and for ذ ظ in others, → `T`, close to `t`, `s` and `z`; English -tion
//!    and -sion → `S`); a final h (ه ة ح / -ah, -eh) is dropped from the consonant skeleton (a
//!    final ه of three letters or more keeps a symbol of its own, `H`, in the vowel-aware one:
//!    it may be the t of the construct state); repeated letters collapse. A Latin word that starts with a vowel and
//!    a doubled "sun letter" (`Essabar`, `Ettahir`) also gets the skeleton of the word after the
//!    assimilated article, as `Abd` + `errahmane` becomes `rahmane`; a final French -e after a
//!    consonant (`Alouche`, `Zidane`) is silent; a diphthong (`ay` before a consonant, `ai`,
//!    `au`: `Maychou`, `Khudaidad`) keeps one vowel symbol per letter, as Arabic script writes
//!    ي/و. Cyrillic is transliterated to Latin first (дж → j; валь, уль, эль are particles).

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Apostrophes and the Latin signs for ʿayn and hamza.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`'
            | '\u{00B4}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{02BB}'
            | '\u{02BC}'
            | '\u{02BD}'
            | '\u{02BE}'
            | '\u{02BF}'
            | '\u{2032}'
            | '\u{02B9}'
    )
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        // dropped: tatweel, zero-width and directional marks, soft hyphen, apostrophes, ʿ ʾ
        '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}' => {
            return None;
        }
        c if is_apostrophe(c) => return None,
        // yeh forms
        '\u{0649}' | '\u{06CC}' | '\u{06D2}' | '\u{06D0}' | '\u{06CD}' | '\u{064A}' => '\u{064A}',
        // Pashto letters to their nearest Arabic/Persian ones: ځ څ ډ ړ ږ ښ ګ ڼ ټ
        '\u{0681}' => '\u{0632}',
        '\u{0685}' => '\u{0633}',
        '\u{0689}' => '\u{062F}',
        '\u{0693}' => '\u{0631}',
        '\u{0696}' => '\u{0698}',
        '\u{069A}' => '\u{0634}',
        '\u{06AB}' => '\u{06AF}',
        '\u{06BC}' => '\u{0646}',
        '\u{067C}' => '\u{062A}',
        // kaf forms
        '\u{06A9}' | '\u{06AA}' | '\u{0643}' => '\u{0643}',
        // heh forms and teh marbuta
        '\u{06C1}' | '\u{06BE}' | '\u{06D5}' | '\u{06C0}' | '\u{0629}' | '\u{06C3}'
        | '\u{0647}' => '\u{0647}',
        // alef wasla
        '\u{0671}' => '\u{0627}',
        // digits
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (u32::from(c) - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (u32::from(c) - 0x06F0) as u8),
        // a few Latin letters without decompositions
        '\u{0131}' => 'i',
        '\u{00F8}' => 'o',
        '\u{0111}' => 'd',
        '\u{0142}' => 'l',
        _ => c,
    })
}

/// Consonants (as [`fold_char`] leaves them) whose aspirated form Latin writes as one digraph
/// symbol (کھ kh, گھ gh, پھ ph, تھ ٹھ th, دھ ڈھ dh). After the others (بھ bh, جھ jh, چھ chh,
/// and ھ typed for ه in Arabic text: المھاجرین) do-chashmi he is folded to ه like everywhere,
/// which gives the same consonant + h.
fn aspirable(c: char) -> bool {
    matches!(c, 'پ' | 'ت' | 'ٹ' | 'د' | 'ڈ' | 'ك' | 'گ')
}

/// Persian suffixes written after a zero-width non-joiner that belong to the word before it
/// (plural ها/های, the adjective and indefinite ای/ی, comparative تر/ترین, possessives): before
/// these the ZWNJ is dropped; elsewhere it separates two words (see [`pass`]).
const ZWNJ_SUFFIXES: &[&str] = &[
    "ها", "های", "هایی", "ای", "ی", "یی", "ایی", "تر", "ترین", "ام", "ات", "اش", "مان", "تان",
    "شان",
];

/// True when the letters from `i` up to the end of the word are one of [`ZWNJ_SUFFIXES`].
fn zwnj_suffix_at(chars: &[char], i: usize) -> bool {
    let end = chars[i..]
        .iter()
        .position(|&c| !(c.is_alphabetic() || is_combining_mark(c) || fold_char(c).is_none()))
        .map_or(chars.len(), |p| i + p);
    let fold = |cs: &mut dyn Iterator<Item = char>| -> String {
        cs.filter(|&c| !is_combining_mark(c) && c != '\u{200C}')
            .filter_map(fold_char)
            .collect()
    };
    let rest = fold(&mut chars[i..end].iter().copied());
    ZWNJ_SUFFIXES.iter().any(|s| fold(&mut s.chars()) == rest)
}

/// True when `out` ends in a letter name after a ZWNJ (اس‌ان before ‌ام, SNM; round 27): a
/// ZWNJ after it separates one more letter name, not a suffix such as the possessive ام.
fn in_letter_name_run(out: &str) -> bool {
    let mut parts = out.rsplit([' ', '\u{200C}']);
    let last = parts.next().unwrap_or_default();
    out.len() > last.len()
        && out[..out.len() - last.len()].ends_with('\u{200C}')
        && letter_name(last).is_some()
}

fn pass(text: &str) -> String {
    let lowered: String = text.nfkd().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lowered.len());
    let mut space = true;
    let chars: Vec<char> = lowered.nfkd().collect();
    let mut skip_s = false;
    for (i, &c) in chars.iter().enumerate() {
        if is_combining_mark(c) {
            continue;
        }
        // A zero-width non-joiner inside a Persian word separates its parts (علی‌اکبر = Ali
        // Akbar, خاتم‌الانبیا, کریم‌زاده), which Latin writes as two words or one: a word
        // boundary, unless a suffix of the word follows (هسته‌ای, موشک‌های).
        if c == '\u{200C}' {
            if !space
                && (!zwnj_suffix_at(&chars, i + 1) || in_letter_name_run(&out))
                && !out.ends_with('\u{200C}')
            {
                out.push('\u{200C}');
            }
            continue;
        }
        // Urdu do-chashmi he after a consonant marks aspiration: kept after the consonants
        // whose aspirate Latin writes as one symbol (see `aspirable`), so that the skeleton
        // reads کھ as kh, پھ as ph, تھ as th, ڈھ as dh.
        if c == '\u{06BE}' && out.chars().next_back().is_some_and(aspirable) {
            out.push(c);
            space = false;
            continue;
        }
        // The English possessive ('s after a word of three letters or more: EXECUTION OF
        // IMAM KHOMEINI'S ORDER) is left out, as the original script has no such ending.
        if is_apostrophe(c)
            && chars.get(i + 1) == Some(&'s')
            && !chars.get(i + 2).is_some_and(|n| n.is_alphanumeric())
            && out
                .chars()
                .rev()
                .take(3)
                .filter(char::is_ascii_alphabetic)
                .count()
                == 3
        {
            skip_s = true;
            continue;
        }
        if std::mem::take(&mut skip_s) {
            continue;
        }
        // The Pashto letter څ is ts, as Pashto writes the ts of a foreign name (څیویلیوا
        // TSIVILEVA; round 21): two letters, not the س of `fold_char`.
        if c == '\u{0685}' {
            out.push_str("تس");
            space = false;
            continue;
        }
        let Some(c) = fold_char(c) else { continue };
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    // A ZWNJ stays only between two letters or digits.
    if out.contains('\u{200C}') {
        let cs: Vec<char> = out.chars().collect();
        out = cs
            .iter()
            .enumerate()
            .filter(|&(i, &c)| {
                c != '\u{200C}'
                    || (i > 0
                        && cs[i - 1].is_alphanumeric()
                        && cs.get(i + 1).is_some_and(|n| n.is_alphanumeric()))
            })
            .map(|(_, &c)| c)
            .collect();
    }
    out
}

/// Text-level normalisation (see the module docs). Idempotent: `normalize(normalize(x)) ==
/// normalize(x)` (a property test checks it).
pub fn normalize(text: &str) -> String {
    let mut current = pass(text);
    for _ in 0..3 {
        let next = pass(&current);
        if next == current {
            break;
        }
        current = next;
    }
    join_latin_letters(join_letter_names(join_letters(current)))
}

/// The letter of a word of one letter.
fn single_letter(w: &str) -> Option<char> {
    let mut cs = w.chars();
    cs.next().filter(|_| cs.next().is_none())
}

/// A legal form written in Latin letters with dots between them (L.L.C., S.A.R.L., B.S.C.; since
/// round 21 S.A.P.I. DE C.V., S.A.S., S. DE R.L.) reads as one word of those letters (sapi, cv, sas, rl), as the legal
/// forms know it; `pass` has turned the dots into spaces. Only a run of single letters that
/// makes a legal form is joined: initials (A B Khan) stay apart.
fn join_latin_letters(text: String) -> String {
    join_single_letter_runs(
        text,
        |w| single_letter(w).is_some_and(|c| c.is_ascii_lowercase()),
        |run| Some(run.concat()).filter(|j| is_legal_form(j)),
    )
}

/// An abbreviation written with dots between Arabic-script letters (ش.م.ل, the Lebanese
/// S.A.L.; م.م.ح, free-zone establishment) reads as one word of those letters (شمل), as the
/// vocabulary knows it; `pass` has turned the dots into spaces. Only runs of two or more
/// single letters are joined, and never the conjunction و.
fn join_letters(text: String) -> String {
    join_single_letter_runs(
        text,
        |w| single_letter(w).is_some_and(|c| is_arabic(c) && c != 'و'),
        |run| Some(run.concat()),
    )
}

/// A Latin legal form spelt out in Arabic script by the names of its letters, as Urdu and
/// Persian write English abbreviations (ایل ایل سی LLC, پی ایل سی PLC, ایف زیڈ ای FZE), reads
/// as the Latin legal form. Only a run that makes a legal form is joined: ایل alone is also
/// oil (آئل), and جی, کے, سی are Urdu words. (Other abbreviations, ٹی وی TV, are read in the
/// translated reading: [`letter_names_at`].)
fn join_letter_names(text: String) -> String {
    join_single_letter_runs(
        text,
        |w| letter_name(w).is_some(),
        |run| {
            letter_name_readings(&run.join(" "))
                .into_iter()
                .find(|r| is_legal_form(r))
        },
    )
}

/// The Latin letter an Urdu or Persian letter name spells (ایف f, زیڈ z), for a word as
/// `pass` leaves it.
fn letter_name(word: &str) -> Option<&'static str> {
    static NAMES: LazyLock<std::collections::HashMap<String, &'static str>> = LazyLock::new(|| {
        [
            ("اے", "a"),
            ("بی", "b"),
            ("سی", "c"),
            ("ڈی", "d"),
            ("ای", "e"),
            ("ایف", "f"),
            ("جی", "g"),
            ("ایچ", "h"),
            ("آئی", "i"),
            ("جے", "j"),
            ("کے", "k"),
            ("ایل", "l"),
            ("ایم", "m"),
            ("این", "n"),
            ("او", "o"),
            ("پی", "p"),
            ("کیو", "q"),
            ("آر", "r"),
            ("ایس", "s"),
            ("ٹی", "t"),
            ("یو", "u"),
            ("وی", "v"),
            ("ڈبلیو", "w"),
            ("ایکس", "x"),
            ("وائی", "y"),
            ("زیڈ", "z"),
            // The Persian names that differ from the Urdu ones (round 14: ان پی سی, NPC); not
            // دی (d), which Urdu writes for the English the.
            ("ان", "n"),
            ("ام", "m"),
            ("اف", "f"),
            ("اس", "s"),
            ("اچ", "h"),
            ("تی", "t"),
            ("زد", "z"),
            // zed as Pashto writes it (زېډ; round 23: اف زېډ ای, FZE)
            ("زید", "z"),
            ("اکس", "x"),
            // The Arabic names where they differ (round 17: إم إس دي, MSD; دبليو سي بي, WCP);
            // دي (d) only inside a run, as Urdu writes it for the English the.
            ("إل", "l"),
            ("إيه", "a"),
            ("أيه", "a"),
            ("بي", "b"),
            ("سي", "c"),
            ("تي", "t"),
            ("في", "v"),
            ("إتش", "h"),
            ("آي", "i"),
            ("جيه", "j"),
            ("كيه", "k"),
            ("كيو", "q"),
            ("دبليو", "w"),
            ("واي", "y"),
        ]
        .iter()
        .map(|&(name, letter)| (pass(name), letter))
        .collect()
    });
    // The names are short Arabic-script words: most words are not looked up.
    if word.is_ascii() || word.len() > 12 {
        return None;
    }
    NAMES.get(word).copied()
}

/// True for a word that is the name of a Latin letter (دي included).
pub fn is_letter_name(word: &str) -> bool {
    letters_of(word).is_some()
}

/// دي, the Arabic name of D, which Urdu also writes for the English "the": a letter name only
/// inside a run ([`letter_names_at`]).
static DI: LazyLock<String> = LazyLock::new(|| pass("دي"));

/// An abbreviation spelt out by letter names at the start of `words` (normalised words:
/// ٹی وی, TV; پی آئی اے, PIA): the number of words and the Latin letters, for a run of two or
/// more.
pub fn letter_names_at(words: &[&str]) -> Option<(usize, String)> {
    let letters: Vec<&str> = words
        .iter()
        .map_while(|w| letter_name(w).or_else(|| (*w == DI.as_str()).then_some("d")))
        .collect();
    // دي (also the Urdu "the") opens a run only before two letter names or more (دي دبليو
    // سي DWC; round 21), or before one that Urdu writes otherwise, which makes it the Arabic
    // and Persian name of D (دی دبلیو کپیتال, DW CAPITAL; round 24).
    static NOT_URDU: LazyLock<Vec<String>> = LazyLock::new(|| {
        ["دبليو", "إتش", "إيه", "أيه", "جيه", "كيه", "زد", "اکس"]
            .iter()
            .map(|n| pass(n))
            .collect()
    });
    let least = match words {
        [first, next, ..] if *first == DI.as_str() && NOT_URDU.iter().any(|n| n == next) => 2,
        [first, ..] if *first == DI.as_str() => 3,
        _ => 2,
    };
    (letters.len() >= least).then(|| (letters.len(), letters.concat()))
}

/// The Latin letters a letter name may spell, the one it reads first first: Arabic has no p and
/// writes P with the name of B (بي), its name of G (جي) is that of J too (round 22), and اي
/// is I in Arabic and Urdu (آئی), E in Persian and Urdu (ای) and A in Pashto (اې; round 23).
/// `None` for a word that is not a letter name.
fn letters_of(word: &str) -> Option<Vec<&'static str>> {
    static BE: LazyLock<String> = LazyLock::new(|| pass("بي"));
    static GE: LazyLock<String> = LazyLock::new(|| pass("جي"));
    static AI: LazyLock<String> = LazyLock::new(|| pass("اي"));
    let first: &'static str = match letter_name(word) {
        Some(l) => l,
        None if word == DI.as_str() => "d",
        None => return None,
    };
    let mut out = vec![first];
    if word == BE.as_str() {
        out.push("p");
    } else if word == GE.as_str() {
        out.push(if first == "g" { "j" } else { "g" });
    } else if word == AI.as_str() {
        out.extend(["i", "e", "a"].into_iter().filter(|l| *l != first));
    }
    Some(out)
}

/// Every Latin abbreviation that a run of letter names (as [`letter_names_at`] reads it) may
/// spell ([`letters_of`]), the one it reads first first (round 22: جي بي بي GPB, جي بي JP). At
/// most [`LETTER_READINGS_MAX`] readings; empty when `written` is not a run of letter names.
pub fn letter_name_readings(written: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for w in written.split(' ').filter(|w| !w.is_empty()) {
        let Some(letters) = letters_of(w) else {
            return Vec::new();
        };
        let mut next = Vec::new();
        for prefix in &out {
            for letter in &letters {
                if next.len() < LETTER_READINGS_MAX {
                    next.push(format!("{prefix}{letter}"));
                }
            }
        }
        out = next;
    }
    out
}

/// A letter name standing alone (أتلانتس إم, ATLANTIS M; بي, B or P) may be its Latin letter: the
/// skeletons of the first letter it may spell ([`letters_of`]) that differ from the word's own,
/// as the alternative reading (round 23).
fn letter_alt(w: &str, own: &str) -> Option<(String, String)> {
    letters_of(w)?
        .into_iter()
        .map(latin_skeleton)
        .find(|(s, _)| !s.is_empty() && s != own)
}

/// The most readings [`letter_name_readings`] gives (three ambiguous letter names).
pub const LETTER_READINGS_MAX: usize = 8;

/// An abbreviation with a number (T1, IT1, 7TV; round 20) at the start of `words` (normalised
/// words), as Arabic script writes it apart: letter names (تي, آي تي) after a number in digits,
/// or followed by one in digits or said in English (وان one). The number of words and the Latin
/// word (`t1`), for one letter or more and a number.
pub fn letters_with_number_at(words: &[&str]) -> Option<(usize, String)> {
    static NUMBERS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
        [
            ("وان", "1"),
            ("ون", "1"),
            ("تو", "2"),
            ("ثري", "3"),
            ("تري", "3"),
            ("فور", "4"),
            ("فايف", "5"),
            ("سكس", "6"),
            ("سفن", "7"),
            ("ايت", "8"),
            ("ناين", "9"),
            ("تن", "10"),
        ]
        .iter()
        .map(|&(w, n)| (pass(w), n))
        .collect()
    });
    let digits = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let lead = words.first().filter(|w| digits(w)).copied();
    let from = usize::from(lead.is_some());
    let letters: Vec<&str> = words[from..].iter().map_while(|w| letter_name(w)).collect();
    if letters.is_empty() {
        return None;
    }
    let next = from + letters.len();
    let trail = words.get(next).and_then(|&w| {
        if digits(w) {
            Some(w)
        } else {
            NUMBERS.iter().find(|(n, _)| n == w).map(|&(_, d)| d)
        }
    });
    if lead.is_none() && trail.is_none() {
        return None;
    }
    let word = format!(
        "{}{}{}",
        lead.unwrap_or(""),
        letters.concat(),
        trail.unwrap_or("")
    );
    Some((next + usize::from(trail.is_some()), word))
}

/// Legal forms written out in words, in English and in the romanised Russian and Turkish of
/// the lists (round 18): each phrase is read as its abbreviation, one legal form, and company
/// when it names one, as Arabic and Persian writers translate it (شركة ... ذات المسؤولية
/// المحدودة, شرکت با مسئولیت محدود).
const LATIN_LEGAL_PHRASES: &[(&str, &str)] = &[
    ("limited liability company", "company llc"),
    ("limited liability partnership", "llp"),
    ("limited liability", "llc"),
    ("public joint stock company", "company pjsc"),
    ("open joint stock company", "company ojsc"),
    ("closed joint stock company", "company cjsc"),
    ("joint stock company", "company jsc"),
    ("joint stock", "jsc"),
    // ООО, ТОО, ПАО, ОАО, ЗАО, АО as the lists romanise them
    (
        "obshchestvo s ogranichennoi otvetstvennostyu",
        "company llc",
    ),
    (
        "obshchestvo s ogranichennoy otvetstvennostyu",
        "company llc",
    ),
    (
        "obshchestvo s ogranichennoi otvetstvennostiu",
        "company llc",
    ),
    (
        "tovarishchestvo s ogranichennoi otvetstvennostyu",
        "company llc",
    ),
    (
        "tovarishchestvo s ogranichennoy otvetstvennostyu",
        "company llc",
    ),
    ("publichnoe aktsionernoe obshchestvo", "company pjsc"),
    ("otkrytoe aktsionernoe obshchestvo", "company ojsc"),
    ("zakrytoe aktsionernoe obshchestvo", "company cjsc"),
    ("nepublichnoe aktsionernoe obshchestvo", "company jsc"),
    ("aktsionernoe obshchestvo", "company jsc"),
    // the Turkish limited şirketi and anonim şirketi
    ("limited sirketi", "company ltd"),
    // the Mexican S. DE R.L. (sociedad de responsabilidad limitada; round 23)
    ("s de rl", "srl"),
    ("anonim sirketi", "company jsc"),
    // the Romanian S.R.L. written out (round 27)
    ("societate cu raspundere limitata", "company llc"),
];

/// Reads the legal forms of [`LATIN_LEGAL_PHRASES`] as their abbreviations.
fn latin_legal_phrases(text: String) -> String {
    static PHRASES: LazyLock<Vec<(Vec<&'static str>, &'static str)>> = LazyLock::new(|| {
        LATIN_LEGAL_PHRASES
            .iter()
            .map(|&(p, abbr)| (p.split(' ').collect(), abbr))
            .collect()
    });
    // Most names hold no phrase's first word: checked without allocating.
    if !PHRASES.iter().any(|(p, _)| text.contains(p[0])) {
        return text;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut changed = false;
    let mut i = 0;
    while i < words.len() {
        let rest = &words[i..];
        match PHRASES.iter().find(|(p, _)| rest.starts_with(p)) {
            Some((p, abbr)) => {
                out.push(abbr);
                i += p.len();
                changed = true;
            }
            None => {
                out.push(words[i]);
                i += 1;
            }
        }
    }
    if changed { out.join(" ") } else { text }
}

/// Joins each run of two or more words that `is_letter` takes for letters into the one word
/// that `join` makes of the run, when it makes one.
fn join_single_letter_runs(
    text: String,
    is_letter: impl Fn(&str) -> bool,
    join: impl Fn(&[&str]) -> Option<String>,
) -> String {
    // Most names have no such run: checked without allocating.
    let mut prev_single = false;
    let run = text.split(' ').any(|w| {
        let this = is_letter(w);
        let pair = prev_single && this;
        prev_single = this;
        pair
    });
    if !run {
        return text;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let run = words[i..].iter().take_while(|w| is_letter(w)).count();
        if run >= 2
            && let Some(joined) = join(&words[i..i + run])
        {
            out.push(joined);
            i += run;
            continue;
        }
        out.push(words[i].to_string());
        i += 1;
    }
    out.join(" ")
}

/// Which script a token was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Latin,
    Arabic,
    Cyrillic,
    Other,
}

/// One comparable name token.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    /// The token as written (normalised), for explanations.
    pub surface: String,
    /// Consonant skeleton.
    pub skel: String,
    /// A second skeleton when the token is ambiguous (an Arabic-script word starting with ال
    /// that may be the article or part of the name, `alkabir` in Latin).
    pub alt: Option<String>,
    /// Light Latin phonetic form with vowels, for Latin-to-Latin comparison; `None` for
    /// Arabic-script tokens.
    pub latin: Option<String>,
    /// Vowel-aware skeleton: the skeleton's consonants with vowel symbols between them (digits
    /// `1`..`8`, see [`vowel_aware_similarity`]), compared by a weighted edit distance.
    pub vs: String,
    /// `vs` of `alt`.
    pub alt_vs: Option<String>,
    /// A second alternative reading of a Latin token, (skeleton, `vs`), when a word has two
    /// readings other than its own (round 24): a soft g and a tech read tek at once (GEOTECH
    /// جيوتك), the article left out and chem read kem (ALCHEMICAL آلکمیکال), the pinyin zh read
    /// ch and j (ZHI جی).
    pub alt2: Option<(String, String)>,
    pub script: Script,
}

impl Token {
    /// Every reading: (skeleton, vowel-aware skeleton), the token's own first.
    pub fn readings(&self) -> impl Iterator<Item = (&String, &String)> {
        std::iter::once((&self.skel, &self.vs))
            .chain(self.alt.iter().zip(self.alt_vs.iter()))
            .chain(self.alt2.as_ref().map(|(a, v)| (a, v)))
    }

    /// The skeleton of every reading, the token's own first.
    pub fn skeletons(&self) -> impl Iterator<Item = &String> {
        self.readings().map(|(s, _)| s)
    }

    /// Puts a reading (skeleton, `vs`) in the first free alternative slot, unless it is empty,
    /// one of the token's readings already, or no slot is free; true if it did.
    fn add_reading(&mut self, (a, v): (String, String)) -> bool {
        if a.is_empty() || self.readings().any(|(s, sv)| *s == a && *sv == v) {
            return false;
        }
        if self.alt.is_none() {
            self.alt = Some(a);
            self.alt_vs = Some(v);
        } else if self.alt2.is_none() {
            self.alt2 = Some((a, v));
        } else {
            return false;
        }
        true
    }
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

fn script_of(word: &str) -> Script {
    if word.chars().any(is_arabic) {
        Script::Arabic
    } else if word.chars().any(is_cyrillic) {
        Script::Cyrillic
    } else if word.chars().all(|c| c.is_ascii_alphanumeric()) {
        Script::Latin
    } else {
        Script::Other
    }
}

fn cyrillic_to_latin(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        // дж is the usual Russian spelling of j (Джихад = Jihad).
        if c == 'д' && chars.peek() == Some(&'ж') {
            chars.next();
            out.push('j');
            continue;
        }
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' => "",
            'ы' => "y",
            'ь' => "",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            'і' => "i",
            'ї' => "yi",
            'є' => "ye",
            'ґ' => "g",
            'ў' => "u",
            'қ' => "q",
            'ғ' => "gh",
            'ҳ' => "h",
            'ә' => "a",
            'ө' => "o",
            'ү' => "u",
            'ң' => "ng",
            'һ' => "h",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

/// Normalised forms of word lists written in any script.
fn folded(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| normalize(w)).collect()
}

static LATIN_DROP: LazyLock<Vec<String>> = LazyLock::new(|| {
    folded(&[
        // honorifics and titles
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "engr",
        "eng",
        "haji",
        "hajji",
        "hajj",
        "haj",
        "alhaj",
        "alhaji",
        "alhajj",
        "sheikh",
        "shaikh",
        "sheik",
        "shaykh",
        "shiekh",
        "sayed",
        "sayyed",
        "syed",
        "seyed",
        "seyyed",
        "seyyid",
        "seyid",
        "sayyid",
        "sayid",
        "sayyad",
        "mullah",
        "mulla",
        "molla",
        "mollah",
        "maulana",
        "moulana",
        "mawlana",
        "maulvi",
        "maulavi",
        "mawlawi",
        "mawlavi",
        "moulvi",
        "molvi",
        "hafiz",
        "hafez",
        "qari",
        "mufti",
        "ustad",
        "ustaz",
        "ch",
        "mian",
        "sahib",
        "sahab",
        "janab",
        "hojatoleslam",
        "ayatollah",
        "general",
        "gen",
        "col",
        "colonel",
        "brig",
        "maj",
        "capt",
        "lt",
        "sir",
        "mohtaram",
        // sayed with the article, as OFAC writes the title (MURTADHA ... ALAWI, Alsayed)
        "alsayed",
        "alsayyed",
        "alsayyid",
        // particles
        "al",
        "el",
        "ul",
        "ur",
        "us",
        "ud",
        "ad",
        "ar",
        "as",
        "an",
        "at",
        "az",
        "ibn",
        "bin",
        "ben",
        "bint",
        "binti",
        "walad",
        "ould",
        "wuld",
        "o",
        "of",
        "the",
        "and",
        "for",
        "in",
        "de",
        "e",
        "i",
        "y",
        "va",
        // the Turkish and (SANAYI VE TICARET), round 18
        "ve",
        // with (INSTITUTE PLATAN WITH PLANT, معهد بلاتان مع المصنع; round 28)
        "with",
        "wa",
        "wal",
        // the Persian ezafe as romanisations write it after a vowel (Kala-ye Electric)
        "ye",
    ])
});

static ARABIC_DROP: LazyLock<Vec<String>> = LazyLock::new(|| {
    folded(&[
        "حاجی",
        "حاجي",
        "حاج",
        "حجي",
        "الحاج",
        "شیخ",
        "الشیخ",
        "سید",
        "سيد",
        "السيد",
        "ملا",
        "مولوی",
        "مولوي",
        "مولانا",
        "حافظ",
        "قاری",
        "مفتی",
        "استاد",
        "آقای",
        "جناب",
        "دکتر",
        "ڈاکٹر",
        "دكتور",
        "الدكتور",
        "الدكتوره",
        // the blessings written after a holy name, abbreviated: (ع) عليه السلام, (ص), (ره),
        // (رح), (عج)
        "ع",
        "ص",
        "ره",
        "رح",
        "عج",
        "مهندس",
        "صاحب",
        "میاں",
        "بن",
        "ابن",
        "بنت",
        "ولد",
        "و",
        "ال",
        // the Pashto particle of (د کمانډر نذیر ډله, Commander Nazir's group)
        "د",
        // the Urdu label of a proscribed group (کالعدم, "banned"), written before its name
        "کالعدم",
        // the Persian and Urdu "for" (مرکز برائے انسانی حقوق, Centre for Human Rights) and the
        // English of written in Urdu (بینک آف یمن, Bank of Yemen), dropped as Latin for and of
        // are (round 17)
        "برای",
        "برائے",
        "براے",
        "آف",
        // the English and written out (بي آند بي سوليوشنز, B AND P SOLUTIONS; round 23), as
        // Latin drops and
        "آند",
        "اینڈ",
        // the Arabic and Persian with, dropped as Latin with is (round 28)
        "مع",
        "با",
    ])
});

/// Military and police ranks, and the titles written like them (پروفیسر professor, انجینئر
/// engineer, آیت‌الله), before a name (اللواء جميل السيد, سردار اسماعیل قاآنی, الفريق أول ...):
/// dropped from the start of a name when two words or more are left. The
/// Arabic ranks only with the article, because without it some are words of names (عماد,
/// لواء brigade).
static LEADING_RANKS: LazyLock<Vec<String>> = LazyLock::new(|| {
    folded(&[
        "اللواء",
        "العماد",
        "الفريق",
        "العميد",
        "العقيد",
        "المقدم",
        "الرائد",
        "المشير",
        "سردار",
        "سرتیپ",
        "سرلشکر",
        "سرهنگ",
        "سپهبد",
        "ارتشبد",
        "دریادار",
        "دریابان",
        "تیمسار",
        "جنرل",
        "کرنل",
        "میجر",
        "بریگیڈیئر",
        "لیفٹیننٹ",
        // academic and professional titles, written like a rank before the name
        "پروفیسر",
        "پروفسور",
        "البروفيسور",
        "انجینئر",
        "انجنیئر",
        "المهندس",
        // the clerical title Ayatollah, one word with a ZWNJ (آیت‌الله) or two (آیت الله)
        "آیت‌الله",
        "آیت",
        "آية",
    ])
});

/// Words that complete a rank (الفريق أول, اللواء الركن, میجر جنرل).
static RANK_SECOND: LazyLock<Vec<String>> = LazyLock::new(|| {
    folded(&[
        "أول",
        "اول",
        "1",
        "الركن",
        "ركن",
        "جنرل",
        "پاسدار",
        "دوم",
        "یکم",
    ])
});

/// How many words at the start of a name are a rank (see [`LEADING_RANKS`]); 0 when fewer
/// than two words would be left.
fn leading_rank(words: &[&str]) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    if !LEADING_RANKS.iter().any(|r| r == first) {
        return 0;
    }
    let n = if words
        .get(1)
        .is_some_and(|w| RANK_SECOND.iter().any(|r| r == w))
    {
        2
    } else {
        1
    };
    if words.len() >= n + 2 { n } else { 0 }
}

const MUHAMMAD: &[&str] = &[
    "muhammad", "mohammad", "mohammed", "muhammed", "mohamed", "mohamad", "muhamad", "muhamed",
    "mohd", "muhd", "mohamud", "mahomed", "muhammet", "mehmet", "mohammud", "mohamadd", "mohummad",
    "mohmmad", "mohamaed",
];

/// Splits a Latin word into comparable parts; empty for dropped words.
fn latin_parts(word: &str) -> Vec<String> {
    if LATIN_DROP.iter().any(|d| d == word) {
        return Vec::new();
    }
    if MUHAMMAD.contains(&word) {
        return vec!["muhammad".into()];
    }
    // The HK of a company's name is Hong Kong, which Arabic and Persian write out (هونغ كونغ,
    // هنگ کنگ; round 24).
    if word == "hk" {
        return vec!["hong".into(), "kong".into()];
    }
    if let Some(en) = crate::orgwords::canonical_english(word) {
        return vec![en.into()];
    }
    // A Russian bank's name is one word (PROMSVYAZBANK, GAZPROMBANK) that Arabic script
    // writes as two or three (بنك بروم سفياز; round 27): the bank is a word of its own.
    if word.len() >= 8
        && let Some(stem) = word.strip_suffix("bank")
    {
        return vec![stem.into(), "bank".into()];
    }
    let mut head = Vec::new();
    let mut w = word.to_string();
    // Abdul X / Abdulkabir / Abd-al-Rahman: `abd` + X.
    if w != "abdu" {
        for prefix in [
            "abdoul", "abdoul", "abdul", "abdel", "abdal", "abdol", "abdur", "abdus", "abduz",
            "abdu", "abde", "abdi", "abdo", "abd",
        ] {
            // Abdi, Abdo (عبدي, عبده) are names of their own: a vowel left over is not a part,
            // nor vowels alone (Abdaoui, العبداوي, round 14).
            if let Some(rest) = w.strip_prefix(prefix)
                && rest.len() != 1
                && !(rest.is_empty() && matches!(prefix, "abdi" | "abdo"))
                && (rest.is_empty() || !rest.chars().all(|c| "aeiouy".contains(c)))
            {
                head.push("abd".to_string());
                // Abderrahmane, Abdessalam: the assimilated article of abd-al-X.
                w = sun_letter_rest(rest).unwrap_or(rest).to_string();
                break;
            }
        }
        if head.is_empty() && matches!(w.as_str(), "abdu" | "abdoul") {
            return vec!["abd".into()];
        }
    }
    if head.is_empty() {
        for prefix in ["abou", "abul", "abol", "abu"] {
            if let Some(rest) = w.strip_prefix(prefix)
                && rest.len() >= 4
            {
                head.push("abu".to_string());
                w = rest.to_string();
                break;
            }
        }
    }
    if matches!(w.as_str(), "abou" | "abo" | "aboo" | "abu" | "ebu") {
        return vec!["abu".into()];
    }
    if matches!(
        w.as_str(),
        "lah" | "la" | "llah" | "ullah" | "allah" | "ulla" | "ollah" | "olla" | "alla"
    ) && !head.is_empty()
    {
        head.push("allah".into());
        return head;
    }
    let mut tail = Vec::new();
    let suffixes = [
        ("uddin", "din"),
        ("uddeen", "din"),
        ("eddine", "din"),
        ("ouddine", "din"),
        ("oudine", "din"),
        ("uddine", "din"),
        ("aldine", "din"),
        ("aldin", "din"),
        ("eldine", "din"),
        ("eldin", "din"),
        ("eddin", "din"),
        ("addin", "din"),
        ("uldin", "din"),
        ("ullah", "allah"),
        ("ollah", "allah"),
        ("allah", "allah"),
        ("ulla", "allah"),
        ("olla", "allah"),
        ("urrahman", "rahman"),
        ("urrehman", "rahman"),
        ("arrahman", "rahman"),
        ("ulhaq", "haq"),
        ("ulhaque", "haq"),
        ("uzzaman", "zaman"),
        ("zadeh", "zadeh"),
        ("zade", "zadeh"),
        ("zada", "zadeh"),
        ("nejad", "nejad"),
        ("nezhad", "nejad"),
        ("nejhad", "nejad"),
        ("pour", "pour"),
        ("poor", "pour"),
    ];
    // A suffix written as a word of its own (Nor Eldin, Karim Zadeh): the canonical part.
    if head.is_empty()
        && let Some((_, canon)) = suffixes.iter().find(|(suffix, _)| *suffix == w)
    {
        return vec![(*canon).to_string()];
    }
    for (suffix, canon) in suffixes {
        if w.len() >= suffix.len() + 3
            && let Some(base) = w.strip_suffix(suffix)
        {
            tail.push(canon.to_string());
            w = base.to_string();
            // Turkish writes Baha al-Din as one word, Bahaddin: the a of -addin ends a base of
            // one syllable, Baha (بهاء), whose h is not a final silent h (round 27).
            if matches!(suffix, "addin" | "eddin") && w.len() == 3 && w.ends_with('h') {
                w.push('a');
            }
            break;
        }
    }
    if !w.is_empty() {
        head.push(w);
    }
    head.extend(tail);
    head
}

static AR_ABD: LazyLock<String> = LazyLock::new(|| normalize("عبد"));
static AR_ABU: LazyLock<Vec<String>> =
    LazyLock::new(|| folded(&["ابو", "أبو", "ابي", "ابا", "بو"]));
static AR_ALLAH: LazyLock<String> = LazyLock::new(|| normalize("الله"));
static AR_AL: LazyLock<String> = LazyLock::new(|| normalize("ال"));
/// The article, also after the prepositions and conjunction written onto it (لل، بال، وال، فال، كال).
static AR_ARTICLES: LazyLock<Vec<String>> =
    LazyLock::new(|| folded(&["وال", "بال", "فال", "كال", "لل", "ال"]));
/// True when an Arabic-script word begins with the article after a preposition or conjunction
/// written onto it (بال، وال، فال، كال، لل), not the bare article: the word may also be a name
/// whose first letters are those (بالمختار Belmokhtar), so a query keeps it beside the same
/// word without them (مختار بالمختار), where the bare article (حسن الحسن) is only repeated.
pub fn joined_article(word: &str) -> bool {
    AR_ARTICLES.iter().filter(|a| **a != *AR_AL).any(|a| {
        word.strip_prefix(a.as_str())
            .is_some_and(|r| r.chars().count() >= 2)
    })
}

static AR_SUFFIXES: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    [
        ("الله", "allah"),
        ("الدین", "din"),
        ("الرحمن", "rahman"),
        ("الحق", "haq"),
        ("الزمان", "zaman"),
        ("زاده", "zadeh"),
        ("نژاد", "nejad"),
        ("پور", "pour"),
    ]
    .iter()
    .map(|(a, b)| (normalize(a), *b))
    .collect()
});

/// A title that, ending a name, is a surname (مولوی Mulavi, حافظ Hafiz, شیخ Sheikh): not the
/// blessings written after a holy name (ع, ره), صاحب (sahib, said after a name), or بن/ابن.
fn surname_title(word: &str) -> bool {
    static NOT: LazyLock<Vec<String>> = LazyLock::new(|| folded(&["صاحب", "ابن", "بن"]));
    word.chars().count() >= 3 && !NOT.iter().any(|n| n == word)
}

/// One Arabic-script part before skeletonising: the text, or a canonical Latin particle.
enum ArPart {
    Text(String),
    Canon(&'static str),
}

fn arabic_parts(word: &str) -> Vec<ArPart> {
    if ARABIC_DROP.iter().any(|d| d == word) {
        return Vec::new();
    }
    if AR_ABU.iter().any(|a| a == word) {
        return vec![ArPart::Canon("abu")];
    }
    let mut out = Vec::new();
    let mut w: &str = word;
    if w == AR_ABD.as_str() {
        return vec![ArPart::Canon("abd")];
    }
    if let Some(rest) = w.strip_prefix(AR_ABD.as_str())
        && rest.chars().count() >= 2
    {
        out.push(ArPart::Canon("abd"));
        w = rest;
        if w == AR_ALLAH.as_str() {
            out.push(ArPart::Canon("allah"));
            return out;
        }
        if let Some(r) = w.strip_prefix(AR_AL.as_str()) {
            w = r;
        }
    } else if let Some(rest) = AR_ABU.first().and_then(|abu| w.strip_prefix(abu.as_str()))
        && rest.chars().count() >= 3
    {
        out.push(ArPart::Canon("abu"));
        w = rest.strip_prefix(AR_AL.as_str()).unwrap_or(rest);
    }
    if w == AR_ALLAH.as_str() {
        out.push(ArPart::Canon("allah"));
        return out;
    }
    // A suffix written as a word of its own (کریم زاده, نژاد نوری): the same canonical part.
    if let Some((_, canon)) = AR_SUFFIXES.iter().find(|(suffix, _)| suffix == w) {
        out.push(ArPart::Canon(canon));
        return out;
    }
    let mut tail = None;
    for (suffix, canon) in AR_SUFFIXES.iter() {
        if let Some(base) = w.strip_suffix(suffix.as_str())
            && base.chars().count() >= 2
        {
            tail = Some(*canon);
            w = base;
            break;
        }
    }
    if !w.is_empty() {
        out.push(ArPart::Text(w.to_string()));
    }
    if let Some(t) = tail {
        out.push(ArPart::Canon(t));
    }
    out
}

fn push_collapsed(out: &mut String, c: char) {
    if !out.ends_with(c) {
        out.push(c);
    }
}

/// The skeleton symbol of an Arabic-script consonant whose symbol does not depend on its place
/// in the word.
fn arabic_consonant(c: char) -> Option<char> {
    Some(match c {
        'ب' => 'b',
        'پ' => 'p',
        'ت' | 'ط' | 'ٹ' => 't',
        // ث is th in Arabic names (Haitham, Bouthaina) and s in Persian and Urdu ones (Saqib):
        // the symbol of Latin th, which costs 0.3 against s.
        'ث' => 'T',
        'س' | 'ص' => 's',
        'ج' => 'j',
        'چ' => 'C',
        'خ' => 'x',
        'د' | 'ڈ' => 'd',
        'ذ' | 'ز' | 'ض' | 'ظ' => 'z',
        'ر' | 'ڑ' => 'r',
        'ژ' => 'Z',
        'ش' => 'S',
        'غ' | 'ق' | 'ك' | 'گ' => 'k',
        'ف' | 'ڤ' => 'f',
        'ل' => 'l',
        'م' => 'm',
        'ن' | 'ں' => 'n',
        _ => return None,
    })
}

/// Consonant skeleton and vowel-aware skeleton of an Arabic-script word (see the module docs).
fn arabic_skeleton(word: &str) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut vs = String::new();
    let last = chars.len().saturating_sub(1);
    for (i, &c) in chars.iter().enumerate() {
        let initial = i == 0;
        // An aspirated consonant (consonant + do-chashmi he, kept by `normalize`) gets the
        // symbol of its usual Latin digraph: کھ kh, گھ gh, پھ ph, تھ ٹھ th, دھ ڈھ dh (the
        // others, بھ bh, جھ jh, چھ chh, are consonant + h already).
        if c == '\u{06BE}' {
            continue;
        }
        if chars.get(i + 1) == Some(&'\u{06BE}') {
            let digraph = match c {
                'ك' => Some('x'),
                'گ' => Some('k'),
                'پ' => Some('f'),
                'ت' | 'ٹ' => Some('T'),
                'د' | 'ڈ' => Some('d'),
                _ => None,
            };
            if let Some(d) = digraph {
                push_collapsed(&mut out, d);
                push_collapsed(&mut vs, d);
                continue;
            }
            if let Some(m) = arabic_consonant(c) {
                push_collapsed(&mut out, m);
                push_collapsed(&mut vs, m);
                push_collapsed(&mut out, 'h');
                push_collapsed(&mut vs, 'h');
            }
            continue;
        }
        let vowel = match c {
            'ا' | 'آ' if !initial => Some('6'),
            'و' if !initial => Some('8'),
            'ي' if !initial && i == last => Some('9'),
            'ي' if !initial => Some('7'),
            _ => None,
        };
        if let Some(v) = vowel {
            push_collapsed(&mut vs, v);
            continue;
        }
        let mapped: Option<char> = match c {
            'ا' | 'ع' | 'أ' | 'إ' | 'آ' => initial.then_some('a'),
            'و' => initial.then_some('v'),
            'ي' => initial.then_some('y'),
            'ء' | 'ئ' | 'ؤ' => None,
            // A final ه (ة once normalised) is silent, or the t of the construct state
            // (جماعة الدعوة, Jamaat ud Dawa): a symbol of its own, `H`, which costs nothing
            // to leave out and little against a final Latin t.
            'ه' if i == last && chars.len() > 2 => {
                push_collapsed(&mut vs, 'H');
                None
            }
            // The silent ه of a Persian name before its -ای ending (خامنه‌ای Khamenei, اژه‌ای
            // Ejei; the ZWNJ is dropped before a suffix).
            'ه' if i >= 2 && chars[i + 1..] == ['ا', 'ي'] => {
                push_collapsed(&mut vs, 'H');
                None
            }
            'ح' | 'ه' => (i != last || chars.len() <= 2).then_some('h'),
            d if d.is_ascii_digit() => Some(d),
            other => arabic_consonant(other),
        };
        if let Some(m) = mapped {
            push_collapsed(&mut out, m);
            push_collapsed(&mut vs, m);
        }
    }
    (out, vs)
}

/// Light phonetic Latin form: digraphs unified, doubled letters collapsed, vowels kept.
fn latin_phonetic(word: &str) -> String {
    let w = word
        .replace("ou", "u")
        .replace("oo", "u")
        .replace("ee", "i")
        .replace("ey", "ei")
        .replace("ay", "ai")
        .replace('w', "v")
        .replace('q', "k")
        .replace("ck", "k");
    let mut out = String::new();
    for c in w.chars() {
        push_collapsed(&mut out, c);
    }
    out
}

/// A th or dh between vowels may be two letters, t or d and then h (Fathi فتحي, Adham أدهم),
/// not ث or ذ; so may sh and kh (Tashilat تسهيلات, Ishaq إسحاق, Makhul مكحول; round 17), not ش
/// or خ, and ph, as in a compound (SHIPHOLDING شيبهولدينغ; round 24): the skeleton with the
/// two letters read apart, as the alternative reading.
fn split_digraph(word: &str) -> Option<(String, String)> {
    let b: Vec<char> = word.chars().collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let at = (1..b.len().saturating_sub(2)).find(|&i| {
        matches!(b[i], 't' | 'd' | 's' | 'k' | 'p')
            && b[i + 1] == 'h'
            && vowel(b[i - 1])
            && vowel(b[i + 2])
    })?;
    Some(latin_skeleton_split(word, Some(at)))
}

/// A word with a Slavic name ending (-ov, -ev, -ova, -eva, -ovich, -evich, -ovna, -evna,
/// -ovych, -ovic, -evic, -slav; -iev and -yev end in -ev), or a Russian given name with a v
/// inside (Ivan, Pavel, Yevgeny), with each v after its first letter written f.
fn slavic_v(word: &str) -> Option<String> {
    const ENDINGS: &[&str] = &[
        "ov", "ev", "ova", "eva", "ovich", "evich", "ovna", "evna", "ovych", "ovic", "evic", "slav",
    ];
    // round 19: Ivan ايفان
    const NAMES: &[&str] = &[
        "ivan", "pavel", "yevgeny", "yevgeniy", "evgeny", "evgeniy", "evgenii",
    ];
    (word.len() >= 5 && ENDINGS.iter().any(|e| word.ends_with(e)) || NAMES.contains(&word)).then(
        || {
            word.char_indices()
                .map(|(i, c)| if i > 0 && c == 'v' { 'f' } else { c })
                .collect()
        },
    )
}

/// A Spanish name as Arabic and Persian script write it (round 19): its j is خ (Jesus خيسوس,
/// Jorge خورخي, Alejandro أليخاندرو), its ll y (Castillo كاستيو). Only the common Spanish
/// names with a j (elsewhere j is ج: Jamil), and ll in the Spanish endings -illo(s), -illa(s)
/// and -llado; the Slavic j of Andrej, Sergej, Nikolaj is y.
fn spanish_or_slavic_j(word: &str) -> Option<String> {
    const SPANISH_J: &[&str] = &[
        "jesus",
        "jose",
        "josefa",
        "josefina",
        "josue",
        "jorge",
        "juan",
        "juana",
        "javier",
        "joaquin",
        "julio",
        "julian",
        "jaime",
        "jacinto",
        "alejandro",
        "alejandra",
        "jimenez",
        "juarez",
        "mejia",
        "ojeda",
        "trujillo",
        "carvajal",
        "rojas",
        "borja",
        "navajas",
        "benjamin",
        "jairo",
        "jhon",
        "jonathan",
        "joel",
    ];
    const SLAVIC_J: &[&str] = &[
        "andrej", "sergej", "aleksej", "alexej", "nikolaj", "matej", "jurij",
    ];
    // A Spanish or Portuguese word in -jo after a vowel (ARAUJO أراوخو, Vallejo; round 23).
    let jo = word.len() >= 5
        && word.ends_with("jo")
        && matches!(
            word.as_bytes()[word.len() - 3],
            b'a' | b'e' | b'i' | b'o' | b'u'
        );
    let mut out = if SPANISH_J.contains(&word) || jo {
        word.replace('j', "kh")
    } else if SLAVIC_J.contains(&word) {
        word.replace('j', "y")
    } else {
        word.to_string()
    };
    for ending in ["illo", "illos", "illa", "illas", "llado"] {
        if out.ends_with(ending) && out.len() > ending.len() + 1 {
            let at = out.len() - ending.len() + ending.find("ll").unwrap_or(0);
            out.replace_range(at..at + 2, "y");
            break;
        }
    }
    (out != word).then_some(out)
}

/// The syllables of a word that is pinyin throughout (ZHOU, QIANG, SHENZHEN, NANXIGU), each as
/// (initial, final); `None` for a word that is not. Loose: any initial with any final, except
/// that j, q and x take only a final in i or u, and a syllable without an initial comes first
/// and opens with a, o or e (an, ou, er), as in pinyin, which writes Xi'an apart.
fn pinyin_syllables(word: &str) -> Option<Vec<(&str, &str)>> {
    const INITIALS: &[&str] = &[
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    // Longest first, so that the first parse tried keeps the nasal finals whole.
    const FINALS: &[&str] = &[
        "iang", "iong", "uang", "ueng", "iao", "ian", "ing", "uai", "uan", "ang", "eng", "ong",
        "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ue", "er", "an", "en", "in", "un", "ia", "ua",
        "uo", "a", "o", "e", "i", "u",
    ];
    const MAX_LEN: usize = 24;
    if word.len() > MAX_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // step[i]: the lengths of the initial and final of a syllable at i that a parse of the rest
    // follows, found by a search from the end (no allocation: every Latin word is tried).
    let n = word.len();
    let mut step = [None::<(u8, u8)>; MAX_LEN + 1];
    step[n] = Some((0, 0));
    for i in (0..n).rev() {
        let rest = &word[i..];
        'found: for ini in INITIALS {
            let Some(after) = rest.strip_prefix(ini) else {
                continue;
            };
            for fin in FINALS {
                let first = fin.as_bytes()[0];
                if !after.starts_with(fin)
                    || (matches!(*ini, "j" | "q" | "x") && !matches!(first, b'i' | b'u'))
                    || (ini.is_empty() && (i > 0 || !matches!(first, b'a' | b'o' | b'e')))
                {
                    continue;
                }
                if step[i + ini.len() + fin.len()].is_some() {
                    step[i] = Some((ini.len() as u8, fin.len() as u8));
                    break 'found;
                }
            }
        }
    }
    let mut syllables = Vec::new();
    let mut i = 0;
    while i < n {
        let (a, b) = step[i]?;
        let (a, b) = (usize::from(a), usize::from(b));
        syllables.push((&word[i..i + a], &word[i + a..i + a + b]));
        i += a + b;
    }
    Some(syllables)
}

/// A word that is pinyin throughout as Arabic and Persian script write it (round 20), if that
/// differs: zh and q as ch (Zhou تشو / چو, Qiang تشيانغ / چیانگ), x as sh (Xiamen شيامن) and c
/// as ts (Cai تساي). Chinese names are short syllables, so the reading may have one consonant.
fn pinyin_reading(word: &str) -> Option<String> {
    // Only a word with zh, q, x or c reads otherwise.
    if !word.bytes().any(|b| matches!(b, b'z' | b'q' | b'x' | b'c')) {
        return None;
    }
    let syllables = pinyin_syllables(word)?;
    let mut out = String::with_capacity(word.len() + 4);
    for (ini, fin) in syllables {
        out.push_str(match ini {
            "zh" | "q" => "ch",
            "x" => "sh",
            "c" => "ts",
            other => other,
        });
        out.push_str(fin);
    }
    (out != word).then_some(out)
}

/// The word with each x before i or u written sh, as pinyin reads it, if it has one.
fn pinyin_x(word: &str) -> Option<String> {
    let b: Vec<char> = word.chars().collect();
    let pinyin = |i: usize| b[i] == 'x' && matches!(b.get(i + 1), Some('i' | 'u'));
    (0..b.len()).any(pinyin).then(|| {
        let mut out = String::with_capacity(word.len() + 2);
        for (i, &c) in b.iter().enumerate() {
            if pinyin(i) {
                out.push_str("sh");
            } else {
                out.push(c);
            }
        }
        out
    })
}

/// The word with an -sion after a vowel written -jon (vision → vijon: Arabic writes ج, and
/// Persian ژ is close to j), if it has one.
fn zh_sion(word: &str) -> Option<String> {
    let at = word
        .find("sion")
        .filter(|&i| i > 0 && matches!(word.as_bytes()[i - 1], b'a' | b'e' | b'i' | b'o' | b'u'))?;
    Some(format!("{}jon{}", &word[..at], &word[at + 4..]))
}

/// The word with each g before e, i or y (not gh) written j, if it has one.
fn soft_g(word: &str) -> Option<String> {
    let b: Vec<char> = word.chars().collect();
    let soft = |i: usize| b[i] == 'g' && matches!(b.get(i + 1), Some('e' | 'i' | 'y'));
    (0..b.len()).any(soft).then(|| {
        (0..b.len())
            .map(|i| if soft(i) { 'j' } else { b[i] })
            .collect()
    })
}

/// An English word as Arabic script spells it: a v is ف, not the vowel letter و (ADVISORS
/// ادفايزرز, SERVICE سيرفيس), and an s between vowels or closing the word
/// after e, a diphthong's y or w or a voiced consonant is said, and written, z (ADVISORS,
/// SYSTEMS سيستمز, PARTNERS بارتنرز). The silent gh of -ight is left out (LIGHTSHIP لايتشيب, TIGHTSHIP
/// ٹائٹ شپ; round 21).
fn english_reading(written: &str, arabic_p: bool) -> Option<String> {
    // The gh of a final -igh is as silent (HIGH هاي; round 24).
    let unsilenced = if written.contains("ight") {
        Some(written.replace("ight", "ait"))
    } else {
        written.strip_suffix("igh").map(|stem| format!("{stem}ai"))
    };
    let word = unsilenced.as_deref().unwrap_or(written);
    let b: Vec<char> = word.chars().collect();
    let n = b.len();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    // Round 23: the c or t of -cea-, -cia-, -tia-, -tio- (not -tion, which the skeleton reads)
    // is said, and written, sh (OCEANIC اوشیانک, COMMERCIAL, PROPITIOUS بروبيشس), the t of
    // -tur- ch (VENTURES فنتشرز, FUTURE), and an initial x before a vowel z (XANTE زانٹے).
    let mut b2: Vec<char> = Vec::with_capacity(n + 2);
    let mut i = 0;
    while i < n {
        let (c, next, after) = (b[i], b.get(i + 1).copied(), b.get(i + 2).copied());
        if i > 0
            && matches!(c, 'c' | 't')
            && matches!(next, Some('e' | 'i'))
            && matches!(after, Some('a' | 'o' | 'u'))
            && !(c == 't' && after == Some('o') && b.get(i + 3) == Some(&'n'))
        {
            b2.extend(['s', 'h']);
            i += 2;
            continue;
        }
        if i > 0 && c == 't' && next == Some('u') && after == Some('r') {
            b2.extend(['c', 'h']);
        } else if i == 0 && c == 'x' && next.is_some_and(vowel) {
            b2.push('z');
        } else if i == 0
            && c == 'u'
            && next.is_some_and(|n| !vowel(n) && n != 'y')
            && after.is_some_and(vowel)
        {
            // Round 24: an initial u before one consonant and a vowel is said, and written,
            // yu (UNITED يونايتد, UNIQUE يونيك, UNION).
            b2.extend(['y', 'u']);
        } else {
            b2.push(c);
        }
        i += 1;
    }
    let b = b2;
    let n = b.len();
    let out: String = (0..n)
        .map(|i| match b[i] {
            // Round 24: Arabic has no p and writes it ب (PERFECT برفكت), not the ph of f.
            'p' if arabic_p && b.get(i + 1) != Some(&'h') => 'b',
            // Round 24: an initial v too, which Arabic writes ف where Persian writes و (VIEW
            // فيو, ویو).
            'v' => 'f',
            // Round 24: a final s after a vowel is z after e only (-es, not the s of -ous,
            // -us, -is, -as: AUSPICIOUS اوسبيشس), and after the y or w of a diphthong
            // (SEAWAYS سيويز).
            's' if i > 0
                && (i + 1 < n && vowel(b[i - 1]) && vowel(b[i + 1])
                    || i + 1 == n
                        && (matches!(b[i - 1], 'e' | 'y' | 'w')
                            || matches!(
                                b[i - 1],
                                'b' | 'd' | 'g' | 'l' | 'm' | 'n' | 'r' | 'v'
                            ))) =>
            {
                'z'
            }
            c => c,
        })
        .collect();
    (written.len() >= 4 && out != written).then_some(out)
}

/// Consonant skeleton and vowel-aware skeleton of a Latin word (see the module docs).
fn latin_skeleton(word: &str) -> (String, String) {
    latin_skeleton_split(word, None)
}

/// [`latin_skeleton`], reading the letters at `split` and after it apart even if they form a
/// digraph.
fn latin_skeleton_split(word: &str, split: Option<usize>) -> (String, String) {
    let b: Vec<char> = word.chars().collect();
    let n = b.len();
    let mut out = String::new();
    let mut vs = String::new();
    let mut i = 0;
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    while i < n {
        let c = b[i];
        // A vowel group: vowels, y/w between vowels, and y closing a diphthong before a
        // consonant (Maychou, Sayf: ay = ـاي).
        let in_group = |j: usize| {
            b.get(j).is_some_and(|&c| {
                vowel(c)
                    || (j > 0 && matches!(c, 'y' | 'w') && j + 1 < n && vowel(b[j + 1]))
                    || (j > 0 && c == 'y' && j + 1 < n && vowel(b[j - 1]))
                    // y between consonants is the vowel i (LAPYR لابير; round 27).
                    || (j > 0 && c == 'y' && j + 1 < n && !vowel(b[j - 1]) && !vowel(b[j + 1]))
            })
        };
        if in_group(i) && (vowel(c) || i > 0) {
            let start = i;
            let mut j = i;
            while in_group(j) {
                j += 1;
            }
            let group = &b[start..j];
            if start > 0 && group.iter().any(|c| matches!(c, 'y' | 'w')) {
                // A glide inside a vowel group (awi, aya): one symbol per letter.
                for &g in group {
                    vs.push(match g {
                        'a' => '1',
                        'e' | 'i' | 'y' => '2',
                        _ => '3',
                    });
                }
                i = j;
                continue;
            }
            // A diphthong inside the word (Khudaidad, Chaudhry) is a vowel and ي/و in Arabic
            // script: one symbol per letter.
            if start > 0 && (group == ['a', 'i'] || group == ['a', 'u']) {
                vs.push('1');
                vs.push(if group[1] == 'i' { '2' } else { '3' });
                i = j;
                continue;
            }
            let class = if group.iter().any(|c| matches!(c, 'o' | 'u' | 'w')) {
                'u'
            } else if group.iter().any(|c| matches!(c, 'i' | 'e' | 'y')) {
                'i'
            } else {
                'a'
            };
            // A final -e after a consonant is silent in French romanisations (Alouche, Zidane,
            // Abderrahmane, Rouine) and stands for ه in Persian ones (Fateme): no vowel.
            if j == n && group == ['e'] && n >= 5 {
                i = j;
                continue;
            }
            let long = group.len() >= 2;
            let sym = match (class, long) {
                ('a', false) => '1',
                ('i', false) => '2',
                ('u', false) => '3',
                ('i', true) => '4',
                ('u', true) => '5',
                _ => '6',
            };
            if start == 0 {
                push_collapsed(&mut out, 'a');
                vs.push('a');
                if sym != '1' {
                    vs.push(sym);
                }
            } else {
                vs.push(sym);
            }
            i = j;
            continue;
        }
        // At `split` the letter is read on its own, whatever follows it.
        let next = b.get(i + 1).copied().filter(|_| split != Some(i));
        let initial = i == 0;
        let (sym, step): (Option<char>, usize) = match (c, next) {
            ('k', Some('h')) => (Some('x'), 2),
            ('d', Some('j')) => (Some('j'), 2),
            // The Russian Дж romanised dzh is ج (DZHET جيت; round 22).
            ('d', Some('z')) if b.get(i + 2) == Some(&'h') => (Some('j'), 3),
            ('g', Some('h')) => (Some('k'), 2),
            ('s', Some('h')) => (Some('S'), 2),
            ('c', Some('h')) => (Some('C'), 2),
            ('z', Some('h')) => (Some('Z'), 2),
            ('p', Some('h')) => (Some('f'), 2),
            // th is ث (s/t) in some romanisations and ذ ظ (z/d) in others: its own symbol.
            ('t', Some('h')) => (Some('T'), 2),
            ('d', Some('h')) => (Some('d'), 2),
            ('c', Some('k')) => (Some('k'), 2),
            // English -tion and -sion are said, and written in Urdu, with sh (International
            // انٹرنیشنل, Corporation کارپوریشن, Commission کمیشن).
            ('t' | 's', Some('i'))
                if !initial && b.get(i + 2) == Some(&'o') && b.get(i + 3) == Some(&'n') =>
            {
                (Some('S'), 2)
            }
            ('s', Some('s'))
                if b.get(i + 2) == Some(&'i')
                    && b.get(i + 3) == Some(&'o')
                    && b.get(i + 4) == Some(&'n') =>
            {
                (Some('S'), 3)
            }
            (v, _) if vowel(v) => (initial.then_some('a'), 1),
            ('y', _) => (initial.then_some('y'), 1),
            // A non-initial v/w is و, which Arabic script writes as a long vowel letter
            // (Lakhvi لکھوی, Davani دوانی): a u-class vowel symbol, not nothing. The v has a
            // symbol of its own, `V`, which is also close to ف, as Arabic script writes the v of
            // a European name (PAVLOV پاولوف; round 23).
            ('w', _) if !initial => {
                vs.push('3');
                (None, 1)
            }
            ('v', _) if !initial => {
                vs.push('V');
                (None, 1)
            }
            ('w' | 'v', _) => (Some('v'), 1),
            ('h', _) => ((i + 1 < n || n <= 2).then_some('h'), 1),
            ('q' | 'k' | 'g', _) => (Some('k'), 1),
            ('c', Some('e' | 'i' | 'y')) => (Some('s'), 1),
            ('c', _) => (Some('k'), 1),
            ('x', _) => {
                push_collapsed(&mut out, 'k');
                push_collapsed(&mut vs, 'k');
                (Some('s'), 1)
            }
            (other, _) => (Some(other), 1),
        };
        if let Some(s) = sym {
            push_collapsed(&mut out, s);
            push_collapsed(&mut vs, s);
        }
        i += step;
    }
    (out, vs)
}

/// Arabic spellings of the canonical parts, so both scripts give them the same skeletons.
fn canonical_arabic(part: &str) -> Option<&'static str> {
    Some(match part {
        "muhammad" => "محمد",
        "abd" => "عبد",
        "abu" => "ابو",
        "allah" => "الله",
        "din" => "دين",
        "rahman" => "رحمن",
        "haq" => "حق",
        "zaman" => "زمان",
        "zadeh" => "زاده",
        "nejad" => "نژاد",
        "pour" => "پور",
        // The Persian به (good, well) that starts company names (BEH JOULE PARS, BEH TAM),
        // whose final h the skeleton drops (round 17).
        "beh" => "به",
        _ => return None,
    })
}

fn sym_kind(c: char) -> Option<(char, f32)> {
    // vowel symbol -> (class, deletion cost)
    Some(match c {
        '1' => ('a', 0.05),
        '2' => ('i', 0.25),
        '3' | 'V' => ('u', 0.25),
        '4' => ('i', 0.45),
        '5' => ('u', 0.45),
        '6' => ('a', 0.3),
        '7' => ('i', 0.8),
        '8' => ('u', 0.8),
        '9' => ('*', 0.3),
        // An Arabic-script final ه (see `arabic_skeleton`).
        'H' => ('*', 0.0),
        _ => return None,
    })
}

fn consonant_sub(a: char, b: char) -> f32 {
    if a == b {
        return 0.0;
    }
    let pair = |x: char, y: char| (a == x && b == y) || (a == y && b == x);
    if pair('T', 't') || pair('T', 's') {
        // ث is th or t in Arabic romanisations and s in Persian and Urdu ones (ثنا Sana).
        0.15
    } else if pair('z', 'd') || pair('s', 't') || pair('T', 'z') || pair('C', 'S') {
        0.3
    } else if pair('b', 'p') || pair('f', 'v') {
        // Arabic has no p and writes it ب (بلس plus, بتروكيماويات), and no v, written ف
        // (فاتيك Vatech, round 14).
        0.3
    } else if pair('j', 'Z') {
        // Persian ژ is written j in French-style romanisation (اژه‌ای Ejei, ژاله Jaleh).
        0.25
    } else if pair('z', 'Z') {
        // The zh of pinyin and Russian romanisations is ز for writers without ژ (SHENZHEN
        // شینزین; round 23).
        0.3
    } else if pair('k', 'x') || pair('j', 'k') {
        0.4
    } else if pair('h', 'x')
        || pair('d', 't')
        || pair('s', 'z')
        || pair('S', 's')
        || pair('T', 'd')
        || pair('f', 'p')
        || pair('v', 'b')
        || pair('a', 'y')
        || pair('a', 'v')
    {
        0.5
    } else {
        1.0
    }
}

/// Similarity of two vowel-aware skeletons: a weighted edit distance where Latin short vowels
/// (which Arabic script does not write) cost little to skip, Arabic long vowels (ا و ي) and
/// Latin long vowels (`ou`, `ee`, `ai`) cost much, vowels of different classes cost 0.6,
/// consonants that transliterations confuse (ض d/z, ث s/t, ج j/g, خ kh/k) 0.3–0.5, other
/// consonant edits 0.8–1. The cost is divided by one more than the larger consonant count.
pub fn vowel_aware_similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    edit_similarity(&a, &b).max(edit_similarity(&b, &a))
}

fn edit_similarity(a: &[char], b: &[char]) -> f32 {
    // Each symbol's vowel class (`None` for a consonant) and deletion cost, looked up once.
    let kinds = |s: &[char]| -> Vec<(Option<char>, f32)> {
        s.iter()
            .map(|&c| sym_kind(c).map_or((None, 0.8), |(k, cost)| (Some(k), cost)))
            .collect()
    };
    let (ka, kb) = (kinds(a), kinds(b));
    let sub = |i: usize, j: usize| -> f32 {
        let (x, y) = (a[i], b[j]);
        match (ka[i].0, kb[j].0) {
            (Some(cx), Some(cy)) => {
                if cx == cy || cx == '*' || cy == '*' {
                    0.0
                } else {
                    0.6
                }
            }
            // n before b said m (سنبوك Sambouk, منبر mimbar).
            (None, None)
                if matches!((x, y), ('n', 'm') | ('m', 'n'))
                    && a.get(i + 1) == Some(&'b')
                    && b.get(j + 1) == Some(&'b') =>
            {
                0.1
            }
            (None, None) => consonant_sub(x, y),
            // A final ه read as the t of the construct state (جماعة الدعوة, Jamaat ud Dawa).
            _ if matches!((x, y), ('H', 't') | ('t', 'H')) => 0.15,
            // A Latin v (`V`) may be written ف (see `latin_skeleton_split`).
            _ if matches!((x, y), ('V', 'f') | ('f', 'V')) => 0.3,
            // The ه before -ای is an h in a foreign name (XINHAI شینهای, Shanghai شانگهای;
            // round 23), not the silent ه of a Persian one.
            _ if matches!((x, y), ('H', 'h') | ('h', 'H')) => 0.1,
            _ => ka[i].1 + kb[j].1,
        }
    };
    let mut prev: Vec<f32> = Vec::with_capacity(b.len() + 1);
    prev.push(0.0);
    for &(_, del) in &kb {
        let last = prev.last().copied().unwrap_or(0.0);
        prev.push(last + del);
    }
    let mut cur = vec![0.0f32; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        let del_x = ka[i].1;
        cur[0] = prev[0] + del_x;
        for (j, &y) in b.iter().enumerate() {
            let mut best = (prev[j] + sub(i, j))
                .min(prev[j + 1] + del_x)
                .min(cur[j] + kb[j].1);
            // Latin kh/sh for Arabic k+h / s+h written as two letters.
            // Latin zh for Arabic z+h (Azhar, Mazhari: ز or ظ then ه).
            // Latin ch for Arabic تش, as Arabic writes it (بيتش beach, تشاد Chad).
            if j >= 1
                && matches!(
                    (x, b[j - 1], y),
                    ('x', 'k', 'h') | ('S', 's', 'h') | ('Z', 'z', 'h') | ('C', 't', 'S')
                )
            {
                best = best.min(prev[j - 1] + 0.1);
            }
            cur[j + 1] = best;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let cost = prev.last().copied().unwrap_or(0.0);
    let consonants = |k: &[(Option<char>, f32)]| k.iter().filter(|(v, _)| v.is_none()).count();
    let n = consonants(&ka).max(consonants(&kb)) as f32 + 1.0;
    (1.0 - cost / n).max(0.0)
}

/// The Arabic article assimilates to a following "sun letter" (ت ث د ذ ر ز س ش ص ض ط ظ ل ن),
/// and Latin spellings often write it so: `essabar` (الصبار), `errahmane` (الرحمن), `ettahir`,
/// `ennour`. Returns the word after the article (`sabar`) for a vowel followed by a doubled
/// sun letter, with at least three letters left.
fn sun_letter_rest(part: &str) -> Option<&str> {
    let b = part.as_bytes();
    (b.len() >= 6
        && matches!(b[0], b'a' | b'e' | b'i' | b'o' | b'u')
        && matches!(b[1], b't' | b'd' | b'r' | b'z' | b's' | b'n' | b'l')
        && b[2] == b[1])
        .then(|| &part[2..])
}

/// The alternative reading of a Latin word that is not pinyin throughout: the first of the
/// readings below that applies, if it has two consonants or more.
fn other_latin_reading(part: &str) -> Option<(String, String)> {
    // A Russian or other Slavic name (Ivanovich, Makhmudov, Efremova, Iliev) is written with
    // ف for its v in Arabic and Persian (إيفانوفيتش, محمودوف, ایلیف; round 18), not with the
    // vowel letter و of a Persian Rezvani: the first of these readings.
    slavic_v(part)
        .or_else(|| spanish_or_slavic_j(part))
        .map(|w| latin_skeleton(&w))
        .or_else(|| {
            (part.len() >= 6 && (part.starts_with("al") || part.starts_with("el")))
                .then(|| latin_skeleton(&part[2..]))
        })
        .or_else(|| sun_letter_rest(part).map(latin_skeleton))
        // English tech (Technolab, Technoexport, and since round 14 TECH and VATECH) is
        // written تک / تيك, and chem (TABCHEM, round 15) کم: ch read as k.
        // So is the Greek ch before l or r (CHLORATE كلورات, chrome; round 23).
        .or_else(|| ch_as_k(part).map(|w| latin_skeleton(&w)))
        .or_else(|| split_digraph(part))
        // The English wh is w (WHITE STAR, وايت ستار; round 17).
        .or_else(|| {
            part.strip_prefix("wh")
                .map(|rest| latin_skeleton(&format!("w{rest}")))
        })
        // The English -sion of vision, television, division after a vowel sounds zh, which
        // Arabic writes ج and Persian ژ (فيجن, ویژن; round 17).
        .or_else(|| zh_sion(part).map(|w| latin_skeleton(&w)))
        // French romanisations of Lebanese and Maghrebi names write ش as ch (Cheaitelly,
        // Chehab): ch read as sh.
        .or_else(|| {
            part.contains("ch")
                .then(|| latin_skeleton(&part.replace("ch", "sh")))
        })
        // A g before e, i or y is soft in names from English and French (George جورج).
        .or_else(|| soft_g(part).map(|w| latin_skeleton(&w)))
        // Turkish writes j c (CEMAL جمال, Cengiz, Cihan; round 27): an initial c before e or
        // i, soft in English, French and Spanish names, may be ج.
        .or_else(|| {
            (part.starts_with("ce") || part.starts_with("ci"))
                .then(|| latin_skeleton(&format!("j{}", &part[1..])))
        })
        // The pinyin x before i or u is said, and written, sh (NANXIGU نانشيغو, Xiamen
        // شيامن; round 18).
        .or_else(|| pinyin_x(part).map(|w| latin_skeleton(&w)))
        // The s of an English -es after a consonant is said, and written, z (JAMES جيمز,
        // Jones, Hughes; round 23): in a short word, a name, not a plural, which the reading of
        // a body's English words ([`english_reading`]) reads.
        .or_else(|| {
            let b = part.as_bytes();
            ((5..=6).contains(&b.len())
                && part.ends_with("es")
                && !matches!(b[b.len() - 3], b'a' | b'e' | b'i' | b'o' | b'u' | b's'))
            .then(|| latin_skeleton(&format!("{}z", &part[..part.len() - 1])))
        })
        .filter(|a| a.0.chars().count() >= 2)
}

fn latin_token(part: String) -> Token {
    let (skel, vs) = match canonical_arabic(&part) {
        Some(ar) => arabic_skeleton(&normalize(ar)),
        None => latin_skeleton(&part),
    };
    // A word that is pinyin throughout is read as pinyin first (round 20), even with one
    // consonant; any other word by the first of the other readings that applies.
    let first = pinyin_reading(&part)
        .map(|w| latin_skeleton(&w))
        .or_else(|| other_latin_reading(&part))
        // A word whose one consonant is th (the Burmese THU تو, Thein) may be read t, as
        // English names' th often is (Thomas توماس; round 23).
        .or_else(|| (skel == "T").then(|| latin_skeleton(&part.replace("th", "t"))));
    // Round 24: a second reading, when the word reads otherwise with all of its readings at
    // once, or is pinyin with a zh that Persian writes ج.
    let second = combined_latin_reading(&part)
        .or_else(|| pinyin_zh_as_j(&part))
        .map(|w| latin_skeleton(&w));
    let mut token = Token {
        latin: Some(latin_phonetic(&part)),
        skel,
        alt: None,
        vs,
        alt_vs: None,
        alt2: None,
        surface: part,
        script: Script::Latin,
    };
    for reading in first.into_iter().chain(second) {
        token.add_reading(reading);
    }
    token
}

/// A Latin word with every one of these readings applied at once, if that differs (round
/// 24): a Slavic v as f, a Spanish or Slavic j, the article al-/el- of a long word left out,
/// tech, chem, chl and chr with ch as k, the Khmer and Indian chh as ch (CHHAY تشاي), wh as w,
/// -sion as -jon, a soft g as j, the pinyin x as sh, th as t (THET تيت: Persian and Urdu
/// write the English th ت), and since round 25 the South Slavic -ic as -ich with its j as y.
fn combined_latin_reading(part: &str) -> Option<String> {
    let mut w = slavic_v(part).unwrap_or_else(|| part.to_string());
    if let Some(j) = spanish_or_slavic_j(&w) {
        w = j;
    }
    if w.len() >= 6 && (w.starts_with("al") || w.starts_with("el")) {
        w.drain(..2);
    }
    if let Some(k) = ch_as_k(&w) {
        w = k;
    }
    for (from, to) in [("chh", "ch"), ("th", "t")] {
        if w.contains(from) {
            w = w.replace(from, to);
        }
    }
    if let Some(rest) = w.strip_prefix("wh") {
        w = format!("w{rest}");
    }
    for reading in [zh_sion, soft_g, pinyin_x] {
        if let Some(r) = reading(&w) {
            w = r;
        }
    }
    // The South Slavic -ić and -č, written -ic, end in ch, and the j of such a name is y
    // (BOJIC بوييتش, MIHAJLOVIC میهایلوویچ; round 25).
    if w.len() >= 4
        && let Some(stem) = w.strip_suffix("ic")
    {
        w = format!("{}ich", stem.replace('j', "y"));
    }
    (w != part).then_some(w)
}

/// The word with the ch of tech, chem, chl and chr written k, if it has one (see
/// [`other_latin_reading`]).
fn ch_as_k(word: &str) -> Option<String> {
    const CH_AS_K: [(&str, &str); 4] = [
        ("tech", "tek"),
        ("chem", "kem"),
        ("chl", "kl"),
        ("chr", "kr"),
    ];
    CH_AS_K.iter().any(|(g, _)| word.contains(g)).then(|| {
        CH_AS_K
            .iter()
            .fold(word.to_string(), |w, (from, to)| w.replace(from, to))
    })
}

/// A pinyin word with zh, with that zh written j, as Persian writes it ج (ZHI جی; round 24).
fn pinyin_zh_as_j(part: &str) -> Option<String> {
    (part.contains("zh") && pinyin_syllables(part).is_some()).then(|| part.replace("zh", "j"))
}

/// The conjunction و ("and") is written onto the next word (`الواصل وبابل`, "al-Wasel and
/// Babel"): a word after the first that starts with و and has four letters or more after it
/// gets the skeleton without the و as its alternative reading. (A first word never starts with
/// the conjunction; a shorter rest, `وحيد`, is too likely a name of its own.)
fn conjunction(w: &str, position: usize) -> Option<(String, String)> {
    let rest = w.strip_prefix('و')?;
    (position > 0 && rest.chars().count() >= 4).then(|| arabic_skeleton(rest))
}

/// A Persian name of origin made with -ای on a place name that ends in a silent ه (مراغه‌ای of
/// مراغه Maragheh, round 13): the lists write it with the ending (KHAMENEI, EJEI) or as the
/// place (GHANNADI MARAGHEH). For a word ending in ه + ای whose place has four letters or more,
/// the skeleton of the place, as the alternative reading.
fn place_nisba(w: &str) -> Option<(String, String)> {
    let base = w.strip_suffix("اي")?;
    (base.ends_with('ه') && base.chars().count() >= 4).then(|| arabic_skeleton(base))
}

/// Arabic romanisations write ض as d (رضا Rida, فضل Fadl, رمضان Ramadan) where Persian and
/// Urdu ones write z (Reza, Fazl, Ramazan), and the skeleton's z cannot tell (round 14): for a
/// word with ض, the skeleton with ض read as د, as the alternative reading.
fn dad_as_d(w: &str) -> Option<(String, String)> {
    w.contains('ض')
        .then(|| arabic_skeleton(&w.replace('ض', "د")))
}

/// Arabic has no letter for the English and French ch and writes it تش (تشاينا China,
/// تشيلسي Chelsea; round 17), where Persian and Urdu write چ: for a word with تش, the skeleton
/// with تش read as چ, as the alternative reading. Else the same for تس, which the Pashto څ
/// leaves (round 21): څ is the ts of a foreign name (څیویلیوا TSIVILEVA), and Pashto names
/// with it are romanised ch (اڅکزی ACHEKZAI, بلوڅ BALUCH).
fn tsh_as_ch(w: &str) -> Option<(String, String)> {
    ["تش", "تس"]
        .into_iter()
        .find(|d| w.contains(d))
        .map(|d| arabic_skeleton(&w.replace(d, "چ")))
}

/// Persian writes the Greek and French geo- as ژئو (ژئوفیزیکا GEOFIZIKA, ژئوپلیتیک
/// geopolitical; round 22), where the lists write g: for a word that starts with it, the
/// skeleton with that ژ read as گ, as the alternative reading.
fn persian_geo(w: &str) -> Option<(String, String)> {
    let rest = w.strip_prefix("ژيو")?;
    (rest.chars().count() >= 2).then(|| arabic_skeleton(&format!("گيو{rest}")))
}

/// Arabic and Persian write the Russian initial Е (Ye) with ي (يكاترينا, یوگنی), where the
/// lists romanise it E (EKATERINA, EVGENY; round 21): for a word of five letters or more that
/// starts with ي + a consonant, the skeleton with that ي read as the vowel, as the alternative
/// reading.
fn initial_ye(w: &str) -> Option<(String, String)> {
    let rest = w.strip_prefix('ي')?;
    let next = rest.chars().next()?;
    (w.chars().count() >= 5 && !matches!(next, 'ا' | 'و' | 'ي' | 'ع' | 'ه' | 'ئ' | 'ء' | 'آ'))
        .then(|| arabic_skeleton(&format!("ا{rest}")))
}

/// Arabic and Persian script put an alef before a word-initial consonant cluster (استانکزی
/// Stanekzai, اسپین Spin, اشتیاق): for a word that starts with ا + س/ش/ص + a consonant, the
/// skeleton without the alef, as the alternative reading.
fn prothetic_alef(w: &str) -> Option<(String, String)> {
    let mut cs = w.chars();
    let (Some('ا'), Some(s), Some(c)) = (cs.next(), cs.next(), cs.next()) else {
        return None;
    };
    (matches!(s, 'س' | 'ش' | 'ص') && !matches!(c, 'ا' | 'و' | 'ي' | 'ع' | 'ه' | 'ئ' | 'ء'))
        .then(|| arabic_skeleton(&w['ا'.len_utf8()..]))
}

/// The comparable tokens of a name, in order. Empty when nothing comparable is left.
pub fn tokens(text: &str) -> Vec<Token> {
    tokens_keeping(text, false)
}

/// The tokens of a body's name (an entity, vessel or aircraft on a list): [`tokens`], and a
/// Latin word with a free alternative reading gets the word as Arabic script spells English
/// ([`english_reading`]) as that reading (the second since round 24). Only for bodies: their names are English
/// words that a writer of Arabic, Persian or Urdu spells out; on a person's name the reading
/// would make other names of the region look alike (Ghasemi and Kazemi, Raisi and Rezaei).
pub fn entity_tokens(text: &str) -> Vec<Token> {
    // A body's name of three or more single letters (I.C.I.C. KFT., round 27) is an
    // abbreviation, read as one word as Arabic script spells it out (آی‌سی‌آی‌سی); a person's
    // initials stay apart.
    let joined = join_single_letter_runs(
        normalize(text),
        |w| single_letter(w).is_some_and(|c| c.is_ascii_lowercase()),
        |run| (run.len() >= 3).then(|| run.concat()),
    );
    let mut toks = tokens_of_normalized(joined, false);
    let turkish = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| TURKISH_MARKS.iter().any(|m| w.eq_ignore_ascii_case(m)));
    for t in &mut toks {
        // A Russian adjective of place (AMURSKY, SARATOVSKI, AZOVSKI) is the place's name in
        // a translation (آمور, ساراتوف, ازوف; round 27): its stem is its first free reading.
        if t.script == Script::Latin
            && let Some(stem) = place_adjective_stem(&t.surface)
        {
            t.add_reading(latin_skeleton(stem));
        }
        let read = if turkish {
            with_turkish_reading(t)
        } else {
            with_english_reading(t)
        };
        if let Some(read) = read {
            *t = read;
        }
    }
    toks
}

/// The stem of a Russian adjective of place as the lists romanise it (-sky, -skiy, -ski, -skaya,
/// -skoye, -skogo), if at least four letters are left (see [`entity_tokens`]).
fn place_adjective_stem(word: &str) -> Option<&str> {
    [
        "skiy", "skii", "skij", "skaya", "skoye", "skoe", "skogo", "sky", "ski",
    ]
    .iter()
    .find_map(|e| word.strip_suffix(e))
    .filter(|stem| stem.len() >= 4)
}

/// Words that make a body's name Turkish (its legal form and trade words): the lists write
/// Turkish without its letters, ş as s (YESIL BASAK, Yeşil Başak), which Arabic script writes ش
/// (یشیل باشاک; round 24).
const TURKISH_MARKS: &[&str] = &["sirketi", "sti", "ticaret", "sanayi", "sanayii", "anonim"];

/// The token with each s read sh ([`TURKISH_MARKS`]) as its free alternative reading, if that
/// differs: every s of a name written without ş may be one.
fn with_turkish_reading(t: &Token) -> Option<Token> {
    if t.script != Script::Latin || !t.surface.contains('s') {
        return None;
    }
    let mut out = t.clone();
    out.add_reading(latin_skeleton(
        &t.surface.replace("sh", "s").replace('s', "sh"),
    ))
    .then_some(out)
}

/// The token as [`entity_tokens`] reads it, if that differs from the token: a Latin token
/// with a free alternative reading, with the [`english_reading`] of its word as that reading,
/// and as the next free one the reading with its p written ب as Arabic writes it (Persian and
/// Urdu write پ: TIGHTSHIP ٹائٹ شپ).
pub fn with_english_reading(t: &Token) -> Option<Token> {
    if t.script != Script::Latin || t.alt2.is_some() {
        return None;
    }
    let mut out = t.clone();
    let mut added = false;
    for arabic_p in [false, true] {
        if let Some(w) = english_reading(&t.surface, arabic_p) {
            added |= out.add_reading(latin_skeleton(&w));
        }
    }
    added.then_some(out)
}

/// The tokens of a name with a title after its first name part (مولوی, حافظ, شیخ, سید) kept as a
/// name part: titles go before a name, and one after a name part is often a surname (علی شمس
/// مولوی, Ali Shams Mulavi; round 12) or a given name (محمد أحمد السيد أحمد, Mohamed Ahmed
/// Elsayed Ahmed; round 15), though lists as often leave it out (ابراهيم امين السيد, IBRAHIM
/// AMIN). `None` when no title follows a name part, or the name is nothing but titles.
pub fn tokens_with_late_titles(text: &str) -> Option<Vec<Token>> {
    // Cheap first: most names have no title after their first word.
    let norm = normalize(text);
    let mut words = norm.split(' ').filter(|w| !w.is_empty());
    words.next()?;
    if !words.any(|w| surname_title(w) && ARABIC_DROP.iter().any(|d| d == w)) {
        return None;
    }
    let without = tokens(text);
    let with = tokens_keeping(text, true);
    (!without.is_empty() && with.len() > without.len()).then_some(with)
}

fn tokens_keeping(text: &str, keep_late_titles: bool) -> Vec<Token> {
    tokens_of_normalized(normalize(text), keep_late_titles)
}

/// [`tokens_keeping`] of a text [`normalize`] has already read.
fn tokens_of_normalized(norm: String, keep_late_titles: bool) -> Vec<Token> {
    let norm = latin_legal_phrases(norm);
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = leading_rank(&words);
    while i < words.len() {
        let word = words[i];
        // s/o, d/o, w/o (son/daughter/wife of) become "s o" after normalisation.
        if matches!(word, "s" | "d" | "w") && words.get(i + 1) == Some(&"o") {
            i += 2;
            continue;
        }
        i += 1;
        match script_of(word) {
            Script::Arabic => {
                // The parts of a word joined by a ZWNJ are name parts: no honorific or
                // particle is dropped from among them (حاجی‌نیا is Hajinia, not Haji + Nia).
                let parts: Vec<ArPart> = if word.contains('\u{200C}') {
                    word.split('\u{200C}')
                        .filter(|p| !p.is_empty())
                        .flat_map(|p| {
                            let ps = arabic_parts(p);
                            if ps.is_empty() {
                                vec![ArPart::Text(p.to_string())]
                            } else {
                                ps
                            }
                        })
                        .collect()
                } else if (words
                    .get(i)
                    .is_some_and(|next| AR_SUFFIXES.iter().any(|(s, _)| s == next))
                    || (keep_late_titles && !out.is_empty() && surname_title(word)))
                    && ARABIC_DROP.iter().any(|d| d == word)
                {
                    // A title before a surname suffix written apart is a name part (حاجی زاده
                    // is Hajizadeh, not the title Haji); so is one after a name part, in the
                    // reading that asks for it ([`tokens_with_late_titles`]).
                    vec![ArPart::Text(word.to_string())]
                } else if i == words.len() && i >= 2 && AR_ABU.iter().any(|a| a == word) {
                    // Abu opens a name and never ends one: a last بو is a name (لي بو, LEI Bo;
                    // round 24).
                    vec![ArPart::Text(word.to_string())]
                } else {
                    arabic_parts(word)
                };
                for part in parts {
                    match part {
                        ArPart::Canon(c) => {
                            let mut t = latin_token(c.to_string());
                            t.script = Script::Arabic;
                            t.latin = None;
                            out.push(t);
                        }
                        ArPart::Text(w) => {
                            let stripped = AR_ARTICLES.iter().find_map(|a| {
                                w.strip_prefix(a.as_str())
                                    .filter(|r| r.chars().count() >= 2)
                            });
                            let ((skel, vs), alt) = match stripped {
                                Some(rest) => (arabic_skeleton(rest), Some(arabic_skeleton(&w))),
                                None => {
                                    let own = arabic_skeleton(&w);
                                    let alt = prothetic_alef(&w)
                                        .or_else(|| conjunction(&w, out.len()))
                                        .or_else(|| place_nisba(&w))
                                        .or_else(|| dad_as_d(&w))
                                        .or_else(|| tsh_as_ch(&w))
                                        .or_else(|| initial_ye(&w))
                                        .or_else(|| persian_geo(&w))
                                        .or_else(|| letter_alt(&w, &own.0));
                                    (own, alt)
                                }
                            };
                            if skel.is_empty() {
                                continue;
                            }
                            let (alt, alt_vs) = match alt {
                                Some((a, v)) => (Some(a), Some(v)),
                                None => (None, None),
                            };
                            out.push(Token {
                                surface: w,
                                skel,
                                alt,
                                vs,
                                alt_vs,
                                alt2: None,
                                latin: None,
                                script: Script::Arabic,
                            });
                        }
                    }
                }
            }
            Script::Cyrillic => {
                // Arabic particles as Russian writes them (валь-Джихад = wal-Jihad).
                if matches!(word, "валь" | "уль" | "эль" | "вал" | "ул") {
                    continue;
                }
                let latin = cyrillic_to_latin(word);
                for part in latin_parts(&latin) {
                    let mut t = latin_token(part);
                    t.script = Script::Cyrillic;
                    out.push(t);
                }
            }
            Script::Latin => {
                // The Urdu honorific sahib follows the name it honours: between two name parts
                // it is a name (SAMANE GOSTAR SAHAB PARDAZ, سحاب, round 16).
                if matches!(word, "sahab" | "sahib") && !out.is_empty() && i < words.len() {
                    out.push(latin_token(word.to_string()));
                    continue;
                }
                // A word folded to its synonym (global → world, air → aviation) keeps its own
                // skeleton as the alternative reading: an Arabic-script name may transliterate
                // the English word (غلوبال) rather than translate it.
                let folded = crate::orgwords::canonical_english(word).filter(|en| *en != word);
                for part in latin_parts(word) {
                    let mut t = latin_token(part);
                    // (In the first free slot since round 26: TORGOVY تورغوفي, NEDVIZHIMOST
                    // نيدفيجيموست, whose folded word has a reading of its own.)
                    if folded.is_some() {
                        let own = latin_skeleton(word);
                        if own.0.chars().count() >= 2 && own.0 != t.skel {
                            t.add_reading(own);
                        }
                    }
                    if !t.skel.is_empty() {
                        out.push(t);
                    }
                }
            }
            Script::Other => out.push(Token {
                surface: word.to_string(),
                skel: word.to_string(),
                alt: None,
                latin: None,
                vs: word.to_string(),
                alt_vs: None,
                alt2: None,
                script: Script::Other,
            }),
        }
    }
    // A Belarusian or Russian name's words get a reading in the letters Arabic and Persian
    // write them with, and their v as ф, ف (NOVIKAU Novikov نوفيكوف).
    // A Spanish name's words (round 27) in the letters Arabic and Persian write them with.
    let reading: Option<fn(&str) -> Option<String>> = if words.iter().any(|w| belarusian_mark(w)) {
        Some(russian_of_belarusian)
    } else if words.iter().any(|w| russian_mark(w)) {
        Some(arabic_of_russian)
    } else if words.iter().any(|w| spanish_mark(w)) {
        Some(arabic_of_spanish)
    } else {
        None
    };
    if let Some(reading) = reading {
        for t in out.iter_mut().filter(|t| t.script == Script::Latin) {
            if let Some(w) = reading(&t.surface) {
                t.add_reading(latin_skeleton(&slavic_v(&w).unwrap_or(w)));
            }
        }
    } else if words.iter().any(|w| balkan_mark(w)) {
        // A South Slavic name written without its háček letters (round 27): its c is ts
        // (CIVIJA KOMERC تسيفيا كوميرتس, BABUDOVAC) or č (ZVECAN زفيتشان), its z may be ž
        // (ZELJKO جيليكو), and its j is y.
        for t in out.iter_mut().filter(|t| t.script == Script::Latin) {
            let w = t.surface.replace("ch", "\u{1}").replace('j', "y");
            let ts = w.replace('c', "ts").replace('\u{1}', "ch");
            let hacek = w
                .replace('c', "ch")
                .replace('z', "zh")
                .replace('\u{1}', "ch");
            for r in [ts, hacek] {
                if r != t.surface {
                    t.add_reading(latin_skeleton(&slavic_v(&r).unwrap_or(r)));
                }
            }
        }
    }
    out
}

/// A word that makes a name South Slavic as the lists write it, without its háček letters
/// (round 27): a surname in -vic or -jic (-ović, Bojić: English words end in -ic too), a place
/// in -ovac or -evac, the letters lj, nj or dj, the legal forms d.o.o. and d.o.o.e.l., or the
/// trade words komerc and promet.
fn balkan_mark(word: &str) -> bool {
    ["vic", "jic"].iter().any(|e| word.ends_with(e))
        || word.ends_with("ovac")
        || word.ends_with("evac")
        || ["lj", "nj", "dj"].iter().any(|d| word.contains(d))
        || matches!(word, "doo" | "dooel" | "komerc" | "promet")
}

/// An East Slavic patronymic as the lists romanise it (round 27): Aleksandrovna, Ivanovich,
/// Sergeyevich, Piatrovich, Ilyichna.
pub fn is_patronymic(word: &str) -> bool {
    word.len() >= 7
        && ["ovich", "evich", "ovna", "evna", "avich", "avna", "ichna"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// A word that makes a name Russian as the lists romanise it (round 26): a patronymic (-ovich,
/// -evich, -ovna, -evna) or a surname in -ov, -ev, -ova, -eva of five letters or more.
fn russian_mark(word: &str) -> bool {
    ["ovich", "evich", "ovna", "evna"]
        .iter()
        .any(|e| word.ends_with(e))
        || (word.len() >= 5 && ["ov", "ev", "ova", "eva"].iter().any(|e| word.ends_with(e)))
}

/// A Muslim name of the Caucasus or Central Asia as Russian romanises it, in the letters Arabic
/// and Persian write it with (round 26): Russian has no h, and writes the Arabic ح and ه g and
/// kh (GASANOV حسنوف, Hasanov; GADZHIYEV حاجييف, Abdulkhakim عبد الحكيم), its dzh is ج, and
/// the y of -yev after a vowel or r is not written (AVDEYEV اودیف, Yuryevich یوریوچ). `None`
/// if that changes nothing.
fn arabic_of_russian(word: &str) -> Option<String> {
    let mut w = word.replace("dzh", "j").replace("kh", "h");
    if w.starts_with('g') {
        w.replace_range(..1, "h");
    }
    if let Some(at) = w.find("yev").filter(|&i| {
        i > 0 && matches!(w.as_bytes()[i - 1], b'a' | b'e' | b'i' | b'o' | b'u' | b'r')
    }) {
        w.replace_range(at..at + 1, "");
    }
    (w != word).then_some(w)
}

/// A word that makes a name Spanish (round 27): a common Spanish given name, or a surname in
/// -ez after one of the consonants of the common ones (GONZALEZ, RODRIGUEZ, PEREZ, VASQUEZ).
fn spanish_mark(word: &str) -> bool {
    const NAMES: &[&str] = &[
        "jose",
        "juan",
        "miguel",
        "carlos",
        "luis",
        "jorge",
        "javier",
        "pedro",
        "francisco",
        "antonio",
        "manuel",
        "jesus",
        "alejandro",
        "fernando",
        "ricardo",
        "roberto",
        "eduardo",
        "rafael",
        "ramon",
        "guillermo",
        "enrique",
        "joaquin",
        "alfonso",
        "maria",
        "guadalupe",
    ];
    NAMES.contains(&word)
        || (word.len() >= 5
            && ["quez", "guez", "nez", "rez", "lez", "dez", "mez", "pez"]
                .iter()
                .any(|e| word.ends_with(e)))
}

/// A Spanish name as Arabic and Persian script write it (round 27): its j is خ (JARQUIN
/// خاركين), qu and gu before e or i are k and g, ll is y, z and a soft c are s. `None` if that
/// changes nothing.
fn arabic_of_spanish(word: &str) -> Option<String> {
    let soft = |w: &str, from: &str, to: &str| {
        ["e", "i"].iter().fold(w.to_string(), |w, v| {
            w.replace(&format!("{from}{v}"), &format!("{to}{v}"))
        })
    };
    let mut w = word.replace('j', "kh").replace("ll", "y").replace('z', "s");
    w = soft(&w, "qu", "k");
    w = soft(&w, "gu", "g");
    w = soft(&w, "c", "s");
    (w != word).then_some(w)
}

/// A word that makes a name Belarusian as the lists romanise it (round 25): a patronymic in
/// -avich or -avna, a surname in -au (NOVIKAU), or Uladzimir, Siarhei, Aliaksandr, Hienadz.
fn belarusian_mark(word: &str) -> bool {
    let b = word.as_bytes();
    word.ends_with("avich")
        || word.ends_with("avna")
        || (b.len() >= 5
            && word.ends_with("au")
            && !matches!(b[b.len() - 3], b'a' | b'e' | b'i' | b'o' | b'u'))
        || ["ula", "siar", "aliak", "hien"]
            .iter()
            .any(|p| word.starts_with(p))
}

/// A Belarusian name as the lists romanise it, in the Russian form that Arabic and Persian
/// writers spell (round 25: Uladzimir Vladimir فلاديمير, Siarhei Sergei سيرغي, Piatrovich
/// Petrovich, Yakaulevich Yakovlevich, NOVIKAU Novikov نوفيكوف, Ihnatavich Ignatovich): an
/// initial ula- is vla-, dz is d, ia and ie before a consonant are e, h (not of kh, zh, sh, ch)
/// is g, au before a consonant or at the end is ov, and -avich, -avna are -ovich, -ovna. `None`
/// if that changes nothing.
fn russian_of_belarusian(word: &str) -> Option<String> {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut w = match word.strip_prefix("ula") {
        Some(rest) => format!("vla{rest}"),
        None => word.to_string(),
    };
    w = w
        .replace("dz", "d")
        .replace("avich", "ovich")
        .replace("avna", "ovna");
    let b = w.as_bytes();
    let mut out = String::with_capacity(w.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let after = b.get(i + 2).copied();
        if c == b'i'
            && matches!(next, Some(b'a' | b'e'))
            && i > 0
            && !vowel(b[i - 1])
            && after.is_some_and(|a| !vowel(a))
        {
            out.push('e');
            i += 2;
            continue;
        }
        if c == b'a' && next == Some(b'u') && after.is_none_or(|a| !vowel(a)) {
            out.push_str("ov");
            i += 2;
            continue;
        }
        if c == b'h' && !(i > 0 && matches!(b[i - 1], b'k' | b'z' | b's' | b'c')) {
            out.push('g');
        } else {
            out.push(char::from(c));
        }
        i += 1;
    }
    (out != word).then_some(out)
}

/// True for the legal forms of company names (Ltd, LLC, شركة, سهامی خاص, ش.م.ل), which say
/// neither who a company is nor what it does.
pub fn is_legal_form(surface: &str) -> bool {
    // Asked for every word of every query: a set, not a scan of the ninety forms.
    static WORDS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        folded(&[
            "ltd",
            "limited",
            "pvt",
            "private",
            "co",
            "company",
            "corp",
            "corporation",
            "inc",
            "llc",
            "plc",
            "sarl",
            // round 25: the French one-member SAS and the Latvian SIA
            "sasu",
            "sia",
            "gmbh",
            "sa",
            "fze",
            "fzco",
            "sal",
            "sae",
            "wll",
            "psc",
            "fzc",
            "llp",
            "bsc",
            "jsc",
            "pjsc",
            // PUBLIC JOINT STOCK (COMPANY), CLOSED JOINT STOCK: سهامی عام, round 16.
            "joint",
            "stock",
            "qsc",
            // The other Arab, Turkish, Russian and European forms of the region's companies
            // (round 17): Y.S.C. (Yemen), K.S.C. and K.S.C.C. (Kuwait), Q.P.S.C. (Qatar),
            // B.S.C.(C) (Bahrain), S.A.O.G./S.A.O.C. (Oman), S.P.C., FZ-LLC, DMCC, JLT, L.L.E., the
            // Russian OOO, PAO, ZAO, CJSC, OJSC, the European SRL, SPA, AG, BV, NV.
            "ysc",
            "ksc",
            "kscc",
            "ksca",
            "qpsc",
            "qscc",
            "bscc",
            "saog",
            "saoc",
            "spc",
            "fzllc",
            "dmcc",
            "jlt",
            "lle",
            "cjsc",
            "ojsc",
            "ooo",
            // Round 27: the Hungarian Kft. and Zrt., the Estonian OÜ.
            "kft",
            "zrt",
            "ou",
            "pao",
            "zao",
            "srl",
            "spa",
            "ag",
            "bv",
            "nv",
            // Round 18: the Balkan d.o.o. and d.o.o.e.l., the Bulgarian (E)OOD, the Czech and
            // Slovak s.r.o., the French single-member SARLU, the Singaporean PTE, the Turkish
            // şirketi (company), and liability of a limited liability written apart.
            "doo",
            "dooel",
            "ood",
            "eood",
            "sro",
            "sarlu",
            "pte",
            // Round 21: the Mexican S.A. DE C.V. and S.A.P.I. DE C.V. (sociedad anónima
            // promotora de inversión de capital variable), S. DE R.L., S.A.B., and the
            // Colombian and Peruvian S.A.S., LTDA., E.I.R.L., S.A.C.
            "cv",
            "sapi",
            "rl",
            "sab",
            "sas",
            "ltda",
            "eirl",
            "sac",
            // Round 22: the Kyrgyz OsOO, the Russian AO and OAO (joint-stock), the Australian
            // and South African PTY, the Malaysian SDN. BHD., and INCORPORATED written out.
            "osoo",
            "ao",
            "oao",
            "pty",
            "sdn",
            "bhd",
            "incorporated",
            "sirketi",
            "liability",
            "شرکت",
            "شركة",
            "سهامی",
            "خاص",
            "لمیٹڈ",
            "پرائیویٹ",
            // private as Pashto and Arabic writers spell it (round 17)
            "پرائیوټ",
            "برايفت",
            "کمپنی",
            "شمل",
            "ذمم",
            "شمم",
            "ممح",
            // م.د.م.س, DMCC (round 17)
            "مدمس",
            "شمب",
            "شذمم",
            // ش.م.ي (Yemen), ش.م.ك (Kuwait) and its ش.م.ك.م / ش.م.ك.ع, ش.م.ق (Qatar), ش.م.ع
            // (public: PJSC), ش.م.خ (private), ش.م.ع.ع / ش.م.ع.م (Oman), ش.ش.و (one-person).
            "شمي",
            "شمك",
            "شمكم",
            "شمكع",
            "شمق",
            "شمع",
            "شمخ",
            "شمعع",
            "شمعم",
            "ششو",
        ])
        .into_iter()
        .collect()
    });
    WORDS.contains(surface)
}

/// True for the words of company names that say nothing about who the company is (legal forms
/// and generic trade words); they weigh little in a match.
pub fn is_generic_business_word(surface: &str) -> bool {
    static WORDS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
        folded(&[
            "group",
            "holding",
            "holdings",
            "international",
            "intl",
            "trading",
            "traders",
            "trade",
            "enterprise",
            "enterprises",
            "industries",
            "industry",
            "industrial",
            "mills",
            "sons",
            "brothers",
            "bros",
            "exports",
            "export",
            "imports",
            "import",
            "exporters",
            "importers",
            "services",
            "service",
            "general",
            "commercial",
            "commerce",
            "agency",
            "agencies",
            "supplies",
            "supply",
            "store",
            "stores",
            "shop",
            "center",
            "centre",
            "network",
            "foundation",
            "trust",
            "firm",
            "associates",
            // the country a body is registered in (BANK SADERAT IRAN, بانک صادرات ایران)
            "iran",
            "iraq",
            "syria",
            "pakistan",
            "afghanistan",
            "lebanon",
            "yemen",
            "ايران",
            "ایران",
            "بازرگانی",
            "تجارت",
            "تجارتی",
            "عام",
            "گروه",
            "صنایع",
            "مؤسسه",
            "موسسه",
            "ٹریڈرز",
            "انٹرپرائزز",
            "اینڈ",
            "lines",
        ])
        .into_iter()
        .collect()
    });
    is_legal_form(surface) || WORDS.contains(surface)
}
