"""URLs of the comment import (CSV and XLSX), in the back office."""


app_name = "imports"
urlpatterns: list = []
