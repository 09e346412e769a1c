"""Load the demo data. Each app adds its part in its own `demo.py` with a `seed` function.

Running it twice gives the same data as running it once.
"""

import importlib
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from alignment.notifications import without_emails

# In dependency order: later apps build on the people and data of earlier ones.
DEMO_MODULES = ["alignment.demo", "leads.demo", "relationships.demo", "dashboards.demo"]


class Command(BaseCommand):
    help = "Load the deterministic demo organisation (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--leads", type=int, default=3000, help="Number of demo leads (topped up to N)."
        )

    def handle(self, *args, seed: int, **options) -> None:
        # The demo's people have made-up addresses: what they are told stays in the app.
        with transaction.atomic(), without_emails():
            for name in DEMO_MODULES:
                module = _optional_module(name)
                if module is not None:
                    module.seed(rng=random.Random(f"{seed}:{name}"), **_extra(module, options))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def _optional_module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        return None


def _extra(module, options: dict) -> dict:
    """Options a seeder declares in DEMO_OPTIONS (e.g. --leads) are passed on to it."""
    return {key: options[key] for key in getattr(module, "DEMO_OPTIONS", ()) if key in options}
