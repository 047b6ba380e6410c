# fountain: Jupyter with the Go (fountain) kernel and the tutorial notebooks.
# The same image runs the alert producer: fountain alerts produce ...
# (see docker-compose.yml).

# Build stage: one static binary (no cgo).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY kernel ./kernel
COPY frames ./frames
COPY display ./display
COPY sources ./sources
COPY internal ./internal
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/fountain ./cmd/fountain
# The runtime has no Go source tree: name? and inspect read the standard
# library's documentation from this file instead.
RUN /out/fountain stddocs /out/share/fountain/stddocs.json.gz

# Runtime: Python with Notebook and JupyterLab, the kernel, the notebooks.
FROM python:3.12-slim-bookworm
RUN pip install --no-cache-dir "notebook>=7,<8" "jupyterlab>=4,<5" \
 && useradd --create-home --uid 1000 fountain
COPY --from=build /out/fountain /usr/local/bin/fountain
COPY --from=build /out/share/fountain /usr/local/share/fountain
RUN fountain install --prefix /usr/local
USER fountain
WORKDIR /home/fountain
COPY --chown=fountain:fountain notebooks ./notebooks
ENV KAFKA_BROKERS=kafka:29092
EXPOSE 8888
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8888/api', timeout=4)"
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--ServerApp.root_dir=/home/fountain/notebooks", "--IdentityProvider.token="]
