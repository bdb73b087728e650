import genesiscloud
from genesiscloud.testing import Emulator

# An HTTPS emulator whose certificate is signed by a throwaway CA.
with Emulator(tls=True) as emulator:
    # ca_bundle adds a CA (a PEM file) to the trusted ones; proxy= works the same way.
    client = genesiscloud.Client(token=emulator.token, base_url=emulator.base_url, ca_bundle=emulator.ca_path)
    print(emulator.base_url.split(":")[0], len(client.images.list_page().items), "images")
