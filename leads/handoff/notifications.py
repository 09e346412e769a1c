"""The sentences of the leads app's notifications, registered once when the app loads."""

from django.utils.translation import gettext_lazy as _

from alignment.notification_texts import register

register(
    "lead_handed_off", _("A new lead was handed to you: %(lead)s. Accept or reject it in time.")
)
register("lead_reassigned", _("%(person)s gave you the lead %(lead)s."))
# A bulk reassignment: one notification for all the leads (always two or more).
register("leads_reassigned", _("%(person)s gave you %(count)s leads; they are in your queue."))
register("lead_rejected", _("%(person)s rejected %(lead)s; see the reason in the rejected leads."))
register(
    "sla_breach_accept",
    _("%(lead)s was not accepted or rejected in time (owner: %(owner)s)."),
)
register(
    "sla_breach_first_contact",
    _("%(lead)s did not get its first contact in time (owner: %(owner)s)."),
)
