import genesiscloud

client = genesiscloud.Client()

# One call's result with its raw answer.
raw = client.with_raw_response.quotas()
quotas = raw.parse()
print(f"{len(quotas)} quotas: HTTP {raw.status_code}, request id {raw.request_id}, {raw.attempts} attempt(s)")

# Each request of a call, each page of a lazy list included.
for image in client.images.list(on_response=lambda r: print(r.method, r.path, "->", r.status_code, r.request_id)):
    pass
