import genesiscloud

client = genesiscloud.Client()
volume = client.volumes.create(name="scratch", region="NORD-NO-KRS-1", size=10)
volume = client.volumes.wait_until(volume.id, "created", timeout=120)
print(volume.name, volume.status)

client.volumes.delete(volume.id)
client.volumes.wait_until(volume.id, "deleted")  # until GET answers 404
