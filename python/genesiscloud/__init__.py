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
from genesiscloud._async_client import AsyncClient
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

# tokio's threads do not survive fork(): a child builds its own runtime and
# connections on first use.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_native._after_fork_in_child)
# Stop the I/O threads (bounded wait) before the interpreter finalizes.
atexit.register(_native._shutdown)
