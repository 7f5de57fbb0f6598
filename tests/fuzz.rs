//! Property tests: the parsers that read files from elsewhere never panic,
//! whatever bytes they are given, and say why they refuse.

use oversight::domain::date;
use oversight::domain::money::Pence;
use oversight::domain::placement::ChildRef;
use oversight::domain::policy::Policy;
use oversight::domain::rating::Judgement;
use oversight::domain::setting::Urn;
use oversight::import::{self, ofsted};
use oversight::report::notice::StopNotice;
use proptest::prelude::*;

/// Text shaped like CSV: cells of awkward characters, commas, quotes and line breaks.
fn csvish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::string::string_regex("[A-Za-z0-9 ,\"\n\r'’–/=+@-]{0,12}").unwrap(), 0..40)
        .prop_map(|cells| cells.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_ofsted_reader_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(text) = import::decode(&bytes) {
            let _ = ofsted::parse(&text);
        }
    }

    #[test]
    fn the_ofsted_reader_never_panics_on_csvish_text(text in csvish()) {
        let header = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ofsted/provider_at_march_2017.csv"))
            .unwrap()
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n");
        let with_header = format!("{header}\n{text}");
        match ofsted::parse(&with_header) {
            Ok(_) => {}
            Err(problems) => prop_assert!(problems.iter().all(|p| !p.reason.is_empty())),
        }
    }

    #[test]
    fn the_stop_notice_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Err(reason) = StopNotice::from_json(&bytes) {
            prop_assert!(!reason.is_empty());
        }
    }

    #[test]
    fn the_stop_notice_reader_never_panics_on_jsonish_text(text in "[\\[\\]{}\",:0-9a-z_ ]{0,400}") {
        let _ = StopNotice::from_json(text.as_bytes());
    }

    #[test]
    fn the_policy_reader_never_panics(text in "[\\[\\]a-z_=\"0-9.\n -]{0,300}") {
        if let Err(reason) = Policy::parse(&text) {
            prop_assert!(!reason.is_empty());
        }
    }

    #[test]
    fn field_parsers_never_panic(text in any::<String>()) {
        let _ = date::parse(&text);
        let _ = date::Month::parse(&text);
        let _ = Pence::parse(&text);
        let _ = Urn::parse(&text);
        let _ = ChildRef::parse(&text);
        let _ = Judgement::parse(&text);
    }
}
