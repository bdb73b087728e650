import genesiscloud

client = genesiscloud.Client()

# One request, one page.
page = client.images.list_page(page=1, per_page=2)
print(f"page {page.page}: {len(page.items)} of {page.total_count} images")

# Every item, fetched lazily; leaving the loop cancels what is in flight.
for n, image in enumerate(client.images.list()):
    if n == 3:
        break
    print(image.name)
