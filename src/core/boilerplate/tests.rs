//! Rule families of the filter, each on small pages written for the test.
use super::*;
use crate::core::ingest::load_bytes;

const P1: &str = "The council voted on Thursday to build the new bridge across the river, ending years of argument over its route and cost.";
const P2: &str = "Opponents said the price had doubled since the first estimate and warned that the city could not pay for it without cutting other services.";
const P3: &str = "The mayor said the rest of the money would come from the national infrastructure fund, which is expected to decide by the end of the year.";
const P4: &str = "Residents of the eastern district, who have waited decades for a direct link to the centre, gathered in a community hall to watch the vote.";
const P5: &str = "Work on the foundations is due to begin next spring, and the engineers expect the first trams to cross the bridge within four years.";

/// (text, verdict) for every block of a plain-text page.
fn judge(text: &str) -> Vec<(String, Option<Reason>)> {
    judge_with(text, &Rules::default())
}

fn judge_with(text: &str, rules: &Rules) -> Vec<(String, Option<Reason>)> {
    let doc = load_bytes("page.txt", text.as_bytes()).unwrap();
    let verdicts = classify(&doc, rules);
    doc.blocks.iter().zip(verdicts).map(|(b, v)| (doc.block_text(b).to_string(), v)).collect()
}

fn verdict(judged: &[(String, Option<Reason>)], line: &str) -> Option<Reason> {
    judged.iter().find(|(t, _)| t == line).unwrap_or_else(|| panic!("no block {line:?} in {judged:?}")).1
}

fn page(lines: &[&str]) -> String {
    lines.join("\n")
}

#[test]
fn share_bars_in_several_languages() {
    for bar in [
        "Share via",
        "Share this article",
        "Facebook",
        "Copy link",
        "Compartilhe",
        "Condividi",
        "Partager",
        "Поделиться",
        "공유하기",
        "Share: Facebook · X · Email",
        "Share to LinkedInLinkedInShare to FacebookFacebook",
    ] {
        let j = judge(&page(&["Bridge vote passes", bar, P1, P2, P3]));
        assert_eq!(verdict(&j, bar.trim_start_matches("- ")), Some(Reason::ShareLinks), "{bar}");
        assert_eq!(verdict(&j, P1), None);
    }
}

#[test]
fn newsletter_promos_but_not_news_about_newsletters() {
    let promo = "Sharp reporting from the harbour and beyond. In your inbox every Friday morning.";
    let news = "The union’s newsletter, sent to 40,000 members on Friday, said the strike would continue until the ministry made a written offer.";
    let j = judge(&page(&[P1, P2, news, P3, "Get the Politics newsletter", promo, "Cadastre-se"]));
    assert_eq!(verdict(&j, "Get the Politics newsletter"), Some(Reason::NewsletterPromo));
    assert_eq!(verdict(&j, promo), Some(Reason::NewsletterPromo));
    assert_eq!(verdict(&j, "Cadastre-se"), Some(Reason::NewsletterPromo));
    assert_eq!(verdict(&j, news), None);
}

#[test]
fn related_sections_run_until_the_article_resumes() {
    let j = judge(&page(&[
        P1,
        P2,
        "Related Articles",
        "Ferry timetable cut for winter",
        "2 hours ago",
        "Harbour Times",
        "Crane contract goes abroad",
        P3,
        P4,
    ]));
    for teaser in [
        "Related Articles",
        "Ferry timetable cut for winter",
        "2 hours ago",
        "Harbour Times",
        "Crane contract goes abroad",
    ] {
        assert!(verdict(&j, teaser).is_some(), "{teaser} kept: {j:?}");
    }
    assert_eq!(verdict(&j, P3), None, "the article resumed");
    assert_eq!(verdict(&j, P4), None);
}

#[test]
fn teaser_cards_with_snippets_stay_hidden_to_the_end() {
    let snippet = "TOKYO (Wire) - The government executed a man on Friday who had killed nine people, the first use of the death penalty in three years.";
    let j = judge(&page(&[
        P1,
        P2,
        P3,
        "You may also like",
        "The Star",
        "17 minutes ago",
        "- The Star",
        "Man executed for nine killings",
        snippet,
    ]));
    assert_eq!(verdict(&j, snippet), Some(Reason::Teaser));
    assert_eq!(verdict(&j, "You may also like"), Some(Reason::RelatedStories));
}

#[test]
fn headlines_cut_short_in_a_sidebar_list() {
    let cut = ["- Storm closes the p..", "- Ferry fares rise for the..", "- Council sets a date f…"];
    let mut lines = vec![P1, P2, P3];
    lines.extend(cut);
    lines.extend([P4, P5]);
    let j = judge(&page(&lines));
    for item in cut {
        assert_eq!(verdict(&j, &item[2..]), Some(Reason::Teaser), "{item}");
    }
    assert_eq!(verdict(&j, P4), None, "the article goes on past the list: {j:?}");
    let j = judge(&page(&[P1, "- The vote was close...", "- Nobody expected it...", "- And then…", P2]));
    assert_ne!(verdict(&j, "And then…"), Some(Reason::Teaser), "an ellipsis is not a cut: two items end in '...'");
}

#[test]
fn time_stamps_with_the_unit_glued_on() {
    for stamp in ["32M ago", "1h ago", "5d ago"] {
        assert!(line_rule(&Line::new(stamp, BlockKind::Paragraph)) == Some(Reason::Teaser), "{stamp}");
    }
    assert_eq!(line_rule(&Line::new("m ago", BlockKind::Paragraph)), None);
}

#[test]
fn a_numbered_list_after_the_prose_is_the_article() {
    let items = [
        "1) Harbour crane model, scale 1:50",
        "http://shop.example/crane",
        "2) Ferry timetable poster",
        "http://shop.example/poster",
        "3) Tram set with two carriages",
        "http://shop.example/tram",
        "4) Bridge puzzle, 1,000 pieces",
    ];
    let mut lines = vec![P1, P2, "Here are the gifts for fans of the new bridge:"];
    lines.extend(items);
    lines.extend(["Most read", "1. Storm closes the port", "2. Ferry fares rise", "3. Council election date set"]);
    let j = judge(&lines.join("\n\n"));
    for item in items {
        assert_eq!(verdict(&j, item), None, "{item}");
    }
    assert!(verdict(&j, "2. Ferry fares rise").is_some(), "a numbered most-read list is still furniture");
}

#[test]
fn disclosures_adverts_shortcodes_and_prompts() {
    let cases = [
        ("This post may contain affiliate links; our disclosure policy explains them.", Reason::Advertisement),
        ("Advert", Reason::Advertisement),
        ("[button link=\"http://example.org/submit\" type=\"big\"] Send us YOUR review[/button]", Reason::FormText),
        ("Sharing is caring!", Reason::ShareLinks),
        ("Tell us what YOU think...", Reason::CommentsWidget),
        ("Tom Harlow, Wire Auto Writer", Reason::Byline),
        ("Tempo de leitura: 2 minutos", Reason::Byline),
        ("5 min read", Reason::Byline),
        ("3.409", Reason::ShareLinks),
    ];
    for (line, reason) in cases {
        let j = judge(&page(&[P1, P2, line, P3, P4]));
        assert_eq!(verdict(&j, line), Some(reason), "{line}");
        assert_eq!(verdict(&j, P3), None);
    }
}

#[test]
fn a_section_label_above_the_article_is_navigation() {
    let j = judge(&page(&["- Entertainment", "", "Bridge vote passes after a long fight", "", P1, "", P2]));
    assert_eq!(verdict(&j, "Entertainment"), Some(Reason::Navigation), "{j:?}");
    assert_eq!(verdict(&j, P1), None);
}

#[test]
fn picture_captions_are_hidden_and_kept() {
    let html = format!("<html><body><article><h1>Bridge vote</h1><p>{P1}</p><figure><img src=\"b.jpg\"><figcaption>The old ferry crossing at dawn. Photo: Port archive</figcaption></figure><p>{P2}</p><p>{P3}</p></article></body></html>");
    let doc = load_bytes("page.html", html.as_bytes()).unwrap();
    let verdicts = classify(&doc, &Rules::default());
    let caption = doc
        .blocks
        .iter()
        .position(|b| doc.block_text(b).starts_with("The old ferry"))
        .expect("the caption is a block of the text");
    assert_eq!(doc.blocks[caption].kind, BlockKind::Caption);
    assert_eq!(verdicts[caption], Some(Reason::Caption));
    assert!(doc.blocks.iter().zip(&verdicts).filter(|(b, _)| doc.block_text(b) == P2).all(|(_, v)| v.is_none()));
}

#[test]
fn breadcrumb_trails_are_navigation() {
    for crumbs in [
        "Home › World › Europe",
        "HomeLatest NewsBridge vote passes after long fight",
        "Início / Cidades / Obras do metrô",
    ] {
        let j = judge(&page(&[crumbs, P1, P2, P3]));
        assert_eq!(verdict(&j, crumbs), Some(Reason::Navigation), "{crumbs}");
        assert_eq!(verdict(&j, P1), None);
    }
    let j = judge(&page(&[P1, "Homeowners in the district said the bridge would raise the value of their houses, though few expected it before 2030.", P2]));
    assert!(j.iter().all(|(_, v)| v.is_none()), "a word that starts with Home is not a trail: {j:?}");
}

#[test]
fn related_headings_that_trail_off_or_offer_more() {
    for heading in ["You may also like...", "Read more…", "More Great Harbour Stories", "More World"] {
        let j =
            judge(&page(&[P1, P2, heading, "Who will win the vote in the spring?", "Bridge tolls explained", P3, P4]));
        assert_eq!(verdict(&j, heading), Some(Reason::RelatedStories), "{heading}");
        assert_eq!(verdict(&j, "Bridge tolls explained"), Some(Reason::RelatedStories), "{heading}");
        assert_eq!(verdict(&j, P3), None, "{heading}: the article resumes");
    }
}

#[test]
fn related_headings_in_other_languages() {
    for heading in [
        "Leia também",
        "Leggi anche",
        "À lire aussi",
        "Lesen Sie auch",
        "Читайте также",
        "관련 기사",
        "関連記事",
        "Más leídas",
    ] {
        let j = judge(&page(&[P1, P2, P3, heading, "Something else entirely happened", "Another story"]));
        assert_eq!(verdict(&j, heading), Some(Reason::RelatedStories), "{heading}");
        assert!(verdict(&j, "Another story").is_some(), "{heading}");
    }
}

#[test]
fn comment_threads_after_the_article_but_not_declined_to_comment() {
    let declined = "A spokeswoman for the company declined to comment.";
    let reader = "I have lived here for thirty years and this is the first time the council has listened to anybody who uses the ferry.";
    let j = judge(&page(&[
        P1,
        declined,
        P2,
        P3,
        "Comments (12)",
        reader,
        "Reply",
        reader.replace("thirty", "forty").as_str(),
    ]));
    assert_eq!(verdict(&j, declined), None);
    assert_eq!(verdict(&j, "Comments (12)"), Some(Reason::CommentsWidget));
    assert_eq!(verdict(&j, reader), Some(Reason::CommentsWidget));
}

#[test]
fn a_comment_link_above_the_article_does_not_hide_it() {
    // A site's blurb above the article: prose, but not the article.
    let blurb = [
        "This site has covered the city's transport since 1998 and is written by a small team of volunteers.",
        "Our reporters attend every council meeting and publish the minutes on the same day they are approved.",
        "The site is funded by its readers and carries no advertising of any kind on any of its pages.",
    ];
    let p5 = "Work on the foundations is to start in the spring, and the first trams should cross the bridge within four years.";
    let p6 = "The council will publish the contracts next month, once the tender for the steelwork has closed.";
    let mut lines = blurb.to_vec();
    lines.extend(["Write a comment", P1, P2, P3, P4, p5, p6, "Write a comment"]);
    let j = judge(&page(&lines));
    for p in [P1, P2, P3, P4, p5, p6] {
        assert_eq!(verdict(&j, p), None, "{p}");
    }
}

#[test]
fn cookie_banners_but_not_reports_on_cookie_rules() {
    let banner = "We use cookies to store and access information on your device, and you can accept or reject them at any time in the settings.";
    let switch = "Statistics";
    let under = "Storage or access used only for statistics, which our partners may combine with other data you have given them.";
    let report = "The regulator said on Monday that websites must ask for consent before they set advertising cookies on a browser.";
    let j = judge(&page(&[P1, report, P2, P3, P4, banner, switch, under]));
    assert_eq!(verdict(&j, report), None);
    for line in [banner, switch, under] {
        assert_eq!(verdict(&j, line), Some(Reason::CookieNotice), "{line}");
    }
}

#[test]
fn dated_teaser_cards_but_not_a_timeline() {
    let cards = [
        "Ferry fares rise",
        "04.02.2021 Passengers will pay more from the spring, the operator said, blaming the price of fuel and new safety rules.",
        "Port strike ends",
        "Dockers back at work",
        "18.10.2020 The dockers returned to work after the union accepted a pay offer worth six percent over two years.",
        "Tram line opens",
        "09.11.2019 The first trams carried passengers across the eastern district on Saturday after four years of building work.",
    ];
    let timeline = [
        "12.03.2018 The council first proposed a bridge across the river, at a cost of forty million.",
        "15.06.2019 A second study doubled the estimate and moved the route two hundred metres north.",
        "02.02.2021 The national fund agreed to pay half of the cost, subject to a vote by the council.",
    ];
    // The cards of a sidebar, flattened above the article.
    let mut lines = cards.to_vec();
    lines.extend([P1, P2]);
    lines.extend(timeline);
    lines.extend([P3, P4]);
    let j = judge(&page(&lines));
    for line in timeline {
        assert_eq!(verdict(&j, line), None, "{line}");
    }
    for line in &cards[1..] {
        assert!(verdict(&j, line).is_some(), "{line}");
    }
}

#[test]
fn lines_stamped_from_one_template_but_not_a_list_of_ingredients() {
    let options = [
        "You are commenting using your Twitter account. ( Log out / Change )",
        "You are commenting using your Google account. ( Log out / Change )",
        "You are commenting using your Facebook account. ( Log out / Change )",
    ];
    let ingredients = ["1 cup of flour", "1 cup of sugar", "1 cup of milk"];
    let mut lines = vec![P1];
    lines.extend(ingredients);
    lines.extend([P2, P3]);
    lines.extend(options);
    let j = judge(&page(&lines));
    for line in options {
        assert_eq!(verdict(&j, line), Some(Reason::FormText), "{line}");
    }
    for line in ingredients {
        assert_eq!(verdict(&j, line), None, "{line}");
    }
}

#[test]
fn a_page_pasted_twice_keeps_the_first_copy() {
    let j = judge(&page(&["Bridge vote passes", P1, P2, P3, P1, P2, P3]));
    let kept: Vec<_> = j.iter().skip(1).filter(|(_, v)| v.is_none()).map(|(t, _)| t.as_str()).collect();
    assert_eq!(kept, vec![P1, P2, P3]);
    assert!(j.iter().skip(4).all(|(_, v)| *v == Some(Reason::RepeatedText)));
}

#[test]
fn a_lone_repeated_question_is_structure_not_a_copy() {
    let q = "What inspired you to start cooking?";
    let j = judge(&page(&[P1, q, P2, q, P3]));
    assert!(j.iter().all(|(_, v)| v.is_none()), "{j:?}");
}

#[test]
fn summary_bullets_that_repeat_a_paragraph() {
    let bullet = "- Opponents said the price had doubled since the first estimate";
    let j = judge(&page(&["Bridge vote passes", bullet, P1, P2, P3]));
    assert_eq!(verdict(&j, &bullet[2..]), Some(Reason::RepeatedText));
    assert_eq!(verdict(&j, P2), None);
}

#[test]
fn tag_and_date_lists_at_the_foot() {
    let j = judge(&page(&[
        P1,
        P2,
        P3,
        "Ukraine - Russia War",
        "June 2025",
        "Europe",
        "July 2025",
        "Defense",
        "August 2025",
    ]));
    for t in ["Ukraine - Russia War", "June 2025", "Europe", "August 2025"] {
        assert!(verdict(&j, t).is_some(), "{t}: {j:?}");
    }
    let j = judge(&page(&[P1, P2, "Tags: Velmar, Labour, Shipping", P3]));
    assert_eq!(verdict(&j, "Tags: Velmar, Labour, Shipping"), Some(Reason::TagList));
}

#[test]
fn form_cookie_copyright_and_advert_lines() {
    let j = judge(&page(&[
        P1,
        "\"*\" indicates required fields",
        "Advertisement",
        P2,
        P3,
        "We use cookies to improve your experience.",
        "© 2025 Harbour Times. All rights reserved.",
    ]));
    assert_eq!(verdict(&j, "\"*\" indicates required fields"), Some(Reason::FormText));
    assert_eq!(verdict(&j, "Advertisement"), Some(Reason::Advertisement));
    assert_eq!(verdict(&j, "We use cookies to improve your experience."), Some(Reason::CookieNotice));
    assert_eq!(verdict(&j, "© 2025 Harbour Times. All rights reserved."), Some(Reason::Copyright));
}

#[test]
fn navigation_around_the_article_is_outside_it() {
    let mut lines = vec!["Home", "- World", "- Business", "- Sport", "- Culture", "- Opinion", "Sign in"];
    lines.extend([P1, P2, P3, P4]);
    lines.extend(["- Privacy", "- Contact us", "- Jobs", "- Advertise", "- Site map"]);
    let j = judge(&page(&lines));
    assert!(verdict(&j, "World").is_some() && verdict(&j, "Site map").is_some());
    for p in [P1, P2, P3, P4] {
        assert_eq!(verdict(&j, p), None);
    }
}

#[test]
fn subheads_and_one_line_paragraphs_of_the_article_are_kept() {
    let j = judge(&page(&[P1, P2, "RUSSIA STRATEGY REMAINS ELUSIVE", P3, "It did not.", P4]));
    assert!(j.iter().all(|(_, v)| v.is_none()), "{j:?}");
}

#[test]
fn inline_teasers_between_paragraphs() {
    let q1 = "“We will not pay twice for one bridge,” the opposition leader said at the meeting on Thursday evening.";
    let q2 = "“This is the most important decision of a generation,” the mayor said, before the vote was called.";
    let q3 = "“My grandmother was promised this bridge,” said a baker from the eastern district, who watched the vote.";
    let deck = "A leaked audit casts doubt on the city’s claim that the old bridge was ‘beyond repair.’ The council calls it ‘misleading.’";
    let echo = "As the city council approves the plan, engineers warned that the river bed under Eastbank is softer than surveys suggested.";
    let j = judge(&page(&["City council approves Eastbank bridge plan", q1, P1, q2, deck, P2, q3, P3, echo, P4]));
    assert_eq!(verdict(&j, deck), Some(Reason::Teaser));
    assert_eq!(verdict(&j, echo), Some(Reason::Teaser));
    for p in [q1, q2, q3, P1, P2, P3, P4] {
        assert_eq!(verdict(&j, p), None, "{p}");
    }
    // Single-quoted speech with its speaker is the article's own, whatever the other quotes.
    let speech = "‘We will not accept the plan in its current form,’ the union leader told reporters on Friday.";
    let j = judge(&page(&["City council approves Eastbank bridge plan", q1, P1, q2, speech, P2, q3, P3]));
    assert_eq!(verdict(&j, speech), None);
}

#[test]
fn korean_and_japanese_pages() {
    let ko = "서울시는 목요일 강을 가로지르는 새 다리를 건설하기로 결정했으며, 이로써 수년간 이어진 노선과 비용에 대한 논쟁이 끝났다고 밝혔다.";
    let ja =
        "市議会は木曜日、川に新しい橋を架けることを決定し、ルートと費用をめぐる長年の議論に終止符を打ったと発表した。";
    let j = judge(&page(&["공유하기", ko, ko.replace("목요일", "금요일").as_str(), "관련 기사", "다른 기사 제목"]));
    assert_eq!(verdict(&j, ko), None);
    assert_eq!(verdict(&j, "관련 기사"), Some(Reason::RelatedStories));
    assert_eq!(verdict(&j, "공유하기"), Some(Reason::ShareLinks));
    let j = judge(&page(&[ja, ja.replace("木曜日", "金曜日").as_str(), "関連記事", "別の記事"]));
    assert_eq!(verdict(&j, ja), None);
    assert_eq!(verdict(&j, "関連記事"), Some(Reason::RelatedStories));
}

#[test]
fn user_patterns_hide_and_keep() {
    let rules = Rules {
        extra_junk: Rules::compile(&["^sponsored by".into()]).unwrap(),
        keep: Rules::compile(&["^correction:".into()]).unwrap(),
    };
    let j = judge_with(
        &page(&[
            P1,
            "Sponsored by Acme Ferries",
            P2,
            "Correction: An earlier version misstated the cost.",
            P3,
            "Share via",
        ]),
        &rules,
    );
    assert_eq!(verdict(&j, "Sponsored by Acme Ferries"), Some(Reason::UserPattern));
    assert_eq!(verdict(&j, "Correction: An earlier version misstated the cost."), None);
    assert_eq!(verdict(&j, "Share via"), Some(Reason::ShareLinks));
}

#[test]
fn html_blocks_go_through_the_same_rules() {
    let html = format!("<html><body><article><h1>Bridge vote</h1><p>{P1}</p><p>Share via</p><p>{P2}</p><p>{P3}</p><h3>Related Articles</h3><ul><li>Ferry cut</li><li>Crane deal</li></ul></article></body></html>");
    let doc = load_bytes("page.html", html.as_bytes()).unwrap();
    let verdicts = classify(&doc, &Rules::default());
    let hidden: Vec<&str> =
        doc.blocks.iter().zip(&verdicts).filter(|(_, v)| v.is_some()).map(|(b, _)| doc.block_text(b)).collect();
    assert!(hidden.contains(&"Share via"), "{hidden:?}");
    assert!(hidden.contains(&"Ferry cut"), "{hidden:?}");
    assert!(!hidden.contains(&P1));
}

#[test]
fn function_words_fit_the_length_bound_of_the_lookup() {
    assert!(super::phrases::list("stopwords").iter().all(|w| w.len() <= 8), "is_stopword skips longer words");
}

#[test]
fn photo_credits_time_stamps_and_contact_lines() {
    let contact = "Have a tip? Jane Roe may be reached at jroe@example.org. Follow her on Twitter @janeroe.";
    let j = judge(&page(&[
        P1,
        "Ann Lee | Getty Images",
        P2,
        "Updated Mar 4, 10:12 AM; Posted Mar 3, 6:05 PM",
        P3,
        contact,
    ]));
    assert_eq!(verdict(&j, "Ann Lee | Getty Images"), Some(Reason::Byline));
    assert_eq!(verdict(&j, "Updated Mar 4, 10:12 AM; Posted Mar 3, 6:05 PM"), Some(Reason::Byline));
    assert_eq!(verdict(&j, contact), Some(Reason::Byline));
    // Prose that mentions an update is the article's own.
    let news = "The ministry updated its forecast on Monday and said growth would slow to one percent next year, citing weak exports.";
    let j = judge(&page(&[P1, news, P2, P3]));
    assert_eq!(verdict(&j, news), None);
}

#[test]
fn the_attribution_blog_feeds_append_is_hidden() {
    let line = "The post Council approves the bridge after years of argument appeared first on River Gazette.";
    let j = judge(&page(&["Bridge approved", P1, P2, P3, line]));
    assert_eq!(verdict(&j, line), Some(Reason::Copyright));
    assert_eq!(verdict(&j, P3), None);
    // A sentence that merely quotes the words is article text.
    let prose = "The post of harbour master, which appeared first on the council's list of cuts, was saved by the vote on Thursday after a long debate.";
    let j = judge(&page(&["Bridge approved", P1, prose, P2]));
    assert_eq!(verdict(&j, prose), None);
}

#[test]
fn a_short_article_beside_longer_legal_text_is_kept() {
    let legal = [
        "By using this website you agree that the publisher may store and process the information you provide in accordance with the terms set out below and in the privacy statement.",
        "The publisher accepts no liability for any loss arising from the use of the content of this website, including errors or omissions in articles, listings and advertisements.",
        "All material on this website is protected by copyright and may not be reproduced, distributed or transmitted in any form without the prior written permission of the publisher.",
        "These terms are governed by the law of the country in which the publisher is registered, and any dispute shall be settled by the courts of that country alone.",
    ];
    let mut lines = vec!["Home", "- News", "- Sport", "- Weather", "Bridge vote", P1, P2];
    lines.extend(["- Privacy", "- Contact us", "- Jobs", "- Advertise", "- Site map", "Terms of use"]);
    lines.extend(legal);
    let j = judge(&page(&lines));
    assert_eq!(verdict(&j, P1), None, "{j:?}");
    assert_eq!(verdict(&j, P2), None, "{j:?}");
}

#[test]
fn a_ranking_is_the_article_not_the_teasers_beside_it() {
    let rows = [
        "1 Ann Fielding 412 6 3",
        "2 Marco Ventura 398 4 5",
        "3 Ida Kramer 377 5 1",
        "4 Tom Okafor 351 2 2",
        "5 Lena Sato 340 3 0",
        "6 Jon Ellery 322 1 4",
        "7 Rui Campos 301 2 1",
        "8 Eva Lindqvist 298 0 2",
        "9 Sam Brook 287 1 0",
        "10 Nora Haddad 270 0 1",
    ];
    let teasers = [
        "Read how the new season's calendar was drawn up, which circuits return after a break and what the organisers have changed in the rules for qualifying.",
        "Click to see the schedule of every practice session and race of the season, with the times for each broadcast and the weather expected on the day.",
        "Our columnist looks back at the most surprising results of the year so far and explains why the championship is closer than the points suggest.",
    ];
    let mut lines = vec![
        "Home",
        "- Results",
        "- Calendar",
        "Championship standings",
        "The standings after the twelfth round of the season:",
    ];
    lines.push("Pos. Driver Points Wins Poles");
    lines.extend(rows);
    lines.extend(["More from the series", teasers[0], "Calendar", teasers[1], "Opinion", teasers[2]]);
    let j = judge(&page(&lines));
    for row in rows {
        assert_eq!(verdict(&j, row), None, "{j:?}");
    }
}

#[test]
fn an_author_bio_under_the_author_name() {
    let bio = "Ann Holloway is a transport reporter for the Daily Courier, covering railways, roads and the money the city spends on them.";
    let j = judge(&page(&[P1, P2, P3, "Ann Holloway", "Follow", "- email", bio]));
    assert_eq!(verdict(&j, bio), Some(Reason::Byline), "{j:?}");
    assert!(verdict(&j, "Ann Holloway").is_some());
    assert_eq!(verdict(&j, P3), None);
    // A paragraph that names a person already named is the article's.
    let story = "Ann Holloway is a nurse who has worked at the hospital for twenty years, and she says the new bridge will halve her commute.";
    let j = judge(&page(&[P1, "Ann Holloway", story, P2]));
    assert_eq!(verdict(&j, story), None, "{j:?}");
}
