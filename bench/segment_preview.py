"""The segment editor's live preview (the effect of an edit on every segment), at N leads.

uv run python bench/segment_preview.py --leads 1000000   (a full htmx request through
Django's test client, signed in as the demo marketer, editing the first segment's profile;
the median of 7 after two warm-ups, as issue #15 measures. For comparison, the same figures
counted over every lead.)
"""

import statistics
import time

from _setup import arguments, as_web_requests, ensure_leads, timed

args = arguments(__doc__)
ensure_leads(args.leads)
as_web_requests()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from leads.models import Lead, Segment  # noqa: E402
from leads.profiles import queries, scoring  # noqa: E402

marketer = get_user_model().objects.get(username="marketeer")
client = Client()
client.force_login(marketer)
segment = Segment.objects.select_related("icp").order_by("pk").first()
profile = queries.profile_of(segment.icp)
data = {"name": segment.name, "active": "on"}
for name in scoring.PROFILE_FIELDS:
    value = getattr(segment.icp, name)
    if isinstance(value, bool):
        if value:
            data[name] = "on"
    elif name in ("industries", "countries"):
        data[name] = list(value)
    elif isinstance(value, list | tuple):
        data[name] = "\n".join(value)
    elif value is not None:
        data[name] = str(value)
# The keystroke being previewed: one more weight on the job title.
data["title_weight"] = str(min(10, segment.icp.title_weight + 3))
url = reverse("leads:segment_edit_preview", args=[segment.pk])

print(f"{Lead.objects.count():,} leads, {Segment.objects.filter(active=True).count()} "
      f"active segments, {connection.vendor}")  # fmt: skip


def request(employees_min: int | None = None) -> None:
    """The preview of `data`; with `employees_min`, of a keystroke in that field too (each
    request a profile the preview has not seen yet, as when someone types)."""
    typed = data if employees_min is None else data | {"employees_min": str(employees_min)}
    response = client.post(url, typed, headers={"HX-Request": "true"})
    assert response.status_code == 200, response.status_code
    assert b'class="preview-table"' in response.content, "the preview shows no figures"


request(1)
request(2)
times = []
for typed in range(3, 10):
    started = time.perf_counter()
    request(typed)
    times.append(time.perf_counter() - started)
print(f"preview request (sampled), 7 after two warm-ups: median "
      f"{statistics.median(times) * 1000:,.1f} ms, best {min(times) * 1000:,.1f}, "
      f"worst {max(times) * 1000:,.1f}")  # fmt: skip

values = {name: getattr(segment.icp, name) for name in scoring.PROFILE_FIELDS}
values["title_weight"] = int(data["title_weight"])
sampled = queries.edit_effect(segment=segment, values=values, active=True)
print(f"  sample: {sampled.counted:,} of {sampled.total:,} leads (1 in {sampled.sample_every}), "
      f"{len(sampled.moves)} moves")  # fmt: skip
queries.PREVIEW_SAMPLE = 10**9
exact = timed(
    "the same, every lead counted (no sample)",
    lambda: queries.edit_effect(segment=segment, values=values, active=True),
)
print(f"  exact: {exact.counted:,} leads counted")


def figures(effect) -> list[int]:
    rows = [(c.leads_now, c.leads_after, c.high_now, c.high_after) for c in effect.segments]
    return [figure for row in rows for figure in row]


error = max(abs(a - b) for a, b in zip(figures(sampled), figures(exact), strict=True))
print(f"  largest difference sampled vs exact: {error:,} (stated margin ±{sampled.margin:,})")
for change in exact.segments:
    print(f"  {change.name}: leads {change.leads_now:,} → {change.leads_after:,}, "
          f"high fit {change.high_now:,} → {change.high_after:,}")  # fmt: skip
