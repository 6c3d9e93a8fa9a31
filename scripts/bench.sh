#!/usr/bin/env bash
# Speed and memory figures, each beside a baseline run on the same machine: BenchmarkDotNet in process (routing; a JavaScript
# extractor against yt-dlp -J on the same page), then whole processes timed from outside (cold start, memory, cache hits, a
# full job, a delegated job with its yt-dlp runs per link). BENCH_ONLY=delegated runs one part; BENCH_VIDEOBOT=PATH measures another
# build (an older commit's, for a before and after). Prints the tables and writes docs/PERFORMANCE.md. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Benchmarks -c Release -nologo -v quiet -clp:ErrorsOnly
bench=tests/Benchmarks/bin/Release/net10.0/VideoBot.Benchmarks
mkdir -p docs
whole=$(mktemp)
"$bench" whole "$whole"
"$bench" micro --filter '*' --exporters GitHub --artifacts artifacts/bench >/dev/null
{
  echo "# Performance"
  echo
  echo "Written by \`scripts/bench.sh\`; run it again to refresh. Figures from one machine; compare ratios, not absolutes."
  echo
  cat "$whole"
  echo
  cat tests/Benchmarks/Findings.md
  echo
  echo "## In-process figures (BenchmarkDotNet)"
  echo
  for f in artifacts/bench/results/*-report-github.md; do cat "$f"; echo; done
} > docs/PERFORMANCE.md
rm -f "$whole"
cat docs/PERFORMANCE.md
