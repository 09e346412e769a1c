"""The sentences of the relationships app's notifications, registered once when the app
loads."""

from django.utils.translation import gettext_lazy as _

from alignment.notification_texts import register

register("field_note_reply", _("%(person)s replied to your field note “%(note)s”."))
register("field_note_author_reply", _("%(person)s answered in the field note “%(note)s”."))
register("action_item_assigned", _("%(person)s made you owner of the action item “%(title)s”."))
register("action_item_due", _("Your action item “%(title)s” is due tomorrow."))
register(
    "assessment_reminder",
    _(
        "Your answers to the relationship assessment “%(round)s” are still missing. It takes "
        "a few minutes, and it only counts with both teams taking part."
    ),
)
register("action_item_comment", _("%(person)s commented on your action item “%(title)s”: %(text)s"))
register("rotation_approved", _("Your rotation starting %(start)s is approved"))
register("rotation_declined", _("Your rotation starting %(start)s is declined"))
register("rotation_buddy", _("%(name)s joins your team from %(start)s; you are the buddy"))
