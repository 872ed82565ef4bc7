# The intake daemon with Tesseract (chi_sim) and LibreOffice, on Debian 12.
#   docker build -t intake .
#   docker run -d --name intake -v /srv/intake:/data -e INTAKE_IMAP_AUTH_CODE=... intake
#   docker run --rm -v /tmp/demo:/data intake intake demo --folder /data/demo
# /data holds config.toml, scan/, output/ and var/ (mount it; the container keeps nothing).

# Stage 1: the sample set `intake demo` runs through, made by the test-data generator
# (which needs the test fonts and reportlab; neither is in the final image).
FROM python:3.11-slim-bookworm AS sample
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY deploy deploy
RUN apt-get update \
 && grep -hv '^\s*#' deploy/apt-packages.txt deploy/apt-packages-test.txt | grep -v '^\s*$' \
    | grep -E '^fonts-' | xargs apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY pipeline pipeline
COPY tests/__init__.py tests/__init__.py
COPY tests/generator tests/generator
RUN pip install --no-cache-dir '.[test]' \
 && python -m tests.generator /src/demo-sample --units 6 --seed 2023

# Stage 2: the program.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 OMP_THREAD_LIMIT=1
WORKDIR /app
COPY deploy/apt-packages.txt deploy/apt-packages.txt
RUN apt-get update \
 && grep -v '^\s*#' deploy/apt-packages.txt | grep -v '^\s*$' | xargs apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY pipeline pipeline
COPY inbox_rules inbox_rules
COPY --from=sample /src/demo-sample demo-sample
COPY config.toml config.toml
RUN pip install --no-cache-dir -e . \
 && useradd --system --home /data intake \
 && mkdir -p /data && cp config.toml /data/config.toml \
 && chown -R intake /data
USER intake
VOLUME /data
STOPSIGNAL SIGTERM
# intake health: 0 healthy, 1 degraded (e.g. disk nearly full, mailbox unreachable: a restart
# would not help, so Docker counts it healthy; the line says why), 2 down (no fresh heartbeat)
HEALTHCHECK --interval=60s --timeout=30s --start-period=180s --retries=3 \
  CMD intake health --config /data/config.toml; [ $? -lt 2 ]
CMD ["intake", "run", "--config", "/data/config.toml"]
