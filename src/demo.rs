//! The demo articles in `assets/demo/`, compiled in so `tidings` with no path works from
//! any directory. They are original texts written for Tidings, shaped like scraped pages
//! (see `assets/README.md`). The RSS demo joins this list when feeds can be read.
macro_rules! demo {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../assets/demo/", $name)))),*]
    };
}

pub const FILES: &[(&str, &str)] = demo![
    "harbour-strike.txt",
    "bridge-vote.txt",
    "wildfire-evac.txt",
    "chip-factory.txt",
    "ceasefire-talks.txt",
    "library-reopens.md",
    "metro-obras.txt",
    "museum-heist.html",
];

#[cfg(test)]
mod tests {
    use super::FILES;

    #[test]
    fn the_demo_lists_every_article_file_in_assets() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".rss"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = FILES.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
        assert!(FILES.len() >= 8);
    }
}
