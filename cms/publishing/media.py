"""Which media files a release publishes: those of the images and documents public objects use.

The list is resolved through the models, never by reading rendered HTML: a text that merely *mentions*
``/media/documents/internal.pdf`` or ``/media/../db.sqlite3`` publishes nothing and cannot fail a build.

- A public page uses the images and documents its fields, StreamField blocks, rich text and inline
  children point to (Wagtail's reference extraction, the same one that fills the "usage" tab), plus any
  object its optional ``static_media_objects()`` returns (duck typing, like the rest of ``outputs``), and
  the storage names of plain file fields its optional ``static_media_files()`` returns, less the objects its
  optional ``private_media_objects()`` returns (held but never published, e.g. photos without consent).
- The site uses the images of its public settings (the school logo).

An object reference is a short string kept in the manifest: ``image:<id>`` or ``document:<id>``. Every
build turns the union of the references of all public outputs into storage names: a document's file and
every rendition of an image (originals are never published: they may carry EXIF).
"""

import logging
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

logger = logging.getLogger(__name__)

IMAGE = "image"
DOCUMENT = "document"
# A plain file field's storage name (e.g. a public learning material of the library), given by a page model's
# optional ``static_media_files()``: for content that is not a Wagtail image or document.
FILE = "file"


def _kinds():
    return {
        ContentType.objects.get_for_model(get_image_model()).pk: IMAGE,
        ContentType.objects.get_for_model(get_document_model()).pk: DOCUMENT,
    }


def object_refs(obj):
    """``{"image:<id>", "document:<id>"}`` for the images and documents ``obj`` uses (fields, blocks,
    rich text, inline children)."""
    kinds = _kinds()
    refs = set()
    # Wagtail's own reference extraction (also used for the "usage" count); it reads the in-memory
    # object only, so the live page's content is what counts, never a draft.
    for reference in ReferenceIndex._extract_references_from_object(obj):
        content_type_id, object_id = reference[0], reference[1]
        kind = kinds.get(content_type_id)
        if kind:
            refs.add(f"{kind}:{object_id}")
    return refs


def _refs_of(obj):
    """An image or document stands for itself; any other object for what it references."""
    if isinstance(obj, get_image_model()):
        return {f"{IMAGE}:{obj.pk}"}
    if isinstance(obj, get_document_model()):
        return {f"{DOCUMENT}:{obj.pk}"}
    return object_refs(obj)


def page_refs(page):
    """Media references of one public page: its own content plus ``static_media_objects()``, less
    ``private_media_objects()`` (what the page holds but must not publish, e.g. album photos of pupils
    without their parents' consent)."""
    refs = object_refs(page)
    extra = getattr(page, "static_media_objects", None)
    if callable(extra):
        for obj in extra() or ():
            refs |= _refs_of(obj)
    private = getattr(page, "private_media_objects", None)
    if callable(private):
        for obj in private() or ():
            refs -= _refs_of(obj)
    files = getattr(page, "static_media_files", None)
    if callable(files):
        refs |= {f"{FILE}:{name}" for name in files() or () if name}
    return refs


def site_refs(site):
    """Media references of what every page shows: the public site settings (the school logo)."""
    from cms.core.models import SchoolSettings

    settings_obj = SchoolSettings.for_site(site)
    refs = set()
    if settings_obj.logo_id:
        refs.add(f"{IMAGE}:{settings_obj.logo_id}")
    return refs


def storage_names(refs):
    """Storage names (relative to MEDIA_ROOT) of the files the references stand for, sorted.

    Images give every rendition (the templates choose sizes at render time; renditions are made before
    this is called); documents give their file. Unknown ids are skipped (a deleted object publishes
    nothing).
    """
    return sorted(storage_owners(refs))


def storage_owners(refs):
    """``{storage name: the references in ``refs`` it stands for}`` (see ``storage_names``): usually one
    reference per name; two documents may share a file."""
    image_ids, document_ids = set(), set()
    owners = {}
    for ref in refs:
        kind, _, pk = ref.partition(":")
        if kind == FILE:
            if pk:
                owners.setdefault(pk, set()).add(ref)
            continue
        if not pk.isdigit():
            continue
        (image_ids if kind == IMAGE else document_ids if kind == DOCUMENT else set()).add(int(pk))
    if image_ids:
        renditions = get_image_model().get_rendition_model().objects.filter(image_id__in=image_ids)
        for image_id, name in renditions.values_list("image_id", "file"):
            if name:
                owners.setdefault(name, set()).add(f"{IMAGE}:{image_id}")
    if document_ids:
        documents = get_document_model().objects.filter(pk__in=document_ids)
        for pk, name in documents.values_list("pk", "file"):
            if name:
                owners.setdefault(name, set()).add(f"{DOCUMENT}:{pk}")
    return {name: refs for name, refs in owners.items() if _safe_name(name)}


class MediaState(NamedTuple):
    """What a build's media files were computed from, kept with its in-memory manifest so the next
    build in the process recomputes only what changed (``changes_since``; issue 15, O(changed) publishes).

    ``refs``: the references whose files the release holds (the outputs' and the site's); ``mark``: the
    rendition and document tables then (``table_mark``); ``missing``: {storage name: its references} of
    the files that were missing from storage (left out, tried again by every build)."""

    refs: frozenset
    mark: tuple
    missing: dict


def table_mark():
    """``(largest rendition id, renditions, largest document id, documents)``: two aggregate queries.

    Ids of Django's ``AutoField`` are never reused (SQLite ``AUTOINCREMENT``, PostgreSQL sequences), so
    renditions made since a mark are those with a larger id; a deleted row (an image or document deleted,
    renditions purged) shows as a count lower than the mark's plus the rows added since."""
    from django.db.models import Count, Max

    rows = get_image_model().get_rendition_model().objects.aggregate(top=Max("pk"), count=Count("pk"))
    docs = get_document_model().objects.aggregate(top=Max("pk"), count=Count("pk"))
    return (rows["top"] or 0, rows["count"], docs["top"] or 0, docs["count"])


def changes_since(state, refs):
    """The media files to remove and to add when the release's references go from ``state.refs`` to
    ``refs``, or None when a row of the rendition or document table went away since ``state.mark`` (the
    caller then computes every file: ``storage_owners``).

    Returns ``(remove, add, mark)``: storage names no reference of ``refs`` stands for any more,
    ``{name: references}`` of the files ``refs`` stands for that ``state`` did not hold (those of new
    references, renditions made since the mark, and files missing last time) and the new mark. Costs the
    changed references and the rows added since the mark, not the site's media (issue 15)."""
    top, count, doc_top, doc_count = state.mark
    renditions = get_image_model().get_rendition_model().objects
    new_rows = list(renditions.filter(pk__gt=top).values_list("pk", "image_id", "file"))
    mark = table_mark()
    if mark[1] != count + len(new_rows):
        return None  # a rendition went away (or one with a smaller id appeared): recompute everything
    new_docs = get_document_model().objects.filter(pk__gt=doc_top).count() if mark[2] > doc_top else 0
    if mark[3] != doc_count + new_docs:
        return None
    mark = (max([top, *(pk for pk, _, _ in new_rows)]), count + len(new_rows), mark[2], mark[3])
    added, removed = refs - state.refs, state.refs - refs
    add = storage_owners(added)
    for _pk, image_id, name in new_rows:
        ref = f"{IMAGE}:{image_id}"
        if name and ref in refs and _safe_name(name):
            add.setdefault(name, set()).add(ref)
    for name, owners in state.missing.items():
        kept = owners & refs
        if kept:
            add.setdefault(name, set()).update(kept)
    remove = set()
    gone = storage_owners(removed)
    if gone:
        # A file stays while another reference still stands for it (two documents sharing one file).
        still = _owners_of(set(gone))
        remove = {name for name in gone if not (still.get(name, set()) & refs)}
    return remove, add, mark


def _owners_of(names):
    """{storage name: every reference standing for it} for ``names`` (by file name, O(names))."""
    owners = {}
    for name in names:
        owners.setdefault(name, set()).add(f"{FILE}:{name}")
    renditions = get_image_model().get_rendition_model().objects.filter(file__in=names)
    for image_id, name in renditions.values_list("image_id", "file"):
        owners.setdefault(name, set()).add(f"{IMAGE}:{image_id}")
    for pk, name in get_document_model().objects.filter(file__in=names).values_list("pk", "file"):
        owners.setdefault(name, set()).add(f"{DOCUMENT}:{pk}")
    return owners


def _safe_name(name):
    # Names come from the database, but a hand-edited row must not reach outside MEDIA_ROOT.
    parts = name.replace("\\", "/").split("/")
    if name.startswith("/") or ".." in parts or "" in parts:
        logger.warning("Skipping unsafe media name %r", name)
        return False
    return True


def _waiting_revisions():
    """Revisions that go public without another approval: approved and scheduled (a ``go_live_at``
    waiting, Wagtail's ``approved_schedule``), and those under review in a workflow in progress (the
    revision its current task reviews and the object's latest revision, which the finish action may
    publish)."""
    from wagtail.models import Revision, WorkflowState

    ids = set(Revision.objects.filter(approved_go_live_at__isnull=False).values_list("pk", flat=True))
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).select_related(
        "current_task_state"
    )
    for state in states:
        if state.current_task_state and state.current_task_state.revision_id:
            ids.add(state.current_task_state.revision_id)
        obj = state.content_object
        latest = getattr(obj, "latest_revision_id", None)
        if latest:
            ids.add(latest)
    return Revision.objects.filter(pk__in=ids)


def _revision_refs(revision):
    try:
        obj = revision.as_object()
    except Exception:  # noqa: BLE001 - an unreadable old revision cannot hold a file back
        logger.warning("Could not read revision %s", revision.pk, exc_info=True)
        return set()
    return page_refs(obj) if hasattr(obj, "depth") else object_refs(obj)


def in_public_use(obj):
    """True if the image or document ``obj`` is public or will go public without another approval
    (clarification #9: such a file cannot be replaced in place).

    Counted: what the live release holds (its media files of the object); live pages referencing it
    now (the reference index) and the pages waiting for a build (read from the pages themselves, in case
    the index lags); revisions approved with a go-live time still ahead and revisions under review in a
    workflow (their content, resolved like a page's media); the public site settings (the logo).
    """
    from wagtail.models import Page, Site

    from . import release
    from .models import PendingChange

    kind = IMAGE if isinstance(obj, get_image_model()) else DOCUMENT
    ref = f"{kind}:{obj.pk}"
    # In the live release: a build publishes exactly the files of the objects its outputs reference
    # (``storage_names``), so one stat per file answers without reading the manifest (O(1) in site size).
    live = release.current_dir()
    if any((live / "media" / name).is_file() for name in storage_names({ref})):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [
        int(r.object_id)
        for r in ReferenceIndex.get_references_to(obj)
        if r.base_content_type_id == page_type.pk and str(r.object_id).isdigit()
    ]
    if page_ids and Page.objects.filter(pk__in=page_ids, live=True).exists():
        return True
    pending = PendingChange.objects.exclude(page_id=None).values_list("page_id", flat=True)
    for page in Page.objects.filter(pk__in=pending, live=True).specific():
        if ref in page_refs(page):
            return True
    for revision in _waiting_revisions():
        if ref in _revision_refs(revision):
            return True
    return any(ref in site_refs(site) for site in Site.objects.all())
