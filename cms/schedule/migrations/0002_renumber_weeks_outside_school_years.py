"""Week pages saved before issue 16's fix may carry a number taken from the wrong school year ("Tuần 54"
under "2026–2027" for a week after the year ended): derive title and school year again from the week."""

from datetime import timedelta

from django.db import migrations


def _year_for(SchoolYear, day):
    return SchoolYear.objects.filter(start_date__lte=day, end_date__gte=day).order_by("-start_date").first()


def renumber(apps, schema_editor):
    SchoolYear = apps.get_model("editorial", "SchoolYear")
    ScheduleWeekPage = apps.get_model("schedule", "ScheduleWeekPage")
    recorded = SchoolYear.objects.exists()
    for page in ScheduleWeekPage.objects.all():
        monday = page.week_start - timedelta(days=page.week_start.weekday())
        saturday = monday + timedelta(days=5)
        year = _year_for(SchoolYear, saturday) or _year_for(SchoolYear, monday)
        span = f"{monday:%d/%m}–{saturday:%d/%m/%Y}"
        if year is not None:
            start = year.start_date - timedelta(days=year.start_date.weekday())
            title = f"Tuần {(monday - start).days // 7 + 1} ({span})"
            name = year.name
        else:
            title = f"Tuần hè ({span})" if saturday.month in (6, 7, 8) and recorded else f"Tuần {span}"
            first = saturday.year if saturday.month >= 8 else saturday.year - 1
            name = f"{first}–{first + 1}"
        if (page.title, page.school_year) != (title, name):
            ScheduleWeekPage.objects.filter(pk=page.pk).update(
                title=title, draft_title=title, school_year=name
            )


class Migration(migrations.Migration):
    dependencies = [
        ("schedule", "0001_initial"),
        ("editorial", "0002_person_index"),
    ]

    operations = [migrations.RunPython(renumber, migrations.RunPython.noop)]
