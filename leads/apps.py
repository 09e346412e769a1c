from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "leads"

    def ready(self) -> None:
        # Registering the notification texts.
        from leads.agreement import notifications as agreement_texts  # noqa: F401
        from leads.handoff import notifications  # noqa: F401
        from leads.profiles import directory

        directory.register_filter()  # the who-is-who's segment filter
