# ocr-sandbox container: Tesseract (eng, chi_sim, chi_tra, osd), poppler and the project in a
# virtual environment; runs as a non-root user and needs nothing from the network at run time.
#
#   docker build -t ocr-sandbox .
#   docker run --rm --network none --read-only --tmpfs /tmp --cap-drop ALL \
#     --security-opt no-new-privileges --user "$(id -u):$(id -g)" \
#     -v "$PWD/in":/data/in:ro -v "$PWD/out":/data/out ocr-sandbox ocr in -o out --to txt,pdf

FROM debian:bookworm-slim AS build
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md /src/
COPY sandbox /src/sandbox
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check /src \
 && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check --no-deps $(/opt/venv/bin/python -c \
      'import tomllib; print(" ".join(tomllib.load(open("/src/pyproject.toml", "rb"))["tool"]["ocr-sandbox"]["no-deps"]))') \
 && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} +

FROM debian:bookworm-slim
# OFFICE=1 adds LibreOffice (headless) for DOCX/ODT/XLSX/PPTX/RTF → PDF (about +400 MB)
ARG OFFICE=0
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      python3 tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim tesseract-ocr-chi-tra \
      tesseract-ocr-osd poppler-utils pngquant libjpeg-turbo-progs bubblewrap libseccomp2 \
      $([ "$OFFICE" = 1 ] && echo libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui) \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin sandbox
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    OMP_THREAD_LIMIT=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    SANDBOX_IN_CONTAINER=1 \
    SANDBOX_TMPDIR=/tmp
USER 10001:10001
WORKDIR /data
ENTRYPOINT ["sandbox"]
CMD ["--help"]
