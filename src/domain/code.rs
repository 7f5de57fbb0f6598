//! Enumerations stored as short text codes (with a CHECK constraint in the
//! schema) and shown to people by a label. One trait, one macro, so every
//! enum parses, prints and serialises the same way.

/// An enumeration with a stable storage code and a human label.
pub trait Code: Sized + Copy + PartialEq + 'static {
    /// Every value, in display order.
    const ALL: &'static [Self];
    /// The code stored in the database and in exported files.
    fn code(self) -> &'static str;
    /// The label shown to people.
    fn label(self) -> &'static str;

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Accepts a code or a label, ignoring case and surrounding space.
    fn parse_loose(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL.iter().copied().find(|v| v.code().eq_ignore_ascii_case(text) || v.label().eq_ignore_ascii_case(text))
    }
}

/// Declares a `Code` enum: `code_enum!(pub enum Kind { A => ("a", "Label A"), ... })`.
/// It also implements `Display` (the label) and serde as the code.
macro_rules! code_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }

        impl $crate::domain::code::Code for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str {
                self.code()
            }
            fn label(self) -> &'static str {
                self.label()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::domain::code::Code::label(*self))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::domain::code::Code::code(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                <Self as $crate::domain::code::Code>::from_code(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} {:?}", stringify!($name), text
                    ))
                })
            }
        }
    };
}
pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    use super::*;

    code_enum!(pub enum Colour { Red => ("red", "Bright red"), Blue => ("blue", "Blue") });

    #[test]
    fn codes_labels_and_loose_parsing() {
        assert_eq!(Colour::Red.code(), "red");
        assert_eq!(Colour::Red.to_string(), "Bright red");
        assert_eq!(Colour::from_code("blue"), Some(Colour::Blue));
        assert_eq!(Colour::from_code("Blue"), None);
        assert_eq!(Colour::parse_loose("  bright RED "), Some(Colour::Red));
        assert_eq!(Colour::parse_loose("green"), None);
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(serde_json::to_string(&Colour::Red).unwrap(), "\"red\"");
        let back: Colour = serde_json::from_str("\"blue\"").unwrap();
        assert_eq!(back, Colour::Blue);
        let err = serde_json::from_str::<Colour>("\"mauve\"").unwrap_err();
        assert!(err.to_string().contains("unknown Colour"), "{err}");
    }
}
