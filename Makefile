# fountain: Go in a notebook, on files and live streams.
#   make demo   set everything up and start Jupyter Notebook on notebooks/
#   make test   install what the tests need, build, run every test
#   make bench  peers side by side, one line per case

GO      ?= go
BIN     := bin/fountain
PORT    ?= 8888

.PHONY: all build deps test-deps test gotest fuzz protocol-test lint bench demo install clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/fountain

deps:
	@scripts/deps.sh

test-deps:
	@scripts/deps.sh test

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# bench/frames is its own module (DuckDB needs cgo; the product does not):
# its tests check frames against DuckDB on random data.
gotest:
	$(GO) test -count=1 ./...
	cd bench/frames && $(GO) vet . && $(GO) test -count=1 .

# Short fuzzing runs of the wire decoder and the cell compiler (about 10 s
# each here). Budgets are execution counts, not durations: with a duration,
# Go 1.26's fuzz coordinator can report a spurious "context deadline
# exceeded" at the end (golang/go#75804, fixed in Go 1.27).
fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzDecode -fuzztime=800000x ./kernel/wire
	$(GO) test -run='^$$' -fuzz=FuzzCompile -fuzztime=400000x ./kernel/cell

protocol-test: build
	tests/run.sh

test: test-deps build lint gotest fuzz protocol-test

bench: build
	@scripts/deps.sh bench
	@# The kernel under a private prefix: make bench installs nothing for the user.
	tmp=$$(mktemp -d) && $(BIN) install --prefix $$tmp >/dev/null && \
	  JUPYTER_PATH=$$tmp/share/jupyter /usr/bin/python3 bench/kernel_bench.py; rc=$$?; rm -rf $$tmp; exit $$rc
	$(GO) run ./bench/sourcesbench
	$(GO) run ./bench/streamsbench
	cd bench/frames && $(GO) run .

install: build
	$(BIN) install --user

demo: deps build install
	@PORT=$(PORT) scripts/demo.sh

clean:
	rm -rf bin
