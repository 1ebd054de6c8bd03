# OMS Hub's container image: gunicorn serving the production settings, non-root.
# The same image runs the task workers, the scheduled jobs and migrations (compose.yaml).
# Build: docker build -t omshub .   Deployment: docs/deployment.md, "Containers".

ARG PYTHON_IMAGE=python:3.12-slim-bookworm

# Build stage: the pinned dependencies, every one checked against its hash, into a venv.
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements/base.txt /tmp/requirements/base.txt
RUN /opt/venv/bin/pip install --require-hashes --only-binary=:all: -r /tmp/requirements/base.txt

# Final stage: the venv, the code, the libraries WeasyPrint needs for PDFs (the Makefile's
# PDF_PACKAGES) and ffmpeg for the care journal's video posters (INSTALL_FFMPEG=false leaves it out).
FROM ${PYTHON_IMAGE} AS final
ARG INSTALL_FFMPEG=true
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && if [ "$INSTALL_FFMPEG" = "true" ]; then apt-get install -y --no-install-recommends ffmpeg; fi \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system omshub \
    && useradd --system --gid omshub --home-dir /srv/omshub --shell /usr/sbin/nologin omshub

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    OMSHUB_VAR_DIR=/srv/omshub/var \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/srv/omshub/var/media \
    JOURNAL_VIDEO_ROOT=/srv/omshub/var/private/journal-videos
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY manage.py pyproject.toml ./
COPY omshub ./omshub
COPY deploy/run-jobs.sh ./deploy/run-jobs.sh

# Static files, hashed and compressed by the production settings' storage. Those settings refuse
# to load without their secrets, so this one command gets throwaway build-only values, kept in no
# layer's environment; the real ones come from deploy/omshub.env when a container starts.
RUN OMSHUB_ENV=production \
    SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    ALLOWED_HOSTS=build.invalid \
    WAGTAILADMIN_BASE_URL=https://build.invalid \
    EMAIL_HOST=build.invalid \
    JOURNAL_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    python manage.py collectstatic --no-input --verbosity 0

# Folders the volumes mount on: a new named volume takes this owner, so the site's user can write.
RUN install -d -o omshub -g omshub -m 0750 /srv/omshub/var /srv/omshub/var/media \
        /srv/omshub/var/private /srv/omshub/var/private/journal-videos /srv/omshub/var/cache
USER omshub:omshub

EXPOSE 8000
# /healthz answers only a host in ALLOWED_HOSTS, so the probe names the first one.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; host = os.environ['ALLOWED_HOSTS'].split(',')[0].strip(); urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': host}), timeout=4)"]
# Extra gunicorn options (e.g. --workers 4) go in GUNICORN_CMD_ARGS in the environment file.
CMD ["gunicorn", "omshub.config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--timeout", "70", "--no-control-socket"]
