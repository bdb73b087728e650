import genesiscloud

# Reads GENESISCLOUD_TOKEN (and GENESISCLOUD_ENDPOINT, when set).
with genesiscloud.Client() as client:
    for image in client.images.list():
        print(image.id, image.name)
