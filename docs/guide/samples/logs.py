import logging

import genesiscloud

# The SDK logs through the standard logging module, logger "genesiscloud":
# one line per request at DEBUG, retries and waits at INFO.
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
logging.getLogger("genesiscloud").setLevel(logging.DEBUG)

with genesiscloud.Client() as client:
    client.images.list_page()
