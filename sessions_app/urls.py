"""The pages' routes (namespace ``pages``). The API's are in ``api_urls``."""

app_name = "pages"

urlpatterns: list = []
