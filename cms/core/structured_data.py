"""schema.org JSON-LD for documents and notices (clarifications #14): ``Legislation`` for legal normative
documents, ``DigitalDocument`` for other documents, ``NewsArticle`` for notices.

Plain dicts with absolute addresses on ``SITE_PUBLIC_URL``; templates print them with ``{% json_ld %}``
(``portal_nav``), which escapes "<". No person's name is put here except a document's signer, which the
document itself shows publicly.
"""

from django.conf import settings

from .files import document_mime_type


def absolute_url(path):
    """``/van-ban/x/`` → ``https://school.example/van-ban/x/`` (empty for empty input)."""
    if not path:
        return ""
    if str(path).startswith(("http://", "https://")):
        return str(path)
    return settings.SITE_PUBLIC_URL.rstrip("/") + "/" + str(path).lstrip("/")


def school_organisation(page):
    """``EducationalOrganization`` of the school that publishes ``page``."""
    from . import render_cache

    site = render_cache.current("site") or page.get_site()  # in a build: the build's site, read once
    name = (render_cache.school_settings(site).name if site else "") or "Nhà trường"
    return {"@type": "EducationalOrganization", "name": name, "url": absolute_url("/")}


def notice_data(notice):
    """``NewsArticle`` for a ``NoticePage``."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": notice.display_title()[:110],
        "datePublished": notice.notice_date.isoformat(),
        "inLanguage": "vi",
        "mainEntityOfPage": absolute_url(notice.url),
        "publisher": school_organisation(notice),
        "author": {"@type": "Organization", "name": notice.sender or school_organisation(notice)["name"]},
    }
    if notice.summary:
        data["description"] = notice.summary
    if notice.last_published_at:
        data["dateModified"] = notice.last_published_at.isoformat()
    if notice.valid_to:
        data["expires"] = notice.valid_to.isoformat()
    return data


def document_data(document, normative):
    """``Legislation`` (``normative``: a legal normative document) or ``DigitalDocument`` for a document."""
    files = [
        {
            "@type": "MediaObject",
            "name": f.label or f.document.title,
            "contentUrl": absolute_url(f.document.file.url),
            "encodingFormat": document_mime_type(f.document.file.name),
        }
        for f in document.public_files()
    ]
    issuer = {"@type": "Organization", "name": document.issuer.name}
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation" if normative else "DigitalDocument",
        "name": f"{document.type_name} số {document.number_symbol}",
        "headline": document.title[:110],
        "description": document.summary,
        "inLanguage": "vi",
        "url": absolute_url(document.url),
        "identifier": document.number_symbol,
        "dateCreated": document.issue_date.isoformat(),
        "publisher": school_organisation(document),
    }
    if normative:
        status = document.status()
        data.update(
            {
                "legislationIdentifier": document.number_symbol,
                "legislationType": document.type_name,
                "legislationDate": document.issue_date.isoformat(),
                "legislationPassedBy": issuer,
                "legislationLegalForce": "https://schema.org/"
                + ("InForce" if status == document.Status.IN_FORCE else "NotInForce"),
            }
        )
        if files:
            data["encoding"] = files
    else:
        data["author"] = issuer
        if files:
            data["associatedMedia"] = files
    return data
