"""Models: attribute access, exact round-trip of the wire JSON, equality,
repr, pickling."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pytest

import genesiscloud
from genesiscloud import Image, Instance, ResourceRef, SecurityGroup
from genesiscloud.testing import Emulator


def instance_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "i-1",
        "name": "vm",
        "hostname": "vm",
        "dns_name": "vm.example",
        "type": "vcpu-4_memory-12g_disk-80g_nvidia3080-1",
        "status": "active",
        "region": "NORD-NO-KRS-1",
        "os_type": "linux",
        "image": {"id": "img-1", "name": "Ubuntu", "rating": 5},
        "placement_option": "AUTO",
        "private_ip": None,
        "public_ip": "203.0.113.7",
        "floating_ip": None,
        "reservation_id": None,
        "security_groups": [{"id": "sg-1", "name": "default"}],
        "ssh_keys": [],
        "volumes": [],
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
    }
    data.update(changes)
    return data


def test_fields_are_attributes_with_nested_models() -> None:
    instance = Instance(instance_json())
    assert instance.name == "vm"
    assert instance.public_ip == "203.0.113.7"
    assert instance.floating_ip is None
    assert instance.image == ResourceRef({"id": "img-1", "name": "Ubuntu", "rating": 5})
    assert instance.image.name == "Ubuntu"
    assert [sg.name for sg in instance.security_groups] == ["default"]
    assert instance.disk_size is None, "an optional field that is absent reads as None"


def answer_with(emulator: Emulator, instance: dict[str, Any]) -> None:
    """Makes the emulator answer every GET of an instance with `instance`,
    as the wire JSON of a newer API would be."""
    emulator.clear_faults()
    emulator.inject_fault(kind="status", status=200, method="GET", path="/compute/v1/instances/*",
                          body=json.dumps({"instance": instance}))


def test_unknown_fields_and_enum_values_round_trip_through_the_decoder(
    client: genesiscloud.Client, emulator: Emulator
) -> None:
    wire = instance_json(status="hibernating", region="MARS-1", gpu_topology={"nvlink": True, "links": [1]})
    answer_with(emulator, wire)
    instance = client.instances.get("i-1")
    assert instance.status == "hibernating"
    assert instance.region == "MARS-1"
    assert instance.image.to_dict() == {"id": "img-1", "name": "Ubuntu", "rating": 5}
    assert instance.to_dict() == wire
    # What to_dict() gives back decodes, as an answer again, to the same model.
    answer_with(emulator, instance.to_dict())
    again = client.instances.get("i-1")
    assert again == instance
    assert again.to_dict() == wire


def test_to_dict_is_a_copy() -> None:
    instance = Instance(instance_json())
    copy = instance.to_dict()
    copy["image"]["name"] = "changed"
    instance.security_groups.clear()
    assert instance.image.name == "Ubuntu"
    assert len(instance.security_groups) == 1


def test_unknown_attribute_is_an_attribute_error() -> None:
    instance = Instance(instance_json())
    with pytest.raises(AttributeError):
        instance.nmae  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError):
        instance.name = "other"


def test_equality_compares_class_and_data() -> None:
    assert Instance(instance_json()) == Instance(instance_json())
    assert Instance(instance_json()) != Instance(instance_json(name="other"))
    assert Image({"id": "i-1"}) != Instance({"id": "i-1"})


def test_repr_is_readable() -> None:
    assert repr(Instance(instance_json())) == "Instance(id='i-1', name='vm', status='active')"
    rule = SecurityGroup(
        {
            "id": "s",
            "name": "web",
            "status": "created",
            "rules": [
                {"direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22}
            ],
        }
    ).rules[0]
    assert repr(rule) == (
        "SecurityGroupRule(direction='ingress', protocol='tcp', port_range_min=22, port_range_max=22)"
    )


def test_models_pickle() -> None:
    instance = Instance(instance_json())
    assert pickle.loads(pickle.dumps(instance)) == instance


def test_models_are_unhashable_like_dicts() -> None:
    with pytest.raises(TypeError):
        hash(Instance(instance_json()))


def test_round_trip_through_the_api(client: genesiscloud.Client) -> None:
    for image in client.images.list():
        assert Image(image.to_dict()) == image
    page = client.images.list_page(per_page=2)
    assert page.to_dict()["items"] == [i.to_dict() for i in page.items]
