//! `tidings stories`: reports of one event grouped, on the seeds (read from `../shared`)
//! and on reports written for this test: a paraphrase that shares a quotation, a wire copy
//! lightly rewritten, the same people at another event, last year's edition of the same
//! prize, and a follow-up days later.
mod common;

use std::path::Path;
use std::process::Command;

fn stories(data: &Path, folder: &Path) -> Vec<Vec<String>> {
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("--data-dir")
        .arg(data)
        .args(["stories", "--json"])
        .arg(folder)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let groups: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut names: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut paths: Vec<String> = g["paths"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| Path::new(p.as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            paths.sort();
            paths
        })
        .collect();
    names.sort();
    names
}

#[test]
fn the_seeds_rewrite_and_the_shared_quotations_are_stories_and_nothing_else_joins() {
    let Some(shared) = common::shared() else { return };
    let data = tempfile::tempdir().unwrap();
    let found = stories(data.path(), &shared.join("seeds"));
    assert_eq!(
        found,
        [
            vec!["000_586a1f37cdb41c42.txt".to_string(), "002_89d5996cce60f40e.txt".to_string()],
            vec!["001_bae099a868e02afb.txt".to_string(), "003_f05413db3c7f5e1f.txt".to_string()],
        ]
    );
}

#[test]
fn among_real_pages_of_many_sites_only_reports_of_one_event_join() {
    // extraction-dev's 45 pages (a development figure: looked at while writing the rules):
    // two outlets on the inquiry into WeWork, two on South Dakota's anti-meth slogan.
    // Their text files only: a page's HTML would be the same article twice.
    let Some(shared) = common::shared() else { return };
    let folder = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(shared.join("extraction-dev")).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".page.txt") {
            std::fs::copy(&path, folder.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let data = tempfile::tempdir().unwrap();
    let pair = |a: &str, b: &str| vec![format!("{a}.page.txt"), format!("{b}.page.txt")];
    assert_eq!(
        stories(data.path(), folder.path()),
        [
            pair(
                "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85",
                "1ace8c85aaee21b9d4505eca506d50c4721c29db62848b567a9703bfe0583892"
            ),
            pair(
                "156770d676ce79905198e1c8407f81e5ecfb617d9aa44712718707eb7e3b8e38",
                "3f65af7b6b98b1c9ae9a3e0d8a09a85600cdc44e26e4b3a6db96a31f4b1767e3"
            ),
        ]
    );
}

#[test]
fn reports_of_one_event_group_and_look_alikes_stay_apart() {
    let folder = tempfile::tempdir().unwrap();
    let reports = [
        (
            "a-coastline.txt",
            "Dock strike ends at Port of Velmar\n\nMarch 3, 2025\n\nDock workers at the Port of Velmar voted on \
             Monday to end their three-week strike after the port authority offered a six percent raise over two \
             years.\n\n\"We held together, and in the end that is what won this,\" said Ilse Marchetti, who chairs \
             the dockers' union.\n\nShips that had waited off the coast began to berth in the afternoon, and the \
             authority said the backlog would take ten days to clear.\n",
        ),
        (
            "b-herald.txt",
            "Velmar dockers accept pay deal\n\nMarch 3, 2025\n\nThe three weeks of stoppage in Velmar are over: \
             members of the dockers' federation backed a deal that raises wages and sets up a joint safety \
             committee for the cranes.\n\nUnion chair Ilse Marchetti told reporters at the terminal gates: \"We \
             held together, and in the end that is what won this.\"\n\nExporters had lost millions while the \
             ships waited.\n",
        ),
        (
            "c-wire-copy.txt",
            "Velmar port strike is over\n\nMarch 4, 2025\n\nDock workers at the Port of Velmar voted on Monday to \
             end their strike after three weeks, after the port authority offered a raise of six percent over two \
             years.\n\nShips that had waited off the coast began to berth on Monday afternoon, and the authority \
             said the backlog would take about ten days to clear.\n",
        ),
        (
            "d-same-people-other-event.txt",
            "Union leader warns on automation\n\nMarch 4, 2025\n\nIlse Marchetti, who chairs the dockers' union in \
             Velmar, told a conference of transport workers on Tuesday that automated cranes at the Port of Velmar \
             would cost hundreds of jobs within five years.\n\n\"Machines do not pay taxes,\" Marchetti said to \
             applause from the delegates.\n",
        ),
        (
            "e-prize-2025.txt",
            "Orsk novelist wins the Harbour Prize\n\nOctober 9, 2025\n\nThe Harbour Prize for fiction went on \
             Thursday to the Orsk novelist Dana Kovac for her third book, a family saga set among fishermen.\n\n\
             \"I wrote it for my grandmother,\" Kovac said as she accepted the award in Velmar.\n",
        ),
        (
            "f-prize-2024.txt",
            "Poet takes the Harbour Prize\n\nOctober 10, 2024\n\nThe Harbour Prize for fiction went on Thursday to \
             the poet Ivo Lind for a collection about the sea, the first verse winner in a decade.\n\n\"The sea \
             has always written through me,\" Lind said as he accepted the award in Velmar.\n",
        ),
        (
            "g-follow-up.txt",
            "A week after the strike, Velmar clears its backlog\n\nMarch 10, 2025\n\nThe Port of Velmar said on \
             Monday that the last of the ships held up by the three-week dock strike had berthed.\n\nIlse \
             Marchetti, who chairs the dockers' union, repeated what she said the day the strike ended: \"We held \
             together, and in the end that is what won this.\"\n",
        ),
    ];
    for (name, text) in reports {
        std::fs::write(folder.path().join(name), text).unwrap();
    }
    let data = tempfile::tempdir().unwrap();
    assert_eq!(
        stories(data.path(), folder.path()),
        [vec!["a-coastline.txt".to_string(), "b-herald.txt".to_string(), "c-wire-copy.txt".to_string()]]
    );
    // As text: the story once, with how many more sources.
    let out = Command::new(env!("CARGO_BIN_EXE_tidings"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["stories"])
        .arg(folder.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Under its newest report, as the list shows it.
    assert!(text.starts_with("Velmar port strike is over (+2 sources)\n"), "{text}");
}
