//! The words the demo draws names from (`data/demo.toml`), and a provider's line of business.

use super::*;

#[derive(Deserialize)]
pub(super) struct Words {
    pub(super) officers: Vec<String>,
    pub(super) visitors: Vec<String>,
    pub(super) provider_stems: Vec<String>,
    pub(super) provider_suffixes: Suffixes,
    pub(super) setting_words: SettingWords,
    pub(super) areas: Vec<Area>,
}

#[derive(Deserialize)]
pub(super) struct Suffixes {
    pub(super) residential: Vec<String>,
    pub(super) fostering: Vec<String>,
    pub(super) supported: Vec<String>,
    pub(super) schools: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct SettingWords {
    pub(super) home_first: Vec<String>,
    pub(super) home_second: Vec<String>,
    pub(super) streets: Vec<String>,
    pub(super) school_second: Vec<String>,
    pub(super) managers_first: Vec<String>,
    pub(super) managers_last: Vec<String>,
}

#[derive(Deserialize)]
pub(super) struct Area {
    pub(super) authority: String,
    pub(super) region: String,
    pub(super) towns: Vec<String>,
    pub(super) miles: u32,
    pub(super) share: u32,
}

pub(super) const WORDS: &str = include_str!("../../data/demo.toml");

/// What a provider mostly runs, which decides its settings' kinds.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Line {
    Residential,
    Fostering,
    Supported,
    Schools,
}

impl<'w> Generator<'w> {
    pub(super) fn manager(&mut self) -> String {
        let w = self.words;
        format!("{} {}", self.pick(&w.setting_words.managers_first), self.pick(&w.setting_words.managers_last))
    }

    pub(super) fn suffixes(&self, line: Line) -> &'w [String] {
        let s = &self.words.provider_suffixes;
        match line {
            Line::Residential => &s.residential,
            Line::Fostering => &s.fostering,
            Line::Supported => &s.supported,
            Line::Schools => &s.schools,
        }
    }
}
