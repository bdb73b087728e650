import genesiscloud
from genesiscloud.testing import Emulator

with Emulator() as emulator, emulator.client() as client:
    # A GET answered 503 twice is retried, and the third attempt succeeds.
    emulator.inject_fault(kind="status", status=503, method="GET", path="/compute/v1/images", times=2)
    print(len(list(client.images.list())), "images after two retries")

    # A POST that may have reached the server is never sent again.
    emulator.inject_fault(kind="status", status=503, method="POST", path="/compute/v1/volumes", times=1)
    try:
        client.volumes.create(name="data", region="NORD-NO-KRS-1", size=10)
    except genesiscloud.InternalServerError as error:
        print(error.code, "attempts:", error.attempts, "request_sent:", error.request_sent)
        assert error.request_sent  # look before creating it again
