from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import health, views

admin.site.site_header = _("Dorpsloket administration")
admin.site.site_title = _("Dorpsloket")

# 400, 403 and 404 are Django's own handlers with templates/<status>.html (they render
# with the request, so the page knows the user's village); 500 must not touch the database.
handler500 = "dorpsloket.views.server_error"

urlpatterns = [
    path("favicon.ico", views.favicon, name="favicon"),
    path("gezondheid/", health.health, name="health"),
    path("gezondheid/details/", health.health_details, name="health_details"),
    path("", include("accounts.urls")),
    path("hulpvragen/", include("hulpvragen.urls")),
    path("vrijwilligers/", include("vrijwilligers.urls")),
    path("sociale-kaart/", include("sociale_kaart.urls")),
    path("uitleen/", include("uitleen.urls")),
    path("activiteiten/", include("activiteiten.urls")),
    path("koppelen/", include("koppelingen.urls")),
    path("te-doen/", include("meldingen.urls")),
    path("importeren/", include("importeren.urls")),
    path("jaaroverzicht/", include("rapportage.urls")),
    path("regio/", include("regio.urls")),
    path("privacy/", include("privacy.urls")),
    path("beheer/", admin.site.urls),
]
