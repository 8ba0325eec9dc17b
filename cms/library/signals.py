"""Catalogue edits (admin, import) and learning-material changes schedule a rebuild of the public pages.

Loans schedule theirs in ``loans.py``. A bulk import runs inside ``builds_suspended()`` and schedules once.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import BibliographicRecord, Copy, LearningMaterial
from .publishing import schedule_catalogue_build, schedule_materials_build


@receiver(post_save, sender=BibliographicRecord)
@receiver(post_delete, sender=BibliographicRecord)
def record_changed(sender, instance, **kwargs):
    schedule_catalogue_build(f"Thư viện: {instance.title}"[:200])


@receiver(post_save, sender=Copy)
@receiver(post_delete, sender=Copy)
def copy_changed(sender, instance, **kwargs):
    schedule_catalogue_build(f"Thư viện: bản {instance.accession_number}")


@receiver(post_save, sender=LearningMaterial)
@receiver(post_delete, sender=LearningMaterial)
def material_changed(sender, instance, **kwargs):
    # Staff-only material changes nothing public, unless it just stopped being public: rebuild either way
    # when it is or may have been public (cheap: one small page).
    schedule_materials_build(f"Học liệu: {instance.title}"[:200])
