# AICMET Workbench. Every target first installs missing system libraries (scripts/setup.sh).
WORKSPACE ?= workspace/workbench.sqlite

.PHONY: run test bench setup

setup:
	@scripts/setup.sh

run: setup
	swift build --product aicmet
	.build/debug/aicmet --workspace $(WORKSPACE)

test: setup
	scripts/test.sh

bench: setup
	swift run -c release aicmet-bench
