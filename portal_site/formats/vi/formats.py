"""Input formats for Vietnamese: the admin's date pickers send dd/mm/yyyy (WAGTAIL_DATE_FORMAT), which
Django's ``vi`` locale does not parse (it has no input formats). ISO stays accepted."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
