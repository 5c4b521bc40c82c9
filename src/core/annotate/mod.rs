//! Who and what: named entities and quotations with their speakers, as byte ranges into
//! the document text (sorted, non-overlapping).
mod entities;
mod lexicon;
mod quotes;

pub use entities::{class_of, decide, mentions, Mention, MODEL_CLASSES};

use std::ops::Range;

use crate::core::document::Document;

/// CoNLL-style entity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Per,
    Org,
    Loc,
    Misc,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub range: Range<usize>,
    pub label: Label,
    /// The name all mentions share ("Donald Trump" for "Trump", "Trump’s").
    pub canonical: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, inclusive.
    pub range: Range<usize>,
    /// The speaker's canonical name; `None` for unnamed sources.
    pub speaker: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

/// Whether two canonical names can name the same entity across articles, by the rule an
/// article applies inside itself: a name of one word stands for a fuller name that has
/// that word ("Trump" in one article, "Donald Trump" in another).
pub fn same_entity(a: &str, b: &str) -> bool {
    let one_word_in = |short: &str, long: &str| !short.contains(' ') && long.split(' ').any(|w| w == short);
    a == b || one_word_in(a, b) || one_word_in(b, a)
}

/// Whether a line's words read as a person's name ("Anna Menin", "Molly Wood"): a common
/// given name, then capitalised words that are surnames or not everyday words (so
/// "Royal Arrogance" is not a name).
pub fn is_person_name(words: &[&str]) -> bool {
    let lex = &*lexicon::LEXICON;
    let [first, rest @ ..] = words else { return false };
    lex.given_names.contains(first)
        && !rest.is_empty()
        && rest.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && (lex.surnames.contains(w) || !lex.common_words.contains(w.to_lowercase().as_str()))
        })
}

pub fn annotate(doc: &Document) -> Annotations {
    let mut entities = entities::find(doc);
    let (quotes, titles) = quotes::find(doc, &entities);
    // Quoted titles of works are names too; drop anything they overlap.
    entities.retain(|e| !titles.iter().any(|t| t.range.start < e.range.end && e.range.start < t.range.end));
    entities.extend(titles);
    entities.sort_by_key(|e| e.range.start);
    Annotations { entities, quotes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ingest::load_bytes;

    #[test]
    fn short_and_full_names_are_the_same_entity() {
        assert!(same_entity("Donald Trump", "Trump"));
        assert!(same_entity("Trump", "Donald Trump"));
        assert!(same_entity("NATO", "NATO"));
        assert!(!same_entity("Donald Trump", "Donald Tusk"));
        assert!(!same_entity("Mark Rutte", "Rutte Group Holdings"), "two fuller names differ");
    }

    fn annotate_text(text: &str) -> (String, Annotations) {
        let doc = load_bytes("t.txt", text.as_bytes()).unwrap();
        let a = annotate(&doc);
        (doc.text, a)
    }

    fn entities(text: &str) -> Vec<(String, &'static str)> {
        let (t, a) = annotate_text(text);
        a.entities.iter().map(|e| (t[e.range.clone()].to_string(), e.label.as_str())).collect()
    }

    /// The rules' labels, before the fitted model's second opinion.
    fn rule_entities(text: &str) -> Vec<(String, &'static str)> {
        let doc = load_bytes("t.txt", text.as_bytes()).unwrap();
        entities::find_by_rules(&doc)
            .iter()
            .map(|e| (doc.text[e.range.clone()].to_string(), e.label.as_str()))
            .collect()
    }

    fn has(found: &[(String, &str)], text: &str, label: &str) -> bool {
        found.iter().any(|(t, l)| t == text && *l == label)
    }

    #[test]
    fn multi_word_names_and_particles() {
        let e = entities("European Commission President Greta van der Linde met Sen. Lindsey Hale in Brussels.");
        assert!(has(&e, "Greta van der Linde", "PER"), "{e:?}");
        assert!(has(&e, "Lindsey Hale", "PER"), "{e:?}");
        assert!(has(&e, "European Commission", "ORG"), "{e:?}");
        assert!(has(&e, "Brussels", "LOC"), "{e:?}");
        assert!(!e.iter().any(|(t, _)| t.contains("President") || t.contains("Sen")), "titles stay outside: {e:?}");
    }

    #[test]
    fn titles_split_organisations_from_people() {
        let e = entities("The talks were led by NATO Secretary General Jonas Ekberg and U.S. Secretary of State Mary Colton on Monday.");
        assert!(has(&e, "NATO", "ORG") && has(&e, "Jonas Ekberg", "PER"), "{e:?}");
        assert!(has(&e, "U.S.", "LOC") && has(&e, "Mary Colton", "PER"), "{e:?}");
        let e = entities("It was a meeting with NATO Secretary-General Jonas Ekberg in the city.");
        assert!(has(&e, "Jonas Ekberg", "PER") && has(&e, "NATO", "ORG"), "{e:?}");
    }

    #[test]
    fn possessives_and_short_forms_share_a_canonical_name() {
        let (t, a) = annotate_text(
            "President Donald Trump spoke on Monday. Later, Trump’s aides said the plan was ready, and Trump agreed.",
        );
        let trumps: Vec<_> = a.entities.iter().filter(|e| t[e.range.clone()].starts_with("Trump")).collect();
        assert_eq!(trumps.len(), 2, "{:?}", a.entities);
        assert!(trumps
            .iter()
            .all(|e| &t[e.range.clone()] == "Trump" && e.canonical == "Donald Trump" && e.label == Label::Per));
    }

    #[test]
    fn acronyms_headlines_and_datelines() {
        let e = entities("THE HAGUE — Officials from NATO and the U.S. met at The Hague on Tuesday, diplomats said.");
        assert!(has(&e, "THE HAGUE", "LOC"), "{e:?}");
        assert!(has(&e, "The Hague", "LOC") && has(&e, "NATO", "ORG") && has(&e, "U.S.", "LOC"), "{e:?}");
        let e = entities(
            "RUSSIA STRATEGY REMAINS ELUSIVE\nThe allies could not agree on a plan for the coming winter months.",
        );
        assert!(has(&e, "RUSSIA", "LOC"), "{e:?}");
        assert!(!e.iter().any(|(t, _)| t == "STRATEGY" || t == "ELUSIVE"), "{e:?}");
    }

    #[test]
    fn demonyms_are_misc_and_hyphenated_names_split() {
        let e = entities("Russian and European officials discussed the US-China deal and the Iran-Israel ceasefire with Republican-led committees.");
        assert!(has(&e, "Russian", "MISC") && has(&e, "European", "MISC") && has(&e, "Republican", "MISC"), "{e:?}");
        assert!(
            has(&e, "US", "LOC") && has(&e, "China", "LOC") && has(&e, "Iran", "LOC") && has(&e, "Israel", "LOC"),
            "{e:?}"
        );
    }

    #[test]
    fn sentence_initial_capitals_are_not_names() {
        let e = entities(
            "Aboard the ship, the crew waited. Following the storm, nobody moved. Officials said the port was closed.",
        );
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn unknown_names_from_context() {
        let e = entities("The deal was signed on Friday. “We are pleased,” said Marika Zanetti, who runs the port. Mr. Okonjo disagreed.");
        assert!(has(&e, "Marika Zanetti", "PER"), "{e:?}");
        assert!(has(&e, "Okonjo", "PER"), "{e:?}");
        let e = entities("Workers at the Port of Velmar met officials from the University of Lindholm and the Velmar Chamber of Commerce.");
        assert!(
            has(&e, "Port of Velmar", "LOC")
                && has(&e, "University of Lindholm", "ORG")
                && has(&e, "Velmar Chamber of Commerce", "ORG"),
            "{e:?}"
        );
    }

    #[test]
    fn events_laws_and_titles_of_works() {
        let e = entities("He spoke at the Baltic Trade Forum about Article 12 and the Clean Harbours Bill, then appeared on NBC’s “Sunday Review,” on Sunday.");
        assert!(
            has(&e, "Baltic Trade Forum", "MISC")
                && has(&e, "Article 12", "MISC")
                && has(&e, "Clean Harbours Bill", "MISC"),
            "{e:?}"
        );
        assert!(has(&e, "Sunday Review", "MISC") && has(&e, "NBC", "ORG"), "{e:?}");
    }

    #[test]
    fn companies_clubs_and_sentence_opening_surnames() {
        let text = "Shares in Daimler-Benz rose 2 percent on Monday. Leeds United beat Chelsea 2-1 on Saturday. Rabinovich is winding up his term.";
        // The model, fitted on CoNLL where hyphenated names are mostly MISC, disagrees.
        assert!(has(&rule_entities(text), "Daimler-Benz", "ORG"), "one name, a company");
        let e = entities(text);
        assert!(has(&e, "Leeds United", "ORG") && has(&e, "Chelsea", "ORG"), "{e:?}");
        assert!(has(&e, "Rabinovich", "PER"), "{e:?}");
        let e = entities(
            "Mike Mussina pitched seven innings as the Baltimore Orioles beat the Toronto Blue Jays on Sunday.",
        );
        assert!(
            has(&e, "Baltimore Orioles", "ORG")
                && has(&e, "Toronto Blue Jays", "ORG")
                && has(&e, "Mike Mussina", "PER"),
            "{e:?}"
        );
    }

    #[test]
    fn a_lone_unknown_name_is_a_person_only_with_a_cue() {
        let text = "Fans of Vantora filled the square. Investors in NovaGrid lost money. Late that night Kessler and Dubrovsky arrived.";
        // The model, fitted on CoNLL where an unknown name after "of" is mostly a place, disagrees.
        assert!(has(&rule_entities(text), "Vantora", "ORG"), "no person cue");
        let e = entities(text);
        assert!(has(&e, "NovaGrid", "ORG"), "a brand shape: {e:?}");
        assert!(has(&e, "Kessler", "PER") && has(&e, "Dubrovsky", "PER"), "a census surname, a surname ending: {e:?}");
        let e = entities("She chairs the United Dockers’ Federation in the port.");
        assert!(has(&e, "United Dockers’ Federation", "ORG"), "a plural possessive inside a name: {e:?}");
        let e = entities("The deal was a surprise to Ostrander. Ostrander said he would sign it.");
        assert!(e.iter().filter(|(t, l)| t == "Ostrander" && *l == "PER").count() == 2, "a speaker is a person: {e:?}");
    }

    #[test]
    fn roles_companies_and_common_words() {
        let e = entities("The club's coach Brannagh praised striker Okoro after the win.");
        assert!(has(&e, "Brannagh", "PER") && has(&e, "Okoro", "PER"), "a lower-case role before the name: {e:?}");
        let e = entities("Velisto said on Monday that Velisto’s shares would be split.");
        assert!(e.iter().all(|(t, l)| t != "Velisto" || *l == "ORG") && !e.is_empty(), "a company that speaks: {e:?}");
        let e = entities("Fans waited for the Magic and the North to meet. While Okoro rested, the Fury played.");
        assert!(
            e.iter().all(|(t, _)| !["Magic", "North", "While Okoro", "Fury"].contains(&t.as_str())),
            "common words are not names: {e:?}"
        );
    }

    #[test]
    fn an_acronym_in_brackets_is_the_name_before_it() {
        let e = entities(
            "The deal was signed, Harbour Wire Agency (HWA) reported, and the Nordic Grain Council (NGC) agreed.",
        );
        assert!(has(&e, "HWA", "ORG") && has(&e, "NGC", "ORG"), "{e:?}");
    }

    #[test]
    fn hyphenated_titles_and_regions_of_places() {
        let e = entities(
            "The WTO said Director-General Ama Osei would visit Atlantic Canada and Northern Italy in May 2024.",
        );
        assert!(has(&e, "Ama Osei", "PER"), "the title stays outside: {e:?}");
        assert!(has(&e, "Atlantic Canada", "LOC") && has(&e, "Northern Italy", "LOC"), "{e:?}");
    }

    #[test]
    fn results_lines_name_sides_and_players() {
        let e = entities("Results of league matches on Saturday:\nHalden 3 Leeds 1\nMarsby Rovers 5 3 1 1 9 5 10\nJapan 2 Syria 1\nNick Haldane ( Scotland ) 68 70 71");
        assert!(
            has(&e, "Halden", "ORG") && has(&e, "Leeds", "ORG") && has(&e, "Marsby Rovers", "ORG"),
            "clubs, also named for a city: {e:?}"
        );
        assert!(has(&e, "Japan", "LOC") && has(&e, "Syria", "LOC"), "national sides are places: {e:?}");
        assert!(has(&e, "Nick Haldane", "PER") && has(&e, "Scotland", "LOC"), "{e:?}");
        let e = entities("Stage results:\n1. Dravec ( Slovakia ) 4:10:12\n2. Laurent Pichot ( France ) 4:10:15");
        assert!(has(&e, "Dravec", "PER") && has(&e, "Laurent Pichot", "PER") && has(&e, "France", "LOC"), "{e:?}");
        let e = entities("Michael Chang ( U.S. ) beat Sergi Bruguera ( Spain ) 6-3 6-4");
        assert!(
            has(&e, "Michael Chang", "PER") && has(&e, "Sergi Bruguera", "PER"),
            "a results line is not a headline: {e:?}"
        );
    }

    #[test]
    fn a_town_named_as_a_side_is_a_club() {
        let e = entities(
            "Bristol captain Amy Dunn scored twice on Sunday as the visiting fans went quiet. Fixtures: May 4 v Bristol.",
        );
        assert_eq!(e.iter().filter(|(t, l)| t == "Bristol" && *l == "ORG").count(), 2, "{e:?}");
        let e = entities("The talks in Bristol ended on Sunday, and England captain Amy Dunn flew home.");
        assert!(has(&e, "Bristol", "LOC") && has(&e, "England", "LOC"), "a place, and a country's side: {e:?}");
    }

    #[test]
    fn sentence_opening_names_count_when_the_text_names_them_elsewhere() {
        let e = entities("Voters gave NovaGrid a boost. NovaGrid agreed to the terms on Monday.");
        assert_eq!(e.iter().filter(|(t, _)| t == "NovaGrid").count(), 2, "{e:?}");
    }

    #[test]
    fn parties_are_misc_and_a_state_before_them_stays_a_place() {
        let e =
            entities("In the vote, Louisiana Democrats re-elected the governor, and Democrats in Ohio gained seats.");
        assert!(has(&e, "Louisiana", "LOC") && has(&e, "Democrats", "MISC") && has(&e, "Ohio", "LOC"), "{e:?}");
        assert!(!e.iter().any(|(_, l)| *l == "PER"), "{e:?}");
    }

    #[test]
    fn a_title_case_headline_is_not_a_run_of_names() {
        let e =
            entities("Carmaker Shows Off a Sleek New Sentra Wagon\nThe carmaker is hoping the new model will sell.");
        assert!(e.is_empty(), "{e:?}");
        let e = entities("The show opens on Friday, and the Auto Show draws crowds every year.");
        assert!(
            e.iter().all(|(t, l)| t != "Auto Show" || *l != "PER"),
            "a name ending in a common noun is a thing: {e:?}"
        );
    }

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let (t, a) = annotate_text(text);
        a.quotes.iter().map(|q| (t[q.range.clone()].to_string(), q.speaker.clone())).collect()
    }

    #[test]
    fn tokenised_copy_clitics_are_not_quote_marks() {
        let q =
            quotes("Viktor Chernomyrdin 's successor , Sergei Kiriyenko , promised to send officials to the region .");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("Ekberg said : ' We should have won this by two goals . ' He left .");
        assert_eq!(q.len(), 1, "{q:?}");
    }

    #[test]
    fn nicknames_agency_quotes_headlines_and_distant_fragments() {
        let q = quotes("Police dubbed him the “night owl” after the raids.");
        assert_eq!(q[0].1, None, "a nickname is nobody's words: {q:?}");
        let q = quotes("'We signed it yesterday,' the agency quoted Anna Halvorsen as saying.");
        assert_eq!(q[0].1.as_deref(), Some("Anna Halvorsen"), "{q:?}");
        let q = quotes("'Fake deal' and 'a disgrace', Minister Paul Okafor slams rivals");
        assert!(q.len() == 2 && q.iter().all(|(_, s)| s.as_deref() == Some("Paul Okafor")), "{q:?}");
        let q = quotes("“We will win,” said Anna Berg.\n\nThe vote is on Monday.\n\nTurnout is expected to be low.\n\nThe plan has been described in the press as a “mirage” for voters.");
        assert_eq!(q[1].1, None, "a fragment three paragraphs on is not Berg's: {q:?}");
    }

    #[test]
    fn straight_and_curly_quotes_with_speakers() {
        let q = quotes("“I’d like to see the plan first,” Halvorsen told reporters. \"We will wait,\" said Jonas Ekberg on Tuesday.");
        assert_eq!(
            q,
            vec![
                ("“I’d like to see the plan first,”".into(), Some("Halvorsen".into())),
                ("\"We will wait,\"".into(), Some("Jonas Ekberg".into()))
            ]
        );
    }

    #[test]
    fn a_quote_broken_by_its_attribution_and_a_wrongly_curled_mark() {
        let q = quotes(
            "“There’s a problem with the budget, “ Halvorsen told reporters on the train, “which is very unfair.”",
        );
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q.iter().all(|(_, s)| s.as_deref() == Some("Halvorsen")), "{q:?}");
        assert!(q[0].0.ends_with("budget, “"));
    }

    #[test]
    fn single_quotes_are_told_apart_from_apostrophes() {
        let q = quotes("Officials said Trump’s remarks were noted. 'God willing, we will sign,' Putin said. It’s a rock'n'roll summit of the ’90s.");
        assert_eq!(q, vec![("'God willing, we will sign,'".into(), Some("Putin".into()))]);
    }

    #[test]
    fn nested_quotes_stay_inside_the_outer_one() {
        let q = quotes("“She asked, ‘Can I help you with the harbour?’ I said no,” Halvorsen told journalists.");
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].1.as_deref(), Some("Halvorsen"));
    }

    #[test]
    fn pronouns_unnamed_sources_and_continued_quotes() {
        let text = "Jonas Ekberg put the risk in stark terms.\n\"If we do not build now,\" he said, \"the port is at risk.\"\nA senior harbour official said: \"We continue to see a long-term risk.\"\n\"That will not change,\" she added after the meeting with Anna Berg.";
        let q = quotes(text);
        assert_eq!(q[0].1.as_deref(), Some("Jonas Ekberg"), "{q:?}");
        assert_eq!(q[1].1.as_deref(), Some("Jonas Ekberg"), "{q:?}");
        assert_eq!(q[2].1, None, "unnamed source: {q:?}");
    }

    #[test]
    fn a_quotation_left_open_continues_in_the_next_paragraph() {
        let q = quotes("'God willing, we will reach an agreement soon and everything will be settled, Putin said of the talks.\n'This means a lot to them,' he added.");
        assert!(!q.is_empty(), "{q:?}");
        assert!(q[0].0.starts_with("'God willing"), "{q:?}");
    }

    #[test]
    fn a_given_name_that_is_also_a_place_starts_a_person() {
        let e = entities("Mary Ross stood beside the mayor, and Paris Hilton waved from the pier.");
        assert!(has(&e, "Mary Ross", "PER") && has(&e, "Paris Hilton", "PER"), "{e:?}");
    }

    #[test]
    fn the_president_is_whoever_was_named_with_that_title() {
        let q = quotes(
            "President Ann Lee opened the pier on Monday with the harbour master, Ben Ray.\n\nThe president said the town \"will never again be cut off from the mainland.\"",
        );
        assert_eq!(q[0].1.as_deref(), Some("Ann Lee"), "{q:?}");
        let q = quotes(
            "Ben Ray opened the pier.\n\nThe minister said the town \"will never again be cut off from the mainland.\"",
        );
        assert_eq!(q[0].1, None, "no minister was named: {q:?}");
    }

    #[test]
    fn she_is_not_a_man_named_just_before() {
        let q = quotes("Mary Ross stood beside the mayor, John Park. “We will rebuild the pier by spring,” she said.");
        assert_eq!(q[0].1.as_deref(), Some("Mary Ross"), "{q:?}");
        let q = quotes("John Park stood beside the mayor, Mary Ross. “We will rebuild the pier by spring,” he said.");
        assert_eq!(q[0].1.as_deref(), Some("John Park"), "{q:?}");
    }

    #[test]
    fn scare_quoted_titles_are_not_speech() {
        let q = quotes("Hale responded on NBC’s “Sunday Review,” when asked about the strike.");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes("She starred in “Tarnhelm,” a film about a miner, before she left for the stage.");
        assert!(q.is_empty(), "one unknown capitalised word is a title: {q:?}");
        let q = quotes("“Never,” Ilse Marchetti said when asked whether the union would give way.");
        assert_eq!(q.len(), 1, "a one-word answer is speech: {q:?}");
    }
}
