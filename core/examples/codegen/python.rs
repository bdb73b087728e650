//! `python/genesiscloud/_models.py` (the model classes: one annotation
//! per field, which `genesiscloud._model_base.Model` turns into the
//! attribute) and `python/genesiscloud/_params.py` (the `TypedDict`s of
//! the objects nested in request bodies; the bodies themselves are keyword
//! arguments, written by hand).

use std::fmt::Write as _;

use super::types::{paragraphs, Def, Field, Shape, Ty, Types};
use super::GENERATED_MODELS;

/// The package's `ruff` line length.
const WIDTH: usize = 110;

/// A docstring at `indent`: Markdown code spans become reST literals,
/// paragraphs are wrapped to the line length.
fn docstring(out: &mut String, indent: &str, doc: &str) {
    let paras: Vec<String> = paragraphs(&doc.replace('`', "``"));
    if paras.is_empty() {
        return;
    }
    let one = format!("{indent}\"\"\"{}\"\"\"", paras[0]);
    if paras.len() == 1 && one.chars().count() <= WIDTH {
        let _ = writeln!(out, "{one}");
        return;
    }
    let mut lines: Vec<String> = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        let mut line = String::new();
        for word in p.split(' ') {
            // Room for the indent and the quotes on the first and last line.
            if !line.is_empty()
                && indent.len() + 3 + line.chars().count() + 1 + word.chars().count() + 3 > WIDTH
            {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    let last = lines.len() - 1;
    for (i, line) in lines.iter().enumerate() {
        let open = if i == 0 { "\"\"\"" } else { "" };
        let close = if i == last { "\"\"\"" } else { "" };
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{open}{line}{close}");
        }
    }
}

/// The annotation of a field: enumerations are plain strings (an unknown
/// value stays as it came), a field that may be absent or `null` reads as
/// `None`.
fn annotation(types: &Types, f: &Field, object: &dyn Fn(&str) -> String) -> String {
    annotate(types, f, f.optional || f.nullable, object)
}

/// The annotation of a `TypedDict`'s field: that it may be left out is
/// the dict's `total=False`, so only `null` makes it `Optional`.
fn param_annotation(types: &Types, f: &Field, object: &dyn Fn(&str) -> String) -> String {
    annotate(types, f, f.nullable, object)
}

fn annotate(types: &Types, f: &Field, none: bool, object: &dyn Fn(&str) -> String) -> String {
    fn py(types: &Types, ty: &Ty, object: &dyn Fn(&str) -> String) -> String {
        match ty {
            Ty::Str | Ty::Timestamp => "str".into(),
            Ty::Int => "int".into(),
            Ty::Float => "float".into(),
            Ty::Bool => "bool".into(),
            Ty::Object => "dict[str, Any]".into(),
            Ty::List(item) => format!("list[{}]", py(types, item, object)),
            Ty::Named(n) if types.answer(n).is_some_and(Def::is_enum) => "str".into(),
            Ty::Named(n) => object(n),
        }
    }
    let ty = py(types, &f.ty, object);
    if none {
        format!("Optional[{ty}]")
    } else {
        ty
    }
}

fn uses(defs: &[&Def], annotation: &dyn Fn(&Field) -> String, what: &str) -> bool {
    defs.iter()
        .flat_map(|d| d.fields())
        .any(|f| annotation(f).contains(what))
}

fn fields(out: &mut String, fields: &[&Field], annotation: &dyn Fn(&Field) -> String) {
    for f in fields {
        let _ = writeln!(out, "    {}: {}", f.name, annotation(f));
        docstring(out, "    ", &f.doc);
    }
}

fn all(out: &mut String, names: &mut [String]) {
    names.sort();
    out.push_str("__all__ = [\n");
    for n in names.iter() {
        let _ = writeln!(out, "    \"{n}\",");
    }
    out.push_str("]\n");
}

pub fn models(types: &Types) -> String {
    let defs: Vec<&Def> = types
        .answers
        .iter()
        .filter(|d| matches!(d.shape, Shape::Object(_)))
        .collect();
    let same = |n: &str| n.to_owned();
    let ann = |f: &Field| annotation(types, f, &same);
    let mut typing = Vec::new();
    if uses(&defs, &ann, "Any") {
        typing.push("Any");
    }
    if uses(&defs, &ann, "Optional") {
        typing.push("Optional");
    }
    let mut out = format!(
        "# {GENERATED_MODELS}\n\
         \"\"\"The API's data objects.\n\n\
         Each model wraps the object's wire JSON and reads its fields lazily: the\n\
         attribute names are the API's field names, enumerations are plain strings\n\
         (an unknown value is kept as it came), and ``to_dict()`` gives back exactly\n\
         what the API sent, fields unknown to this version included. Models compare\n\
         equal when their class and data are equal, and pickle. The behaviour is\n\
         ``genesiscloud._model_base.Model``'s; this module only declares the fields.\n\
         \"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import {}\n\n\
         from genesiscloud._model_base import Model\n\n",
        typing.join(", ")
    );
    let mut names: Vec<String> = defs.iter().map(|d| d.name.clone()).collect();
    names.push("Model".into());
    all(&mut out, &mut names);
    for d in &defs {
        let _ = write!(out, "\n\nclass {}(Model):\n", d.name);
        docstring(&mut out, "    ", &d.doc);
        out.push_str("\n    __slots__ = ()\n");
        fields(&mut out, &d.fields().iter().collect::<Vec<_>>(), &ann);
    }
    out
}

pub fn params(types: &Types) -> String {
    let defs: Vec<&Def> = types
        .requests
        .iter()
        .filter(|d| matches!(d.shape, Shape::Object(_)) && !types.bodies.contains(&d.name))
        .collect();
    let param = |n: &str| format!("{n}Param");
    let ann = |f: &Field| param_annotation(types, f, &param);
    let mut typing = Vec::new();
    if uses(&defs, &ann, "Any") {
        typing.push("Any");
    }
    if uses(&defs, &ann, "Optional") {
        typing.push("Optional");
    }
    typing.push("TypedDict");
    let mut out = format!(
        "# {GENERATED_MODELS}\n\
         \"\"\"Typed shapes of the objects nested in request bodies, for type checkers.\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from typing import {}\n\n",
        typing.join(", ")
    );
    let mut names: Vec<String> = defs.iter().map(|d| param(&d.name)).collect();
    all(&mut out, &mut names);
    for d in &defs {
        let name = param(&d.name);
        let (required, optional): (Vec<&Field>, Vec<&Field>) =
            d.fields().iter().partition(|f| !f.optional);
        let head = match (required.is_empty(), optional.is_empty()) {
            (false, false) => {
                let _ = write!(out, "\n\nclass _{name}Required(TypedDict):\n");
                fields(&mut out, &required, &ann);
                // TypedDict repeated as a base: documentation tools can
                // then tell which class declares each field (pdoc reads the
                // bases, which TypedDict drops from __mro__ before 3.12).
                format!("{name}(_{name}Required, TypedDict, total=False)")
            }
            (false, true) => format!("{name}(TypedDict)"),
            (true, _) => format!("{name}(TypedDict, total=False)"),
        };
        let _ = write!(out, "\n\nclass {head}:\n");
        docstring(&mut out, "    ", &d.doc);
        if optional.is_empty() {
            out.push('\n');
            fields(&mut out, &required, &ann);
        } else {
            out.push('\n');
            fields(&mut out, &optional, &ann);
        }
    }
    out
}
