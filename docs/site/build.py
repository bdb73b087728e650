"""Renders the documentation site's own pages into SITE (make docs).

    build.py SITE

Expects the four API references already built under SITE/reference/
(rust, python, node, c; the Makefile builds them first) and writes:

- SITE/index.html and SITE/guide/*.html from docs/guide/*.md. A line
  `{{sample NAME}}` becomes one tab per language showing
  docs/guide/samples/NAME.{rs,py,mjs,c}: the very files `make test-docs`
  runs. A page may hold no code block of its own, so no sample lives only in
  prose; the build fails on one, on a sample missing a language, and on a
  sample file no page shows.
- SITE/operations/: one page per operation of docs/operations.md (rendered
  by `make codegen` from genesiscloud::api), each linking to the item in
  every language's reference. A link gets a #fragment only when the
  reference page has that id, so the link checker can hold it to it.
"""

from __future__ import annotations

import html
import json
import re
import struct
import sys
import time
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass
from pathlib import Path

import markdown
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
SAMPLES = GUIDE / "samples"

# The guide's pages in reading order: file stem and title. index.md is the
# site's entry page.
PAGES = [
    ("install", "Install and first call"),
    ("configuration", "Authentication and configuration"),
    ("pagination", "Pagination"),
    ("errors", "Errors and the code table"),
    ("retries", "Retries and request_sent"),
    ("waiting", "Waiting"),
    ("concurrency", "Many calls at once"),
    ("logging", "Logging"),
    ("testing", "Testing with the emulator"),
    ("tls", "TLS and proxies"),
]

# Language: tab label, sample extension, pygments lexer, how the sample runs.
LANGUAGES = [
    ("rust", "Rust", "rs", "rust", "a module of <code>core/examples/guide.rs</code>"),
    ("python", "Python", "py", "python", "a script"),
    ("node", "Node", "mjs", "javascript", "an ES module"),
    ("c", "C", "c", "c", "a program linked with libgenesiscloud"),
]

REFERENCES = [
    ("rust", "Rust (rustdoc)", "reference/rust/genesiscloud/index.html"),
    ("python", "Python (pdoc)", "reference/python/genesiscloud.html"),
    ("node", "Node (TypeDoc)", "reference/node/index.html"),
    ("c", "C (Doxygen)", "reference/c/genesiscloud_8h.html"),
]

SAMPLE_LINE = re.compile(r"^\{\{sample ([a-z_]+)\}\}$", re.M)
FORMATTER = HtmlFormatter(cssclass="hl")


class BuildError(Exception):
    pass


def page_html(site: Path, out: Path, title: str, body: str) -> None:
    """Writes one page of the site with its navigation; links relative to `out`."""
    up = "../" * (len(out.relative_to(site).parts) - 1)
    guide = "".join(f'<li><a href="{up}guide/{stem}.html">{html.escape(t)}</a></li>' for stem, t in PAGES)
    refs = "".join(f'<li><a href="{up}{path}">{html.escape(label)}</a></li>' for _, label, path in REFERENCES)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · Genesis Cloud SDK</title>
<link rel="icon" href="{up}favicon.ico">
<link rel="stylesheet" href="{up}style.css">
</head>
<body>
<nav>
<p class="brand"><a href="{up}index.html">Genesis Cloud SDK</a></p>
<p>Guide</p><ul>{guide}</ul>
<p><a href="{up}operations/index.html">Operations</a></p>
<p>API reference</p><ul>{refs}</ul>
</nav>
<main>
{body}
</main>
</body>
</html>
""",
        encoding="utf-8",
    )


def sample_tabs(name: str, group: int) -> str:
    """The four languages' files of sample `name` as CSS-only tabs."""
    inputs, labels, panels = [], [], []
    for i, (lang, label, ext, lexer, runs) in enumerate(LANGUAGES):
        path = SAMPLES / f"{name}.{ext}"
        if not path.is_file():
            raise BuildError(f"sample {name}: no {path.relative_to(ROOT)}")
        code = highlight(path.read_text(encoding="utf-8"), get_lexer_by_name(lexer), FORMATTER)
        tab_id = f"tab-{group}-{lang}"
        checked = " checked" if i == 0 else ""
        inputs.append(f'<input type="radio" name="tabs-{group}" id="{tab_id}" class="tab-{lang}"{checked}>')
        labels.append(f'<label for="{tab_id}">{label}</label>')
        source = f"docs/guide/samples/{name}.{ext}"
        panels.append(
            f'<div class="panel panel-{lang}"><p class="source"><code>{source}</code>, run by '
            f"<code>make test-docs</code> as {runs}</p>{code}</div>"
        )
    return f'<div class="tabs">{"".join(inputs)}<div class="labels">{"".join(labels)}</div>{"".join(panels)}</div>'


def render_markdown(source: Path, site: Path, out: Path, title: str, shown: set[str]) -> None:
    text = source.read_text(encoding="utf-8")
    if re.search(r"^ {0,3}(```|~~~)", text, re.M):
        raise BuildError(f"{source.relative_to(ROOT)}: a code block in prose; put it in docs/guide/samples/")
    names = SAMPLE_LINE.findall(text)
    text = SAMPLE_LINE.sub(lambda m: f"SAMPLE-{m.group(1)}-PLACEHOLDER", text)
    # Links between guide pages are written to the Markdown files.
    text = re.sub(r"\]\(([a-z_]+)\.md(#[a-z0-9_-]+)?\)", lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", text)
    body = markdown.markdown(text, extensions=["tables", "toc"], output_format="html")
    if "<pre>" in body:
        raise BuildError(f"{source.relative_to(ROOT)}: an indented code block in prose")
    for n, name in enumerate(names):
        body = body.replace(f"<p>SAMPLE-{name}-PLACEHOLDER</p>", sample_tabs(name, n), 1)
        shown.add(name)
    page_html(site, out, title, body)


@dataclass
class Operation:
    group: str
    name: str
    description: str
    request: str
    kind: str
    names: dict[str, str]


def operations() -> list[Operation]:
    """Every operation of docs/operations.md (generated by make codegen)."""
    ops, group = [], ""
    cell = r" \| `([^`]+)`"
    row = re.compile(rf"^\| `([a-z_.]+)`: (.*) \| `([A-Z]+ [^`]+)` \| ([a-z]+){cell * 4} \|$")
    for line in (ROOT / "docs" / "operations.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            group = line[3:].strip()
        elif m := row.match(line):
            name, desc, req, kind, *langs = m.groups()
            names = dict(zip(["rust", "python", "node", "c"], langs, strict=True))
            ops.append(Operation(group, name, desc, req, kind, names))
    listed = {o["name"] for o in json.loads((ROOT / "tests/surface/operations.json").read_text())["operations"]}
    if {o.name for o in ops} != listed or not ops:
        raise BuildError("docs/operations.md and tests/surface/operations.json list different operations")
    return ops


class References:
    """Finds where each language's reference documents an operation."""

    def __init__(self, site: Path):
        self.site = site
        self.ids: dict[Path, set[str]] = {}
        tag = site / "reference" / "c" / "genesiscloud.tag"
        self.c = {}
        for member in ET.parse(tag).getroot().iter("member"):
            name = member.findtext("name")
            if name and member.findtext("anchorfile"):
                self.c[name] = f"{member.findtext('anchorfile')}#{member.findtext('anchor')}"

    def link(self, page: str, fragment: str) -> str:
        """`page#fragment` when the page has that id, `page` otherwise; fails on a missing page."""
        path = self.site / page
        if not path.is_file():
            raise BuildError(f"the reference has no {page}")
        if path not in self.ids:
            self.ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return f"{page}#{fragment}" if fragment in self.ids[path] else page

    def of(self, op: Operation) -> dict[str, str]:
        group, _, method = op.name.partition(".")
        client = group == "client"
        camel = re.sub(r"_([a-z])", lambda m: m.group(1).upper(), group)
        rust_page = "genesiscloud/struct.Client.html" if client else "genesiscloud/struct.ResourceGroup.html"
        node_group = camel[0].upper() + camel[1:]
        # The groups are interfaces of their own (types/resources.d.ts).
        node_page = "classes/index.Client.html" if client else f"interfaces/index.{node_group}.html"
        node_method = op.names["node"].split(".")[-1].lower()
        if op.names["c"] not in self.c:
            raise BuildError(f"{op.name}: Doxygen does not document {op.names['c']}")
        return {
            "rust": self.link(f"reference/rust/{rust_page}", f"method.{method}"),
            "python": self.link(
                "reference/python/genesiscloud.html", f"{'AccountOperations' if client else node_group}.{method}"
            ),
            "node": self.link(f"reference/node/{node_page}", node_method),
            "c": f"reference/c/{self.c[op.names['c']]}",
        }


GUIDE_OF_KIND = {"page": "pagination", "lazy": "pagination", "wait": "waiting"}


def operation_pages(site: Path) -> int:
    refs = References(site)
    ops = operations()
    rows = []
    for op in ops:
        links = refs.of(op)
        cells = "".join(
            f'<tr><th>{label}</th><td><a href="../{links[lang]}">'
            f"<code>{html.escape(op.names[lang])}</code></a></td></tr>"
            for lang, label, *_ in LANGUAGES
        )
        guide = GUIDE_OF_KIND.get(op.kind)
        more = f'<p>See also the guide: <a href="../guide/{guide}.html">{dict(PAGES)[guide]}</a>.</p>' if guide else ""
        body = (
            f"<h1><code>{op.name}</code></h1><p>{html.escape(op.description)}</p>"
            f"<p>Request: <code>{html.escape(op.request)}</code>; answers: {op.kind}.</p>"
            f"<h2>In each language</h2><table>{cells}</table>{more}"
            '<p>All operations: <a href="index.html">the list</a>.</p>'
        )
        page_html(site, site / "operations" / f"{op.name}.html", op.name, body)
        rows.append(
            f'<tr><td>{op.group}</td><td><a href="{op.name}.html"><code>{op.name}</code></a></td>'
            f"<td><code>{html.escape(op.request)}</code></td><td>{html.escape(op.description)}</td></tr>"
        )
    index = (
        "<h1>Every operation</h1><p>One page per operation of the API, with its name and its "
        "reference in each language; generated from the core's description of the operations "
        "(<code>genesiscloud::api</code>).</p><table><tr><th>group</th><th>operation</th>"
        f"<th>request</th><th>what it does</th></tr>{''.join(rows)}</table>"
    )
    page_html(site, site / "operations" / "index.html", "Operations", index)
    return len(ops) + 1


def favicon() -> bytes:
    """A 16x16 ICO (one PNG, the site's link blue): browsers ask every
    site's root for /favicon.ico, and the pages of pdoc name no other."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes((11, 92, 173)) * 16 for _ in range(16))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(png), 22) + png


def main() -> int:
    site = Path(sys.argv[1])
    start = time.monotonic()
    shown: set[str] = set()
    try:
        render_markdown(GUIDE / "index.md", site, site / "index.html", "Documentation", shown)
        for stem, title in PAGES:
            render_markdown(GUIDE / f"{stem}.md", site, site / "guide" / f"{stem}.html", title, shown)
        unused = {p.stem for p in SAMPLES.iterdir() if p.is_file()} - shown
        if unused:
            raise BuildError(f"samples no page shows: {', '.join(sorted(unused))}")
        count = operation_pages(site)
    except BuildError as e:
        print(f"docs/site/build.py: {e}", file=sys.stderr)
        return 1
    # rustdoc's help and settings pages link the index of all documented
    # crates, which it writes only for several; here it is the one crate.
    (site / "reference" / "rust" / "index.html").write_text(
        '<!DOCTYPE html><meta charset="utf-8"><title>genesiscloud</title>'
        '<meta http-equiv="refresh" content="0; url=genesiscloud/index.html">'
        '<a href="genesiscloud/index.html">genesiscloud</a>',
        encoding="utf-8",
    )
    # A trait page loads the list of the trait's implementors in other
    # crates; rustdoc writes none for a trait only crates outside the
    # documentation implement (genesiscloud::operations::Lister, implemented
    # by the bindings). The empty list is the truth of this documentation.
    rust = site / "reference" / "rust"
    for page in rust.rglob("trait.*.html"):
        for src in re.findall(r'<script src="([^"]*trait\.impl/[^"]+\.js)"', page.read_text(encoding="utf-8")):
            script = (page.parent / src).resolve()
            if not script.exists():
                script.parent.mkdir(parents=True, exist_ok=True)
                script.write_text(
                    "(function() {\n    const implementors = Object.fromEntries([]);\n"
                    "    if (window.register_implementors) { window.register_implementors(implementors); }\n"
                    "    else { window.pending_implementors = implementors; }\n})()\n",
                    encoding="utf-8",
                )
    (site / "favicon.ico").write_bytes(favicon())
    css = (Path(__file__).parent / "style.css").read_text(encoding="utf-8")
    (site / "style.css").write_text(css + FORMATTER.get_style_defs(".hl"), encoding="utf-8")
    print(
        f"build.py: {1 + len(PAGES)} guide pages ({len(shown)} samples x {len(LANGUAGES)} languages), "
        f"{count} operation pages in {time.monotonic() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
