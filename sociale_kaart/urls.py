app_name = "sociale_kaart"

urlpatterns: list = []
