//! The fitted models' weight files in `assets/models/`: one `name<TAB>value` per line,
//! `#` comments. Shared by every model so each reads and writes them the same way.

/// Declares a model's features once: the enum the code uses and the names its weight
/// file uses, in the same order.
macro_rules! features {
    ($vis:vis $($name:ident),* $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        $vis enum Feature { $($name),* }
        const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}
pub(crate) use features;

/// The value of each of `names` in a weight file, `None` where the file has none. A name
/// the file has and `names` lacks is an error: a file from another version of the code.
pub fn parse(text: &str, names: &[&str]) -> Result<Vec<Option<f32>>, String> {
    let mut values = vec![None; names.len()];
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (name, value) = line.split_once('\t').ok_or_else(|| format!("no tab in `{line}`"))?;
        let value: f32 = value.trim().parse().map_err(|_| format!("bad number in `{line}`"))?;
        let at = names.iter().position(|n| *n == name).ok_or_else(|| format!("unknown feature `{name}`"))?;
        values[at] = Some(value);
    }
    Ok(values)
}

/// The weight file of `values`, one per name.
pub fn to_tsv(names: &[&str], values: &[f32]) -> String {
    assert_eq!(names.len(), values.len(), "one value per name");
    names.iter().zip(values).map(|(name, v)| format!("{name}\t{v}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_files_round_trip_and_bad_ones_are_refused() {
        let names = ["bias", "prose"];
        let text = to_tsv(&names, &[0.25, -1.5]);
        assert_eq!(parse(&text, &names).unwrap(), [Some(0.25), Some(-1.5)]);
        assert_eq!(parse("# only a comment\nprose\t2\n", &names).unwrap(), [None, Some(2.0)]);
        assert!(parse("prose 1.0", &names).unwrap_err().contains("no tab"));
        assert!(parse("prose\tmany", &names).unwrap_err().contains("bad number"));
        assert!(parse("novelty\t1.0", &names).unwrap_err().contains("unknown feature `novelty`"));
    }
}
