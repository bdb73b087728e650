//! One top-level text field of a decoded model, read through its
//! `Serialize` without building its JSON tree.
//!
//! `gc_object_id` and its siblings used to turn the whole model into a
//! `serde_json::Value` first: 18k instructions for an instance, a seventh
//! of a get, and most of a pager's cost per item when the program reads
//! one field of each. Walking the model's entries and keeping the one named
//! costs a few hundred. The answer is the one the `Value` gave: the text of
//! the last entry of that name when it serialises as a string, else none.

use serde::ser::{Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::Error;

/// The text of `model`'s top-level field `name`, when it is a string.
pub(crate) fn text_field<T: Serialize + ?Sized>(model: &T, name: &str) -> Option<String> {
    model.serialize(Fields { name }).ok().flatten()
}

/// Serializes a model, keeping the text of field `name`.
struct Fields<'a> {
    name: &'a str,
}

/// The entries of a map or struct, watched for field `name`.
struct Pick<'a> {
    name: &'a str,
    /// Whether the key just given is `name`.
    matched: bool,
    found: Option<String>,
}

impl Pick<'_> {
    fn value<V: Serialize + ?Sized>(&mut self, value: &V) {
        // As in a JSON map, a later entry of the same name wins.
        self.found = value.serialize(Text).ok().flatten();
    }
}

/// Serializes one value, keeping it when it is a string.
struct Text;

/// Serializes a map key, telling whether it is the given name (without
/// copying it).
struct KeyIs<'a>(&'a str);

/// Answers `$nothing` for each listed scalar method.
macro_rules! nothing_for {
    ($nothing:expr; $($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Result<Self::Ok, Error> { Ok($nothing) })*
    };
}

/// The methods where neither a model's fields nor a string can be; they
/// answer `$nothing`.
macro_rules! nothing_else {
    ($nothing:expr) => {
        type SerializeSeq = Impossible<Self::Ok, Error>;
        type SerializeTuple = Impossible<Self::Ok, Error>;
        type SerializeTupleStruct = Impossible<Self::Ok, Error>;
        type SerializeTupleVariant = Impossible<Self::Ok, Error>;
        type SerializeStructVariant = Impossible<Self::Ok, Error>;

        nothing_for!($nothing;
            serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
            serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
            serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_bytes(&[u8]),
            serialize_unit_struct(&'static str),
        );

        fn serialize_none(self) -> Result<Self::Ok, Error> {
            Ok($nothing)
        }

        // An optional or newtype value is read as the value it wraps.
        fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<Self::Ok, Error> {
            value.serialize(self)
        }

        fn serialize_newtype_struct<V: Serialize + ?Sized>(
            self,
            _: &'static str,
            value: &V,
        ) -> Result<Self::Ok, Error> {
            value.serialize(self)
        }

        fn serialize_unit(self) -> Result<Self::Ok, Error> {
            Ok($nothing)
        }

        fn serialize_newtype_variant<V: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &V,
        ) -> Result<Self::Ok, Error> {
            Ok($nothing)
        }

        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
            Err(skipped())
        }

        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
            Err(skipped())
        }

        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Error> {
            Err(skipped())
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Error> {
            Err(skipped())
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Error> {
            Err(skipped())
        }
    };
}

/// For a value that is not a model: a map or struct inside it is skipped.
macro_rules! no_maps {
    () => {
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
            Err(skipped())
        }

        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Error> {
            Err(skipped())
        }
    };
}

/// Stops a walk into a value that cannot be, or hold, what is looked for.
/// Only [`Text`] returns it, and [`Pick`] reads it as "not a string".
fn skipped() -> Error {
    serde::ser::Error::custom("not text")
}

impl<'a> Serializer for Fields<'a> {
    type Ok = Option<String>;
    type Error = Error;
    type SerializeMap = Pick<'a>;
    type SerializeStruct = Pick<'a>;

    nothing_else!(None);
    nothing_for!(None; serialize_char(char), serialize_str(&str));

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<Self::Ok, Error> {
        Ok(None)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Pick<'a>, Error> {
        Ok(Pick {
            name: self.name,
            matched: false,
            found: None,
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Pick<'a>, Error> {
        self.serialize_map(Some(len))
    }
}

impl SerializeMap for Pick<'_> {
    type Ok = Option<String>;
    type Error = Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Error> {
        self.matched = key.serialize(KeyIs(self.name)).unwrap_or(false);
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Error> {
        if std::mem::take(&mut self.matched) {
            self.value(value);
        }
        Ok(())
    }

    fn end(self) -> Result<Option<String>, Error> {
        Ok(self.found)
    }
}

impl SerializeStruct for Pick<'_> {
    type Ok = Option<String>;
    type Error = Error;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), Error> {
        if key == self.name {
            self.value(value);
        }
        Ok(())
    }

    fn end(self) -> Result<Option<String>, Error> {
        Ok(self.found)
    }
}

impl Serializer for Text {
    type Ok = Option<String>;
    type Error = Error;
    type SerializeMap = Impossible<Option<String>, Error>;
    type SerializeStruct = Impossible<Option<String>, Error>;

    nothing_else!(None);

    fn serialize_char(self, v: char) -> Result<Self::Ok, Error> {
        Ok(Some(v.to_string()))
    }

    fn serialize_str(self, v: &str) -> Result<Self::Ok, Error> {
        Ok(Some(v.to_owned()))
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Error> {
        Ok(Some(variant.to_owned()))
    }

    no_maps!();
}

impl Serializer for KeyIs<'_> {
    type Ok = bool;
    type Error = Error;
    type SerializeMap = Impossible<bool, Error>;
    type SerializeStruct = Impossible<bool, Error>;

    nothing_else!(false);

    fn serialize_char(self, v: char) -> Result<bool, Error> {
        let mut buf = [0; 4];
        Ok(v.encode_utf8(&mut buf) == self.0)
    }

    fn serialize_str(self, v: &str) -> Result<bool, Error> {
        Ok(v == self.0)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<bool, Error> {
        Ok(variant == self.0)
    }

    no_maps!();
}

#[cfg(test)]
mod tests {
    use super::*;
    use genesiscloud::{block_on_here, Client, ListParams};
    use genesiscloud_emulator::Emulator;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    /// What `gc_object` answered before: the field of the model's `Value`.
    fn through_value<T: Serialize>(model: &T, name: &str) -> Option<String> {
        let value = serde_json::to_value(model).unwrap();
        value.get(name).and_then(Value::as_str).map(str::to_owned)
    }

    /// `model` with a status this library does not know and unknown fields.
    fn from_the_future<T: Serialize + DeserializeOwned>(model: &T) -> T {
        let mut value = serde_json::to_value(model).unwrap();
        let fields = value.as_object_mut().unwrap();
        fields.insert("status".into(), json!("some-status-from-the-future"));
        fields.insert("unknown_text".into(), json!("kept"));
        fields.insert("unknown_object".into(), json!({"id": "nested"}));
        serde_json::from_value(value).unwrap()
    }

    /// Every field name of `model`, and a few it does not have, read both ways.
    fn same_as_through_value<T: Serialize>(model: &T) {
        let value = serde_json::to_value(model).unwrap();
        let names = value.as_object().unwrap().keys().map(String::as_str);
        for name in names.chain(["absent", "nested", ""]) {
            assert_eq!(
                text_field(model, name),
                through_value(model, name),
                "{name}"
            );
        }
    }

    #[test]
    fn a_model_field_reads_as_its_value_did() {
        let emu = Emulator::start().unwrap();
        let client = Client::builder()
            .token(emu.token())
            .base_url(emu.base_url())
            .build()
            .unwrap();
        let listed = |c: &Client| {
            block_on_here(async {
                let instances = c.instances().list_page(ListParams::default()).await?;
                let images = c.images().list_page(ListParams::default()).await?;
                Ok::<_, genesiscloud::Error>((instances.items, images.items))
            })
            .ok()
            .unwrap()
            .unwrap()
        };
        let (instances, images) = listed(&client);
        assert!(!instances.is_empty() && !images.is_empty());
        for instance in &instances {
            same_as_through_value(instance);
            let future = from_the_future(instance);
            same_as_through_value(&future);
            let status = text_field(&future, "status");
            assert_eq!(status.as_deref(), Some("some-status-from-the-future"));
            assert_eq!(text_field(&future, "unknown_text").as_deref(), Some("kept"));
        }
        for image in &images {
            same_as_through_value(image);
        }
    }

    #[test]
    fn maps_and_other_values() {
        let map = json!({"id": 1, "name": "x", "id2": "y"});
        assert_eq!(text_field(&map, "name").as_deref(), Some("x"));
        assert_eq!(text_field(&map, "id"), None);
        assert_eq!(text_field(&json!(["id"]), "id"), None);
        assert_eq!(text_field(&json!("id"), "id"), None);
    }
}
