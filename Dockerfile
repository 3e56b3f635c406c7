FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api api
COPY graph graph
COPY loaders loaders
COPY queries queries
COPY cli cli
COPY data data
COPY web/dist web/dist
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["civicgraph", "run", "--host", "0.0.0.0", "--port", "8000"]
