//! The "concerning" choice: a whole provider, or one of its settings.

use super::{Choice, Values};
use crate::store::settings::SettingSummary;
use crate::store::{Store, StoreError};

/// What a concern, plan or stop is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub provider_id: i64,
    pub setting_id: Option<i64>,
}

impl Target {
    pub fn code(self) -> String {
        match self.setting_id {
            Some(s) => format!("s:{s}:{}", self.provider_id),
            None => format!("p:{}", self.provider_id),
        }
    }

    fn parse(code: &str) -> Option<Target> {
        let parts: Vec<&str> = code.split(':').collect();
        match parts.as_slice() {
            ["p", p] => Some(Target { provider_id: p.parse().ok()?, setting_id: None }),
            ["s", s, p] => Some(Target { provider_id: p.parse().ok()?, setting_id: Some(s.parse().ok()?) }),
            _ => None,
        }
    }
}

/// Every open provider (whole) and its settings, providers first by name.
pub fn choices(store: &Store) -> Result<Vec<Choice>, StoreError> {
    let mut out = Vec::new();
    let settings = store.setting_summaries(store.today(), crate::store::settings::Which::All)?;
    for p in store.provider_summaries(store.today())?.into_iter().filter(|p| p.provider.value.archived_on.is_none()) {
        let id = p.provider.id;
        out.push(Choice::new(
            Target { provider_id: id, setting_id: None }.code(),
            format!("{} (whole provider)", p.provider.value.name),
        ));
        out.extend(
            settings
                .iter()
                .filter(|s| s.setting.value.provider_id == id && s.setting.value.archived_on.is_none())
                .map(setting_choice),
        );
    }
    Ok(out)
}

/// The choices for one provider: the whole of it, or one setting.
pub fn provider_choices(name: &str, provider_id: i64, settings: &[SettingSummary]) -> Vec<Choice> {
    std::iter::once(Choice::new(Target { provider_id, setting_id: None }.code(), format!("{name} (whole provider)")))
        .chain(settings.iter().filter(|s| s.setting.value.archived_on.is_none()).map(setting_choice))
        .collect()
}

fn setting_choice(s: &SettingSummary) -> Choice {
    let target = Target { provider_id: s.setting.value.provider_id, setting_id: Some(s.setting.id) };
    Choice::new(target.code(), format!("{} — {}", s.setting.value.name, s.provider_name))
}

impl Values<'_> {
    /// The target chosen in `key`.
    pub fn target(&self, key: &'static str) -> Result<Target, crate::domain::Invalid> {
        Target::parse(&self.text_of_choice(key))
            .ok_or_else(|| crate::domain::Invalid::new(key, "choose a provider or setting"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for t in [Target { provider_id: 3, setting_id: None }, Target { provider_id: 3, setting_id: Some(17) }] {
            assert_eq!(Target::parse(&t.code()), Some(t));
        }
        assert_eq!(Target::parse("x:1"), None);
        assert_eq!(Target::parse("s:a:1"), None);
    }
}
