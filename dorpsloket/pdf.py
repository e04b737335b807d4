"""PDFs from HTML with WeasyPrint, one way for the whole project.

WeasyPrint loads Pango when it is first used (not at import), and must not fetch anything:
the CSS is embedded in the HTML and there are no remote images, so that a resident's data
never leads to a request to a third party.
"""

import logging


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"PDFs load no external resources: {url}")


def html_to_pdf(html: str, pdf_variant: str | None = None) -> bytes:
    """`html` as a PDF; `pdf_variant` as WeasyPrint's (e.g. "pdf/ua-1" for a tagged PDF)."""
    # WeasyPrint reports every step at INFO level (already while importing): not for us.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML

    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf(**options)
