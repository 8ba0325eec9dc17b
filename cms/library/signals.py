"""Catalogue edits (admin, import) and learning-material changes schedule a rebuild of the public pages.

Only the outputs a change shows in are re-rendered (``publishing``): a record's routes before and after the
edit, a copy's record page. Loans schedule theirs in ``loans.py``. A bulk import runs inside
``builds_suspended()`` and schedules once.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import BibliographicRecord, Copy, LearningMaterial
from .publishing import (
    record_routes,
    schedule_availability_build,
    schedule_materials_build,
    schedule_record_build,
)


@receiver(pre_save, sender=BibliographicRecord)
def remember_record_routes(sender, instance, raw=False, **kwargs):
    # The routes the record was shown under before the edit (a new title moves its page, a new subject its
    # browse page): they are re-rendered too, so the old outputs go or lose the record.
    previous = None
    if not raw and instance.pk is not None:
        previous = BibliographicRecord.objects.filter(pk=instance.pk).first()
    instance._previous_routes = record_routes(previous) if previous else set()


@receiver(post_save, sender=BibliographicRecord)
@receiver(post_delete, sender=BibliographicRecord)
def record_changed(sender, instance, **kwargs):
    routes = record_routes(instance) | getattr(instance, "_previous_routes", set())
    schedule_record_build(f"Thư viện: {instance.title}"[:200], routes)


@receiver(post_save, sender=Copy)
@receiver(post_delete, sender=Copy)
def copy_changed(sender, instance, **kwargs):
    record = BibliographicRecord.objects.filter(pk=instance.record_id).first()
    if record is not None:  # a copy deleted with its record: the record's own change covers it
        schedule_availability_build(f"Thư viện: bản {instance.accession_number}", record)


@receiver(post_save, sender=LearningMaterial)
@receiver(post_delete, sender=LearningMaterial)
def material_changed(sender, instance, **kwargs):
    # Staff-only material changes nothing public, unless it just stopped being public: rebuild either way
    # when it is or may have been public (cheap: one small page).
    schedule_materials_build(f"Học liệu: {instance.title}"[:200])
