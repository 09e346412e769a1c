from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "leads"

    def ready(self) -> None:
        from leads.handoff import notifications  # noqa: F401  (registers the notification texts)
        from leads.profiles import directory

        directory.register_filter()  # the who-is-who's segment filter
