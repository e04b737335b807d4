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
