from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "leads"

    def ready(self) -> None:
        from leads.handoff import notifications  # noqa: F401  (registers the notification texts)
