//! Text in the SEPA character set. A SEPA file may carry only the Latin
//! subset `a-z A-Z 0-9 / - ? : ( ) . , ' +` and the space (EPC
//! Implementation Guidelines, "Character set"; EPC217-08 on converting
//! other characters). Names are converted, not blanked: letters with
//! accents lose the accent (`Iñes María` → `Ines Maria`), ligatures and
//! special letters are written out (`ß` → `ss`, `Æ` → `Ae`), and letters of
//! other scripts are transliterated with the `deunicode` library
//! (`Шевченко` → `Shevchenko`, `王` → `Wang`). Signs that are not letters
//! (emoji, `&`, `<`) become a space; spaces are collapsed.

use unicode_normalization::UnicodeNormalization;

/// `s` in the SEPA character set, at most `max` characters, trimmed.
pub fn sepa_tekst(s: &str, max: usize) -> String {
    let mut uit = String::with_capacity(s.len().min(max * 2));
    let mut tekens = s.chars().peekable();
    while let Some(c) = tekens.next() {
        // Greek ου is one sound: "ou" (ELOT 743), not "oy".
        if kaal(c) == 'ο' && tekens.peek().is_some_and(|&n| kaal(n) == 'υ') {
            tekens.next();
            uit.push_str(if c.is_uppercase() { "Ou" } else { "ou" });
            continue;
        }
        let woord_gaat_door = tekens.peek().is_some_and(|n| n.is_lowercase());
        omzetten(c, woord_gaat_door, &mut uit);
    }
    // Collapse runs of spaces and trim, then cut (everything is ASCII now,
    // so a cut never splits a character).
    let mut kort = String::with_capacity(uit.len());
    for woord in uit.split(' ').filter(|w| !w.is_empty()) {
        if !kort.is_empty() {
            kort.push(' ');
        }
        kort.push_str(woord);
    }
    kort.truncate(max);
    kort.trim_end().to_owned()
}

/// Whether `c` may stand in a SEPA file as it is.
pub fn toegestaan(c: char) -> bool {
    c.is_ascii_alphanumeric() || " /-?:().,'+".contains(c)
}

/// `woord_gaat_door`: a lower-case letter follows, so a capital written
/// out in more letters is capitalised, not all capitals (`Ærø` → `Aero`).
fn omzetten(c: char, woord_gaat_door: bool, uit: &mut String) {
    if toegestaan(c) {
        uit.push(c);
        return;
    }
    if let Some(t) = leesteken(c) {
        uit.push_str(t);
        return;
    }
    // A letter with marks: its base letter, the marks dropped.
    let basis: String = c.nfd().filter(|d| d.is_ascii_alphanumeric()).collect();
    if !basis.is_empty() {
        uit.push_str(&basis);
        return;
    }
    // Other letters (ß, ø, Greek, Cyrillic, Arabic, Chinese, ...): the
    // library's transliteration, kept to the SEPA set. Signs that are not
    // letters (emoji, symbols) are not written out as words.
    if c.is_alphabetic()
        && let Some(t) = deunicode::deunicode_char(c)
    {
        for (i, l) in t.chars().enumerate() {
            let l = if i > 0 && woord_gaat_door && c.is_uppercase() {
                l.to_ascii_lowercase()
            } else {
                l
            };
            uit.push(if toegestaan(l) { l } else { ' ' });
        }
        return;
    }
    uit.push(' ');
}

/// Apostrophes and dashes as people type them.
fn leesteken(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => "'",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        _ => return None,
    })
}

/// The lower-case letter without marks (Greek tonos, dialytika).
fn kaal(c: char) -> char {
    let klein = c.to_lowercase().next().unwrap_or(c);
    klein.nfd().next().unwrap_or(klein)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_keep_their_letters() {
        for (naam, sepa) in [
            (
                "Iñes María Núria de Velázquez",
                "Ines Maria Nuria de Velazquez",
            ),
            ("Ünal Çelik", "Unal Celik"),
            ("Øyvind Ærø", "Oyvind Aero"),
            ("Jürgen Straße", "Jurgen Strasse"),
            ("Zoë d’Hondt", "Zoe d'Hondt"),
            ("Łukasz Wałęsa", "Lukasz Walesa"),
            ("Олександр Шевченко", "Oleksandr Shevchenko"),
            ("Юлия Жукова", "Iuliia Zhukova"),
            ("Νίκος Παπαδόπουλος", "Nikos Papadopoulos"),
            ("Jan & Piet <Ünal>", "Jan Piet Unal"),
            ("王小明", "Wang Xiao Ming"),
            // Arabic writes no short vowels; the name is still never empty.
            ("محمد علي", "mHmd ly"),
            ("Արամ Գիորգի", "Aram Giorgi"),
            ("Ἀλέξανδρος 😀", "Alexandros"),
        ] {
            assert_eq!(sepa_tekst(naam, 70), sepa, "{naam}");
        }
    }

    #[test]
    fn text_is_cut_to_the_field() {
        assert_eq!(sepa_tekst(&"x".repeat(50), 35).len(), 35);
        // Cut after conversion: "ß" counts as the two letters it becomes.
        assert_eq!(sepa_tekst("ßßß", 5), "sssss");
        assert_eq!(sepa_tekst("ab ßß", 4), "ab s");
    }

    proptest! {
        #[test]
        fn only_the_sepa_set_within_the_length(s in "\\PC{0,120}", max in 1usize..140) {
            let t = sepa_tekst(&s, max);
            prop_assert!(t.len() <= max);
            prop_assert!(t.chars().all(toegestaan), "{t:?}");
            prop_assert_eq!(t.trim(), t.as_str());
            prop_assert!(!t.contains("  "));
            // Converting again changes nothing.
            prop_assert_eq!(sepa_tekst(&t, max), t.clone());
        }
    }
}
