//! A refused werkplek form comes back with what was typed: the page shows
//! the message at the field (and in a summary that links to it), and every
//! field keeps its input, so the caseworker corrects one thing instead of
//! starting over.

/// What was posted to one form of a page, and why it was refused.
#[derive(Debug, Default, Clone)]
pub struct Invoer {
    /// Which form on the page was refused (empty when none was).
    formulier: String,
    /// The HTML id of the field the message is about.
    veld: String,
    melding: String,
    waarden: Vec<(String, String)>,
    /// Which item the form was about, when a page repeats a form per item
    /// (one per wijziging).
    sleutel: String,
}

impl Invoer {
    /// `veld` is the name the command gave (`Ongeldig::veld`); `ids` maps
    /// such names to the id of the field on the page where they differ.
    pub fn geweigerd(
        formulier: impl Into<String>,
        veld: &str,
        melding: String,
        waarden: Vec<(String, String)>,
        ids: &[(&str, &str)],
    ) -> Self {
        let veld = ids
            .iter()
            .find(|(naam, _)| *naam == veld)
            .map(|(_, id)| (*id).to_owned())
            .unwrap_or_else(|| veld.to_owned());
        Self {
            formulier: formulier.into(),
            veld,
            melding,
            waarden,
            sleutel: String::new(),
        }
    }

    /// The refused form was the one of this item.
    pub fn met_sleutel(mut self, sleutel: impl Into<String>) -> Self {
        self.sleutel = sleutel.into();
        self
    }

    /// What the form of one item shows: the refusal when it was this
    /// item's form, otherwise nothing refused.
    pub fn voor(&self, formulier: &str, sleutel: &str) -> Invoer {
        if self.open(formulier) && self.sleutel == sleutel {
            self.clone()
        } else {
            Invoer::default()
        }
    }

    /// The form was refused: it stays open.
    pub fn open(&self, formulier: &str) -> bool {
        !self.formulier.is_empty() && self.formulier == formulier
    }

    /// The field and the message, for the summary at the top of the form.
    pub fn fout(&self, formulier: &str) -> Option<(&str, &str)> {
        self.open(formulier)
            .then_some((self.veld.as_str(), self.melding.as_str()))
    }

    /// The message for this field, if it is the one refused.
    pub fn fout_bij(&self, formulier: &str, id: &str) -> Option<&str> {
        (self.open(formulier) && self.veld == id).then_some(self.melding.as_str())
    }

    /// What the field shows: what was typed when this form came back,
    /// otherwise the suggestion.
    pub fn waarde<'a>(&'a self, formulier: &str, naam: &str, standaard: &'a str) -> &'a str {
        if !self.open(formulier) {
            return standaard;
        }
        self.waarden
            .iter()
            .find(|(k, _)| k == naam)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// A checkbox or radio button that was chosen when this form came back.
    pub fn gekozen(&self, formulier: &str, naam: &str, waarde: &str) -> bool {
        self.open(formulier) && self.waarden.iter().any(|(k, v)| k == naam && v == waarde)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoer() -> Invoer {
        Invoer::geweigerd(
            "voorstel",
            "besluittype",
            "Kies wat u voorstelt.".into(),
            vec![
                ("bedrag".into(), "12,50".into()),
                ("grond".into(), "a".into()),
                ("grond".into(), "b".into()),
            ],
            &[("besluittype", "soort")],
        )
    }

    #[test]
    fn a_refused_form_keeps_its_input_and_names_the_field() {
        let i = invoer();
        assert_eq!(i.fout("voorstel"), Some(("soort", "Kies wat u voorstelt.")));
        assert_eq!(
            i.fout_bij("voorstel", "soort"),
            Some("Kies wat u voorstelt.")
        );
        assert_eq!(i.fout_bij("voorstel", "bedrag"), None);
        assert_eq!(i.waarde("voorstel", "bedrag", "€ 1,00"), "12,50");
        assert_eq!(i.waarde("voorstel", "toelichting", "iets"), "");
        assert!(i.gekozen("voorstel", "grond", "b"));
        assert!(!i.gekozen("voorstel", "grond", "c"));
    }

    #[test]
    fn other_forms_show_their_suggestions() {
        let i = invoer();
        assert!(!i.open("herstel"));
        assert_eq!(i.waarde("herstel", "deadline", "2026-12-17"), "2026-12-17");
        assert!(!i.gekozen("herstel", "grond", "b"));
        let per_item = invoer().met_sleutel("w1");
        assert!(per_item.voor("voorstel", "w1").open("voorstel"));
        assert!(!per_item.voor("voorstel", "w2").open("voorstel"));
        let leeg = Invoer::default();
        assert!(!leeg.open(""));
        assert_eq!(leeg.fout(""), None);
    }
}
