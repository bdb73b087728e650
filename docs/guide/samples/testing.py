import genesiscloud
from genesiscloud.testing import Emulator

# In pytest, the genesiscloud_emulator fixture gives the same object.
with Emulator() as emulator, emulator.client(max_retries=0) as client:
    emulator.inject_fault(kind="status", status=500, path="/compute/v1/instances", times=1)
    try:
        client.instances.list_page()
    except genesiscloud.InternalServerError as error:
        assert error.status == 500 and error.attempts == 1
    print(len(emulator.requests()), "requests reached the emulator")
