//! Ofsted judgements: the four-point scale for homes, agencies and schools
//! (with the words of its older third grade, Adequate and Satisfactory, kept
//! as published), and the three-point outcome scale used for supported
//! accommodation.

use super::code::{Code, code_enum};
use std::cmp::Ordering;

code_enum!(
    /// One Ofsted judgement. Ordering runs from best to worst, so `max()` of a
    /// set of judgements is the worst of them.
    pub enum Judgement {
        Outstanding => ("outstanding", "Outstanding"),
        Good => ("good", "Good"),
        RequiresImprovement => ("requires_improvement", "Requires improvement"),
        Inadequate => ("inadequate", "Inadequate"),
        ConsistentlyStrong => ("consistently_strong", "Consistently strong"),
        Inconsistent => ("inconsistent", "Inconsistent"),
        SeriousWeaknesses => ("serious_weaknesses", "Serious weaknesses"),
        /// The third grade before 2014 (after Satisfactory), as Ofsted published it.
        Adequate => ("adequate", "Adequate"),
        /// The third grade before 2014, until Adequate, as Ofsted published it.
        Satisfactory => ("satisfactory", "Satisfactory"),
    }
);

/// How much a judgement should worry a commissioner, shared by both scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

impl Judgement {
    pub fn severity(self) -> Severity {
        match self {
            Self::Outstanding => Severity::Outstanding,
            Self::Good | Self::ConsistentlyStrong => Severity::Good,
            Self::RequiresImprovement | Self::Adequate | Self::Satisfactory | Self::Inconsistent => {
                Severity::RequiresImprovement
            }
            Self::Inadequate | Self::SeriousWeaknesses => Severity::Inadequate,
        }
    }

    /// The wording Ofsted publishes, as it appears in its data files.
    pub fn ofsted_text(self) -> &'static str {
        match self {
            Self::Outstanding => "Outstanding",
            Self::Good => "Good",
            Self::RequiresImprovement => "Requires improvement to be good",
            Self::Inadequate => "Inadequate",
            Self::ConsistentlyStrong => "Consistently strong service delivery",
            Self::Inconsistent => "Inconsistent quality of service delivery",
            Self::SeriousWeaknesses => "Serious or widespread weaknesses",
            Self::Adequate => "Adequate",
            Self::Satisfactory => "Satisfactory",
        }
    }

    /// A label of at most thirteen characters for table columns.
    pub fn short(self) -> &'static str {
        match self {
            Self::RequiresImprovement => "RI",
            Self::ConsistentlyStrong => "Strong",
            Self::SeriousWeaknesses => "Serious weak.",
            other => other.label(),
        }
    }

    /// A symbol that carries the severity without colour.
    pub fn symbol(self) -> &'static str {
        match self.severity() {
            Severity::Outstanding => "★",
            Severity::Good => "●",
            Severity::RequiresImprovement => "▲",
            Severity::Inadequate => "✖",
        }
    }

    /// True for the words of the scale before 2014, which rank with
    /// Requires improvement.
    pub fn is_old_scale(self) -> bool {
        matches!(self, Self::Adequate | Self::Satisfactory)
    }

    /// True for the supported accommodation outcome scale.
    pub fn is_supported_accommodation_scale(self) -> bool {
        matches!(self, Self::ConsistentlyStrong | Self::Inconsistent | Self::SeriousWeaknesses)
    }

    /// Parses Ofsted's published wording, our codes and labels, and the common
    /// abbreviations ("RI"), ignoring case and spacing. Blank and "Not
    /// judged" are `Ok(None)`: no judgement is not an error.
    pub fn parse(text: &str) -> Result<Option<Judgement>, String> {
        let norm = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if norm.is_empty() || norm == "not judged" {
            return Ok(None);
        }
        let found = Self::ALL
            .iter()
            .copied()
            .find(|j| norm == j.ofsted_text().to_lowercase() || norm == j.label().to_lowercase() || norm == j.code());
        let found = found.or(match norm.as_str() {
            "ri" | "requires improvement to be good" => Some(Self::RequiresImprovement),
            "serious weaknesses" | "serious and widespread weaknesses" => Some(Self::SeriousWeaknesses),
            _ => None,
        });
        found.map(Some).ok_or_else(|| {
            format!(
                "{:?} is not an Ofsted judgement (expected Outstanding, Good, \
                 Requires improvement to be good, Inadequate, Adequate, Satisfactory, Not judged, \
                 or a supported accommodation outcome)",
                text.trim()
            )
        })
    }

    pub fn is_worse_than(self, other: Judgement) -> bool {
        self.severity() > other.severity()
    }
}

impl PartialOrd for Judgement {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Judgement {
    /// Best first, worst last. At equal severity the four-point scale sorts
    /// after the supported accommodation one, so the worst of a mixed
    /// provider reads "Good" rather than "Consistently strong"; and today's
    /// word after the old ones, so it reads "Requires improvement".
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |j: &Judgement| (j.severity(), !j.is_supported_accommodation_scale(), !j.is_old_scale(), *j as u8);
        key(self).cmp(&key(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ofsted_published_wording() {
        let cases = [
            ("Outstanding", Judgement::Outstanding),
            ("Good", Judgement::Good),
            ("Requires improvement to be good", Judgement::RequiresImprovement),
            ("Requires Improvement To Be Good", Judgement::RequiresImprovement),
            ("  requires  improvement to be good ", Judgement::RequiresImprovement),
            ("Requires improvement", Judgement::RequiresImprovement),
            ("RI", Judgement::RequiresImprovement),
            ("Inadequate", Judgement::Inadequate),
            ("INADEQUATE", Judgement::Inadequate),
            ("Consistently strong service delivery", Judgement::ConsistentlyStrong),
            ("Inconsistent quality of service delivery", Judgement::Inconsistent),
            ("Serious or widespread weaknesses", Judgement::SeriousWeaknesses),
            ("requires_improvement", Judgement::RequiresImprovement),
            ("Requires Improvement", Judgement::RequiresImprovement),
            ("Adequate", Judgement::Adequate),
            ("satisfactory", Judgement::Satisfactory),
        ];
        for (text, want) in cases {
            assert_eq!(Judgement::parse(text), Ok(Some(want)), "{text}");
        }
    }

    #[test]
    fn blank_is_not_inspected_and_unknown_words_are_errors() {
        assert_eq!(Judgement::parse(""), Ok(None));
        assert_eq!(Judgement::parse("   "), Ok(None));
        assert_eq!(Judgement::parse("Not judged"), Ok(None));
        assert_eq!(Judgement::parse("NOT JUDGED"), Ok(None));
        let err = Judgement::parse("Goodish").unwrap_err();
        assert!(err.contains("\"Goodish\" is not an Ofsted judgement"), "{err}");
    }

    #[test]
    fn every_judgement_round_trips_through_its_published_text_and_code() {
        for j in Judgement::ALL {
            assert_eq!(Judgement::parse(j.ofsted_text()), Ok(Some(*j)));
            assert_eq!(Judgement::from_code(j.code()), Some(*j));
            assert!(j.short().chars().count() <= 13);
        }
    }

    #[test]
    fn ordering_puts_inadequate_worst() {
        use Judgement::*;
        let mut all = vec![Inadequate, Good, Outstanding, RequiresImprovement];
        all.sort();
        assert_eq!(all, vec![Outstanding, Good, RequiresImprovement, Inadequate]);
        assert_eq!([Good, Inadequate, RequiresImprovement].into_iter().max(), Some(Inadequate));
        assert_eq!([Good, Outstanding].into_iter().max(), Some(Good));
        assert!(Inadequate.is_worse_than(RequiresImprovement));
        assert!(!Good.is_worse_than(ConsistentlyStrong));
        assert!(SeriousWeaknesses.is_worse_than(Inconsistent));
        assert!(Inconsistent > ConsistentlyStrong);
        assert_eq!([ConsistentlyStrong, Good].into_iter().max(), Some(Good));
        assert_eq!([Inadequate, SeriousWeaknesses].into_iter().max(), Some(Inadequate));
    }

    #[test]
    fn the_old_third_grade_keeps_its_word_and_ranks_with_requires_improvement() {
        use Judgement::*;
        for old in [Adequate, Satisfactory] {
            assert_eq!(old.severity(), Severity::RequiresImprovement);
            assert_eq!(old.label(), old.ofsted_text(), "shown as published");
            assert!(old.is_old_scale() && !RequiresImprovement.is_old_scale());
            assert!(!old.is_worse_than(RequiresImprovement) && !RequiresImprovement.is_worse_than(old));
            assert!(Inadequate.is_worse_than(old) && old.is_worse_than(Good));
            assert_eq!(old.symbol(), RequiresImprovement.symbol());
        }
        assert_eq!([Adequate, RequiresImprovement, Good].into_iter().max(), Some(RequiresImprovement));
        let mut all = Judgement::ALL.to_vec();
        all.sort();
        for pair in all.windows(2) {
            assert!(pair[0] < pair[1], "a total order: {pair:?}");
        }
    }

    #[test]
    fn supported_accommodation_scale_maps_onto_severity() {
        use Judgement::*;
        assert_eq!(ConsistentlyStrong.severity(), Severity::Good);
        assert_eq!(Inconsistent.severity(), Severity::RequiresImprovement);
        assert_eq!(SeriousWeaknesses.severity(), Severity::Inadequate);
        assert!(SeriousWeaknesses.is_supported_accommodation_scale());
        assert!(!Inadequate.is_supported_accommodation_scale());
        assert_eq!(SeriousWeaknesses.symbol(), Inadequate.symbol());
    }
}
