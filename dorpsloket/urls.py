from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Dorpsloket administration")
admin.site.site_title = _("Dorpsloket")

urlpatterns = [
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
    path("beheer/", admin.site.urls),
]
