"""Cataloguing aids: the next accession number proposed, ISBN queries in any written form, the menu entry."""

import pytest
from django.db.models.signals import pre_save
from django.urls import reverse

from cms.library.factories import RecordFactory
from cms.library.isbn import isbn_query
from cms.library.models import BibliographicRecord, Copy, Library, next_accession_number
from cms.library.pages import LibraryCatalogPage
from cms.publishing.render import render_route
from cms.publishing.search_index import terms_of

pytestmark = pytest.mark.django_db
CREATE = "library_bibliographicrecord_modeladmin_create"
ISBN = "9786042118736"  # 978-604-2-11873-6, ISBN-10 604-2-11873-0


def _add_copy(number, library=None):
    record = RecordFactory(copies=0)
    extra = {"library": library} if library else {}
    return Copy.objects.create(record=record, accession_number=number, **extra)


def test_the_next_free_accession_number_is_proposed_zero_padded_per_library():
    library = Library.objects.create(name="Thư viện điểm trường thử")
    assert next_accession_number(library) == "000001"
    _add_copy("000122", library)
    _add_copy("000123", library)
    _add_copy("KHO-999", library)  # not a plain number: not counted
    assert next_accession_number(library) == "000124"
    _add_copy("1000", library)  # a longer number is a higher one, whatever the padding
    assert next_accession_number(library) == "1001"
    assert next_accession_number() != "1001"  # the school's own library keeps its own sequence


def test_the_copy_form_offers_the_proposed_number(client, login):
    login("thuthu")
    proposed = next_accession_number()
    assert f'value="{proposed}"' in client.get(reverse(CREATE)).content.decode()
    _add_copy(proposed)
    following = next_accession_number()
    assert following != proposed and len(following) == len(proposed)
    assert f'value="{following}"' in client.get(reverse(CREATE)).content.decode()


def test_two_librarians_saving_the_same_number_at_once_get_a_clear_message(client, login):
    """The second save passed the form check before the first committed: the unique constraint refuses it,
    the librarian gets a message, the form is shown again and nothing of it is saved."""
    from cms.library.tests.test_admin import _record_form

    login("thuthu")

    def other_librarian_first(sender, instance, **kwargs):
        pre_save.disconnect(other_librarian_first, sender=BibliographicRecord)
        _add_copy("CUNG-LUC-1")

    pre_save.connect(other_librarian_first, sender=BibliographicRecord)
    try:
        response = client.post(reverse(CREATE), _record_form(["CUNG-LUC-1"]))
    finally:
        pre_save.disconnect(other_librarian_first, sender=BibliographicRecord)
    assert response.status_code == 200
    assert "vừa được dùng cho một bản sách khác" in response.content.decode()
    # Nothing of the refused form is saved (the simulated other librarian wrote inside the same request, so
    # their copy is rolled back with it here; in real use it was committed by the other request).
    assert not BibliographicRecord.objects.filter(title="Sách kiểm tra số ĐKCB").exists()


@pytest.mark.parametrize(
    "query", [ISBN, "978-604-2-11873-6", "6042118730", "604-2-11873-0", " 978 604 2 11873 6 "]
)
def test_an_isbn_query_in_any_form_finds_the_record_in_the_admin(client, login, query):
    login("thuthu")
    RecordFactory(title="Sách tìm theo ISBN", isbn=ISBN)
    RecordFactory(title="Sách không liên quan")
    assert isbn_query(query) == ISBN
    html = client.get(reverse("library_bibliographicrecord_modeladmin_index"), {"q": query}).content.decode()
    assert "Sách tìm theo ISBN" in html and "Sách không liên quan" not in html


def test_a_wrong_isbn_or_a_word_is_not_an_isbn_query():
    assert isbn_query("9786042118737") == ""  # bad check digit: searched as words
    assert isbn_query("de men") == ""


def test_the_public_record_page_is_indexed_under_every_form_of_its_isbn():
    record = RecordFactory(title="Sách tìm theo ISBN công khai", isbn=ISBN)
    page = LibraryCatalogPage.objects.live().get()
    html = render_route(page, page.get_site(), record.public_route()).decode()
    terms = terms_of(html)
    # The site search splits a query into syllables ("978-604-2-11873-6" → 978, 604, 2, 11873, 6).
    for term in (ISBN, "6042118730", "978", "604", "11873"):
        assert term in terms, term


def test_the_main_menu_lists_the_library(client):
    html = client.get("/").content.decode()
    nav = html[html.index('class="main-nav"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="/thu-vien/">Thư viện</a>' in nav
