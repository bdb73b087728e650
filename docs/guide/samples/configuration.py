import genesiscloud

# Every setting is a keyword; the token and the URL default to the environment.
client = genesiscloud.Client(timeout=30, max_retries=4, per_page=50)

# A client for long calls: same connections, other settings.
patient = client.with_options(timeout=300, headers={"X-Trace-Id": "nightly-backup"})
print(len(patient.quotas()), "quotas")
