import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from alignment import roles, services
from alignment.models import Role
from tests.conftest import make_person


def _card(**overrides) -> dict:
    return {
        "first_name": "Sam",
        "last_name": "Seller",
        "email": "sam@example.com",
        "job_title": "Account executive",
        "phone": "+31 6 1234 5678",
        "expertise": "Pricing",
        "covers": "Logistics NL",
    } | overrides


def test_everyone_edits_their_own_card(login, salesperson):
    response = login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]), _card(covers="Healthcare Flanders")
    )
    assert response.status_code == 302
    salesperson.refresh_from_db()
    assert salesperson.covers == "Healthcare Flanders"
    assert salesperson.user.last_name == "Seller"


def test_own_card_cannot_change_own_role_or_liaison_flag(login, salesperson):
    login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(role="manager", team="marketing", is_liaison="on"),
    )
    salesperson.refresh_from_db()
    assert salesperson.role == Role.SALESPERSON
    assert salesperson.team.code == "sales"
    assert salesperson.is_liaison is False


def test_colleague_cannot_edit_someone_elses_card(login, marketer, salesperson):
    response = login(marketer).post(
        reverse("alignment:person_edit", args=[salesperson.pk]), _card(covers="Hijacked")
    )
    assert response.status_code == 403
    salesperson.refresh_from_db()
    assert salesperson.covers == ""


def test_manager_of_another_team_cannot_edit(login, manager, salesperson):
    response = login(manager).post(reverse("alignment:person_edit", args=[salesperson.pk]), _card())
    assert response.status_code == 403


def test_sales_manager_edits_a_salesperson_and_sets_the_liaison_flag(
    login, sales_manager, salesperson
):
    response = login(sales_manager).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(role="salesperson", team="sales", is_liaison="on"),
    )
    assert response.status_code == 302
    salesperson.refresh_from_db()
    assert salesperson.is_liaison is True


def test_manager_cannot_make_an_administrator(login, sales_manager, salesperson):
    response = login(sales_manager).post(
        reverse("alignment:person_edit", args=[salesperson.pk]), _card(role="admin", team="sales")
    )
    assert response.status_code == 200
    salesperson.refresh_from_db()
    assert salesperson.role == Role.SALESPERSON


def test_role_must_fit_the_team(login, admin_person, salesperson):
    response = login(admin_person).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(role="marketer", team="sales"),
    )
    assert response.status_code == 200
    assert "team" in response.context["form"].errors or response.context["form"].errors
    salesperson.refresh_from_db()
    assert salesperson.role == Role.SALESPERSON
    assert salesperson.user.last_name == "Tester"


def test_invalid_email_is_refused_with_a_message_and_nothing_saved(login, salesperson):
    response = login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(email="not-an-email", covers="X"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    salesperson.refresh_from_db()
    assert salesperson.covers == ""


def test_edit_page_of_missing_person_is_404(login, admin_person):
    response = login(admin_person).get(reverse("alignment:person_edit", args=[99999]))
    assert response.status_code == 404


def test_person_page_shows_edit_link_only_to_those_who_may(login, marketer, salesperson):
    page = login(marketer).get(reverse("alignment:person_detail", args=[salesperson.pk]))
    assert reverse("alignment:person_edit", args=[salesperson.pk]) not in page.text
    page = login(salesperson).get(reverse("alignment:person_detail", args=[salesperson.pk]))
    assert reverse("alignment:person_edit", args=[salesperson.pk]) in page.text


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "purple").save(buffer, "PNG")
    return buffer.getvalue()


def test_photo_upload_is_shown_to_colleagues_only(
    login, salesperson, marketer, client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("me.png", _png(), content_type="image/png")
    login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]), _card(photo=photo)
    )
    salesperson.refresh_from_db()
    assert salesperson.photo.name.startswith("people/")
    page = login(marketer).get(reverse("alignment:person_detail", args=[salesperson.pk]))
    assert salesperson.photo.url in page.text
    assert client.get(salesperson.photo.url).status_code == 200
    client.logout()
    assert client.get(salesperson.photo.url).status_code == 302


def test_a_file_that_is_not_an_image_is_refused(login, salesperson, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("me.png", b"not an image", content_type="image/png")
    response = login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]), _card(photo=fake, covers="Changed")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    salesperson.refresh_from_db()
    assert not salesperson.photo
    assert salesperson.covers == ""


# Who may change whom: only someone above a person changes their card --------------------


def _director():
    return make_person("sales_manager", username="director", leads_all_teams=True)


def test_a_sales_manager_cannot_demote_the_customer_director(login, sales_manager):
    director = _director()
    response = login(sales_manager).post(
        reverse("alignment:person_edit", args=[director.pk]),
        _card(role="salesperson", team="sales", email="taken@example.com"),
    )
    assert response.status_code == 403
    director.refresh_from_db()
    assert (director.role, director.user.email) == (Role.MANAGER, "director@example.com")


def test_a_manager_cannot_change_another_managers_role_or_email(login, sales_manager):
    other = make_person("sales_manager", username="other-manager")
    client = login(sales_manager)
    assert client.get(reverse("alignment:person_edit", args=[other.pk])).status_code == 403
    response = client.post(
        reverse("alignment:person_edit", args=[other.pk]),
        _card(role="salesperson", team="sales", email="mine@example.com"),
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert (other.role, other.user.email) == (Role.MANAGER, "other-manager@example.com")


def test_the_director_changes_the_role_team_and_email_of_a_manager(login, sales_manager):
    response = login(_director()).post(
        reverse("alignment:person_edit", args=[sales_manager.pk]),
        _card(role="manager", team="marketing", email="new@example.com"),
    )
    assert response.status_code == 302
    sales_manager.refresh_from_db()
    assert (sales_manager.team.code, sales_manager.user.email) == ("marketing", "new@example.com")


def test_nobody_raises_someone_to_their_own_level(login, sales_manager, salesperson):
    response = login(sales_manager).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(role="manager", team="sales"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    salesperson.refresh_from_db()
    assert salesperson.role == Role.SALESPERSON


def test_the_card_service_refuses_what_the_editor_may_not_change(sales_manager, salesperson):
    director = _director()
    with pytest.raises(PermissionDenied):
        services.update_person(
            person=director, by=sales_manager, user_fields={}, person_fields={"role": "service"}
        )
    with pytest.raises(PermissionDenied):  # nor raise a salesperson to their own level
        services.update_person(
            person=salesperson, by=sales_manager, user_fields={}, person_fields={"role": "manager"}
        )
    with pytest.raises(PermissionDenied):  # nor change their own role
        services.update_person(
            person=salesperson, by=salesperson, user_fields={}, person_fields={"is_liaison": True}
        )
    director.refresh_from_db()
    salesperson.refresh_from_db()
    assert (director.role, salesperson.role, salesperson.is_liaison) == (
        Role.MANAGER,
        Role.SALESPERSON,
        False,
    )


def test_an_administrator_who_is_demoted_loses_the_django_admin(admin_person):
    other = make_person("admin", username="second-admin")
    services.update_person(
        person=other,
        by=admin_person,
        user_fields={},
        person_fields={"role": "salesperson", "team": "sales"},
    )
    other.user.refresh_from_db()
    assert not other.user.is_superuser and not other.user.is_staff
    assert not roles.is_admin(other.user)


def test_a_name_with_a_line_break_is_refused(login, salesperson):
    response = login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(first_name="Sam\nBcc: all@example.com", job_title="Seller\x1b"),
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "job_title"}
    salesperson.refresh_from_db()
    assert salesperson.user.first_name == "Sam"


# Photos: limited in size and pixels; a replaced or removed photo is deleted ---------------


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/png")


def _big_png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def _stored_photos(root) -> list[str]:
    folder = root / "people"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_a_photo_of_30_mib_is_refused_with_a_clear_message(login, salesperson, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    huge = _upload("me.png", _png() + b"\0" * (30 * 1024 * 1024))  # a valid image of 30 MiB
    response = login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(photo=huge, covers="Changed"),
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "30.0 MB" in response.context["form"].errors["photo"][0]
    salesperson.refresh_from_db()
    assert not salesperson.photo and salesperson.covers == ""
    assert _stored_photos(tmp_path) == []


def test_a_photo_of_too_many_pixels_is_refused(login, salesperson, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    wide = _upload("wide.png", _big_png(12000, 100))  # a few kilobytes, but 12,000 wide
    response = login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(photo=wide),
        headers={"Accept-Language": "en"},
    )
    assert "12000 × 100" in response.context["form"].errors["photo"][0]
    with pytest.raises(ValidationError):  # the service refuses it too
        services.update_person(
            person=salesperson,
            by=salesperson,
            user_fields={},
            person_fields={"photo": _upload("wide.png", _big_png(12000, 100))},
        )
    assert _stored_photos(tmp_path) == []


def test_a_replaced_photo_is_deleted_after_the_commit(
    login, salesperson, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = login(salesperson)
    url = reverse("alignment:person_edit", args=[salesperson.pk])
    client.post(url, _card(photo=_upload("first.png", _png())))
    first = _stored_photos(tmp_path)
    assert len(first) == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, _card(photo=_upload("second.png", _png())))
    assert len(_stored_photos(tmp_path)) == 2  # nothing deleted before the commit
    for callback in callbacks:
        callback()
    salesperson.refresh_from_db()
    assert _stored_photos(tmp_path) == [salesperson.photo.name.removeprefix("people/")]
    assert _stored_photos(tmp_path) != first


def test_a_removed_photo_is_deleted(
    login, salesperson, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = login(salesperson)
    url = reverse("alignment:person_edit", args=[salesperson.pk])
    client.post(url, _card(photo=_upload("me.png", _png())))
    assert 'name="photo-clear"' in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _card(**{"photo-clear": "on"}))
    salesperson.refresh_from_db()
    assert not salesperson.photo
    assert _stored_photos(tmp_path) == []


def test_the_photo_of_someone_who_is_deleted_goes_with_them(
    login, salesperson, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    login(salesperson).post(
        reverse("alignment:person_edit", args=[salesperson.pk]),
        _card(photo=_upload("me.png", _png())),
    )
    with django_capture_on_commit_callbacks(execute=True):
        salesperson.user.delete()
    assert _stored_photos(tmp_path) == []
