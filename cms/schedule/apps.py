from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "cms.schedule"
    label = "schedule"
    verbose_name = "Lịch công tác"
