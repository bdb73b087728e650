import genesiscloud

client = genesiscloud.Client()
try:
    client.instances.get("no-such-id")
except genesiscloud.NotFoundError as error:
    print(error.code, error.status, error.attempts, error.request_sent)
    assert error.code == "not_found"
