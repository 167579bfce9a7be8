//! Seeded synthetic data: the negative evaluation set of Pakistani and Iranian trader and company
//! names (committed as `data/negatives_pk_ir.tsv`; a test proves the file equals this
//! generator's output), parties for the benchmark, and an OFAC-sized synthetic list.
//!
//! The name parts are common real given names and surnames of Pakistan (Urdu script) and Iran
//! (Persian script), written by hand with their usual Latin spellings, plus the patterns of
//! trading-company names in both countries. None of it comes from a sanctions list.

use crate::model::*;

/// splitmix64: small, seeded, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % (n.max(1) as u64)) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// (Latin, original script)
type Part = (&'static str, &'static str);

pub const PK_GIVEN: &[Part] = &[
    ("Ahmed", "احمد"),
    ("Ali", "علی"),
    ("Imran", "عمران"),
    ("Bilal", "بلال"),
    ("Usman", "عثمان"),
    ("Faisal", "فیصل"),
    ("Tariq", "طارق"),
    ("Shahid", "شاہد"),
    ("Asif", "آصف"),
    ("Kamran", "کامران"),
    ("Zahid", "زاہد"),
    ("Naveed", "نوید"),
    ("Sohail", "سہیل"),
    ("Waqas", "وقاص"),
    ("Adnan", "عدنان"),
    ("Arshad", "ارشد"),
    ("Javed", "جاوید"),
    ("Khalid", "خالد"),
    ("Nadeem", "ندیم"),
    ("Rizwan", "رضوان"),
    ("Salman", "سلمان"),
    ("Shoaib", "شعیب"),
    ("Yasir", "یاسر"),
    ("Zeeshan", "ذیشان"),
    ("Aamir", "عامر"),
    ("Fahad", "فہد"),
    ("Hamza", "حمزہ"),
    ("Irfan", "عرفان"),
    ("Junaid", "جنید"),
    ("Kashif", "کاشف"),
    ("Majid", "ماجد"),
    ("Nasir", "ناصر"),
    ("Qasim", "قاسم"),
    ("Rashid", "راشد"),
    ("Saad", "سعد"),
    ("Sajid", "ساجد"),
    ("Tahir", "طاہر"),
    ("Umair", "عمیر"),
    ("Waseem", "وسیم"),
    ("Zubair", "زبیر"),
    ("Babar", "بابر"),
    ("Danish", "دانش"),
    ("Ehsan", "احسان"),
    ("Farhan", "فرحان"),
    ("Haroon", "ہارون"),
    ("Iqbal", "اقبال"),
    ("Jahangir", "جہانگیر"),
    ("Mubashir", "مبشر"),
    ("Noman", "نعمان"),
    ("Owais", "اویس"),
    ("Pervaiz", "پرویز"),
    ("Rehan", "ریحان"),
    ("Shakeel", "شکیل"),
    ("Tanveer", "تنویر"),
    ("Yousaf", "یوسف"),
    ("Zafar", "ظفر"),
    ("Akram", "اکرم"),
    ("Aslam", "اسلم"),
    ("Azhar", "اظہر"),
    ("Hanif", "حنیف"),
    ("Latif", "لطیف"),
    ("Mushtaq", "مشتاق"),
    ("Nawaz", "نواز"),
    ("Rafiq", "رفیق"),
    ("Saleem", "سلیم"),
    ("Shafiq", "شفیق"),
    ("Ayesha", "عائشہ"),
    ("Fatima", "فاطمہ"),
    ("Sana", "ثنا"),
    ("Amna", "آمنہ"),
    ("Hina", "حنا"),
    ("Saima", "صائمہ"),
    ("Nadia", "نادیہ"),
    ("Rabia", "رابعہ"),
    ("Sadia", "سعدیہ"),
    ("Uzma", "عظمیٰ"),
];

pub const PK_FAMILY: &[Part] = &[
    ("Qureshi", "قریشی"),
    ("Butt", "بٹ"),
    ("Chaudhry", "چوہدری"),
    ("Malik", "ملک"),
    ("Awan", "اعوان"),
    ("Siddiqui", "صدیقی"),
    ("Ansari", "انصاری"),
    ("Mirza", "مرزا"),
    ("Baig", "بیگ"),
    ("Rana", "رانا"),
    ("Gill", "گل"),
    ("Bhatti", "بھٹی"),
    ("Abbasi", "عباسی"),
    ("Hashmi", "ہاشمی"),
    ("Memon", "میمن"),
    ("Soomro", "سومرو"),
    ("Baloch", "بلوچ"),
    ("Jatoi", "جتوئی"),
    ("Rajput", "راجپوت"),
    ("Niazi", "نیازی"),
    ("Durrani", "درانی"),
    ("Yousafzai", "یوسفزئی"),
    ("Khattak", "خٹک"),
    ("Afridi", "آفریدی"),
    ("Bukhari", "بخاری"),
    ("Gilani", "گیلانی"),
    ("Naqvi", "نقوی"),
    ("Rizvi", "رضوی"),
    ("Jafri", "جعفری"),
    ("Kazmi", "کاظمی"),
    ("Zaidi", "زیدی"),
    ("Cheema", "چیمہ"),
    ("Warraich", "وڑائچ"),
    ("Sandhu", "سندھو"),
    ("Virk", "ورک"),
    ("Tarar", "تارڑ"),
    ("Dogar", "ڈوگر"),
    ("Arain", "آرائیں"),
    ("Lodhi", "لودھی"),
    ("Paracha", "پراچہ"),
    ("Sethi", "سیٹھی"),
    ("Lakhani", "لاکھانی"),
    ("Habib", "حبیب"),
    ("Saigol", "سہگل"),
    ("Mughal", "مغل"),
    ("Khan", "خان"),
    ("Shah", "شاہ"),
    ("Sheikh", "شیخ"),
    ("Javed", "جاوید"),
    ("Iqbal", "اقبال"),
    ("Aslam", "اسلم"),
    ("Raza", "رضا"),
    ("Hussain", "حسین"),
    ("Mahmood", "محمود"),
    ("Anwar", "انور"),
];

pub const IR_GIVEN: &[Part] = &[
    ("Reza", "رضا"),
    ("Hossein", "حسین"),
    ("Mehdi", "مهدی"),
    ("Ali", "علی"),
    ("Amir", "امیر"),
    ("Hamid", "حمید"),
    ("Saeed", "سعید"),
    ("Majid", "مجید"),
    ("Behrouz", "بهروز"),
    ("Farhad", "فرهاد"),
    ("Dariush", "داریوش"),
    ("Kourosh", "کوروش"),
    ("Babak", "بابک"),
    ("Mohsen", "محسن"),
    ("Hassan", "حسن"),
    ("Javad", "جواد"),
    ("Ebrahim", "ابراهیم"),
    ("Esmaeil", "اسماعیل"),
    ("Mostafa", "مصطفی"),
    ("Morteza", "مرتضی"),
    ("Mojtaba", "مجتبی"),
    ("Ahmad", "احمد"),
    ("Mahmoud", "محمود"),
    ("Masoud", "مسعود"),
    ("Nader", "نادر"),
    ("Omid", "امید"),
    ("Payam", "پیام"),
    ("Peyman", "پیمان"),
    ("Ramin", "رامین"),
    ("Siavash", "سیاوش"),
    ("Shahram", "شهرام"),
    ("Kaveh", "کاوه"),
    ("Arash", "آرش"),
    ("Bijan", "بیژن"),
    ("Farzad", "فرزاد"),
    ("Hamed", "حامد"),
    ("Iman", "ایمان"),
    ("Kamran", "کامران"),
    ("Mehran", "مهران"),
    ("Navid", "نوید"),
    ("Pouya", "پویا"),
    ("Sina", "سینا"),
    ("Vahid", "وحید"),
    ("Yousef", "یوسف"),
    ("Alireza", "علیرضا"),
    ("Mohammadreza", "محمدرضا"),
    ("Gholamreza", "غلامرضا"),
    ("Abolfazl", "ابوالفضل"),
    ("Amin", "امین"),
    ("Hadi", "هادی"),
    ("Maryam", "مریم"),
    ("Zahra", "زهرا"),
    ("Fatemeh", "فاطمه"),
    ("Leila", "لیلا"),
    ("Shirin", "شیرین"),
    ("Nasrin", "نسرین"),
    ("Parisa", "پریسا"),
    ("Mina", "مینا"),
    ("Neda", "ندا"),
    ("Roya", "رویا"),
];

pub const IR_FAMILY: &[Part] = &[
    ("Rezaei", "رضایی"),
    ("Ahmadi", "احمدی"),
    ("Hosseini", "حسینی"),
    ("Mohammadi", "محمدی"),
    ("Karimi", "کریمی"),
    ("Moradi", "مرادی"),
    ("Jafari", "جعفری"),
    ("Rahimi", "رحیمی"),
    ("Ghasemi", "قاسمی"),
    ("Sadeghi", "صادقی"),
    ("Tehrani", "تهرانی"),
    ("Shirazi", "شیرازی"),
    ("Esfahani", "اصفهانی"),
    ("Najafi", "نجفی"),
    ("Farahani", "فراهانی"),
    ("Kazemi", "کاظمی"),
    ("Mousavi", "موسوی"),
    ("Nouri", "نوری"),
    ("Amini", "امینی"),
    ("Ebrahimi", "ابراهیمی"),
    ("Heidari", "حیدری"),
    ("Hashemi", "هاشمی"),
    ("Soltani", "سلطانی"),
    ("Zamani", "زمانی"),
    ("Bagheri", "باقری"),
    ("Salehi", "صالحی"),
    ("Akbari", "اکبری"),
    ("Ghorbani", "قربانی"),
    ("Mirzaei", "میرزایی"),
    ("Abbasi", "عباسی"),
    ("Yazdani", "یزدانی"),
    ("Rostami", "رستمی"),
    ("Naderi", "نادری"),
    ("Tavakoli", "توکلی"),
    ("Asadi", "اسدی"),
    ("Babaei", "بابایی"),
    ("Sharifi", "شریفی"),
    ("Jalali", "جلالی"),
    ("Khosravi", "خسروی"),
    ("Alavi", "علوی"),
    ("Vaziri", "وزیری"),
    ("Ansari", "انصاری"),
    ("Mahmoudi", "محمودی"),
    ("Shahbazi", "شهبازی"),
    ("Kermani", "کرمانی"),
    ("Tabrizi", "تبریزی"),
    ("Mashhadi", "مشهدی"),
    ("Zand", "زند"),
    ("Pahlavan", "پهلوان"),
    ("Golzar", "گلزار"),
    ("Kiani", "کیانی"),
    ("Safavi", "صفوی"),
    ("Hamidi", "حمیدی"),
    ("Rahmani", "رحمانی"),
    ("Nazari", "نظری"),
    ("Karimzadeh", "کریم\u{200c}زاده"),
    ("Hosseinzadeh", "حسین\u{200c}زاده"),
    ("Alizadeh", "علی\u{200c}زاده"),
    ("Gholami", "غلامی"),
    ("Jahangiri", "جهانگیری"),
    ("Rahnama", "رهنما"),
    ("Saberi", "صابری"),
    ("Firouzi", "فیروزی"),
];

/// Goods and place words of company names (Latin, Urdu, Persian).
pub const GOODS: &[(&str, &str, &str)] = &[
    ("Rice", "رائس", "برنج"),
    ("Polymer", "پولیمر", "پلیمر"),
    ("Bitumen", "بٹومین", "قیر"),
    ("Dates", "کھجور", "خرما"),
    ("Textile", "ٹیکسٹائل", "نساجی"),
    ("Steel", "اسٹیل", "فولاد"),
    ("Cement", "سیمنٹ", "سیمان"),
    ("Fruit", "فروٹ", "میوه"),
    ("Petrochemical", "پیٹروکیمیکل", "پتروشیمی"),
    ("Saffron", "زعفران", "زعفران"),
    ("Carpet", "قالین", "فرش"),
    ("Leather", "لیدر", "چرم"),
    ("Cotton", "کاٹن", "پنبه"),
    ("Surgical", "سرجیکل", "جراحی"),
    ("Sugar", "شوگر", "شکر"),
];

pub const PK_PLACES: &[Part] = &[
    ("Karachi", "کراچی"),
    ("Lahore", "لاہور"),
    ("Quetta", "کوئٹہ"),
    ("Faisalabad", "فیصل آباد"),
    ("Sialkot", "سیالکوٹ"),
    ("Multan", "ملتان"),
    ("Gwadar", "گوادر"),
    ("Indus", "انڈس"),
    ("Punjab", "پنجاب"),
    ("Mehran", "مہران"),
    ("Crescent", "کریسنٹ"),
    ("Star", "اسٹار"),
    ("Pak", "پاک"),
    ("Al Noor", "النور"),
    ("Madina", "مدینہ"),
];

pub const IR_PLACES: &[Part] = &[
    ("Pars", "پارس"),
    ("Tehran", "تهران"),
    ("Zahedan", "زاهدان"),
    ("Mashhad", "مشهد"),
    ("Tabriz", "تبریز"),
    ("Sepahan", "سپاهان"),
    ("Kavir", "کویر"),
    ("Arya", "آریا"),
    ("Alborz", "البرز"),
    ("Khazar", "خزر"),
    ("Persian Gulf", "خلیج فارس"),
    ("Zagros", "زاگرس"),
    ("Toos", "توس"),
    ("Kish", "کیش"),
    ("Chabahar", "چابهار"),
];

const PK_FORMS: &[Part] = &[
    ("Traders", "ٹریڈرز"),
    ("Enterprises", "انٹرپرائزز"),
    ("(Pvt) Ltd", "(پرائیویٹ) لمیٹڈ"),
    ("Industries", "انڈسٹریز"),
    ("Mills", "ملز"),
    ("Corporation", "کارپوریشن"),
    ("& Sons", "اینڈ سنز"),
    ("Exports", "ایکسپورٹس"),
];

const IR_FORMS: &[(&str, &str)] = &[
    ("Trading Co.", "شرکت بازرگانی"),
    ("Industries", "صنایع"),
    ("Company", "شرکت"),
    ("Group", "گروه"),
    ("Commercial Co.", "شرکت تجاری"),
    ("Export Co.", "شرکت صادراتی"),
];

/// One generated party: Latin name, original-script name, origin, person or company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedName {
    pub origin: &'static str,
    pub kind: &'static str,
    pub latin: String,
    pub script: String,
}

/// Male given names come first in the tables; female ones start here.
const PK_FEMALE_FROM: usize = 66;
const IR_FEMALE_FROM: usize = 50;

fn pk_person(r: &mut Rng) -> GeneratedName {
    let (mut latin, mut script) = (Vec::new(), Vec::new());
    let gi = r.below(PK_GIVEN.len());
    let male = gi < PK_FEMALE_FROM;
    if male && r.chance(40) {
        let (l, s) = *r.pick(&[
            ("Muhammad", "محمد"),
            ("Mohammad", "محمد"),
            ("Muhammed", "محمد"),
        ]);
        latin.push(l);
        script.push(s);
    }
    let g = &PK_GIVEN[gi];
    latin.push(g.0);
    script.push(g.1);
    if male && r.chance(25) {
        let g2 = r.pick(&PK_GIVEN[..PK_FEMALE_FROM]);
        if g2 != g {
            latin.push(g2.0);
            script.push(g2.1);
        }
    }
    let f = r.pick(PK_FAMILY);
    if f.0 != latin[latin.len() - 1] {
        latin.push(f.0);
        script.push(f.1);
    }
    GeneratedName {
        origin: "PK",
        kind: "person",
        latin: latin.join(" "),
        script: script.join(" "),
    }
}

fn ir_person(r: &mut Rng) -> GeneratedName {
    let (mut latin, mut script) = (Vec::new(), Vec::new());
    if r.chance(10) {
        latin.push("Seyed");
        script.push("سید");
    }
    let gi = r.below(IR_GIVEN.len());
    let g = &IR_GIVEN[gi];
    latin.push(g.0);
    script.push(g.1);
    if gi < IR_FEMALE_FROM && r.chance(10) {
        let g2 = r.pick(&IR_GIVEN[..IR_FEMALE_FROM]);
        if g2 != g {
            latin.push(g2.0);
            script.push(g2.1);
        }
    }
    let f = r.pick(IR_FAMILY);
    latin.push(f.0);
    script.push(f.1);
    GeneratedName {
        origin: "IR",
        kind: "person",
        latin: latin.join(" "),
        script: script.join(" "),
    }
}

fn pk_company(r: &mut Rng) -> GeneratedName {
    let goods = r.pick(GOODS);
    let form = r.pick(PK_FORMS);
    let (l, s) = if r.chance(50) {
        let f = r.pick(PK_FAMILY);
        (
            format!("{} {} {}", f.0, goods.0, form.0),
            format!("{} {} {}", f.1, goods.1, form.1),
        )
    } else {
        let p = r.pick(PK_PLACES);
        (
            format!("{} {} {}", p.0, goods.0, form.0),
            format!("{} {} {}", p.1, goods.1, form.1),
        )
    };
    GeneratedName {
        origin: "PK",
        kind: "company",
        latin: l,
        script: s,
    }
}

fn ir_company(r: &mut Rng) -> GeneratedName {
    let goods = r.pick(GOODS);
    let form = r.pick(IR_FORMS);
    let (l, s) = if r.chance(50) {
        let f = r.pick(IR_FAMILY);
        (
            format!("{} {} {}", f.0, goods.0, form.0),
            format!("{} {} {}", form.1, goods.2, f.1),
        )
    } else {
        let p = r.pick(IR_PLACES);
        (
            format!("{} {} {}", p.0, goods.0, form.0),
            format!("{} {} {}", form.1, goods.2, p.1),
        )
    };
    GeneratedName {
        origin: "IR",
        kind: "company",
        latin: l,
        script: s,
    }
}

/// One random Pakistani or Iranian trader or company.
pub fn party(r: &mut Rng) -> GeneratedName {
    match r.below(10) {
        0..=2 => pk_person(r),
        3..=5 => ir_person(r),
        6 | 7 => pk_company(r),
        _ => ir_company(r),
    }
}

/// The negative evaluation set as TSV (`id, origin, kind, name_latin, name_original_script`):
/// `count` distinct names, seeded. Names equal (after [`crate::normalize::normalize`]) to a name
/// in `exclude` are skipped, so no listed name is ever counted as a false positive.
pub fn negative_set_tsv(count: usize, seed: u64, exclude: &[String]) -> String {
    let mut r = Rng::new(seed);
    let mut seen = std::collections::HashSet::new();
    let excluded: std::collections::HashSet<String> = exclude
        .iter()
        .map(|e| crate::normalize::normalize(e))
        .collect();
    let mut out = String::from("id\torigin\tkind\tname_latin\tname_original_script\n");
    let mut n = 0;
    let mut attempts = 0;
    while n < count && attempts < count * 50 {
        attempts += 1;
        let g = party(&mut r);
        let key = crate::normalize::normalize(&g.latin);
        if excluded.contains(&key)
            || excluded.contains(&crate::normalize::normalize(&g.script))
            || !seen.insert(key)
        {
            continue;
        }
        n += 1;
        out.push_str(&format!(
            "N{n:04}\t{}\t{}\t{}\t{}\n",
            g.origin, g.kind, g.latin, g.script
        ));
    }
    out
}

const AR_GIVEN: &[&str] = &[
    "Abdullah", "Khalid", "Omar", "Yusuf", "Ibrahim", "Hamza", "Tariq", "Walid", "Samir", "Nabil",
    "Faris", "Jamal", "Kareem", "Mustafa", "Rashid", "Salim", "Adel", "Bassam", "Fadi", "Ghassan",
    "Hisham", "Imad", "Jihad", "Luay", "Mazen", "Nizar", "Qusay", "Raed", "Sami", "Talal", "Wael",
    "Yasin", "Ziad", "Anas", "Bakr", "Marwan",
];
const AR_FAMILY: &[&str] = &[
    "al-Masri",
    "al-Tikriti",
    "al-Hashimi",
    "al-Dulaimi",
    "al-Rawi",
    "al-Juburi",
    "al-Obaidi",
    "al-Shammari",
    "al-Ani",
    "al-Baghdadi",
    "al-Qahtani",
    "al-Harbi",
    "al-Otaibi",
    "al-Zahrani",
    "al-Ghamdi",
    "al-Shehri",
    "Haddad",
    "Khoury",
    "Nasser",
    "Saleh",
    "Mansour",
    "Darwish",
    "Hijazi",
    "Barakat",
    "Aziz",
    "Hamdan",
];
const RU_GIVEN: &[&str] = &[
    "Aleksandr",
    "Sergei",
    "Dmitry",
    "Andrei",
    "Alexei",
    "Igor",
    "Oleg",
    "Vladimir",
    "Yuri",
    "Mikhail",
    "Nikolai",
    "Pavel",
    "Viktor",
    "Roman",
    "Denis",
];
const RU_FAMILY: &[&str] = &[
    "Ivanov",
    "Petrov",
    "Sidorov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Volkov",
    "Sokolov",
    "Lebedev",
    "Kozlov",
    "Novikov",
    "Morozov",
    "Orlov",
    "Fedorov",
    "Makarov",
    "Zaitsev",
];
const ZH_SYLLABLES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "Lin", "He", "Gao", "Luo", "Wei", "Ming", "Jun", "Hong", "Xiao", "Jian",
    "Hua", "Feng",
];
const ES_GIVEN: &[&str] = &[
    "Jose", "Juan", "Carlos", "Luis", "Jorge", "Miguel", "Pedro", "Rafael", "Fernando", "Alberto",
    "Ricardo", "Manuel",
];
const ES_FAMILY: &[&str] = &[
    "Garcia",
    "Rodriguez",
    "Martinez",
    "Lopez",
    "Gonzalez",
    "Hernandez",
    "Perez",
    "Sanchez",
    "Ramirez",
    "Torres",
    "Flores",
    "Rivera",
    "Gomez",
    "Diaz",
    "Cruz",
    "Morales",
];
const CO_WORDS: &[&str] = &[
    "Global", "Ocean", "Star", "Eastern", "Golden", "Silver", "Delta", "Horizon", "Falcon",
    "Eagle", "Royal", "United", "Pacific", "Atlantic", "Crescent", "Summit", "Apex", "Zenith",
    "Nova", "Prime", "Sigma", "Orient", "Caspian", "Gulf", "Desert", "Mountain", "River",
    "Phoenix", "Lotus", "Jade", "Dragon", "Tiger", "Lion", "Cedar", "Olive",
];
const CO_TYPES: &[&str] = &[
    "Shipping",
    "Trading",
    "Petroleum",
    "Logistics",
    "Exchange",
    "Electronics",
    "Aviation",
    "Marine",
    "Investment",
    "Industrial",
    "Chemical",
    "Technology",
];
const CO_FORMS: &[&str] = &[
    "LLC",
    "Ltd",
    "Co.",
    "FZE",
    "Corporation",
    "S.A.",
    "Limited",
    "Company",
];

fn synthetic_person(r: &mut Rng) -> String {
    match r.below(10) {
        0..=3 => format!(
            "{} {} {}",
            r.pick(AR_GIVEN),
            r.pick(AR_GIVEN),
            r.pick(AR_FAMILY)
        ),
        4 => format!("{} {}", r.pick(IR_GIVEN).0, r.pick(IR_FAMILY).0),
        5 => format!("{} {}", r.pick(PK_GIVEN).0, r.pick(PK_FAMILY).0),
        6 | 7 => format!("{} {}", r.pick(RU_FAMILY), r.pick(RU_GIVEN)),
        8 => format!(
            "{} {}{}",
            r.pick(ZH_SYLLABLES),
            r.pick(ZH_SYLLABLES),
            r.pick(ZH_SYLLABLES).to_lowercase()
        ),
        _ => format!(
            "{} {} {}",
            r.pick(ES_GIVEN),
            r.pick(ES_FAMILY),
            r.pick(ES_FAMILY)
        ),
    }
}

fn synthetic_company(r: &mut Rng) -> String {
    format!(
        "{} {} {} {}",
        r.pick(CO_WORDS),
        r.pick(CO_WORDS),
        r.pick(CO_TYPES),
        r.pick(CO_FORMS)
    )
}

/// An OFAC-sized synthetic list: `entries` entries (two thirds individuals), each with zero to
/// four aliases (a quarter of them weak), dates of birth and nationalities. For benchmarks only.
pub fn synthetic_list(entries: usize, seed: u64) -> WatchList {
    let mut r = Rng::new(seed);
    let mut out = Vec::with_capacity(entries);
    for i in 0..entries {
        let individual = r.below(3) != 0;
        let primary = if individual {
            synthetic_person(&mut r)
        } else {
            synthetic_company(&mut r)
        };
        let mut names = vec![Name {
            text: primary,
            kind: NameKind::Primary,
            strength: Strength::Strong,
            quality: None,
            id: None,
        }];
        for _ in 0..r.below(5) {
            let weak = r.chance(25);
            let text = if individual {
                synthetic_person(&mut r)
            } else {
                synthetic_company(&mut r)
            };
            names.push(Name {
                text,
                kind: if r.chance(90) {
                    NameKind::Aka
                } else {
                    NameKind::Fka
                },
                strength: if weak {
                    Strength::Weak
                } else {
                    Strength::Strong
                },
                quality: None,
                id: None,
            });
        }
        let year = 1940 + r.below(50) as i32;
        out.push(Entry {
            list: ListSource::Other,
            reference: format!("SYN-{}", i + 1),
            other_references: Vec::new(),
            kind: if individual {
                SubjectKind::Individual
            } else {
                SubjectKind::Entity
            },
            names,
            dates_of_birth: if individual {
                vec![DateOfBirth {
                    value: DobValue::Year { year },
                    approximate: false,
                }]
            } else {
                Vec::new()
            },
            nationalities: if individual {
                vec![
                    r.pick(&[
                        "Iraq",
                        "Iran",
                        "Syria",
                        "Russia",
                        "China",
                        "Pakistan",
                        "Venezuela",
                    ])
                    .to_string(),
                ]
            } else {
                Vec::new()
            },
            address_countries: Vec::new(),
            programs: vec!["SYNTHETIC".into()],
            identifiers: Vec::new(),
            listed_on: None,
        });
    }
    WatchList {
        source: ListSource::Other,
        published: None,
        entries: out,
        warnings: Vec::new(),
    }
}
