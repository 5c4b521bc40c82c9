//! The word lists behind entity recognition, compiled in from `assets/gazetteer/`
//! (sources and licences in `assets/README.md`) and indexed on first use.
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::core::document::Fnv;

/// FNV rather than SipHash: the keys are our own lists, and lookups are the recogniser's hot path.
type WordSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

use super::Label;

macro_rules! list {
    ($file:literal) => {
        include_str!(concat!("../../../assets/gazetteer/", $file))
    };
}

pub struct Lexicon {
    /// Multi-word and single-word names with their label, keyed by exact text.
    pub phrases: HashMap<&'static str, Label, BuildHasherDefault<Fnv>>,
    /// The longest phrase in words, to bound lookups.
    pub max_words: usize,
    pub given_names: WordSet,
    /// Common surnames: a cue that an otherwise unknown capitalised word is a person.
    pub surnames: WordSet,
    /// Country names (and the home nations, which field their own sides).
    pub countries: WordSet,
    /// Common English words in lower case: a capitalised one is a name only with a cue.
    pub common_words: WordSet,
    pub titles: WordSet,
    pub not_names: WordSet,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut phrases: HashMap<_, _, BuildHasherDefault<Fnv>> = HashMap::default();
    let not_names: WordSet = lines(list!("not_names.txt")).collect();
    // Later lists win: a place that is also an organisation's name is read as the organisation.
    for (text, label) in [
        (list!("places.txt"), Label::Loc),
        (list!("places_extra.txt"), Label::Loc),
        (list!("demonyms.txt"), Label::Misc),
        (list!("misc.txt"), Label::Misc),
        (list!("organisations.txt"), Label::Org),
    ] {
        for name in lines(text).filter(|n| !not_names.contains(n)) {
            phrases.insert(name, label);
            // "the Netherlands": the article is not part of the name in running text.
            if let Some(bare) = name.strip_prefix("The ") {
                phrases.entry(bare).or_insert(label);
            }
        }
    }
    // Places named after where they stand for, and the usual short forms.
    for loc in ["US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "White House", "Kremlin"] {
        phrases.insert(loc, Label::Loc);
    }
    // Plural demonyms name the people: "Europeans", "Russians", "Democrats".
    let plurals: Vec<&'static str> = lines(list!("demonyms.txt"))
        .filter(|d| !["s", "sh", "ch", "se", "x", "z"].iter().any(|end| d.ends_with(end)))
        .map(|d| &*Box::leak(format!("{d}s").into_boxed_str()))
        .collect();
    for p in plurals {
        phrases.entry(p).or_insert(Label::Misc);
    }
    let max_words = phrases.keys().map(|p| p.split(' ').count()).max().unwrap_or(1);
    Lexicon {
        phrases,
        max_words,
        given_names: lines(list!("given_names.txt")).chain(lines(list!("given_names_extra.txt"))).collect(),
        surnames: lines(list!("surnames.txt")).collect(),
        common_words: lines(list!("common_words.txt")).collect(),
        countries: lines(list!("countries.txt"))
            .chain(["England", "Scotland", "Wales", "Northern Ireland", "Britain", "Great Britain", "US", "U.S.", "USA", "Czech Republic"])
            .collect(),
        titles: lines(list!("titles.txt")).collect(),
        not_names,
    }
});

/// Final words that make a capitalised phrase an organisation ("Atlantic Council").
pub const ORG_HEADS: &[&str] = &[
    "Council", "Party", "Agency", "Commission", "Department", "Ministry", "Committee", "Union", "Bank", "Inc",
    "Corp", "Corporation", "Company", "Co", "Ltd", "LLC", "Group", "University", "Institute", "Association",
    "Organization", "Organisation", "Initiative", "Court", "Senate", "Congress", "Parliament", "Army", "Navy",
    "Police", "Fund", "Foundation", "Federation", "Board", "Office", "Bureau", "Authority", "Service", "Network",
    "Times", "Post", "Journal", "News", "Press", "Independent", "Herald", "Tribune", "Gazette", "Club", "Team",
    "Airways", "Forces", "Guard", "Administration", "Alliance", "Coalition", "Movement", "Front",
    "Cabinet", "Assembly", "Representatives", "Reserve", "Exchange", "Holdings", "Industries", "Partners",
    "School", "College", "Hospital", "Museum", "Centre", "Center", "Secretariat", "Directorate", "Ajansi",
    "Chamber", "Semiconductors", "Technologies", "Technology", "Systems", "Motors", "Pharmaceuticals", "Energy",
    "Electric", "Capital", "Labs", "Media", "Foods", "Steel", "Works", "Shipping", "Lines", "Railways", "Bancorp",
    "Insurance", "Telecom", "Ventures", "Studios", "Entertainment", "Federation", "Wire", "United", "Rovers",
    "Athletic", "Wanderers", "FC", "Albion", "Hotspur", "Laboratory", "Laboratories", "Observatory", "Society",
    "Academy", "Orchestra", "Band", "Brothers", "Airlines", "Magazine", "Review", "Channel", "Records",
    "Securities", "Investments", "Advisors", "Advisers", "Associates", "Consulting", "Research", "Financial",
    "Trust", "Management", "Logistics", "Broadcasting", "Communications", "Petroleum",
    // Legal forms of companies in several countries.
    "Plc", "PLC", "NV", "AG", "SA", "SpA", "GmbH", "AB", "ASA", "Oyj", "BV", "Limited", "LLP", "KK", "SE", "Bhd",
];

/// Final words of named events, laws and works ("Eurasian Economic Forum", "One Big Beautiful Bill").
pub const MISC_HEADS: &[&str] = &[
    "Forum", "Summit", "Games", "Cup", "Festival", "Awards", "Award", "Prize", "War", "Act", "Bill", "Treaty",
    "Accord", "Accords", "Agreement", "Conference", "Olympics", "Championship", "Championships", "Declaration",
    "Doctrine", "Plan", "Protocol", "Convention", "Show", "Expo", "Fair", "Exhibition", "Prix", "Open", "Finals",
    "Tournament", "Trophy", "Classic", "Series", "Slam",
];

/// Final words of places ("Sava River", "Red Square").
pub const LOC_HEADS: &[&str] = &[
    "River", "Mountains", "Mountain", "Sea", "Ocean", "Island", "Islands", "Street", "Square", "Airport",
    "Province", "Region", "County", "Valley", "Bay", "Lake", "Desert", "Strait", "Peninsula", "Coast", "Gulf",
    "Avenue", "Bridge", "Park", "Port", "Harbour", "Harbor", "Canal", "District", "Oblast", "State",
    "Stadium", "Arena", "Auditorium", "Field", "Theatre", "Theater", "Palace", "Cathedral", "Tower", "Castle",
    "Temple", "Mosque", "Boulevard", "Road", "Heights", "Hills", "Beach", "Falls",
];

/// Words that, before "of", make an organisation ("University of …", "Bank of …").
pub const ORG_OF: &[&str] = &[
    "University", "Bank", "Ministry", "Department", "Chamber", "Council", "Institute", "Museum", "Bureau", "Office",
    "Court", "Church", "Academy", "House", "Board", "Federation", "Association", "League", "Order", "College",
    "School", "Union", "Commission", "Committee", "Secretary",
];

/// Words that, before "of", make a place ("Port of …", "Republic of …", "Gulf of …").
pub const LOC_OF: &[&str] = &[
    "Port", "Republic", "Kingdom", "Gulf", "Bay", "Isle", "Island", "Lake", "Strait", "Sea", "City", "Province",
    "State", "Cape", "Mount", "Principality", "Sultanate", "Emirate", "Duchy", "Town", "Village",
];

/// Lower-case roles that come before a person's name ("coach Boudreau", "spokesman Jones").
pub const ROLE_NOUNS: &[&str] = &[
    "spokesman", "spokeswoman", "spokesperson", "coach", "striker", "midfielder", "defender", "goalkeeper",
    "pitcher", "quarterback", "forward", "captain", "manager", "president", "minister", "director", "executive",
    "chairman", "chairwoman", "analyst", "economist", "lawyer", "attorney", "author", "actor", "actress",
    "singer", "player", "leader", "officer", "founder", "senator", "governor", "mayor", "judge", "secretary",
    "ambassador", "envoy", "colleague", "teammate", "wife", "husband", "son", "daughter", "brother", "sister",
    "father", "mother", "champion", "seed", "rookie", "veteran", "winger", "batsman", "bowler", "jockey",
    "trainer", "rider", "driver", "professor", "researcher", "scientist", "reporter", "correspondent",
    "prosecutor", "detective", "sergeant", "general", "commander", "chief", "premier", "chancellor",
];

/// What a company has ("Norvex’s shares"): after a possessive, the owner is an organisation.
pub const CORPORATE_NOUNS: &[&str] = &[
    "shares", "stock", "shareholders", "investors", "board", "chief", "CEO", "executives", "revenue", "revenues",
    "profit", "profits", "earnings", "sales", "subsidiary", "unit", "headquarters", "employees", "workers",
    "customers", "products", "brand", "factory", "plant", "stores", "market", "valuation", "acquisition",
];

/// Lower-case kinds of organisation that come before its name ("carmaker Renault").
pub const ORG_NOUNS: &[&str] = &[
    "carmaker", "automaker", "company", "firm", "group", "insurer", "retailer", "airline", "carrier", "brewer",
    "publisher", "broadcaster", "newspaper", "agency", "club", "side", "team", "party", "giant", "maker",
    "producer", "operator", "lender", "bank", "chipmaker", "conglomerate", "manufacturer", "supplier", "startup",
    "network", "channel", "magazine", "label", "studio", "watchdog", "regulator", "union", "charity", "miner",
];

/// Particles inside personal names ("Ursula von der Leyen").
pub const NAME_PARTICLES: &[&str] = &["von", "der", "van", "den", "de", "da", "di", "du", "del", "la", "le", "al", "bin", "ibn", "dos", "das"];

/// Verbs of saying: a capitalised name next to one is a speaker, so a person.
pub const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "warned", "warns", "stated", "states",
    "argued", "argues", "noted", "notes", "asked", "asks", "insisted", "insists", "claimed", "claims", "explained",
    "replied", "responded", "declared", "announced", "tweeted", "remarked", "recalled", "continued",
    "suggested", "acknowledged", "admitted", "conceded", "stressed", "emphasized", "emphasised", "urged",
    "predicted", "promised", "vowed", "joked", "quipped", "boasted", "complained", "lamented", "countered",
    "reaffirmed", "reiterated", "observed", "commented", "described", "called", "put", "saying", "adding",
    "writing", "telling", "noting", "warning", "posting", "stating", "arguing", "insisting", "asking",
    "complaining", "explaining", "replying", "declaring",
    // Headline verbs of attribution ("Singh blasts him", "Minister slams plan").
    "blasts", "blasted", "slams", "slammed", "accuses", "accused",
];
