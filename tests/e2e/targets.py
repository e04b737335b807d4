"""Tap targets for older hands: every tappable thing on a volunteer page is at least 44×44
CSS px (WCAG 2.5.5). A link inside a sentence is exempt, as the criterion itself allows;
a checkbox or radio counts by its label row, which is tappable as a whole."""

MIN = 44

# Reviewed exceptions (selector: why). Keep this short.
ALLOWLIST: dict[str, str] = {
    # The skip link is off-screen until it has the keyboard focus.
    ".visually-hidden-focusable": "only visible with the keyboard",
    ".skip-link": "off-screen until it has the keyboard focus",
    # The sign-up's honeypot field: off-screen, for robots only.
    ".hp-field": "not for people",
}

_SCRIPT = """
([min, allow]) => {
  const tappable = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]';
  const out = [];
  for (const el of document.querySelectorAll(tappable)) {
    if (allow.some((s) => el.matches(s) || el.closest(s))) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    // a link in running text is exempt (inline, inside a paragraph of words)
    if (el.tagName === 'A' && style.display === 'inline' && el.closest('p, li, td, dd')
        && el.closest('p, li, td, dd').textContent.trim().length > el.textContent.trim().length + 20) continue;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
      const row = el.closest('.form-check') || label;
      if (row) box = row.getBoundingClientRect();
    }
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent || el.value || el.name || '').trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return out;
}
"""


def small_targets(page) -> list[str]:
    """Every tappable element on the page smaller than MIN×MIN CSS px (not allowlisted)."""
    return page.evaluate(_SCRIPT, [MIN, list(ALLOWLIST)])
