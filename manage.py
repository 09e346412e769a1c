#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alignment.settings")
    from django.core.management import execute_from_command_line

    if sys.argv[1:2] != ["runserver"]:
        # Commands (migrate, seed_demo, compute_dashboard…) are background work: they get
        # the longer statement timeout (alignment/db.py); runserver serves web requests.
        os.environ.setdefault("ALIGNMENT_BACKGROUND", "1")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
