//! Theory and law named in a learner's words: the complaint-handling models
//! learners are taught (HEAT, LASS, LAST, LAA) and the legislation a
//! customer-service role works under (Consumer Rights Act 2015, Equality
//! Act 2010, data protection / UK GDPR). Recognised in STAR text and shown
//! beside it, so an assessor sees theory linked to practice.
//!
//! Acronyms count only in capitals ("last week" and "the heat" are not
//! models); the names of acts in any case, and a few phrases that can only
//! mean them ("reasonable adjustments", "data protection").

/// A model or a law a learner may apply on the job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Theory {
    Heat,
    Lass,
    Last,
    Laa,
    ConsumerRights,
    Equality,
    DataProtection,
}

/// What sort of thing a [`Theory`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TheoryKind {
    ComplaintModel,
    Legislation,
}

impl Theory {
    pub const ALL: [Theory; 7] = [
        Theory::Heat,
        Theory::Lass,
        Theory::Last,
        Theory::Laa,
        Theory::ConsumerRights,
        Theory::Equality,
        Theory::DataProtection,
    ];

    /// Its short name.
    pub fn name(self) -> &'static str {
        match self {
            Theory::Heat => "HEAT",
            Theory::Lass => "LASS",
            Theory::Last => "LAST",
            Theory::Laa => "LAA",
            Theory::ConsumerRights => "Consumer Rights Act 2015",
            Theory::Equality => "Equality Act 2010",
            Theory::DataProtection => "data protection (UK GDPR, Data Protection Act 2018)",
        }
    }

    /// What it stands for or asks of the learner.
    pub fn meaning(self) -> &'static str {
        match self {
            Theory::Heat => "Hear, Empathise, Apologise, Take action",
            Theory::Lass => "Listen, Apologise, Solve, Say thanks",
            Theory::Last => "Listen, Apologise, Solve, Thank",
            Theory::Laa => "Listen, Apologise, Act",
            Theory::ConsumerRights => {
                "goods of satisfactory quality, as described and fit for purpose; services with reasonable care; repair, replacement or refund"
            }
            Theory::Equality => {
                "no discrimination for a protected characteristic; reasonable adjustments for disabled customers"
            }
            Theory::DataProtection => {
                "customers' personal data used lawfully, kept secure and only as long as needed"
            }
        }
    }

    pub fn kind(self) -> TheoryKind {
        match self {
            Theory::Heat | Theory::Lass | Theory::Last | Theory::Laa => TheoryKind::ComplaintModel,
            _ => TheoryKind::Legislation,
        }
    }

    /// "HEAT (Hear, Empathise, Apologise, Take action)" for a model; the
    /// act's name for a law.
    pub fn label(self) -> String {
        match self.kind() {
            TheoryKind::ComplaintModel => format!("{} ({})", self.name(), self.meaning()),
            TheoryKind::Legislation => self.name().to_string(),
        }
    }

    /// Words that name it: acronyms matched as capitals, phrases in any case.
    fn acronyms(self) -> &'static [&'static str] {
        match self {
            Theory::Heat => &["HEAT"],
            Theory::Lass => &["LASS"],
            Theory::Last => &["LAST"],
            Theory::Laa => &["LAA"],
            Theory::ConsumerRights => &[],
            Theory::Equality => &[],
            Theory::DataProtection => &["GDPR", "DPA"],
        }
    }

    fn phrases(self) -> &'static [&'static str] {
        match self {
            Theory::Heat => &["hear, empathise, apologise", "hear, empathize, apologize"],
            Theory::Lass => &["listen, apologise, solve, say thanks"],
            Theory::Last => &["listen, apologise, solve, thank"],
            Theory::Laa => &["listen, apologise, act"],
            Theory::ConsumerRights => &["consumer rights act"],
            Theory::Equality => &["equality act", "reasonable adjustment"],
            Theory::DataProtection => &["data protection"],
        }
    }
}

/// The models and laws named in `text`, each once, in [`Theory::ALL`] order.
pub fn recognise(text: &str) -> Vec<Theory> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    Theory::ALL
        .into_iter()
        .filter(|t| {
            t.acronyms().iter().any(|a| words.contains(a))
                || t.phrases().iter().any(|p| lower.contains(p))
        })
        .collect()
}

/// The models and laws named in any of `texts`.
pub fn recognise_all<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Theory> {
    let mut out: Vec<Theory> = texts.into_iter().flat_map(recognise).collect();
    out.sort();
    out.dedup();
    out
}

/// One line for a reader or an export: "HEAT (Hear, ...); Equality Act 2010".
pub fn summary(found: &[Theory]) -> String {
    found
        .iter()
        .map(|t| t.label())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_are_found_as_capitals_only() {
        assert_eq!(
            recognise("I used HEAT, then LASS to close; the LAA steps next time."),
            vec![Theory::Heat, Theory::Lass, Theory::Laa]
        );
        assert!(recognise("Last week the heat was off and the lass laughed.").is_empty());
        assert_eq!(recognise("Followed LAST."), vec![Theory::Last]);
    }

    #[test]
    fn laws_are_found_by_name_and_by_what_they_ask() {
        assert_eq!(
            recognise("Under the Consumer Rights Act she could have a refund."),
            vec![Theory::ConsumerRights]
        );
        assert_eq!(
            recognise("I made a reasonable adjustment: a large-print letter."),
            vec![Theory::Equality]
        );
        assert_eq!(
            recognise("Checked ID first (GDPR) and the equality act guidance."),
            vec![Theory::Equality, Theory::DataProtection]
        );
        assert_eq!(
            recognise("data protection training"),
            vec![Theory::DataProtection]
        );
    }

    #[test]
    fn spelled_out_steps_name_their_model() {
        assert_eq!(
            recognise("I tried to hear, empathise, apologise and then act."),
            vec![Theory::Heat]
        );
        assert_eq!(
            recognise("Listen, apologise, solve, thank: it worked."),
            vec![Theory::Last]
        );
    }

    #[test]
    fn a_summary_spells_out_models_and_names_laws() {
        assert_eq!(
            summary(&[Theory::Heat, Theory::Equality]),
            "HEAT (Hear, Empathise, Apologise, Take action); Equality Act 2010"
        );
    }
}
