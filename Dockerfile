# The production-like image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint (PDF) needs Pango and fonts; manage.py backup/restore need pg_dump/pg_restore
# (version 15, as the postgres service).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock

COPY . .
RUN DEBUG=False SECRET_KEY=build-only-collectstatic-key ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput \
    && mkdir -p var/private var/backups \
    && useradd --system --home /app dorpsloket && chown -R dorpsloket /app
USER dorpsloket

EXPOSE 8000
CMD ["gunicorn", "dorpsloket.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
