"""Rate limits counted in one place for every app instance (Redis), or in each process (memory://).

Two app instances stand for two gunicorn workers or two servers behind one proxy: with RATELIMIT_STORAGE_URI
pointing at one real Redis, one person's posts and wrong staff passwords are counted once across both."""

from __future__ import annotations

import pytest

from tests.conftest import free_port
from wizard.settings import SettingsError, load_settings

FORM = "/complaint/child-in-danger"


def instances(make_app, storage: str, per_minute: int = 3):
    return [
        make_app(WTF_CSRF_ENABLED=False, RATE_LIMIT_PER_MINUTE=per_minute, RATELIMIT_STORAGE_URI=storage)
        .test_client()
        for _ in range(2)
    ]


def test_two_instances_share_one_limit_in_redis(make_app, redis_server):
    first, second = instances(make_app, redis_server.uri)
    statuses = [client.post(FORM).status_code != 429 for client in (first, second, first, second)]
    assert statuses == [True, True, True, False]  # 3 a minute, whichever instance answers
    assert first.post(FORM).status_code == 429
    # Another address has its own allowance.
    assert second.post(FORM, environ_base={"REMOTE_ADDR": "198.51.100.20"}).status_code != 429


def test_in_memory_each_instance_counts_alone(make_app):
    """What Redis is for: with memory:// two instances allow twice the limit."""
    first, second = instances(make_app, "memory://")
    statuses = [client.post(FORM).status_code for client in (first, second, first, second)]
    assert 429 not in statuses


def test_wrong_staff_passwords_are_counted_across_instances(make_app, redis_server):
    first, second = instances(make_app, redis_server.uri, per_minute=1000)
    statuses = [
        client.post("/staff/sign-in", data={"password": f"wrong guess {n} here"}).status_code
        for n, client in enumerate([first, second] * 3)
    ]
    assert statuses == [200] * 5 + [429]


def test_if_redis_goes_away_people_are_not_turned_away(make_app, redis_server, caplog):
    first, _second = instances(make_app, redis_server.uri)
    assert first.post(FORM).status_code != 429
    redis_server.stop()
    statuses = [first.post(FORM).status_code for _ in range(4)]
    assert 500 not in statuses
    assert 429 not in statuses[:2] and statuses[-1] == 429  # counted in memory meanwhile
    assert "falling back to in-memory storage" in caplog.text


def test_an_unreachable_rate_limit_store_stops_start_up(make_app):
    with pytest.raises(SettingsError) as caught:
        make_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{free_port()}/0")
    assert caught.value.variable == "RATELIMIT_STORAGE_URI"


@pytest.mark.parametrize("value", ["redis", "http://cache.example", "mongodb://x"])
def test_a_storage_uri_of_an_unknown_kind_stops_start_up(value):
    with pytest.raises(SettingsError) as caught:
        load_settings({"RATELIMIT_STORAGE_URI": value})
    assert caught.value.variable == "RATELIMIT_STORAGE_URI"


def test_send_has_a_tighter_limit_than_other_posts(make_app):
    client = make_app(WTF_CSRF_ENABLED=False, RATE_LIMIT_PER_MINUTE=60).test_client()
    statuses = [client.post("/complaint/send").status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]  # 5 a minute
    assert client.post(FORM).status_code != 429  # other forms still work


@pytest.mark.parametrize("storage", ["memory", "redis"])
def test_only_posts_are_limited_and_pages_still_open_when_posts_are_not(make_app, redis_server, storage):
    """Every limit counts posts: reading pages (and the staff sign-in page) is never limited, before or after the
    posts run out, and reading does not use up the posts."""
    client = make_app(WTF_CSRF_ENABLED=False, RATE_LIMIT_PER_MINUTE=3, STAFF_PASSWORD="a-long-staff-password-1",
                      RATELIMIT_STORAGE_URI=redis_server.uri if storage == "redis" else "memory://").test_client()
    for _ in range(10):
        assert client.get(FORM).status_code == 200
        assert client.get("/staff/sign-in").status_code == 200
    assert [client.post(FORM).status_code != 429 for _ in range(4)] == [True, True, True, False]
    assert client.get(FORM).status_code == 200 and client.get("/").status_code == 200
    assert client.post("/complaint/send").status_code == 429
