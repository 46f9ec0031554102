#!/usr/bin/env bash
# Mutation testing with mutmut (configured in pyproject.toml, [tool.mutmut]): small bugs are
# planted one at a time in somatictimer/core, the cue scheduler and the cue player, and the
# tests must fail for each. Results are kept in mutants/ (git-ignored) and reused: a rerun
# only tests mutants whose function changed.
#
#   scripts/mutation.sh                         every mutant, then the report
#   scripts/mutation.sh --sample 200 [--seed N]  a fixed-seed sample, as CI runs it
#   options for both: --floor-core PCT --floor-rest PCT (exit 1 below a floor)
#
# The report (scripts/mutation_report.py) is what docs/quality.md quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
sample="" seed=20261129 floor_core=85 floor_rest=70
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --floor-core) floor_core=$2; shift 2 ;;
    --floor-rest) floor_rest=$2; shift 2 ;;
    *) echo "mutation.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
# Fewer Hypothesis examples per property: every test runs once per mutant it covers.
export HYPOTHESIS_PROFILE=mutation QT_QPA_PLATFORM=offscreen
report=("$BIN/python" scripts/mutation_report.py --floor-core "$floor_core" --floor-rest "$floor_rest")

if [ -z "$sample" ]; then
  "$BIN/mutmut" run --max-children "$(nproc)"
  "${report[@]}"
  exit $?
fi

# Generate the mutants and learn which tests cover which function. No mutant has this name,
# so mutmut stops right after that step (and says so); its results files are what we need.
"$BIN/mutmut" run "no-mutant-has-this-name" >mutants-setup.log 2>&1 || true
if ! ls mutants/somatictimer/core/*.meta >/dev/null 2>&1; then
  cat mutants-setup.log >&2
  echo "mutation.sh: mutmut did not generate mutants (see above)" >&2
  exit 1
fi
rm -f mutants-setup.log
"$BIN/python" scripts/mutation_report.py --sample "$sample" --seed "$seed" >mutants/sample.txt
echo "mutation.sh: $(wc -l <mutants/sample.txt) sampled mutants (seed $seed)"
# shellcheck disable=SC2046 # one argument per mutant name
"$BIN/mutmut" run --max-children "$(nproc)" $(cat mutants/sample.txt) >mutants/sample.log 2>&1 || {
  tail -n 40 mutants/sample.log >&2
  echo "mutation.sh: mutmut failed (log above)" >&2
  exit 1
}
"${report[@]}" --names mutants/sample.txt
