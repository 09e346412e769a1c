"""The campaign pages: the list, one campaign with its figures and cost lines, the editor,
what is coming for sales (a list and a month calendar) and the calendar feed."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alignment import ical, roles
from alignment.forms import errors_in_words
from alignment.http import HtmxHttpRequest, template_for
from alignment.pagination import page_number, paginate
from leads.campaigns import deals, queries, services
from leads.campaigns.forms import CampaignFilterForm, CampaignForm, MonthForm, SpendForm
from leads.models import Campaign, Spend


def _campaign_for_user(request: HttpRequest, pk: int) -> Campaign:
    roles.require(roles.can_view_campaigns(request.user))
    try:
        return queries.campaign_detail(pk)
    except Campaign.DoesNotExist:
        raise Http404 from None


def _me(request: HttpRequest):
    person = roles.person_of(request.user)
    roles.require(person is not None)
    return person


@require_GET
def campaign_list(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_campaigns(request.user))
    filters = CampaignFilterForm(request.GET)
    page = paginate(
        queries.campaign_list(filters.values()), page_number(request), queries.LIST_PAGE
    )
    context = {
        "filters": filters,
        "page": page,
        "can_create": roles.can_manage_campaigns(request.user),
        "roi_help": deals.ROI_HELP,
    }
    template = template_for(request, "leads/campaigns/campaign_list.html", "results")
    return render(request, template, context)


@require_GET
def campaign_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for_user(request, pk)
    can_edit = roles.can_edit_campaign(request.user, campaign.owner)
    context = {
        "campaign": campaign,
        "figures": queries.figures(campaign),
        "cost_lines": queries.cost_lines(campaign),
        "can_edit": can_edit,
        "cost_form": SpendForm(initial={"category": "campaigns"}) if can_edit else None,
        "roi_help": deals.ROI_HELP,
        "won_revenue_help": deals.WON_REVENUE_HELP,
    }
    return render(request, "leads/campaigns/campaign_detail.html", context)


@require_http_methods(["GET", "POST"])
def campaign_create(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_manage_campaigns(request.user))
    me = _me(request)
    initial = {"owner": me if roles.acts_for_marketing(request.user) else None}
    return _campaign_form(request, CampaignForm(request.POST or None, initial=initial), None)


@require_http_methods(["GET", "POST"])
def campaign_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for_user(request, pk)
    roles.require(roles.can_edit_campaign(request.user, campaign.owner))
    return _campaign_form(request, CampaignForm(request.POST or None, instance=campaign), campaign)


def _campaign_form(request: HttpRequest, form: CampaignForm, campaign: Campaign | None):
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        segments = values.pop("segments")
        saved = services.save_campaign(
            campaign=campaign, values=values, segments=segments, by=_me(request)
        )
        messages.success(request, _("Campaign %(name)s is saved.") % {"name": saved.name})
        return redirect(saved)
    context = {"form": form, "campaign": campaign}
    return render(request, "leads/campaigns/campaign_form.html", context)


@require_POST
def cost_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign_for_user(request, pk)
    roles.require(roles.can_edit_campaign(request.user, campaign.owner))
    form = SpendForm(request.POST)
    if form.is_valid():
        services.add_cost(campaign=campaign, values=form.cleaned_data, by=_me(request))
        messages.success(request, _("The cost line is added."))
    else:
        messages.error(request, _("The cost line was not added: %(errors)s") % {
            "errors": errors_in_words(form)
        })  # fmt: skip
    return redirect(reverse("leads:campaign_detail", args=[campaign.pk]) + "#costs")


@require_POST
def cost_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    line = get_object_or_404(Spend.objects.select_related("campaign__owner"), pk=pk)
    if line.campaign is None:
        raise Http404
    services.remove_spend(line=line, by=_me(request))
    messages.success(request, _("The cost line is removed."))
    return redirect(reverse("leads:campaign_detail", args=[line.campaign_id]) + "#costs")


# For sales: what is coming -------------------------------------------------------------


@require_GET
def coming(request: HtmxHttpRequest) -> HttpResponse:
    roles.require(roles.can_view_campaigns(request.user))
    first_day = MonthForm(request.GET).first_day()
    context = {
        "campaigns": queries.coming(),
        "weeks": queries.month(first_day),
        "first_day": first_day,
        "previous_month": queries.shift_month(first_day, -1),
        "next_month": queries.shift_month(first_day, 1),
        "today": timezone.localdate(),
        "weeks_ahead": queries.COMING_WEEKS,
    }
    template = template_for(request, "leads/campaigns/coming.html", "calendar")
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def calendar_feed(request: HtmxHttpRequest) -> HttpResponse:
    """A person's own secret calendar address: make, renew or stop it."""
    roles.require(roles.can_view_campaigns(request.user))
    me = _me(request)
    raw = None
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            services.revoke_calendar_feed(person=me)
            messages.success(request, _("The calendar address no longer works."))
            return redirect("leads:calendar_feed")
        raw = services.renew_calendar_feed(person=me)
    address = settings.SITE_URL + reverse("leads:calendar_ics", args=[raw]) if raw else None
    context = {"address": address, "has_feed": queries.has_feed(me)}
    return render(request, "leads/campaigns/calendar_feed.html", context)


@login_not_required
@never_cache
@require_GET
def calendar_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The campaigns as iCalendar, for calendar programs that cannot log in: the secret
    in the address is the key, read-only."""
    person = queries.person_of_feed(token)
    if person is None:
        raise Http404
    with translation.override(person.language):
        events = [_event(campaign) for campaign in queries.feed_campaigns()]
        body = ical.calendar(_("Alignment campaigns"), events)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="campaigns.ics"'
    return response


def _event(campaign: Campaign) -> ical.Event:
    parts = [campaign.get_channel_display()]
    if campaign.offer:
        parts.append(_("Offer: %(offer)s") % {"offer": campaign.offer})
    if campaign.talking_points:
        parts.append(_("Talking points: %(points)s") % {"points": campaign.talking_points})
    return ical.Event(
        uid=f"campaign-{campaign.pk}@alignment",
        start=campaign.start_date,
        end=campaign.end_date,
        summary=f"{campaign.name} ({campaign.code})",
        description="\n\n".join(parts),
        url=settings.SITE_URL + campaign.get_absolute_url(),
        stamp=campaign.updated_at,
    )
