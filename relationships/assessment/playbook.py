"""The recommended next steps per stage: what to do to reach the next one.

A step links to the page of the product that helps with it. To link a feature that lands
later (the weekly meeting, field notes), set its `url_name`; a name
that does not resolve is simply shown without a link.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from relationships.assessment.stages import StageCode


@dataclass(frozen=True)
class Step:
    key: str
    title: Promise
    text: Promise
    url_name: str | None = None

    @property
    def url(self) -> str | None:
        if not self.url_name:
            return None
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


PLAYBOOK: dict[StageCode, list[Step]] = {
    StageCode.VRIJGEZEL: [
        Step(
            "handoff-rules",
            _("Agree the rules for handing over leads"),
            _(
                "Write down together when a lead is ready for sales, how fast sales picks it "
                "up and what happens to a lead that sales turns down. Both managers sign off."
            ),
            url_name="leads:agreement",
        ),
        Step(
            "touchpoints",
            _("Map where the teams depend on each other"),
            _(
                "List the moments where one team's work needs the other, such as leads, "
                "campaigns and quotes, and agree who does what at each of them."
            ),
        ),
        Step(
            "talk-without-fire",
            _("Talk when nothing is on fire"),
            _(
                "Plan a short regular talk between the two managers that is about plans "
                "and expectations, not about the latest conflict."
            ),
        ),
    ],
    StageCode.VERKERING: [
        Step(
            "who-is-who",
            _("Make sure everyone can find each other"),
            _(
                "Ask everybody to complete their card in the who-is-who: what they cover, "
                "what colleagues can ask them and how to reach them."
            ),
            url_name="alignment:directory",
        ),
        Step(
            "shared-process",
            _("Draw one shared process with clear rules"),
            _(
                "Describe the route from first contact to signed contract as one process, "
                "with the rules that apply at every step, for both teams."
            ),
            url_name="leads:agreement",
        ),
        Step(
            "weekly-meeting",
            _("Meet every week and leave with action items"),
            _(
                "Discuss important opportunities and problems together each week, and end "
                "every meeting with concrete actions, each with an owner and a due date."
            ),
            url_name="dashboards:meeting_list",
        ),
        Step(
            "joint-key-accounts",
            _("Start joint projects around the largest customers"),
            _(
                "Pick a few key accounts and let a marketer and a salesperson plan and work "
                "on each of them as one team."
            ),
        ),
        Step(
            "job-rotation",
            _("Let people work in the other team for a while"),
            _(
                "A marketer joining sales calls, or a salesperson helping to build a "
                "campaign, learns more about the other side than any presentation teaches."
            ),
            url_name="relationships:rotations",
        ),
        Step(
            "liaison",
            _("Appoint a liaison from marketing"),
            _(
                "One person who knows both teams, shares knowledge both ways and spots "
                "friction before it turns into a conflict. Mark them as liaison on their card."
            ),
            url_name="alignment:directory",
        ),
        Step(
            "seat-together",
            _("Seat the teams together"),
            _(
                "People who sit within earshot of each other pick up news and solve small "
                "problems without a meeting."
            ),
        ),
        Step(
            "cheap-feedback",
            _("Make sharing customer insight effortless for sales"),
            _(
                "Give salespeople a way to pass on objections, ideas and competitor news to "
                "marketing in a minute, and let marketing answer visibly."
            ),
            url_name="relationships:note_feed",
        ),
    ],
    StageCode.SAMENWONEND: [
        Step(
            "customer-leader",
            _("Appoint one leader for the customer"),
            _(
                "One person, a customer director, steers marketing and sales together on "
                "revenue and profit and settles disputes between them."
            ),
        ),
        Step(
            "buying-cycle",
            _("Split the customer's buying cycle between the teams"),
            _(
                "Describe the phases a customer goes through when buying, and agree for each "
                "phase which team leads: marketing for the early ones, sales for the later."
            ),
        ),
        Step(
            "joint-goals",
            _("Set shared goals and measure them together"),
            _(
                "Agree targets that both teams answer for, such as revenue from new "
                "customers, and follow them on one dashboard."
            ),
        ),
        Step(
            "joint-rewards",
            _("Reward shared results"),
            _(
                "Make part of the bonus or recognition of both teams depend on the results "
                "they reach together."
            ),
        ),
    ],
    StageCode.GETROUWD: [
        Step(
            "keep-it-up",
            _("Keep the habits that brought you here"),
            _(
                "Repeat this assessment every year, keep meeting weekly and watch the "
                "perception gap: a growing gap is the first sign of drifting apart."
            ),
        ),
        Step(
            "service-team",
            _("Bring customer service into the relationship"),
            _(
                "The next relationship worth working on is with the service team: they "
                "talk to customers after the sale and know what keeps them loyal."
            ),
        ),
    ],
}

STEP_BY_KEY = {step.key: step for steps in PLAYBOOK.values() for step in steps}


def steps_for(stage: StageCode) -> list[Step]:
    return PLAYBOOK[stage]
