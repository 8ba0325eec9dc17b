"""XSS typed into the editor: Wagtail's rich text converter keeps only whitelisted markup and safe links."""

import json

from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]  # the article paragraph block's features


def _contentstate(text, url):
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1",
                    "type": "unstyled",
                    "text": text,
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}},
        }
    )


def test_script_text_and_javascript_links_are_neutralised():
    html = ContentstateConverter(FEATURES).to_database_format(
        _contentstate("Bấm <script>alert(1)</script><img src=x onerror=alert(2)>", "javascript:alert(3)")
    )
    # Typed markup stays text (escaped), never a tag; the javascript: link loses its address.
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html and "href" not in html
