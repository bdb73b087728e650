//! The API token, held so that it cannot leak by accident.

use std::fmt;

use zeroize::Zeroizing;

/// The secret API token.
///
/// It prints as `***` through `Debug` and `Display`, is wiped from memory
/// when dropped, and is only ever read by the transport when it builds the
/// authentication header.
///
/// ```
/// let token = genesiscloud::Token::new("s3cr3t");
/// assert_eq!(format!("{token:?} {token}"), "Token(***) ***");
/// ```
#[derive(Clone)]
pub struct Token(Zeroizing<String>);

impl Token {
    /// Wraps a token value.
    pub fn new(value: impl Into<String>) -> Token {
        Token(Zeroizing::new(value.into()))
    }

    /// The secret value. Call it only to hand the token to something that
    /// must send it; never print it.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Whether the token is empty (or only white space).
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<String> for Token {
    fn from(value: String) -> Token {
        Token::new(value)
    }
}

impl From<&str> for Token {
    fn from(value: &str) -> Token {
        Token::new(value)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(***)")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_its_value() {
        let t = Token::new("canary-7f3a");
        assert!(!format!("{t} {t:?} {t:#?}").contains("canary"));
        assert_eq!(t.expose_secret(), "canary-7f3a");
    }

    #[test]
    fn blank_tokens_are_detected() {
        assert!(Token::new("  ").is_blank());
        assert!(!Token::new("x").is_blank());
    }
}

/// A secret value inside a request body, such as an instance password.
///
/// Serializes to its value (it must reach the API) but prints as `***` and
/// is wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> SecretString {
        SecretString(Zeroizing::new(value.into()))
    }

    /// The secret value.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> SecretString {
        SecretString::new(value)
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> SecretString {
        SecretString::new(value)
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

impl serde::Serialize for SecretString {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Described as the plain string it sends.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for SecretString {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SecretString".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string"})
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
        String::deserialize(d).map(SecretString::new)
    }
}
