//! Decoding models that keep unknown fields, without `#[serde(flatten)]`.
//!
//! The derived code with `flatten` cost 3% of decoding an image that has no
//! unknown field, 7% of one that has three (instruction counts), and
//! models with unknown fields are exactly what `extra` is for.

use std::borrow::Cow;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Implements `Deserialize` for a model whose `extra` map keeps the fields
/// this SDK version does not know: `open_model!(Image { id, r#type: "type",
/// … })` lists every field but `extra`, in declaration order, each with its
/// wire name when that is not the field's name.
///
/// It decodes exactly what `#[derive(Deserialize)]` with `#[serde(flatten)]
/// extra` decodes (the same values, the same errors: wrong type, missing
/// and duplicate field), while `Serialize` and the schema stay derived. The
/// derived code buffers every member it does not know and routes all of
/// them through serde's internal `Content` before building the map; this
/// matches the known names directly and decodes any other member straight
/// into `extra`. The struct literal it builds names every field, so a field
/// left out of the list is a compile error.
macro_rules! open_model {
    ($name:ident { $($field:ident $(: $wire:literal)?),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        $(let mut $field = None;)+
                        let mut extra = $crate::models::Extra::new();
                        while let Some(key) = map.next_key::<$crate::models::open::Key<'de>>()? {
                            match key.0.as_ref() {
                                $(open_model!(@wire $field $($wire)?) => {
                                    if $field.is_some() {
                                        return Err(<A::Error as serde::de::Error>::duplicate_field(
                                            open_model!(@wire $field $($wire)?),
                                        ));
                                    }
                                    $field = Some(map.next_value()?);
                                })+
                                _ => {
                                    extra.insert(key.0.into_owned(), map.next_value()?);
                                }
                            }
                        }
                        Ok($name {
                            $($field: $crate::models::open::present(
                                $field,
                                open_model!(@wire $field $($wire)?),
                            )?,)+
                            extra,
                        })
                    }
                }
                // A map, not a struct: like the derived code with `flatten`,
                // it refuses an array of the fields' values.
                d.deserialize_map(V)
            }
        }
    };
    (@wire $field:ident $wire:literal) => { $wire };
    (@wire $field:ident) => { stringify!($field) };
}

/// A member's name as read: borrowed from the body unless it has escapes
/// (serde's own `Cow<str>` always copies).
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// A field's value, or what the derived code makes of a missing one: `None`
/// for an `Option`, else the error "missing field".
pub(crate) fn present<'de, T: Deserialize<'de>, E: de::Error>(
    value: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match value {
        Some(v) => Ok(v),
        None => T::deserialize(Missing(name, PhantomData)),
    }
}

/// Decodes as an absent field: `None` for an `Option`, an error for
/// anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple tuple_struct
        map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::Value;

    use crate::models::{Extra, Image, ImageType, OsType, Region, ResourceRef};

    /// `Image` as the derived code with `flatten` decoded it before.
    #[derive(Serialize, Deserialize)]
    struct DerivedImage {
        id: String,
        name: String,
        #[serde(rename = "type")]
        r#type: ImageType,
        os_type: OsType,
        regions: Vec<Region>,
        slug: Option<String>,
        family: Option<String>,
        versions: Option<Vec<String>>,
        created_at: String,
        updated_at: String,
        #[serde(flatten)]
        extra: Extra,
    }

    /// `ResourceRef` as derived before, nested in a list.
    #[derive(Serialize, Deserialize)]
    struct DerivedRef {
        id: String,
        name: String,
        #[serde(flatten)]
        extra: Extra,
    }

    #[derive(Serialize, Deserialize)]
    struct Refs<R> {
        refs: Vec<R>,
    }

    /// What decoding `text` as `T` gives, three ways: from text, from a
    /// `Value` (the bindings' path), and through `serde_path_to_error`
    /// (the operation table's).
    fn outcomes<T: for<'de> Deserialize<'de> + Serialize>(text: &str) -> [String; 3] {
        fn show<T: Serialize, E: std::fmt::Display>(r: Result<T, E>) -> String {
            match r {
                Ok(v) => serde_json::to_string(&v).unwrap(),
                Err(e) => format!("error: {e}"),
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        [
            show(serde_json::from_str::<T>(text)),
            match serde_json::from_str::<Value>(text) {
                Ok(v) => show(serde_json::from_value::<T>(v)),
                Err(_) => "not JSON".into(),
            },
            show(serde_path_to_error::deserialize::<_, T>(&mut de)),
        ]
    }

    const IMAGE: &str = r#""name": "n", "type": "cloud-image", "os_type": "linux", "regions": ["NORD-NO-KRS-1", "MARS-1"], "created_at": "t", "updated_at": "u""#;

    #[test]
    fn images_decode_as_the_derived_code_with_flatten_did() {
        let bodies = [
            format!(r#"{{"id": "i", {IMAGE}, "slug": null, "family": "f", "versions": ["1"]}}"#),
            // Unknown fields, nested, in the middle, escaped, numbers.
            format!(
                r#"{{"id": "i", "zz": {{"a": [1, 2.5, null]}}, {IMAGE}, "n\u00e9w": 1e3, "big": 18446744073709551615, "neg": -1, "f": 0.1}}"#
            ),
            // A known field named with an escape.
            format!(r#"{{"\u0069d": "i", {IMAGE}}}"#),
            // An unknown field twice: the last value, at the first place.
            format!(r#"{{"id": "i", "a": 1, {IMAGE}, "a": 2}}"#),
            // Errors: missing, twice, wrong type, not an object, truncated.
            format!(r#"{{{IMAGE}}}"#),
            format!(r#"{{"id": "i", "id": "j", {IMAGE}}}"#),
            format!(r#"{{"id": 5, {IMAGE}}}"#),
            format!(r#"{{"id": "i", {IMAGE}, "versions": [1]}}"#),
            format!(r#"{{"id": "i", {IMAGE}, "regions": null}}"#),
            format!(r#"{{"id": "i", {IMAGE}, "x": [1,}}"#),
            r#"["i", "n", "x", "y", [], null, null, null, "t", "u"]"#.into(),
            r#"{"id": "i", "name": "n""#.into(),
            "null".into(),
            "5".into(),
        ];
        for body in &bodies {
            let derived =
                outcomes::<DerivedImage>(body).map(|o| o.replace("DerivedImage", "Image"));
            assert_eq!(outcomes::<Image>(body), derived, "{body}");
        }
    }

    #[test]
    fn nested_models_decode_as_the_derived_code_with_flatten_did() {
        for body in [
            r#"{"refs": [{"id": "a", "name": "b", "c": {"d": true}}, {"name": "b", "id": "a"}]}"#,
            r#"{"refs": [{"id": "a", "name": "b"}, {"id": "a"}]}"#,
            r#"{"refs": [{"id": "a", "name": "b"}, {"id": "a", "name": null}]}"#,
            r#"{"refs": [{"id": "a", "name": "b", "name": "c"}]}"#,
            r#"{"refs": [["a", "b"]]}"#,
        ] {
            let derived =
                outcomes::<Refs<DerivedRef>>(body).map(|o| o.replace("DerivedRef", "ResourceRef"));
            assert_eq!(outcomes::<Refs<ResourceRef>>(body), derived, "{body}");
        }
    }
}
