#!/usr/bin/env python3
"""Times two commands run in turn, A B A B ..., whole process each (posix_spawn to
exit, output to /dev/null), and prints each one's median and the median of the pair
ratios A/B. Pair by pair, because a shared machine's speed drifts within seconds and
a block of A runs followed by a block of B runs would put that drift in the ratio.

  bench/interleaved.py RUNS WARMUP 'COMMAND A' 'COMMAND B' [--json FILE]
"""
import json
import os
import shlex
import statistics
import sys
import time


def run_once(argv):
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
               (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    elapsed = (time.perf_counter_ns() - start) / 1e6
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"interleaved.py: {' '.join(argv)} exited with {os.waitstatus_to_exitcode(status)}")
    return elapsed


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    runs, warmup = int(sys.argv[1]), int(sys.argv[2])
    a, b = shlex.split(sys.argv[3]), shlex.split(sys.argv[4])
    for _ in range(warmup):
        run_once(a), run_once(b)
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(run_once(a))
        times_b.append(run_once(b))
    ratios = [x / y for x, y in zip(times_a, times_b)]
    result = {"a": sys.argv[3], "b": sys.argv[4], "runs": runs,
              "median_a_ms": statistics.median(times_a), "median_b_ms": statistics.median(times_b),
              "median_ratio": statistics.median(ratios)}
    print(f"A {sys.argv[3]}: median {result['median_a_ms']:.2f} ms; B {sys.argv[4]}: median "
          f"{result['median_b_ms']:.2f} ms; A/B median of {runs} pairs {result['median_ratio']:.2f}x")
    if "--json" in sys.argv:
        with open(sys.argv[sys.argv.index("--json") + 1], "w") as out:
            json.dump(dict(result, times_a=times_a, times_b=times_b), out)


main()
