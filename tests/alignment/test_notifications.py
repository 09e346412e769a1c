from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as lazy_text  # not extracted: test text

from alignment import emails, notifications
from alignment.models import Notification
from alignment.notification_texts import register
from tests.queries import assert_same_query_count

register("test_deadline", lazy_text("Lead %(lead)s missed its deadline"))


def _notify(*people, url="/people/"):
    return notifications.notify(
        recipients=list(people), kind="test_deadline", params={"lead": "Acme"}, url=url
    )


def test_notify_creates_one_per_distinct_recipient(salesperson, sales_manager):
    _notify(salesperson, sales_manager, salesperson)
    assert Notification.objects.filter(recipient=salesperson).count() == 1
    assert Notification.objects.filter(recipient=sales_manager).count() == 1


def test_email_goes_out_after_commit_in_the_recipients_language(
    salesperson, sales_manager, mailoutbox, django_capture_on_commit_callbacks
):
    sales_manager.language = "en"
    sales_manager.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(salesperson, sales_manager)
    assert mailoutbox == []  # nothing is sent before the data is committed
    for callback in callbacks:
        callback()
    assert {m.to[0] for m in mailoutbox} == {salesperson.email, sales_manager.email}
    assert all("Acme" in message.subject for message in mailoutbox)


def test_header_shows_the_unread_count(login, salesperson):
    _notify(salesperson)
    _notify(salesperson)
    page = login(salesperson).get(reverse("dashboards:home"))
    assert '<span class="count">2</span>' in page.text


def test_header_says_99_plus_without_counting_them_all(login, salesperson):
    for _ in range(100):
        _notify(salesperson)
    page = login(salesperson).get(reverse("dashboards:home"))
    assert '<span class="count">99+</span>' in page.text
    Notification.objects.filter(pk=Notification.objects.latest("pk").pk).update(read_at=now())
    page = login(salesperson).get(reverse("dashboards:home"))
    assert '<span class="count">99</span>' in page.text


def test_list_shows_only_my_notifications(login, salesperson, marketer):
    _notify(marketer)
    page = login(salesperson).get(reverse("alignment:notification_list"))
    assert "Acme" not in page.text


def test_opening_marks_read_and_goes_to_the_target(login, salesperson):
    (note,) = _notify(salesperson, url="/people/")
    response = login(salesperson).post(reverse("alignment:notification_open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/people/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_opens_someone_elses_notification(login, salesperson, marketer):
    (note,) = _notify(marketer)
    response = login(salesperson).post(reverse("alignment:notification_open", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_an_external_target_is_not_followed(login, salesperson):
    (note,) = _notify(salesperson, url="https://evil.example.com/")
    response = login(salesperson).post(reverse("alignment:notification_open", args=[note.pk]))
    assert response["Location"] == reverse("alignment:notification_list")


def test_mark_all_read_with_htmx_returns_the_panel(login, salesperson, marketer):
    _notify(salesperson)
    _notify(marketer)
    response = login(salesperson).post(
        reverse("alignment:notifications_read_all"), headers={"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert 'id="notification-panel"' in response.text
    assert not Notification.objects.filter(recipient=salesperson, read_at=None).exists()
    assert Notification.objects.filter(recipient=marketer, read_at=None).exists()


def test_notification_list_query_count_is_constant(login, salesperson):
    client = login(salesperson)
    _notify(salesperson)
    assert_same_query_count(
        lambda: client.get(reverse("alignment:notification_list")),
        lambda: [_notify(salesperson) for _ in range(30)],
    )


def test_choosing_a_language_is_remembered_for_emails(login, salesperson):
    login(salesperson).post(reverse("set_language"), {"language": "en"})
    salesperson.refresh_from_db()
    assert salesperson.language == "en"


def test_one_email_that_fails_does_not_stop_the_others(
    salesperson, sales_manager, marketer, mailoutbox, monkeypatch, caplog
):
    notes = _notify(salesperson, sales_manager, marketer)
    real_send = emails.send_mail

    def send(**message):
        if message["recipient_list"] == [sales_manager.email]:
            raise ConnectionError("the mail server hung up")
        return real_send(**message)

    monkeypatch.setattr(emails, "send_mail", send)
    assert emails.send_notification_emails([note.pk for note in notes]) == 2
    assert {m.to[0] for m in mailoutbox} == {salesperson.email, marketer.email}
    assert "the mail server hung up" in caplog.text


def test_line_breaks_never_reach_a_subject(salesperson, mailoutbox):
    (note,) = notifications.notify(
        recipients=[salesperson],
        kind="test_deadline",
        params={"lead": "Acme\nBcc: all@example.com\u2028X"},
        email=False,
    )
    emails.send_notification_emails([note.pk])
    (message,) = mailoutbox
    assert message.subject == "Alignment: Lead Acme Bcc: all@example.com X missed its deadline"
