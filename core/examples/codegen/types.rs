//! The description of the models and request bodies that the Node and
//! Python typings are rendered from, read from the `JsonSchema` the core
//! derives for its types (feature `schema`): names, doc comments, fields
//! with their wire names, types, optionality and nullability, and the
//! known values of the open enumerations.
//!
//! The serde attributes decide the shapes, through `schemars`' two
//! contracts. An answer is what the core writes (`operations` encodes the
//! decoded model), so the *serialize* contract says which fields may be
//! absent (`skip_serializing_if`) and which may be `null` (an `Option`
//! that is always written). A request body is what the core reads, so the
//! *deserialize* contract says which fields may be left out; its values
//! are those the core itself would write (an `Option` skipped when `None`
//! takes no `null`, one that is always written does).

use std::collections::HashSet;

use genesiscloud as gc;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value};

/// The answer models the typings declare, in the order they are rendered
/// (the types they refer to come first, found by following the fields).
fn answer_roots() -> Vec<Root> {
    vec![
        root::<gc::ResourceRef>(),
        root::<gc::Image>(),
        root::<gc::Instance>(),
        root::<gc::Snapshot>(),
        root::<gc::Volume>(),
        root::<gc::Filesystem>(),
        root::<gc::SecurityGroup>(),
        root::<gc::SshKey>(),
        root::<gc::FloatingIp>(),
        root::<gc::Quota>(),
        root::<gc::Reservation>(),
        root::<gc::InstancesAvailability>(),
    ]
}

/// Every open enumeration, in the order they are rendered (those no model
/// uses, such as the actions, included).
fn enum_roots() -> Vec<Root> {
    vec![
        root::<gc::Region>(),
        root::<gc::ImageType>(),
        root::<gc::OsType>(),
        root::<gc::InstanceStatus>(),
        root::<gc::InstanceAction>(),
        root::<gc::InstanceBillingType>(),
        root::<gc::VolumeStatus>(),
        root::<gc::VolumeType>(),
        root::<gc::SnapshotStatus>(),
        root::<gc::ResourceStatus>(),
        root::<gc::FilesystemType>(),
        root::<gc::FloatingIpVersion>(),
        root::<gc::SecurityGroupRuleDirection>(),
        root::<gc::SecurityGroupRuleProtocol>(),
    ]
}

/// The request bodies, in the order they are rendered.
fn request_roots() -> Vec<Root> {
    vec![
        root::<gc::CreateInstance>(),
        root::<gc::UpdateInstance>(),
        root::<gc::CreateInstanceSnapshot>(),
        root::<gc::CreateSnapshot>(),
        root::<gc::UpdateSnapshot>(),
        root::<gc::CloneSnapshot>(),
        root::<gc::CreateVolume>(),
        root::<gc::UpdateVolume>(),
        root::<gc::CreateFilesystem>(),
        root::<gc::UpdateFilesystem>(),
        root::<gc::CreateSecurityGroup>(),
        root::<gc::UpdateSecurityGroup>(),
        root::<gc::CreateSshKey>(),
        root::<gc::UpdateSshKey>(),
        root::<gc::CreateFloatingIp>(),
        root::<gc::UpdateFloatingIp>(),
    ]
}

/// A type to describe: its schema name and how to add it to a generator.
struct Root {
    name: String,
    add: fn(&mut SchemaGenerator),
}

fn root<T: JsonSchema>() -> Root {
    Root {
        name: T::schema_name().into_owned(),
        add: |g| {
            g.subschema_for::<T>();
        },
    }
}

/// The type of a field (or of a list's items, or of an untagged variant).
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    Str,
    /// An RFC 3339 string. The core's `Timestamp` is an alias of `String`,
    /// which no schema can see: a string field named `*_at` is one.
    Timestamp,
    Int,
    Float,
    Bool,
    /// A free-form JSON object (`Extra`).
    Object,
    List(Box<Ty>),
    /// Another described type, by name.
    Named(String),
}

/// One field of an object, under its wire name.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub doc: String,
    pub ty: Ty,
    /// May be absent.
    pub optional: bool,
    /// May be `null`.
    pub nullable: bool,
}

#[derive(Debug, Clone)]
pub enum Shape {
    /// An object with these fields; it may carry unknown ones too (every
    /// model flattens an `extra` map, which is no field).
    Object(Vec<Field>),
    /// An open enumeration: any string, these known values with their docs.
    Enum(Vec<(String, String)>),
    /// An untagged union of these types.
    Union(Vec<Ty>),
}

#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    pub doc: String,
    pub shape: Shape,
}

impl Def {
    pub fn fields(&self) -> &[Field] {
        match &self.shape {
            Shape::Object(fields) => fields,
            _ => &[],
        }
    }

    pub fn is_enum(&self) -> bool {
        matches!(self.shape, Shape::Enum(_))
    }
}

/// Every described type, those a definition refers to before it.
pub struct Types {
    /// The enumerations, then the answer models and the objects in them.
    pub answers: Vec<Def>,
    /// The request bodies and the objects in them (enumerations excluded:
    /// they are the answers').
    pub requests: Vec<Def>,
    /// The names of the request bodies themselves.
    pub bodies: Vec<String>,
}

impl Types {
    pub fn read() -> Types {
        let mut answers = Catalog::new(enum_roots(), Contract::Answer).walk();
        let mut models = Catalog::new(answer_roots(), Contract::Answer);
        models.seen = answers.iter().map(|d| d.name.clone()).collect();
        answers.extend(models.walk());
        let mut requests = Catalog::new(request_roots(), Contract::Request);
        let bodies = requests.roots.clone();
        requests.seen = answers
            .iter()
            .filter(|d| d.is_enum())
            .map(|d| d.name.clone())
            .collect();
        Types {
            answers,
            requests: requests.walk(),
            bodies,
        }
    }

    /// The answer model (or enumeration) of that name.
    pub fn answer(&self, name: &str) -> Option<&Def> {
        self.answers.iter().find(|d| d.name == name)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Contract {
    Answer,
    Request,
}

/// The schemas of a set of roots under both contracts, and the walk that
/// turns them into definitions.
struct Catalog {
    roots: Vec<String>,
    contract: Contract,
    written: Map<String, Value>,
    read: Map<String, Value>,
    seen: HashSet<String>,
    out: Vec<Def>,
}

impl Catalog {
    fn new(roots: Vec<Root>, contract: Contract) -> Catalog {
        let definitions = |settings: SchemaSettings| {
            let mut g = settings.into_generator();
            for r in &roots {
                (r.add)(&mut g);
            }
            g.definitions().clone()
        };
        Catalog {
            roots: roots.iter().map(|r| r.name.clone()).collect(),
            contract,
            written: definitions(SchemaSettings::draft2020_12().for_serialize()),
            read: definitions(SchemaSettings::draft2020_12().for_deserialize()),
            seen: HashSet::new(),
            out: Vec::new(),
        }
    }

    fn walk(&mut self) -> Vec<Def> {
        for name in self.roots.clone() {
            self.visit(&name);
        }
        std::mem::take(&mut self.out)
    }

    fn visit(&mut self, name: &str) {
        if !self.seen.insert(name.to_owned()) {
            return;
        }
        let written = &self.written[name];
        let read = &self.read[name];
        let mut inline = Vec::new();
        let def = self.def(name, written, read, &mut inline);
        for d in inline {
            if self.seen.insert(d.name.clone()) {
                for dep in refs(&d) {
                    self.visit(&dep);
                }
                self.out.push(d);
            }
        }
        for dep in refs(&def) {
            self.visit(&dep);
        }
        self.out.push(def);
    }

    /// The definition of `name` from its two schemas; inline objects that
    /// carry a title (untagged variants) become definitions of their own.
    fn def(&self, name: &str, written: &Value, read: &Value, inline: &mut Vec<Def>) -> Def {
        let doc = text(written, "description");
        if let Some(variants) = written.get("anyOf").and_then(Value::as_array) {
            if let Some(known) = open_enum(variants) {
                return Def {
                    name: name.to_owned(),
                    doc,
                    shape: Shape::Enum(known),
                };
            }
            let read_variants = read["anyOf"]
                .as_array()
                .expect("same shape in both contracts");
            let mut members = Vec::new();
            for (w, r) in variants.iter().zip(read_variants) {
                match w.get("title").and_then(Value::as_str) {
                    Some(title) => {
                        let d = self.def(title, w, r, inline);
                        inline.push(d);
                        members.push(Ty::Named(title.to_owned()));
                    }
                    None => members.push(ty(name, w).0),
                }
            }
            return Def {
                name: name.to_owned(),
                doc,
                shape: Shape::Union(members),
            };
        }
        assert_eq!(
            written["type"], "object",
            "{name}: not an object, enum or union"
        );
        let required = |schema: &Value| -> HashSet<String> {
            schema
                .get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let (written_required, read_required) = (required(written), required(read));
        let properties = written["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let fields = properties
            .iter()
            .map(|(field, schema)| {
                let (mut ty, null) = ty(&format!("{name}.{field}"), schema);
                if ty == Ty::Str && field.ends_with("_at") {
                    ty = Ty::Timestamp;
                }
                let always_written = written_required.contains(field);
                Field {
                    name: field.clone(),
                    doc: text(schema, "description"),
                    ty,
                    optional: match self.contract {
                        Contract::Answer => !always_written,
                        Contract::Request => !read_required.contains(field),
                    },
                    nullable: null && always_written,
                }
            })
            .collect();
        Def {
            name: name.to_owned(),
            doc,
            shape: Shape::Object(fields),
        }
    }
}

/// The known values of an open enumeration (`anyOf` of `const`s, then any
/// string), or `None` for another union.
fn open_enum(variants: &[Value]) -> Option<Vec<(String, String)>> {
    let (rest, known) = variants.split_last()?;
    if rest.get("type") != Some(&Value::from("string")) || rest.get("const").is_some() {
        return None;
    }
    known
        .iter()
        .map(|v| Some((v.get("const")?.as_str()?.to_owned(), text(v, "description"))))
        .collect()
}

fn text(schema: &Value, key: &str) -> String {
    schema
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// A property's type, and whether it takes `null`.
fn ty(at: &str, schema: &Value) -> (Ty, bool) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().expect("a $ref names its definition");
        return (Ty::Named(name.to_owned()), false);
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let null = Value::from("null");
        let (nulls, others): (Vec<&Value>, Vec<&Value>) =
            any.iter().partition(|s| s.get("type") == Some(&null));
        assert!(
            nulls.len() == 1 && others.len() == 1,
            "{at}: a union other than `T or null`"
        );
        return (ty(at, others[0]).0, true);
    }
    let (name, null) = match &schema["type"] {
        Value::String(t) => (t.as_str(), false),
        Value::Array(ts) => {
            let ts: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            let other: Vec<&str> = ts.iter().copied().filter(|t| *t != "null").collect();
            assert_eq!(other.len(), 1, "{at}: several types");
            (other[0], ts.contains(&"null"))
        }
        other => panic!("{at}: no type in {other}"),
    };
    let ty = match name {
        "string" => Ty::Str,
        "integer" => Ty::Int,
        "number" => Ty::Float,
        "boolean" => Ty::Bool,
        "object" => Ty::Object,
        "array" => Ty::List(Box::new(ty(at, &schema["items"]).0)),
        other => panic!("{at}: type {other} has no rendering"),
    };
    (ty, null)
}

/// The named types a definition refers to.
fn refs(def: &Def) -> Vec<String> {
    fn named(ty: &Ty, out: &mut Vec<String>) {
        match ty {
            Ty::Named(n) => out.push(n.clone()),
            Ty::List(item) => named(item, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match &def.shape {
        Shape::Object(fields) => fields.iter().for_each(|f| named(&f.ty, &mut out)),
        Shape::Union(members) => members.iter().for_each(|t| named(t, &mut out)),
        Shape::Enum(_) => {}
    }
    out
}

/// A doc comment's paragraphs, each on one line (the Rust source wraps
/// them at its own width).
pub fn paragraphs(doc: &str) -> Vec<String> {
    doc.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}
