# One image, four entry points: api (migrates first), worker, beat, migrate (see infra/deploy/entrypoint.sh).
# Build: docker build -t wellbeing .   Run: docker run wellbeing api|worker|beat|migrate

FROM python:3.11-slim AS build
RUN pip install --no-cache-dir uv==0.13.9
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
# Dependencies first, so a code change reuses this cached layer.
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=bind,source=uv.lock,target=uv.lock \
    --mount=type=bind,source=pyproject.toml,target=pyproject.toml \
    uv sync --frozen --no-dev --no-install-project
COPY api ./api
COPY domain ./domain
COPY infra ./infra
COPY infra/deploy/entrypoint.sh ./entrypoint.sh
COPY schemas ./schemas
COPY workers ./workers

FROM python:3.11-slim AS runtime
RUN useradd --system --uid 10001 --home-dir /app app
COPY --from=build --chown=app:app /app /app
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1 APP_ENVIRONMENT=production
USER app
EXPOSE 8000
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["api"]
