"""Tap targets for older hands: every tappable thing on a volunteer page is at least 44×44
CSS px (WCAG 2.5.5). A link inside a sentence is exempt, as the criterion itself allows;
a checkbox or radio counts by its label row, which is tappable as a whole."""

from pathlib import Path

MIN = 44

# Reviewed exceptions (selector: why). Keep this short.
ALLOWLIST: dict[str, str] = {
    # The skip link is off-screen until it has the keyboard focus.
    ".visually-hidden-focusable": "only visible with the keyboard",
    ".skip-link": "off-screen until it has the keyboard focus",
    # The sign-up's honeypot field: off-screen, for robots only.
    ".hp-field": "not for people",
}

_SCRIPT = (Path(__file__).parent / "targets.js").read_text()


def small_targets(page) -> list[str]:
    """Every tappable element on the page smaller than MIN×MIN CSS px (not allowlisted)."""
    return page.evaluate(_SCRIPT, [MIN, list(ALLOWLIST)])
