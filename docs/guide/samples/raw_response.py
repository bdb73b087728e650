import genesiscloud

client = genesiscloud.Client()

# One call's result with its raw answer.
raw = client.with_raw_response.quotas()
quotas = raw.parse()
print(f"{len(quotas)} quotas: HTTP {raw.status_code}, request id {raw.request_id}, {raw.attempts} attempt(s)")

# Each request of a call, each page of a lazy list included.
def show(response: genesiscloud.Response) -> None:
    print(response.method, response.path, "->", response.status_code, response.request_id)


for image in client.images.list(on_response=show):
    print(" ", image.name)
