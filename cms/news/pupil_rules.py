"""What a pupil's article may contain (issue 10 item 6), checked on the server whatever the toolbar sends.

Pupils write with bold, italic, lists and links to web pages (http/https, or pages of the portal); their
article holds paragraphs, quotes and images. Refused, with a Vietnamese message naming what to remove:
tables, videos and attachments; headings and any other formatting; links to documents or files, e-mail
(``mailto:``), ``tel:``, ``javascript:`` or any other scheme, and links to executable or archive files.
Images (cover, image and gallery blocks) must come from the pupil's class collection.

Who counts as a pupil is the school structure's business: ``cms.news.forms`` asks the
``article_writer_restrictions`` hook (``editorial`` answers), so this app does not import ``editorial``.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

ALLOWED_BLOCKS = {"paragraph", "quote", "image", "gallery"}
# The pupils' Draftail toolbar (``cms.news.blocks.PupilArticleBodyBlock``): exactly what ALLOWED_TAGS keeps.
PUPIL_FEATURES = ("bold", "italic", "ol", "ul", "link")
BLOCK_MESSAGES = {
    "table": "Bài của học sinh không được chèn bảng: hãy xoá khối “Bảng”.",
    "video": "Bài của học sinh không được chèn video: hãy xoá khối “Video (YouTube)”.",
    "attachment": "Bài của học sinh không được đính kèm tệp: hãy xoá khối “Tệp đính kèm”.",
}
ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "a"}
# Links that download a file (a program, an archive, a document), not a page to read (issue 10 item 6).
FILE_SUFFIXES = (
    ".exe", ".msi", ".bat", ".cmd", ".com", ".scr", ".pif", ".cpl", ".jar", ".js", ".vbs", ".ps1", ".sh",
    ".apk", ".ipa", ".dmg", ".pkg", ".deb", ".rpm", ".zip", ".rar", ".7z", ".iso",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".rtf",
)  # fmt: skip
FORMAT_MESSAGE = "Bài của học sinh chỉ dùng chữ đậm, chữ nghiêng, danh sách và liên kết; hãy bỏ {what}."
LINK_MESSAGE = (
    "Liên kết “{href}” không được phép: học sinh chỉ liên kết tới trang web (http:// hoặc https://)."
)
DOCUMENT_LINK_MESSAGE = (
    "Bài của học sinh không được liên kết tới tài liệu, tệp: hãy bỏ liên kết tới tài liệu."
)
FILE_LINK_MESSAGE = (
    "Liên kết “{href}” trỏ tới một tệp (tệp chương trình, tài liệu hoặc tệp nén), không phải trang web: "
    "hãy bỏ liên kết này."
)
IMAGE_MESSAGE = "Ảnh “{title}” không thuộc thư mục ảnh của lớp em: hãy tải ảnh lên thư mục của lớp."
TAG_NAMES = {"h2": "tiêu đề (H2)", "h3": "tiêu đề (H3)", "h4": "tiêu đề (H4)", "hr": "đường kẻ ngang"}


@dataclass
class WriterRestriction:
    """What the ``article_writer_restrictions`` hook returns for a pupil: the collections they may use."""

    image_collection_ids: set = field(default_factory=set)


class _RichTextChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def _add(self, message):
        if message not in self.problems:
            self.problems.append(message)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in ALLOWED_TAGS:
            self._add(FORMAT_MESSAGE.format(what=TAG_NAMES.get(tag, f"định dạng <{tag}>")))
            return
        if tag != "a":
            return
        linktype = attrs.get("linktype")
        if linktype == "page":
            return  # a page of the portal
        if linktype is not None:
            self._add(DOCUMENT_LINK_MESSAGE)
            return
        href = (attrs.get("href") or "").strip()
        parsed = urlparse(href)
        if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc:
            self._add(LINK_MESSAGE.format(href=href[:80]))
        elif unquote(parsed.path).lower().rstrip("/. ").endswith(FILE_SUFFIXES):
            # "/setup.EXE/", "/tai-lieu%2Epdf": what the server is likely to send is still the file.
            self._add(FILE_LINK_MESSAGE.format(href=href[:80]))


def rich_text_problems(html):
    """Vietnamese messages for what a pupil's rich text (Wagtail's stored HTML) may not contain."""
    checker = _RichTextChecker()
    checker.feed(html or "")
    checker.close()
    return checker.problems


def _images_of(block):
    if block.block_type == "image":
        return [block.value.get("image")]
    if block.block_type == "gallery":
        return [item.get("image") for item in block.value.get("images") or []]
    return []


def article_problems(page, restriction):
    """Every Vietnamese message for what ``page`` (an ``ArticlePage``) may not contain for this pupil."""
    problems = []

    def add(message):
        if message not in problems:
            problems.append(message)

    images = [page.cover_image] if page.cover_image_id else []
    for block in page.body or []:
        if block.block_type not in ALLOWED_BLOCKS:
            add(
                BLOCK_MESSAGES.get(
                    block.block_type, f"Bài của học sinh không được dùng khối “{block.block_type}”."
                )
            )
            continue
        if block.block_type == "paragraph":
            for message in rich_text_problems(getattr(block.value, "source", str(block.value))):
                add(message)
        images += _images_of(block)
    for image in images:
        if image is not None and image.collection_id not in restriction.image_collection_ids:
            add(IMAGE_MESSAGE.format(title=image.title))
    return problems
