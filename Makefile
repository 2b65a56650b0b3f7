# poreview: one non-recursive Makefile. `make`, `make test`, `make demo`,
# `make test-scale`, `make bench`, `make fuzz`, `make install PREFIX=... DESTDIR=...`,
# `make deps`, `make clean`.

SHELL   := /bin/bash
VERSION  = 0.1.0
PREFIX  ?= /usr/local
MANDIR  ?= $(PREFIX)/share/man
PKGS     = libxml-2.0 zlib libpcre2-8 sqlite3 xlsxwriter nettle minizip libxxhash
# libcsv (survey and property-event CSV) has no .pc file: linked as -lcsv
# Debian packages that the build, the tests and the benchmark need
DEBS     = gcc make pkg-config libc6-dev libxml2-dev zlib1g-dev libpcre2-dev libsqlite3-dev sqlite3 \
           libxlsxwriter-dev python3-openpyxl python3-lxml python3-xlsxwriter libreoffice-calc-nogui \
           libxml2-utils gzip time unzip libcsv-dev nettle-dev libminizip-dev libxxhash-dev poppler-utils parallel \
           fonts-crosextra-carlito fonts-wqy-microhei clang libclang-rt-14-dev

# what `make test-scale` installs besides (not `make deps`: `make test`
# does not need them)
SCALE_DEBS = openssh-server openssh-client rsync munge slurmctld slurmd \
           slurm-client
SCALE_PORTS = sshd on 127.0.0.1:$${SCALE_SSH_PORT:-22322}, slurmctld and \
           slurmd on 127.0.0.1:$${SCALE_SLURM_PORT:-16817} and the next port

CFLAGS  ?= -O2 -g
XCFLAGS  = -std=c11 -D_DEFAULT_SOURCE -DPL_VERSION='"$(VERSION)"' \
           -Wall -Wextra -Werror $(addprefix -I,$(PLDIRS)) -MMD -MP \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm
ASAN     = -O1 -g -fsanitize=address,undefined,float-cast-overflow \
           -fno-omit-frame-pointer \
           -fno-sanitize-recover=all -DTESTING

Q        = @
ifeq ($(V),1)
Q        =
endif

B       ?= build/release
# pipeline/ is a folder per concern (the README's layout); a header is
# included by its bare name from any of them
PLDIRS   = $(sort $(dir $(wildcard pipeline/*/*.h)))
LIBSRC   = $(wildcard pipeline/*/*.c)
TOOLS    = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
UNITS    = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))

all: $(addprefix bin/,$(TOOLS))

bin/%: $(B)/bin/%
	$(Q)mkdir -p bin && cp $< $@.tmp && mv -f $@.tmp $@

$(B)/bin/%: $(B)/cmd/%.o $(B)/libpipeline.a
	$(Q)mkdir -p $(@D) && $(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/unit/%: $(B)/tests/unit/%.o $(B)/libpipeline.a
	$(Q)mkdir -p $(@D) && $(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/fuzz/%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/fuzz.o $(FUZZ_MAIN) \
    $(B)/libpipeline.a
	$(Q)mkdir -p $(@D) && $(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

EMBED    = $(wildcard schemas/*.xsd schemas/*.tsv schemas/*.sql) \
           samples/catalog.xml samples/rules.xml

$(B)/libpipeline.a: $(patsubst %.c,$(B)/%.o,$(LIBSRC)) $(B)/gen/embedded.o
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/gen/embedded.c: pipeline/base/embed.sh $(EMBED) Makefile
	$(Q)mkdir -p $(@D) && pipeline/base/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(Q)$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/%.o: %.c
	@echo "  CC  $(B)/$*.o"
	$(Q)mkdir -p $(@D) && $(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

# the build that `make test` runs alongside, under ASan and UBSan
asan:
	$(Q)$(MAKE) --no-print-directory B=build/asan CFLAGS='$(ASAN)' \
	    LDFLAGS='-fsanitize=address,undefined,float-cast-overflow' build/asan/tools build/asan/units
build/asan/tools: $(addprefix $(B)/bin/,$(TOOLS))
build/asan/units: $(addprefix $(B)/unit/,$(UNITS))
release-units: $(addprefix $(B)/unit/,$(UNITS))

test: deps
	$(Q)$(MAKE) --no-print-directory all release-units asan fuzz-replay
	$(Q)tests/run-all.sh

# the recipes of README's "Splitting a review over machines", run for real
# (tests/scale/run.sh): GNU parallel over ssh to two users of this machine,
# and a one-node Slurm.  As root: it installs SCALE_DEBS, adds two users,
# starts the daemons, and removes and stops them at the end.
test-scale: deps
	$(Q)if [ "$$(id -u)" != 0 ]; then \
	    echo "make test-scale: needs root. It installs what is missing of" \
	        "$(SCALE_DEBS) (apt-get), adds the users poworker1 and" \
	        "poworker2 (homes in a temporary folder), starts munged and" \
	        "$(SCALE_PORTS) with configurations of its own in a temporary" \
	        "folder, and removes and stops them all at the end." >&2; \
	    exit 1; fi
	$(Q)$(MAKE) --no-print-directory deps DEBS='$(SCALE_DEBS)'
	$(Q)$(MAKE) --no-print-directory all
	$(Q)tests/scale/run.sh

# libFuzzer harnesses (tests/fuzz/NAME.c), built with clang into
# build/fuzz with the pipeline; `make fuzz FUZZ_SECONDS=N` runs each N
# seconds on a scratch copy of its corpus (tests/fuzz/corpus.sh), crash
# inputs in build/fuzz/crashes.  fuzz-replay builds what tests/fuzz.sh
# replays the corpora and tests/fuzz/regress with, in build/fuzzers: the
# same harnesses, or without clang's libFuzzer a plain driver
# (tests/fuzz/driver.c) under gcc's ASan and UBSan.
FUZZERS  = $(filter-out fuzz driver,$(patsubst tests/fuzz/%.c,%,\
           $(wildcard tests/fuzz/*.c)))
FUZZ_SAN = -fsanitize=fuzzer,address,undefined,float-cast-overflow
FUZZ_SECONDS ?= 60
FUZZ_ENGINE ?= $(if $(wildcard $(shell clang --print-runtime-dir \
           2>/dev/null)/libclang_rt.fuzzer-x86_64.a),libfuzzer,driver)
fuzz-build:
	$(Q)$(MAKE) --no-print-directory B=build/fuzz CC=clang \
	    CFLAGS='-O1 -g $(FUZZ_SAN) -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all -DTESTING' \
	    LDFLAGS='$(FUZZ_SAN)' $(addprefix build/fuzz/fuzz/,$(FUZZERS))
fuzz-replay:
ifeq ($(FUZZ_ENGINE),libfuzzer)
	$(Q)$(MAKE) -s --no-print-directory fuzz-build
	$(Q)ln -sfn fuzz/fuzz build/fuzzers
else
	$(Q)$(MAKE) --no-print-directory B=build/fuzz-driver CFLAGS='$(ASAN)' \
	    LDFLAGS='-fsanitize=address,undefined,float-cast-overflow' \
	    FUZZ_MAIN=build/fuzz-driver/tests/fuzz/driver.o \
	    $(addprefix build/fuzz-driver/fuzz/,$(FUZZERS))
	$(Q)ln -sfn fuzz-driver/fuzz build/fuzzers
endif
fuzz: deps
	$(Q)$(MAKE) -s --no-print-directory fuzz-build
	$(Q)tests/fuzz/run.sh build/fuzz/fuzz $(FUZZ_SECONDS) $(FUZZERS)

# the demo: a ledger with the sample history, then the sample batch
CHECK_ARGS = --catalog samples/catalog.xml --rules samples/rules.xml
demo: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)rm -rf out && mkdir -p out
	$(Q)set -o pipefail; bin/po-ledger init out/ledger.db && \
	    bin/po-parse samples/history/* | \
	    bin/po-check $(CHECK_ARGS) --today 2026-10-15 > out/history.tsv && \
	    bin/po-ledger commit --today 2026-10-15 out/ledger.db out/history.tsv
	$(Q)set -o pipefail; bin/po-parse samples/orders/* | \
	    bin/po-check $(CHECK_ARGS) --ledger out/ledger.db \
	    --today 2026-11-27 > out/reviewed.tsv; \
	    st=$$?; echo "out/reviewed.tsv (exit $$st):"; \
	    awk -F '\t' '$$1 == "verdict" { n[$$4]++ } \
	        END { for (v in n) print "  " n[v], v }' out/reviewed.tsv | sort
	$(Q)SOURCE_DATE_EPOCH=1795737600 bin/po-sheet -o out/review.xlsx \
	    out/reviewed.tsv && echo "out/review.xlsx: the review workbook"

bench: all
	$(Q)tests/bench/run.sh

deps:
	$(Q)missing=; for p in $(DEBS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y --no-install-recommends $$missing; \
	else \
	    echo "make deps: missing Debian packages; run as root:" >&2; \
	    echo "  apt-get update && apt-get install -y$$missing" >&2; \
	    exit 1; fi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(addprefix bin/,$(TOOLS)) $(DESTDIR)$(PREFIX)/bin
	install -m 644 $(addsuffix .1,$(addprefix cmd/,$(TOOLS))) \
	    $(DESTDIR)$(MANDIR)/man1

clean:
	rm -rf build bin out

.PHONY: all asan test test-scale demo bench deps install clean release-units \
        build/asan/tools build/asan/units fuzz fuzz-build fuzz-replay
.SECONDARY:
-include $(shell find build -name '*.d' 2>/dev/null)
