# ailit – make run starts the platform, make test runs every test.
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
KERN     := web/node_modules/@kern-ux/native/dist
VENDOR   := web/static/vendor/kern
STAMP    := web/node_modules/.package-lock.json
export CGO_ENABLED := 1

.PHONY: run build test vet assets api-validator bench bench-reports fuzz clean

## run: build and start the platform on SQLite with the shipped courses and demo accounts
run: build
	AILIT_DATA_DIR=./data AILIT_COURSES_DIR=./courses ./bin/ailit serve --demo

## build: the single binary bin/ailit (front-end files embedded)
build: assets
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/ailit ./cmd/ailit

## test: vet and every test (browser tests need Chromium; .ci/run installs it). With
## AILIT_TEST_DATABASE_URL set, the store tests also run on PostgreSQL and the handler tests run a
## second time with PostgreSQL as the app's database.
test: assets api-validator vet
	$(GO) test -count=1 $$($(GO) list ./... | grep -v /internal/browsertest)
	@echo "== browser journeys (alone, so their timing is not squeezed by other packages)"
	$(GO) test -count=1 ./internal/browsertest/
	@if [ -n "$$AILIT_TEST_DATABASE_URL" ]; then \
	  echo "== handler tests on PostgreSQL"; \
	  AILIT_TEST_DIALECT=postgres $(GO) test -count=1 -parallel 4 ./internal/web/... ./internal/api/...; \
	fi

vet:
	$(GO) vet ./...

## bench: Go benchmarks, then a load test of the real server on 127.0.0.1 (cmd/ailit-loadtest;
## docs/benchmarks.md has the latest figures): SQLite, and PostgreSQL too when
## AILIT_TEST_DATABASE_URL is set. LOADTEST_FLAGS bounds it, e.g. -users 64 -duration 15s;
## PROFILE=cpu.prof writes the server's CPU profile of the SQLite run.
LOADTEST_FLAGS ?= -users 64 -duration 15s
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./...
	$(GO) run ./cmd/ailit-loadtest -bin bin/ailit $(LOADTEST_FLAGS) \
	  $(if $(AILIT_TEST_DATABASE_URL),-postgres '$(AILIT_TEST_DATABASE_URL)') $(if $(PROFILE),-cpuprofile $(PROFILE))
	$(MAKE) bench-reports

## bench-reports: seed REPORT_USERS people (5 courses each) into a temporary data directory and time
## the exports of the CLI: CSV, XLSX, JSON and PDF of the person report and the evidence report as
## PDF, each with wall time and peak memory (about two minutes for 100,000 people). REPORT_DATA_DIR
## reuses a seeded data directory instead (it is left as it is).
REPORT_USERS ?= 100000
bench-reports: build
	@if [ -n "$(REPORT_DATA_DIR)" ]; then d="$(REPORT_DATA_DIR)"; o=$$(mktemp -d); else \
	  d=$$(mktemp -d); o="$$d"; AILIT_DATA_DIR="$$d" bin/ailit demo seed --users $(REPORT_USERS) --units $$(( $(REPORT_USERS) / 100 + 4 )) || exit 1; fi; \
	trap 'rm -rf "$$o"; [ -n "$(REPORT_DATA_DIR)" ] || rm -rf "$$d"' EXIT; \
	echo "load average: $$(cut -d' ' -f1-3 /proc/loadavg)"; \
	for job in "export csv" "export xlsx" "export json" "export pdf" "evidence pdf"; do \
	  set -- $$job; \
	  if [ -x /usr/bin/time ]; then \
	    AILIT_DATA_DIR="$$d" /usr/bin/time -f "report $$1 $$2: %e s wall, %U s user, %S s system, %M KB peak memory" \
	      bin/ailit report $$1 --format $$2 --out "$$o/report-$$1.$$2" 2>&1 | grep -v '^report: [0-9]' || exit 1; \
	  else \
	    echo "report $$1 $$2:"; time AILIT_DATA_DIR="$$d" bin/ailit report $$1 --format $$2 --out "$$o/report-$$1.$$2" || exit 1; \
	  fi; \
	done; \
	echo "load average: $$(cut -d' ' -f1-3 /proc/loadavg)"

## fuzz: run each fuzz target for FUZZTIME (default 30s)
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## assets: front-end packages from npm (lock file) copied into the embedded static folder
assets: $(VENDOR)/kern.min.css

$(STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

$(VENDOR)/kern.min.css: $(STAMP)
	rm -rf web/static/vendor
	mkdir -p $(VENDOR)/fonts
	cp $(KERN)/kern.min.css $(VENDOR)/
	cp $(KERN)/fonts/fira-sans.css $(VENDOR)/fonts/
	cp -r $(KERN)/fonts/fira-sans $(VENDOR)/fonts/
	cp web/node_modules/@kern-ux/native/LICENSE.md $(VENDOR)/LICENSE.md

## api-validator: the npm OpenAPI validator that internal/api's tests run on openapi.json (lock file)
VALIDATOR := internal/api/testdata/validator
api-validator: $(VALIDATOR)/node_modules/.package-lock.json

$(VALIDATOR)/node_modules/.package-lock.json: $(VALIDATOR)/package.json $(VALIDATOR)/package-lock.json
	cd $(VALIDATOR) && npm ci --no-audit --no-fund
	@touch $@

clean:
	rm -rf bin web/static/vendor
