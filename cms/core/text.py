"""Text that every output format accepts: control characters and XML-illegal code points removed on save.

Word pastes a vertical tab (``\\x0b``) for Shift+Enter; XML 1.0 (feeds, sitemaps) forbids it and most other
C0/C1 controls, so one such character in a title used to fail every build. Rules (clarification #9):

- line-breaking controls (VT, FF, the information separators, NEL, U+2028/U+2029) become a space in plain
  text and ``<br>`` in rich text;
- every other code point that XML 1.0 forbids (C0 except tab/LF/CR, DEL and C1 controls, lone surrogates,
  U+FFFE/U+FFFF) is removed;
- the result is NFC (``cms.core.vietnamese.nfc``).

``clean_instance(obj)`` applies this to every text, rich-text and StreamField field of a model instance;
``cms.core.apps`` runs it before every save of the project's models (and Wagtail's documents and images).
"""

import re

from django.db import models

from .vietnamese import nfc

LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK_RE = re.compile(f"[{LINE_BREAKS}]")
# XML 1.0 Char production, minus what we keep: everything else in these ranges is dropped.
_ILLEGAL_RE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_controls(text, line_break=" "):
    """``text`` without XML-illegal code points; line-breaking controls replaced by ``line_break``."""
    if not text:
        return text
    return _ILLEGAL_RE.sub("", _LINE_BREAK_RE.sub(line_break, text))


def clean_plain(text):
    """Plain text for storage and output: controls removed (line breaks → space), NFC. None → ""."""
    return nfc(strip_controls("" if text is None else str(text)))


# Bidirectional overrides and isolates (U+202A–202E, U+2066–2069): legal XML, but they reorder what a reader
# sees ("Trường" displayed as its mirror) and have no place in a one-line name or address.
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean_line(text):
    """One line of plain text (a name, an address): ``clean_plain``, bidi overrides removed, every run of
    whitespace (tabs, newlines) collapsed to one space, trimmed. None → ""."""
    return " ".join(_BIDI_RE.sub("", clean_plain(text)).split())


def clean_rich(html):
    """Rich text (HTML) for storage: line-breaking controls → ``<br>``, other controls removed, NFC."""
    return nfc(strip_controls("" if html is None else str(html), line_break="<br>"))


def _clean_any(value):
    if isinstance(value, str):
        return clean_plain(value)
    if isinstance(value, list):
        return [_clean_any(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean_any(v) for k, v in value.items()}
    return value


def clean_stream_raw(block, raw):
    """Clean the JSON form of a StreamField value, using the block definitions to tell rich text apart."""
    from wagtail import blocks

    if isinstance(block, blocks.RichTextBlock):
        return clean_rich(raw) if isinstance(raw, str) else raw
    if isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        out = []
        for item in raw:
            if isinstance(item, dict) and "type" in item:
                child = block.child_blocks.get(item["type"])
                value = item.get("value")
                out.append({**item, "value": clean_stream_raw(child, value) if child else _clean_any(value)})
            else:
                out.append(_clean_any(item))
        return out
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        children = block.child_blocks
        return {
            key: clean_stream_raw(children[key], value) if key in children else _clean_any(value)
            for key, value in raw.items()
        }
    if isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        out = []
        for item in raw:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                out.append({**item, "value": clean_stream_raw(block.child_block, item["value"])})
            else:
                out.append(clean_stream_raw(block.child_block, item))
        return out
    return _clean_any(raw)  # plain text blocks, tables, URLs…


# Fields that hold secrets or machine values, never text a person reads.
_SKIPPED = {"password", "file_hash", "content_json"}


def clean_instance(obj):
    """Clean every text, rich-text and StreamField field of ``obj`` in place; returns changed field names."""
    from wagtail.fields import RichTextField, StreamField

    changed = []
    for field in obj._meta.concrete_fields:
        if field.name in _SKIPPED or getattr(field, "choices", None):
            continue
        if isinstance(field, StreamField):
            value = getattr(obj, field.attname)
            if value is None:
                continue
            raw = field.get_prep_value(value)
            if isinstance(raw, str):
                import json

                raw = json.loads(raw)
            cleaned = clean_stream_raw(field.stream_block, raw)
            if cleaned != raw:
                setattr(obj, field.attname, cleaned)
                changed.append(field.name)
        elif isinstance(field, models.CharField | models.TextField):
            value = getattr(obj, field.attname)
            if not isinstance(value, str):
                continue
            if field.name == "slug" or isinstance(field, models.SlugField | models.URLField):
                cleaned = strip_controls(value, line_break="")
            elif isinstance(field, RichTextField):
                cleaned = clean_rich(value)
            else:
                cleaned = clean_plain(value)
            if cleaned != value:
                setattr(obj, field.attname, cleaned)
                changed.append(field.name)
    return changed
