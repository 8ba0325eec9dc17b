"""The admin's search backend: Wagtail's database backend with Vietnamese query folding.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.core.search"}}``.

Indexed text of portal pages carries a folded copy (``VietnamesePageMixin.search_folded``: no tone marks,
đ→d), and this backend folds the query with the same ``cms.core.vietnamese.fold`` before it reaches the
engine, so "doi tuyen da cau" and "Đội tuyển Đá cầu" both find "Đội tuyển Đá cầu đạt giải Nhất" in the page
search, the explorer and the page chooser. Nothing depends on the engine: SQLite FTS5 and PostgreSQL full
text search see the same folded words (no ``unaccent``). Models without folded text (images, Wagtail
documents) get the query as typed, so their accented titles still match.
"""

from modelsearch.backends.database import SearchBackend as _database_backend
from modelsearch.query import Phrase, PlainText

from .pages import FOLDED_FIELD
from .vietnamese import fold


def has_folded_text(model):
    """True if ``model`` indexes a folded copy of its text (the ``search_folded`` search field)."""
    get_fields = getattr(model, "get_search_fields", None)
    if get_fields is None:
        return False
    if any(getattr(field, "field_name", None) == FOLDED_FIELD for field in get_fields()):
        return True
    # A search over the base Page model covers every page type; portal pages all index folded text.
    from wagtail.models import Page

    return model is Page


def fold_query(query):
    """The query with its words folded: a string, or Wagtail's ``PlainText``/``Phrase`` query objects."""
    if isinstance(query, str):
        return fold(query)
    if isinstance(query, PlainText):
        return PlainText(fold(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(fold(query.query_string))
    return query


class FoldingBackendMixin:
    """Folds the query of a search or autocomplete over a model that indexes folded text."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = getattr(model_or_queryset, "model", model_or_queryset)
        if has_folded_text(model):
            query = fold_query(query)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


_classes = {}


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up in a backend module
    """The database backend of the current engine (SQLite FTS5, PostgreSQL, fallback), folding queries."""
    backend = _database_backend(params)
    base = type(backend)
    if base not in _classes:
        _classes[base] = type(f"Folding{base.__name__}", (FoldingBackendMixin, base), {})
    return _classes[base](params)
