"""The back office speaks Vietnamese by default, whatever language the browser asks for."""

import pytest


@pytest.mark.django_db
def test_admin_login_is_vietnamese_even_for_an_english_browser(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="vi"' in html
    assert "Đăng nhập" in html


@pytest.mark.django_db
def test_admin_dashboard_is_vietnamese_for_the_principal(client, login):
    login("hieutruong")
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
