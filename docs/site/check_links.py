"""Checks every link of the built site and prints its size (make test-docs).

    check_links.py SITE

Every href and src of every HTML page under SITE (the references
included) must name a file of the site, and its #fragment an id of that
page; links leaving the site (http:, https:, mailto:) are counted, not
followed (CI has no network). Fails listing each broken link.

Two things of rustdoc's are read as a browser running its scripts would: a
source line range (`file.rs.html#17-22`) names the id of its first line, and
an id may be written percent-encoded in the link. Links inside rustdoc's
blanket implementations (`#blanket-implementations-list`) are not checked:
that text is other crates' documentation of their traits, copied without
their crate (`--no-deps`), whose relative links cannot resolve here.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.foreign_depth = 0  # open <div>s since rustdoc's blanket implementations began

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "div" and (self.foreign_depth or ("id", "blanket-implementations-list") in attrs):
            self.foreign_depth += 1
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif not self.foreign_depth and (
                (name == "href" and tag in ("a", "link", "area"))
                or (name == "src" and tag in ("img", "script", "iframe"))
            ):
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.foreign_depth:
            self.foreign_depth -= 1


def has_id(page: Page, fragment: str) -> bool:
    line_range = re.fullmatch(r"(\d+)-\d+", fragment)
    if line_range:
        fragment = line_range.group(1)
    return fragment in page.ids or unquote(fragment) in page.ids


def main() -> int:
    site = Path(sys.argv[1]).resolve()
    pages: dict[Path, Page] = {}
    for path in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path] = page
    broken, external, checked = [], 0, 0
    for path, page in pages.items():
        for link in page.links:
            url = urlsplit(link)
            if url.scheme == "javascript":
                continue
            if url.scheme or url.netloc:
                external += url.scheme in ("http", "https", "mailto")
                if url.scheme not in ("http", "https", "mailto", "data"):
                    broken.append((path, link, f"scheme {url.scheme}"))
                continue
            checked += 1
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            if target.is_dir():
                target = target / "index.html"
            if site not in target.parents and target != site:
                broken.append((path, link, "outside the site"))
            elif not target.exists():
                broken.append((path, link, "no such file"))
            elif url.fragment and target in pages and not has_id(pages[target], url.fragment):
                broken.append((path, link, "no such id"))
    for path, link, why in broken:
        print(f"broken link in {path.relative_to(site)}: {link} ({why})")
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    print(
        f"check_links.py: {len(pages)} pages, {len(files)} files, {size / 1e6:.1f} MB; "
        f"{checked} links inside the site checked, {len(broken)} broken; {external} external links not followed"
    )
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
