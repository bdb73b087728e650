//! `node/types/models.d.ts` and `node/types/requests.d.ts`: the wire
//! JSON's shapes (snake_case names, timestamps as strings), enumerations
//! as `Open<…>` unions that also take unknown values.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::types::{paragraphs, Def, Shape, Ty, Types};
use super::GENERATED_MODELS;

/// The names the API's documentation gives the status of a filesystem, a
/// floating IP and a security group, which the core shares as
/// `ResourceStatus`: exported as aliases of it, so the Node typings keep
/// them (`client.d.ts` uses them).
const ALIASES: &[(&str, &str, &str)] = &[
    (
        "FilesystemStatus",
        "ResourceStatus",
        "The status of a filesystem.",
    ),
    (
        "FloatingIpStatus",
        "ResourceStatus",
        "The status of a floating IP.",
    ),
    (
        "SecurityGroupStatus",
        "ResourceStatus",
        "The status of a security group.",
    ),
];

/// A JSDoc comment at `indent`: one line for one paragraph, else a block.
fn jsdoc(out: &mut String, indent: &str, doc: &str, list: &[String]) {
    let paras = paragraphs(doc);
    if list.is_empty() && paras.len() <= 1 {
        if let Some(p) = paras.first() {
            let _ = writeln!(out, "{indent}/** {p} */");
        }
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(out, "{indent} *");
        }
        let _ = writeln!(out, "{indent} * {p}");
    }
    if !list.is_empty() {
        let _ = writeln!(out, "{indent} *");
        for line in list {
            let _ = writeln!(out, "{indent} * {line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
}

fn ts(ty: &Ty, name: &dyn Fn(&str) -> String) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::Timestamp => "Timestamp".into(),
        Ty::Int | Ty::Float => "number".into(),
        Ty::Bool => "boolean".into(),
        Ty::Object => "Record<string, unknown>".into(),
        Ty::List(item) => format!("{}[]", ts(item, name)),
        Ty::Named(n) => name(n),
    }
}

fn def(out: &mut String, d: &Def, name: &dyn Fn(&str) -> String) {
    out.push('\n');
    match &d.shape {
        Shape::Enum(known) => {
            let list: Vec<String> = known
                .iter()
                .map(|(value, doc)| format!("- `{value}`: {}", paragraphs(doc).join(" ")))
                .collect();
            jsdoc(out, "", &d.doc, &list);
            let values: Vec<String> = known.iter().map(|(v, _)| format!("'{v}'")).collect();
            let line = format!("export type {} = Open<{}>", d.name, values.join(" | "));
            if line.len() <= 100 {
                let _ = writeln!(out, "{line}");
            } else {
                let _ = writeln!(out, "export type {} = Open<", d.name);
                for v in &values {
                    let _ = writeln!(out, "  | {v}");
                }
                out.push_str(">\n");
            }
            for (alias, of, doc) in ALIASES.iter().filter(|a| a.1 == d.name) {
                let _ = write!(out, "\n/** {doc} */\nexport type {alias} = {of}\n");
            }
        }
        Shape::Object(fields) => {
            jsdoc(out, "", &d.doc, &[]);
            let _ = writeln!(out, "export interface {} {{", name(&d.name));
            for f in fields {
                jsdoc(out, "  ", &f.doc, &[]);
                let _ = writeln!(
                    out,
                    "  {}{}: {}{}",
                    f.name,
                    if f.optional { "?" } else { "" },
                    ts(&f.ty, name),
                    if f.nullable { " | null" } else { "" }
                );
            }
            out.push_str("}\n");
        }
        Shape::Union(members) => {
            jsdoc(out, "", &d.doc, &[]);
            let members: Vec<String> = members.iter().map(|t| ts(t, name)).collect();
            let _ = writeln!(
                out,
                "export type {} = {}",
                name(&d.name),
                members.join(" | ")
            );
        }
    }
}

pub fn models(types: &Types) -> String {
    let mut out = format!(
        "// {GENERATED_MODELS}\n//\n\
         // The API's objects, exactly as the wire JSON: snake_case field names,\n\
         // timestamps as RFC 3339 strings. Objects also carry any field this SDK\n\
         // version does not know, and enumerations accept values it does not know\n\
         // (Genesis Cloud adds both inside v1 without notice).\n\n\
         /** An enumeration that also accepts values this SDK version does not know. */\n\
         type Open<T extends string> = T | (string & {{}})\n"
    );
    let same = |n: &str| n.to_owned();
    for d in types.answers.iter().filter(|d| d.is_enum()) {
        def(&mut out, d, &same);
    }
    out.push_str(
        "\n/** An RFC 3339 timestamp, exactly as the server wrote it. */\nexport type Timestamp = string\n",
    );
    for d in types.answers.iter().filter(|d| !d.is_enum()) {
        def(&mut out, d, &same);
    }
    out
}

pub fn requests(types: &Types) -> String {
    // A body's object that is also an answer model (a security-group rule)
    // is declared again as `<Name>Param`: what may be left out differs.
    let name = |n: &str| match types.answer(n) {
        Some(d) if !d.is_enum() => format!("{n}Param"),
        _ => n.to_owned(),
    };
    let mut imports = BTreeSet::new();
    for d in &types.requests {
        for f in d.fields() {
            let mut ty = &f.ty;
            while let Ty::List(item) = ty {
                ty = item;
            }
            if let Ty::Named(n) = ty {
                if types.answer(n).is_some_and(Def::is_enum) {
                    imports.insert(n.clone());
                }
            }
        }
    }
    let mut out = format!(
        "// {GENERATED_MODELS}\n//\n\
         // The request bodies of create, update and the other writes, with the\n\
         // API's field names. Optional fields may be left out.\n\n\
         import type {{\n"
    );
    for n in &imports {
        let _ = writeln!(out, "  {n},");
    }
    out.push_str("} from './models'\n");
    for d in &types.requests {
        def(&mut out, d, &name);
    }
    out
}
