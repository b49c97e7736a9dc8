# Production image: gunicorn (web), celery worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint loads Pango and HarfBuzz at run time; DejaVu is the fallback font for PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app \
    && mkdir -p /data/media \
    && chown app:app /data/media

WORKDIR /app
# collectstatic writes /app/staticfiles when web starts, as the app user.
RUN chown app:app /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code only, named one by one, so a developer's .venv, db.sqlite3 and media never enter the
# image (add a new app or top-level directory here).
COPY --chown=app:app manage.py ./
COPY --chown=app:app config ./config
COPY --chown=app:app akun ./akun
COPY --chown=app:app lsp ./lsp
COPY --chown=app:app advokasi ./advokasi
COPY --chown=app:app monitoring ./monitoring
COPY --chown=app:app laporan ./laporan
COPY --chown=app:app templates ./templates
COPY --chown=app:app static ./static

USER app
ENV DJANGO_SETTINGS_MODULE=config.settings \
    MEDIA_ROOT=/data/media
EXPOSE 8000

CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
