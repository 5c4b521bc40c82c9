//! Labels for the runs the lists do not know, from the text around them ("said",
//! "Mr.", "in", "shares"), and the trimming of words that are not part of a name.
use super::*;

impl<'a> Recogniser<'a> {
    /// A label for an unknown stretch of capitalised words, or none.
    pub(super) fn guess(&self, span: Range<usize>) -> Option<(Range<usize>, Label)> {
        let label = self.guess_label(span.clone())?;
        Some((self.trimmed(span), label))
    }

    /// Whether a guessed `label` for `span` rests on a cue strong enough to label the
    /// name's other mentions ("the town of Lindholm", "the Eastbank district").
    pub(super) fn confident(&self, span: &Range<usize>, label: Label) -> bool {
        let before: Vec<&str> = (span.start.saturating_sub(2)..span.start).map(|k| self.word(k)).collect();
        label == Label::Loc && (before.len() == 2 && before[1] == "of" || self.geo_noun_after(span.end))
    }

    /// `span` without lower-case edges and capitalised common words opening a sentence.
    pub(super) fn trimmed(&self, mut span: Range<usize>) -> Range<usize> {
        while !span.is_empty() && !is_capitalised(self.word(span.start)) {
            span.start += 1;
        }
        while !span.is_empty()
            && !is_capitalised(self.word(span.end - 1))
            && !self.word(span.end - 1).starts_with(|c: char| c.is_ascii_digit())
        {
            span.end -= 1;
        }
        while !span.is_empty() && self.tokens[span.start].initial {
            let word = self.word(span.start);
            let w = word.to_lowercase();
            // "While Buckley", "Getting Disney": a common word opening a sentence before a name.
            let next = (span.len() >= 2).then(|| self.word(span.start + 1));
            let name_next = next
                .is_some_and(|n| !is_common_word(n) || self.person_cues.contains(n) || LEXICON.given_names.contains(n));
            let common_opener = name_next && is_common_word(word) && !LEXICON.given_names.contains(word);
            if self.lowercase_words.contains(w.as_str())
                || crate::core::boilerplate::is_function_word(&w)
                || common_opener
            {
                span.start += 1;
            } else {
                break;
            }
        }
        span
    }

    pub(super) fn guess_label(&self, span: Range<usize>) -> Option<Label> {
        self.guess_with_cue(span).map(|(label, _)| label)
    }

    /// The label for `span` and the name of the cue that gave it.
    pub(super) fn guess_with_cue(&self, span: Range<usize>) -> Option<(Label, &'static str)> {
        let span = self.trimmed(span);
        if span.is_empty() {
            return None;
        }
        let words: Vec<&str> = span.clone().map(|k| self.word(k)).collect();
        // "in May", "May 2": the month, not Theresa May.
        if words == ["May"] {
            let before = span.start.checked_sub(1).map(|k| self.word(k));
            let after = self.tokens.get(span.end).map(|t| &self.text[t.range.clone()]);
            let month = before.is_some_and(|p| {
                matches!(p, "in" | "on" | "since" | "until" | "by" | "last" | "next" | "early" | "late" | "mid" | "of")
            }) || after.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            if month {
                return None;
            }
        }
        // A lone word the text also uses in lower case is a common word ("Following", "NO").
        if words.len() == 1 && self.lowercase_words.contains(words[0].to_lowercase().as_str()) {
            return None;
        }
        if words.iter().all(|w| is_all_caps(w)) && self.shouting[span.start] {
            return None; // a headline in capitals, not a name
        }
        let last = *words.last().unwrap();
        if MISC_HEADS.contains(&last) && words.len() >= 2 {
            return Some((Label::Misc, "misc_head"));
        }
        if LOC_HEADS.contains(&last) && words.len() >= 2 {
            return Some((Label::Loc, "loc_head"));
        }
        // "River Aune", "Mount Vesuvius"; "the Serra Alta region".
        if (words.len() >= 2 && matches!(words[0], "River" | "Lake" | "Mount" | "Cape" | "Fort" | "Port"))
            || self.geo_noun_after(span.end)
        {
            return Some((Label::Loc, "geo_word"));
        }
        if words.iter().any(|w| is_all_caps(w) && w.chars().count() >= 2) {
            return Some((Label::Org, "acronym"));
        }
        if words.len() == 1 {
            // "WeWork", "SoftBank": a capital inside a word marks a brand.
            if is_camel_case(last) {
                return Some((Label::Org, "camel_case"));
            }
            let next = self.tokens.get(span.end).map(|t| &self.text[t.range.clone()]);
            let next_lower = next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase))
                && !self.tokens[span.end - 1].broken_after;
            // "Karvonian forces": a demonym-shaped adjective before a common noun.
            if next_lower
                && ["ian", "ean", "ese", "ish"].iter().any(|s| last.ends_with(s))
                && !self.speaks(span.end)
                && !LEXICON.given_names.contains(last)
            {
                return Some((Label::Misc, "demonym_shape"));
            }
            // Country-shaped names: "-stan", "-land", "-ia".
            if ["stan", "land", "ia"].iter().any(|s| last.ends_with(s))
                && !LEXICON.given_names.contains(last)
                && !self.speaks(span.end)
            {
                return Some((Label::Loc, "country_shape"));
            }
            // "the town of Milevo"
            let before2: Vec<&str> = (span.start.saturating_sub(2)..span.start).map(|k| self.word(k)).collect();
            if before2.len() == 2
                && before2[1] == "of"
                && matches!(
                    before2[0],
                    "town" | "city" | "village" | "region" | "province" | "port" | "district" | "capital" | "island"
                )
            {
                return Some((Label::Loc, "town_of"));
            }
            // "the Commission", "the Senate": an institution's head word alone, capitalised mid-sentence.
            if ORG_HEADS.contains(&last)
                && !self.tokens[span.start].initial
                && span.start > 0
                && self.word(span.start - 1) == "the"
            {
                return Some((Label::Org, "institution"));
            }
            // A short form of an organisation named in full elsewhere ("Norvik" after "Norvik Semiconductors").
            if self.org_words.contains(last) {
                return Some((Label::Org, "org_short_form"));
            }
        }
        let prev = span.start.checked_sub(1).map(|k| self.word(k));
        if span.start > 0 && self.is_title(span.start - 1) && words.iter().all(|w| is_capitalised(w)) {
            return Some((Label::Per, "after_title"));
        }
        // "Red Sox" after "Boston Red Sox": a short form of an organisation named in full.
        if words.len() >= 2 && words.iter().all(|w| self.org_words.contains(w)) {
            return Some((Label::Org, "org_words"));
        }
        // "shares in Daimler-Benz", "a stake in Norvik": companies, not places.
        let before_prev = span.start.checked_sub(2).map(|k| self.word(k).to_lowercase());
        if words.len() == 1
            && prev.is_some_and(|p| matches!(p, "in" | "of"))
            && before_prev.is_some_and(|w| matches!(w.as_str(), "shares" | "stake" | "stakes" | "stock"))
        {
            return Some((Label::Org, "shares_in"));
        }
        if words.len() == 1
            && prev.is_some_and(|p| matches!(p, "in" | "at" | "near" | "from" | "outside"))
            && !self.speaks(span.end)
        {
            return Some((Label::Loc, "after_place_preposition"));
        }
        if words.iter().any(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit())) {
            return None;
        }

        if words.len() == 1 && !self.person_like(last) {
            // A lone common word, or one the text also uses in lower case ("Week", "Council").
            if self.is_common(last) {
                return None;
            }
            // A lone unknown name that nothing marks as a person is most often a company,
            // club or brand ("Netflix", "Steelers").
            return Some((Label::Org, "lone_unknown"));
        }
        // "Disney Channel", "Heinz Field": a name ending in a word the text uses as a common
        // noun names a thing, unless a given name or surname marks a person.
        if !LEXICON.given_names.contains(words[0]) && !self.person_cues.contains(last) && self.is_common(last) {
            return Some((Label::Org, "common_last_word"));
        }
        Some((Label::Per, "default_person"))
    }

    /// Whether `word` is a common English word or one this text uses in lower case.
    pub(super) fn is_common(&self, word: &str) -> bool {
        self.lowercase_words.contains(word.to_lowercase().as_str()) || is_common_word(word)
    }

    /// Whether a lone capitalised word reads as a person: a known given name or surname,
    /// or a word the text shows speaking or after a title.
    pub(super) fn person_like(&self, word: &str) -> bool {
        let head = [ORG_HEADS, LOC_HEADS, MISC_HEADS, ORG_OF, LOC_OF].iter().any(|list| list.contains(&word))
            || LEXICON.titles.contains(word);
        let surname = LEXICON.surnames.contains(word) && !head && !self.is_common(word);
        !self.org_cues.contains(word)
            && (LEXICON.given_names.contains(word)
                || surname
                || self.person_cues.contains(word)
                || has_surname_ending(word))
    }

    /// Whether the word after `end` is a verb of saying.
    pub(super) fn speaks(&self, end: usize) -> bool {
        end < self.tokens.len() && SPEECH_VERBS.contains(&self.word(end))
    }
}
