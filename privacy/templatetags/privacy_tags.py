"""`{% resident_erasure resident as erasure %}`: the erasure of a resident, or None (for the
resident's page, which lives in an app below privacy)."""

from django import template

from privacy.models import Erasure

register = template.Library()


@register.simple_tag
def resident_erasure(resident):
    return Erasure.objects.filter(kind=Erasure.Kind.RESIDENT, object_id=resident.pk).first()
