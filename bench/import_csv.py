"""Import N rows from a CSV: parse, validate, score and write, as the import task does.

uv run python bench/import_csv.py --rows 100000   (on top of the demo leads, ~5% of the
rows are duplicates of existing leads and are skipped; the rows are then deleted again)

Prints the time of each phase of the import too (the functions of leads.intake.importing
it calls, timed in place). The rows are checked while the COPY writes them, so the
checking's time is part of the COPY's.
"""

import argparse
import csv
import io
import random
import time
from collections import defaultdict

from _setup import ensure_leads, timed

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--leads", type=int, default=3000)
args = parser.parse_args()
ensure_leads(args.leads)

from alignment.models import Person  # noqa: E402
from leads.intake import importing, services  # noqa: E402
from leads.models import BackgroundJob, ImportJob, Lead, Source  # noqa: E402

PHASES = defaultdict(float)


def _phase(module, name: str, label: str) -> None:
    """Time every call of module.name under `label`."""
    original = getattr(module, name)

    def timed_call(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            PHASES[label] += time.perf_counter() - started

    setattr(module, name, timed_call)


def _rows_timed(module) -> None:
    """csv_import.rows is a generator: time the work of drawing its rows."""
    original = module.rows

    def rows(*args, **kwargs):
        iterator = original(*args, **kwargs)
        while True:
            started = time.perf_counter()
            try:
                row = next(iterator)
            except StopIteration:
                PHASES["parse and validate every row"] += time.perf_counter() - started
                return
            PHASES["parse and validate every row"] += time.perf_counter() - started
            yield row

    module.rows = rows


rng = random.Random(1)
existing = list(Lead.objects.values_list("email", flat=True)[: args.rows // 20])
out = io.StringIO()
writer = csv.writer(out, delimiter=";")
writer.writerow(["Voornaam", "Achternaam", "E-mailadres", "Bedrijf", "Functie", "Branche",
                 "Aantal medewerkers", "Jaaromzet", "Land"])  # fmt: skip
for n in range(args.rows):
    email = existing[n] if n < len(existing) else f"bench{n}@import{n % 97}.nl"
    writer.writerow([
        "Sanne", f"de Boer {n}", email, f"Bedrijf {n % 5000}", rng.choice(
            ["Operations Manager", "Directeur", "Hoofd Inkoop", "Stagiair"]),
        rng.choice(["Manufacturing", "Logistiek", "Zorg", "Retail"]),
        str(rng.randint(5, 2000)), f"€ {rng.randint(1, 900)}.000.000", rng.choice(["NL", "België"]),
    ])  # fmt: skip
data = out.getvalue().encode("cp1252")
print(f"{args.rows:,} rows, {len(data) / 1024 / 1024:.1f} MB, on {Lead.objects.count():,} leads")
marketer = Person.objects.get(user__username="marketeer")
import_job = timed("upload check", lambda: services.create_import(
    data=data, filename="bench.csv", by=marketer))  # fmt: skip
import_job.job = BackgroundJob.objects.create(kind="import")
import_job.mode = ImportJob.Mode.VALID_ROWS
import_job.save()
from leads.campaigns import stats  # noqa: E402
from leads.intake import csv_import  # noqa: E402
from leads.profiles import scoring_sql  # noqa: E402

_rows_timed(csv_import)
_phase(importing, "_record_rejections", "record rejected rows and notes")
_phase(importing, "_record_notes", "record rejected rows and notes")
_phase(csv_import, "addresses", "read every row's address ahead")
_phase(importing, "_existing_by_email", "find known email addresses")
_phase(importing, "insert_rows", "COPY the new leads (with index upkeep), the checks included")
_phase(scoring_sql, "rescore_range", "score the new leads (one upsert into the fits)")
_phase(importing, "_update_existing", "update known leads")
_phase(stats, "refresh", "campaign figures")
_phase(importing, "merge_gin_pending", "merge the search index's pending list")
_phase(importing, "tidy_after_bulk_write", "VACUUM (ANALYZE) leads and fits")
# The moment the job says "done" to the person who started it; the merge and the vacuum
# run after it.
finished = []
_finish = importing.progress.finish
importing.progress.finish = lambda *a, **k: (finished.append(time.perf_counter()), _finish(*a, **k))
started = time.perf_counter()
timed(
    "import (parse, validate, score, write)", lambda: importing.run_import(import_id=import_job.pk)
)
print(f"  done for the person (the job's status) after {(finished[-1] - started) * 1000:,.0f} ms")
for label, seconds in PHASES.items():
    print(f"  {label}: {seconds * 1000:,.0f} ms")
import_job.refresh_from_db()
print(f"created {import_job.created:,}, skipped {import_job.skipped:,}, "
      f"rejected {import_job.rejected:,}, status {import_job.job.status}")  # fmt: skip
Lead.objects.filter(source=Source.IMPORT).delete()
import_job.delete()
