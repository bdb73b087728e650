"""Client settings, environment variables, user agent, lifecycle."""

from __future__ import annotations

import platform

import pytest

import genesiscloud
from genesiscloud.testing import Emulator


def test_token_and_endpoint_from_the_environment(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESISCLOUD_TOKEN", emulator.token)
    monkeypatch.setenv("GENESISCLOUD_ENDPOINT", emulator.base_url)
    with genesiscloud.Client() as client:
        assert client.base_url == emulator.base_url
        assert client.images.list_page().items


def test_missing_token_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GENESISCLOUD_TOKEN", raising=False)
    with pytest.raises(genesiscloud.InvalidArgumentError, match="GENESISCLOUD_TOKEN"):
        genesiscloud.Client()


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("base_url", "http://api.example.com/compute/v1"),
        ("per_page", 0),
        ("concurrency", 0),
        ("timeout", -1.0),
        ("auth_scheme", "basic"),
        ("max_requests_per_second", 0.0),
    ],
)
def test_bad_settings_are_refused(setting: str, value: object) -> None:
    with pytest.raises(genesiscloud.InvalidArgumentError):
        genesiscloud.Client(token="t", **{setting: value})  # type: ignore[arg-type]


def test_user_agent_names_python(client: genesiscloud.Client, emulator: Emulator) -> None:
    client.images.list_page()
    agent = emulator.requests()[0]["headers"]["user-agent"]
    assert agent == f"genesiscloud-sdk/{genesiscloud.__version__} (python/{platform.python_version()})"


def test_bearer_scheme(emulator: Emulator) -> None:
    with emulator.client(auth_scheme="bearer") as client:
        assert client.auth_scheme == "bearer"
        client.images.list_page()
    assert emulator.requests()[0]["auth"] == "bearer"


def test_closed_client_refuses_calls(emulator: Emulator) -> None:
    client = emulator.client()
    with client:
        pass
    assert client.closed
    with pytest.raises(genesiscloud.InvalidArgumentError, match="closed"):
        client.images.list_page()


async def test_async_context_manager(emulator: Emulator) -> None:
    async with emulator.async_client() as client:
        assert (await client.images.list_page()).items
    assert client.closed


def test_account_endpoints(client: genesiscloud.Client) -> None:
    quotas = client.quotas()
    assert quotas
    assert all(isinstance(q, genesiscloud.Quota) for q in quotas)
    assert all(isinstance(f, genesiscloud.QuotaFlavor) for q in quotas for f in q.flavors)
    reservations = client.reservations()
    assert all(isinstance(r.quota, genesiscloud.ReservationQuota) for r in reservations)
    availability = client.availability("NORD-NO-KRS-1")
    assert availability.region == "NORD-NO-KRS-1"
    assert availability.instance_types
    assert all(isinstance(a, genesiscloud.InstanceTypeAvailability) for a in availability.instance_types)
    assert all(isinstance(a.available, bool) for a in availability.instance_types)


def test_instance_lifecycle(client: genesiscloud.Client) -> None:
    key = client.ssh_keys.create(
        name="k", value="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x@y"
    )
    image = next(iter(client.images.list()))
    created = client.instances.create(
        name="vm",
        hostname="vm",
        type="vcpu-4_memory-12g_disk-80g_nvidia3080-1",
        image=image.id,
        region="NORD-NO-KRS-1",
        ssh_keys=[key.id],
    )
    active = client.instances.wait_until(created.id, "active", timeout=10, interval=0.05)
    assert active.status == "active"
    client.instances.perform_action(created.id, "stop")
    assert client.instances.wait_until(created.id, "stopped", timeout=10, interval=0.05) is not None
    renamed = client.instances.update(created.id, name="renamed")
    assert renamed.name == "renamed"
    client.instances.delete(created.id)
    assert client.instances.wait_until(created.id, "deleted", timeout=10, interval=0.05) is None


def test_extra_body_sends_unknown_fields(client: genesiscloud.Client, emulator: Emulator) -> None:
    client.ssh_keys.create(
        name="k",
        value="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x@y",
        extra_body={"labels": {"team": "ml"}},
    )
    assert emulator.requests()[0]["body"]["labels"] == {"team": "ml"}
