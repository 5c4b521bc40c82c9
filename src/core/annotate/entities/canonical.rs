//! One name per entity: acronyms in brackets, names in capitals headlines, and short
//! forms ("Trump" after "Donald Trump") joined to the full name they stand for.
use super::*;

/// "Anadolu Ajansi (AA)", "Eurasian Economic Union (EAEU)": an acronym in brackets right
/// after a name is that name again.
pub(super) fn bracketed_acronyms(rec: &Recogniser, spans: &mut Vec<(Range<usize>, Label, bool)>) {
    let mut found = Vec::new();
    for (r, label, _) in spans.iter() {
        let k = r.end;
        let Some(token) = rec.tokens.get(k) else { continue };
        let between = &rec.text[rec.tokens[r.end - 1].range.end..token.range.start];
        let word = rec.word(k);
        let acronym = (2..=6).contains(&word.chars().count()) && word.chars().all(|c| c.is_uppercase());
        if between.trim() == "(" && acronym && rec.text[token.range.end..].starts_with(')') {
            found.push((k, *label));
        }
    }
    for (k, label) in found {
        // The acronym may already be a guess, which a sentence opening would drop: it is known now.
        match spans.iter_mut().find(|(r, _, _)| r.contains(&k)) {
            Some(span) if span.0 == (k..k + 1) => *span = (k..k + 1, label, false),
            Some(_) => {}
            None => spans.push((k..k + 1, label, false)),
        }
    }
    spans.sort_by_key(|(r, _, _)| r.start);
}

/// Names in a headline in capitals ("HALDEN ROVERS HOLD MARSBY"), found by the names the
/// article gives in normal case; no capitals word is guessed to be a name on its own.
pub(super) fn shouted_names(rec: &Recogniser, spans: &mut Vec<(Range<usize>, Label, bool)>) {
    const MAX_WORDS: usize = 4;
    let upper = |r: Range<usize>| r.map(|k| rec.word(k).to_uppercase()).collect::<Vec<_>>().join(" ");
    let mut named: HashMap<String, Label> = HashMap::new();
    for (r, l, _) in spans.iter().filter(|(r, _, _)| !rec.shouting[r.start]) {
        named.insert(upper(r.clone()), *l);
        // A person's surname alone ("HAKKINEN ON POLE"), a team's or company's name without
        // its city ("YANKEES" for the New York Yankees).
        if *l == Label::Per && r.len() >= 2 {
            named.entry(upper(r.end - 1..r.end)).or_insert(Label::Per);
        }
        if *l == Label::Org && r.len() >= 2 {
            if let Some(n) = rec.place_prefix(r.clone()) {
                named.entry(upper(r.start + n..r.end)).or_insert(Label::Org);
            }
        }
    }
    if named.is_empty() {
        return;
    }
    let mut taken = vec![false; rec.tokens.len()];
    for (r, _, _) in spans.iter() {
        taken[r.clone()].fill(true);
    }
    let free = |k: usize| rec.shouting[k] && !taken[k] && is_all_caps(rec.word(k));
    let mut k = 0;
    while k < rec.tokens.len() {
        let found = (1..=MAX_WORDS).rev().find_map(|n| {
            let end = k + n;
            let whole =
                end <= rec.tokens.len() && (k..end).all(free) && (k..end - 1).all(|j| !rec.tokens[j].broken_after);
            whole.then(|| named.get(&upper(k..end)).map(|l| (n, *l))).flatten()
        });
        match found {
            Some((n, label)) => {
                spans.push((k..k + n, label, false));
                k += n;
            }
            None => k += 1,
        }
    }
    spans.sort_by_key(|(r, _, _)| r.start);
}

/// Makes labels consistent across the document and gives each entity its canonical name:
/// a person's full name, the usual name of a place.
/// `judge` has the last word on each name's label, and may drop it.
pub(super) fn resolve(rec: &Recogniser, spans: Vec<(Range<usize>, Label, bool)>, judge: &mut Judge) -> Vec<Entity> {
    let surface = |r: &Range<usize>| rec.span_text(r.clone()).to_string();
    // Full names of people: the longest multi-word PER that contains a given word.
    let people: Vec<Vec<String>> = spans
        .iter()
        .filter(|(r, l, _)| *l == Label::Per && r.len() >= 2)
        .map(|(r, _, _)| r.clone().map(|k| rec.word(k).to_string()).collect())
        .collect();
    let person_for = |word: &str| -> Option<String> {
        people.iter().filter(|p| p.iter().any(|w| w == word)).max_by_key(|p| p.len()).map(|p| p.join(" "))
    };
    // Labels from confident (known or multi-word) mentions win over guesses.
    let mut known: HashMap<String, Label> = HashMap::new();
    if let Some(place) = &rec.dateline_place {
        known.insert(place.clone(), Label::Loc);
    }
    for (r, l, guessed) in &spans {
        if !guessed || r.len() >= 2 {
            known.entry(surface(r)).or_insert(*l);
        }
    }
    // Guessed single words take the label most of their mentions got.
    let mut votes: HashMap<String, HashMap<Label, usize>> = HashMap::new();
    for (r, l, guessed) in &spans {
        if *guessed && r.len() == 1 {
            *votes.entry(surface(r)).or_default().entry(*l).or_default() += 1;
        }
    }
    // What the text shows a name doing elsewhere ("Nvidia shares", "Kessler said").
    let cued = |t: &str| rec.person_cues.contains(t) || rec.org_cues.contains(t);
    let first_names: Words = people.iter().filter_map(|p| p.first().map(String::as_str)).collect();
    // Names found where capitals mean something: mid-sentence, outside headlines.
    let named_mid: HashSet<String> = spans
        .iter()
        .filter(|(r, _, _)| !rec.tokens[r.start].initial && !rec.headline[r.start])
        .map(|(r, _, _)| surface(r))
        .collect();
    let mut settled = Vec::new();
    for (r, mut label, guessed) in spans {
        let text = surface(&r);
        if r.len() == 1 && !guessed && first_names.contains(text.as_str()) {
            label = Label::Per; // "Vladimir called me up", after "Vladimir Putin"
        }
        // In a title-case headline a guess stands only if the text names it elsewhere.
        if guessed && rec.headline[r.start] && !named_mid.contains(&text) {
            continue;
        }
        if guessed && r.len() == 1 {
            if let Some(l) = known.get(&text) {
                label = *l;
            } else if person_for(&text).is_some() {
                label = Label::Per;
            } else if let Some(v) = votes.get(&text) {
                label = v.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l))).map_or(label, |(l, _)| *l);
            }
            let after_title = r.start > 0 && rec.is_title(r.start - 1);
            // "Rabinovich is winding up": a sentence-opening name followed by a verb.
            let verb_after = rec.tokens.get(r.end).is_some_and(|t| {
                matches!(
                    &rec.text[t.range.clone()],
                    "is" | "was" | "has" | "had" | "said" | "says" | "told" | "will" | "would" | "added"
                )
            }) && !text.ends_with('s');
            let shown_elsewhere = cued(&text) && !is_common_word(&text);
            if rec.tokens[r.start].initial
                && !after_title
                && !verb_after
                && !known.contains_key(&text)
                && !named_mid.contains(&text)
                && !shown_elsewhere
                && person_for(&text).is_none()
                && !LEXICON.given_names.contains(text.as_str())
            {
                // A lone capitalised word opening a sentence is a name only if the text
                // names it elsewhere.
                continue;
            }
        }
        if rec.dateline_place.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(&text)) {
            label = Label::Loc;
        }
        settled.push(Proposal { span: r, label, guessed });
    }
    let labels = judge(rec, &settled);
    let mut out = Vec::new();
    for (Proposal { span: r, .. }, label) in settled.into_iter().zip(labels) {
        let Some(label) = label else { continue };
        let text = surface(&r);
        let canonical = match label {
            Label::Per => person_for(&text).unwrap_or_else(|| text.clone()),
            Label::Loc => canonical_place(&text),
            Label::Org if text.chars().filter(|c| c.is_alphabetic()).count() <= ACRONYM_MAX_LETTERS => {
                text.to_uppercase()
            }
            _ => text.clone(),
        };
        let range = rec.tokens[r.start].range.start..rec.tokens[r.end - 1].range.end;
        out.push(Entity { range, label, canonical });
    }
    out
}

pub(super) fn canonical_place(text: &str) -> String {
    match text {
        "US" | "U.S." | "USA" | "U.S.A." | "America" | "United States" => "United States".into(),
        "UK" | "U.K." | "Britain" | "Great Britain" | "United Kingdom" => "United Kingdom".into(),
        "Hague" => "The Hague".into(),
        t if is_all_caps(t) && t.chars().filter(|c| c.is_alphabetic()).count() > SHOUTED_PLACE_MIN_LETTERS => {
            title_case(t)
        }
        t => t.to_string(),
    }
}
