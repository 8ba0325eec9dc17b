"""Names of pupils that public metadata must not carry in full (clarifications #9, #14).

The approved text of a page may name a pupil (the board's decision); derived outputs such as the search index
show pupils by their given name, as the bylines do ("Em Ngọc"). One lookup for all of them.
"""

from django.apps import apps

from .vietnamese import nfc, short_given_name


def pupil_full_names():
    """{full name: given name} of pupils in any class list and of pupil authors of articles (NFC).

    Empty when the school allows pupils' full names (the one decision: ``cms.core.people``).
    """
    from .people import student_full_names_allowed

    names = {}
    if student_full_names_allowed():
        return names
    try:
        memberships = apps.get_model("editorial", "ClassMembership")
    except LookupError:
        memberships = None
    if memberships is not None:
        for last, first in memberships.objects.values_list("user__last_name", "user__first_name").distinct():
            full = nfc(f"{last} {first}").strip()
            if " " in full:
                names[full] = short_given_name(full)
    try:
        article = apps.get_model("news", "ArticlePage")
    except LookupError:
        article = None
    if article is not None:
        for page in article.objects.exclude(author_name="").only(
            "author_name", "author_kind", "author_position"
        ):
            if (
                page.effective_author_kind() == article.AuthorKind.STUDENT
                and " " in nfc(page.author_name).strip()
            ):
                full = nfc(page.author_name).strip()
                names[full] = short_given_name(full)
    return names


def redact(text, names):
    """``text`` with each full name of ``names`` ({full: given}) replaced by the given name."""
    for full in sorted(names, key=len, reverse=True):
        if full in text:
            text = text.replace(full, names[full])
    return text
