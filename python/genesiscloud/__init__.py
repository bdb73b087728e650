"""The Genesis Cloud SDK for Python.

>>> import genesiscloud
>>> client = genesiscloud.Client()  # reads GENESISCLOUD_TOKEN
>>> for image in client.images.list():
...     print(image.id, image.name)

``Client`` blocks (releasing the GIL), ``AsyncClient`` is for asyncio. Every
failure raises a subclass of ``GenesisCloudError`` whose ``code`` is the
same in every language of the SDK. Logs go to the ``genesiscloud`` logger of
the standard ``logging`` module. ``genesiscloud.testing`` starts the bundled
API emulator for tests.
"""

from __future__ import annotations

import atexit
import os

from genesiscloud import _native

# Everything else is imported on first use (PEP 562): ``import genesiscloud``
# loads only the native module, and ``Client`` neither the asyncio side nor
# the stdlib that only errors, waits or ``AsyncClient`` need. Type checkers
# and editors see the names through these imports. `make bench` s6 measures
# the cold start; docs/decisions.md, "Import time", says why.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from genesiscloud._async_client import AsyncClient
    from genesiscloud._async_resources import (
        AsyncAccountOperations,
        AsyncFilesystems,
        AsyncFloatingIps,
        AsyncImages,
        AsyncInstances,
        AsyncResourceGroups,
        AsyncSecurityGroups,
        AsyncSnapshots,
        AsyncSshKeys,
        AsyncVolumes,
    )
    from genesiscloud._client import BaseClient, Client
    from genesiscloud._errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        DecodeError,
        GenesisCloudError,
        InternalError,
        InternalServerError,
        InvalidArgumentError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        UnprocessableEntityError,
        WaitTimeoutError,
    )
    from genesiscloud._models import (
        Filesystem,
        FloatingIp,
        Image,
        Instance,
        InstancesAvailability,
        InstanceTypeAvailability,
        Model,
        Quota,
        QuotaFlavor,
        Reservation,
        ReservationQuota,
        ResourceRef,
        SecurityGroup,
        SecurityGroupRule,
        Snapshot,
        SshKey,
        Volume,
    )
    from genesiscloud._pagination import AsyncPager, Page, Pager
    from genesiscloud._params import (
        AttachParam,
        DetachParam,
        InstanceMetadataParam,
        InstanceUserDataParam,
        SecurityGroupRuleParam,
    )
    from genesiscloud._resources import (
        AccountOperations,
        Filesystems,
        FloatingIps,
        Images,
        Instances,
        ResourceGroups,
        SecurityGroups,
        Snapshots,
        SshKeys,
        Volumes,
    )
    from genesiscloud._response import OnResponse, RawResponse, Response
    from genesiscloud._wait import AsyncOnProgress, OnProgress, WaitProgress

# Where each public name is defined, imported by ``__getattr__`` on first use.
_LAZY: dict[str, str] = {
    "APIConnectionError": "genesiscloud._errors",
    "APIStatusError": "genesiscloud._errors",
    "APITimeoutError": "genesiscloud._errors",
    "AccountOperations": "genesiscloud._resources",
    "AsyncAccountOperations": "genesiscloud._async_resources",
    "AsyncClient": "genesiscloud._async_client",
    "AsyncFilesystems": "genesiscloud._async_resources",
    "AsyncFloatingIps": "genesiscloud._async_resources",
    "AsyncImages": "genesiscloud._async_resources",
    "AsyncInstances": "genesiscloud._async_resources",
    "AsyncOnProgress": "genesiscloud._wait",
    "AsyncPager": "genesiscloud._pagination",
    "AsyncResourceGroups": "genesiscloud._async_resources",
    "AsyncSecurityGroups": "genesiscloud._async_resources",
    "AsyncSnapshots": "genesiscloud._async_resources",
    "AsyncSshKeys": "genesiscloud._async_resources",
    "AsyncVolumes": "genesiscloud._async_resources",
    "AttachParam": "genesiscloud._params",
    "AuthenticationError": "genesiscloud._errors",
    "BadRequestError": "genesiscloud._errors",
    "BaseClient": "genesiscloud._client",
    "Client": "genesiscloud._client",
    "ConflictError": "genesiscloud._errors",
    "DecodeError": "genesiscloud._errors",
    "DetachParam": "genesiscloud._params",
    "Filesystem": "genesiscloud._models",
    "Filesystems": "genesiscloud._resources",
    "FloatingIp": "genesiscloud._models",
    "FloatingIps": "genesiscloud._resources",
    "GenesisCloudError": "genesiscloud._errors",
    "Image": "genesiscloud._models",
    "Images": "genesiscloud._resources",
    "Instance": "genesiscloud._models",
    "InstanceMetadataParam": "genesiscloud._params",
    "InstanceTypeAvailability": "genesiscloud._models",
    "InstanceUserDataParam": "genesiscloud._params",
    "Instances": "genesiscloud._resources",
    "InstancesAvailability": "genesiscloud._models",
    "InternalError": "genesiscloud._errors",
    "InternalServerError": "genesiscloud._errors",
    "InvalidArgumentError": "genesiscloud._errors",
    "Model": "genesiscloud._models",
    "NotFoundError": "genesiscloud._errors",
    "OnProgress": "genesiscloud._wait",
    "OnResponse": "genesiscloud._response",
    "Page": "genesiscloud._pagination",
    "Pager": "genesiscloud._pagination",
    "PermissionDeniedError": "genesiscloud._errors",
    "Quota": "genesiscloud._models",
    "QuotaFlavor": "genesiscloud._models",
    "RateLimitError": "genesiscloud._errors",
    "RawResponse": "genesiscloud._response",
    "Reservation": "genesiscloud._models",
    "ReservationQuota": "genesiscloud._models",
    "ResourceGroups": "genesiscloud._resources",
    "ResourceRef": "genesiscloud._models",
    "Response": "genesiscloud._response",
    "SecurityGroup": "genesiscloud._models",
    "SecurityGroupRule": "genesiscloud._models",
    "SecurityGroupRuleParam": "genesiscloud._params",
    "SecurityGroups": "genesiscloud._resources",
    "Snapshot": "genesiscloud._models",
    "Snapshots": "genesiscloud._resources",
    "SshKey": "genesiscloud._models",
    "SshKeys": "genesiscloud._resources",
    "UnprocessableEntityError": "genesiscloud._errors",
    "Volume": "genesiscloud._models",
    "Volumes": "genesiscloud._resources",
    "WaitProgress": "genesiscloud._wait",
    "WaitTimeoutError": "genesiscloud._errors",
}

__version__: str = _native.__version__

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AccountOperations",
    "AsyncAccountOperations",
    "AsyncClient",
    "AsyncFilesystems",
    "AsyncFloatingIps",
    "AsyncImages",
    "AsyncInstances",
    "AsyncOnProgress",
    "AsyncPager",
    "AsyncResourceGroups",
    "AsyncSecurityGroups",
    "AsyncSnapshots",
    "AsyncSshKeys",
    "AsyncVolumes",
    "AttachParam",
    "AuthenticationError",
    "BadRequestError",
    "BaseClient",
    "Client",
    "ConflictError",
    "DecodeError",
    "DetachParam",
    "Filesystem",
    "Filesystems",
    "FloatingIp",
    "FloatingIps",
    "GenesisCloudError",
    "Image",
    "Images",
    "Instance",
    "InstanceMetadataParam",
    "InstanceTypeAvailability",
    "InstanceUserDataParam",
    "Instances",
    "InstancesAvailability",
    "InternalError",
    "InternalServerError",
    "InvalidArgumentError",
    "Model",
    "NotFoundError",
    "OnProgress",
    "OnResponse",
    "Page",
    "Pager",
    "PermissionDeniedError",
    "Quota",
    "QuotaFlavor",
    "RateLimitError",
    "RawResponse",
    "Reservation",
    "ReservationQuota",
    "ResourceGroups",
    "ResourceRef",
    "Response",
    "SecurityGroup",
    "SecurityGroupRule",
    "SecurityGroupRuleParam",
    "SecurityGroups",
    "Snapshot",
    "Snapshots",
    "SshKey",
    "SshKeys",
    "UnprocessableEntityError",
    "Volume",
    "Volumes",
    "WaitProgress",
    "WaitTimeoutError",
    "__version__",
]



# Not for type checkers: to them a module ``__getattr__`` would make every
# misspelt name an ``object`` instead of an error.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(__import__(module, fromlist=[name]), name)
        # Once imported, a plain attribute: later lookups do not come here.
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


# tokio's threads do not survive fork(): a child builds its own runtime and
# connections on first use.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_native._after_fork_in_child)
# Stop the I/O threads (bounded wait) before the interpreter finalizes.
atexit.register(_native._shutdown)
