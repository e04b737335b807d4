from django.contrib.auth import views as auth_views
from django.urls import path

from . import security_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("geen-toegang/", views.no_role, name="no_role"),
    path("dorp-kiezen/", views.switch_village, name="switch_village"),
    path("instellingen/loket/", views.desk_settings, name="desk_settings"),
    path(
        "wachtwoord-vergeten/",
        security_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Two factors, sessions (issue 14)
    path("inloggen/code/", security_views.two_factor_verify, name="two_factor_verify"),
    path("beveiliging/", security_views.account_security, name="account_security"),
    path(
        "beveiliging/tweestaps/instellen/",
        security_views.two_factor_setup,
        name="two_factor_setup",
    ),
    path(
        "beveiliging/herstelcodes/",
        security_views.two_factor_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "beveiliging/tweestaps/uitzetten/",
        security_views.two_factor_turn_off,
        name="two_factor_turn_off",
    ),
    path("uitloggen/overal/", security_views.logout_everywhere, name="logout_everywhere"),
    path("sessie/verlengen/", security_views.session_keep_alive, name="session_keep_alive"),
]
