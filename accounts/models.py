from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import names
from accounts.dutch import format_phone, normalise_phone

from .roles import Role


def validate_postcode_area(value: str) -> None:
    if not (len(value) == 4 and value.isdigit() and value[0] != "0"):
        raise ValidationError(
            _("%(value)s is not a postcode area (four digits, e.g. 9989)."),
            params={"value": value},
        )


class Village(models.Model):
    """A village (kern) served by a desk. Every village-owned record points here."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    postcodes = models.JSONField(
        _("postcode areas"),
        default=list,
        blank=True,
        help_text=_("The four-digit postcode areas of the work area, e.g. 9989."),
    )
    desk_phone = models.CharField(
        _("phone number of the desk"),
        max_length=20,
        blank=True,
        help_text=_("Shown on error pages and in e-mails to volunteers, e.g. 0595 44 24 53."),
    )
    desk_email = models.EmailField(_("e-mail address of the desk"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("village")
        verbose_name_plural = _("villages")

    def __str__(self):
        return self.name

    def clean(self):
        for code in self.postcodes:
            validate_postcode_area(code)
        try:
            self.desk_phone = normalise_phone(self.desk_phone)
        except ValidationError as exc:
            raise ValidationError({"desk_phone": exc.messages}) from exc
        self.desk_email = (self.desk_email or "").strip().lower()

    @property
    def desk_phone_display(self) -> str:
        return format_phone(self.desk_phone)

    def covers_postcode(self, postcode: str) -> bool:
        """True when a full postcode ("9989 AB", "9989ab") lies in this village's work area."""
        digits = "".join(ch for ch in (postcode or "") if ch.isdigit())[:4]
        return digits in self.postcodes


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # People type their address with capitals now and then; logging in must not care.
        return self.get(email__iexact=email)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Identified by e-mail; roles come from memberships."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("administrator site access"),
        default=False,
        help_text=_("May log in to the administration site (beheerders)."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return names.short_name(self.full_name, self.email)

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()


class Membership(models.Model):
    """Gives a user one role in one village. A regional reader has several reader rows."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("village")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "village", "role"], name="unique_membership_role"
            )
        ]
        indexes = [models.Index(fields=["village", "role"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.village}"


from .access_log_models import AccessLogEntry  # noqa: E402, F401 - who looked at a resident
from .security_models import SecurityEvent  # noqa: E402, F401 - the security log (issue 14)
