#!/usr/bin/env python3
"""First screens of several commands, run in turn (A, B, C, A, B, C, ...) so that a noisy
stretch of the machine falls on all of them alike. Each command is timed as
scripts/first-frame.py times one (120x40, `q` sent once the screen is seen); prints the
median, the first quartile and the fastest of each.

    scripts/ab-first-frame.py RUNS "VAR=value COMMAND ARG..." "COMMAND ARG..." ...

Leading VAR=value words set the environment for that command only (a data directory per
build, say). The text waited for is lectern's key bar ("help") for a command naming lectern,
else the name of the command's last argument (what `less` shows in its prompt).
"""
import os
import shlex
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(HERE, "first-frame.py")).read()
first_frame = {}
exec(source.split("\ndef main")[0], first_frame)


def main(argv):
    runs, commands = int(argv[0]), argv[1:]
    times = {command: [] for command in commands}
    for _ in range(runs):
        for command in commands:
            words = shlex.split(command)
            env = {}
            while words and "=" in words[0]:
                name, value = words.pop(0).split("=", 1)
                env[name] = value
            saved = dict(os.environ)
            os.environ.update(env)
            want = b"help" if "lectern" in command else os.path.basename(words[-1]).encode()
            elapsed = first_frame["once"](want, words, 120, 40, "q")
            os.environ.clear()
            os.environ.update(saved)
            if elapsed is not None:
                times[command].append(elapsed)
    for command in commands:
        v = sorted(times[command])
        if not v:
            print(f"   (never seen)  {command}")
            continue
        print(f"{statistics.median(v):7.2f} ms (first quartile {v[len(v) // 4]:.2f}, fastest {v[0]:.2f}, {len(v)} runs)  {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
