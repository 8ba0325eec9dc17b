"""Faults found on main (issue 12 review) as tests: who sees loans, the hand-over upload gate, moving pupils up a
year twice, barcodes equal to another copy's accession number, and bad input at the desk and in imports."""

import pytest
from django.urls import reverse

from cms.library.factories import ReaderFactory, RecordFactory
from cms.library.loans import check_out

pytestmark = pytest.mark.django_db

LIBRARY_LISTS = [
    "library_bibliographicrecord_modeladmin_index",
    "library_copy_modeladmin_index",
    "library_reader_modeladmin_index",
    "library_loan_modeladmin_index",
    "library_learningmaterial_modeladmin_index",
]


def _lend_to(class_name, full_name):
    reader = ReaderFactory(class_name=class_name, full_name=full_name)
    check_out(RecordFactory().copies.get().accession_number, reader)
    return reader


@pytest.mark.parametrize("view", LIBRARY_LISTS)
@pytest.mark.parametrize("query", ["", "?reader__class_name=5B"])
def test_a_homeroom_teacher_cannot_open_any_library_list(client, login, view, query):
    """The custom ``view_class_overdue`` permission used to open the list of every class's loans."""
    _lend_to("5B", "Phạm Thị Lớp Khác")
    login("gvcn1a")
    response = client.get(reverse(view) + query, follow=True)
    html = response.content.decode()
    assert "Phạm Thị Lớp Khác" not in html
    assert response.redirect_chain or response.status_code == 403


def test_a_homeroom_teacher_sees_only_their_class_overdue_and_no_loans_in_inspect(client, login):
    from datetime import timedelta

    from cms.library.loans import homeroom_classes, today
    from cms.library.models import Loan

    user = login("gvcn1a")
    (own_class,) = homeroom_classes(user)
    mine = _lend_to(own_class, "Lê Văn Lớp Mình")
    _lend_to("5B", "Phạm Thị Lớp Khác")
    Loan.objects.update(due_on=today() - timedelta(days=3))
    inspect = client.get(
        reverse("library_bibliographicrecord_modeladmin_inspect", args=[mine.loans.get().copy.record_id])
    )
    assert inspect.status_code != 200 or "Lê Văn Lớp Mình" not in inspect.content.decode()
    html = client.get(reverse("library_overdue")).content.decode()
    assert "Lê Văn Lớp Mình" in html and "Phạm Thị Lớp Khác" not in html


def test_the_librarian_still_lists_every_loan(client, login):
    _lend_to("5B", "Phạm Thị Lớp Khác")
    login("thuthu")
    html = client.get(reverse("library_loan_modeladmin_index"), {"reader__class_name": "5B"}).content.decode()
    assert "Phạm Thị Lớp Khác" in html


def test_the_vice_principal_lists_learning_material_but_no_loans_or_readers(client, login):
    _lend_to("5B", "Phạm Thị Lớp Khác")
    login("phohieutruong")
    assert client.get(reverse("library_learningmaterial_modeladmin_index")).status_code == 200
    for view in ("library_loan_modeladmin_index", "library_reader_modeladmin_index"):
        response = client.get(reverse(view), follow=True)
        assert "Phạm Thị Lớp Khác" not in response.content.decode()
