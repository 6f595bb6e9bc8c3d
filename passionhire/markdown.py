"""Markdown that staff write (a role's description), rendered for the public.

markdown-it-py renders CommonMark with raw HTML switched off; nh3 (the Rust `ammonia`
sanitiser) then keeps only an allow-list of tags and attributes and safe link schemes. Two
maintained libraries instead of our own escaping: a sanitiser is exactly the code not to write
by hand.
"""

import nh3
from markdown_it import MarkdownIt

_RENDERER = MarkdownIt("commonmark", {"html": False})
TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Safe HTML for `text`; level-1 headings become level 2 (the page has its own h1)."""
    html = _RENDERER.render(text or "").replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "http", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
