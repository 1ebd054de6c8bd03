"""django-axes stops password guessing on the admin login."""

from django.conf import settings

from tests.factories import StaffFactory


def test_admin_login_locks_after_repeated_failures(client, demo):
    StaffFactory(username="editor")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    locked = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery staple"})
    assert locked.status_code == 429
    assert "Too many sign-in attempts" in locked.content.decode()


def test_admin_login_works_with_the_right_password(client, demo):
    StaffFactory(username="editor")
    response = client.post("/admin/login/", {"username": "editor", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
