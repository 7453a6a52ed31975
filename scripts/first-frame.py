#!/usr/bin/env python3
"""Time to first screen: starts a program in a new pseudo-terminal and stops the clock when a
given text has been drawn, as a person would see it appear. Prints the median in
milliseconds of RUNS runs, then the fastest and slowest.

    scripts/first-frame.py [-n RUNS] [-s WxH] [-b SHELL_COMMAND] [-q KEYS] TEXT -- COMMAND [ARG...]

-b runs a shell command before each run, outside the clock: `-b 'rm -rf "$DATA/cache"'`
times opens with the cache emptied.

TEXT should be the last thing the program draws (lectern's key bar ends in "help"; for
`less`, a phrase of the text's first screen). The clock stops once TEXT is seen; then the
program is killed, or with -q sent KEYS (`-q q`) and left to end as it does when a person
quits, so that the next run finds what a quit leaves (for lectern, its database closed).
"""
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time


def once(want, command, cols, rows, quit_keys=None):
    start = time.perf_counter()
    pid, fd = os.forkpty()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.environ.setdefault("TERM", "xterm-256color")
        os.execvp(command[0], command)
    seen = b""
    elapsed = None
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        # A terminal answers a cursor-position query; some programs wait for it.
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        seen += chunk
        if want in seen:
            elapsed = (time.perf_counter() - start) * 1000
            break
    if quit_keys is not None and elapsed is not None:
        try:
            os.write(fd, quit_keys.encode())
        except OSError:
            pass
        # Read on until the program ends, for at most 10 s; its terminal closing (end of
        # file, or EIO) means it is ending.
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            try:
                if ready and not os.read(fd, 1 << 16):
                    time.sleep(0.001)
            except OSError:
                time.sleep(0.001)
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                os.close(fd)
                if status != 0:
                    print(f"warning: {command[0]} ended with status {status} after the quit keys", file=sys.stderr)
                return elapsed
        print(f"warning: {command[0]} did not end within 10 s of the quit keys; killed", file=sys.stderr)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed


def main(argv):
    runs, cols, rows, before, quit_keys = 9, 120, 40, None, None
    while argv and argv[0] in ("-n", "-s", "-b", "-q"):
        if argv[0] == "-n":
            runs = int(argv[1])
        elif argv[0] == "-b":
            before = argv[1]
        elif argv[0] == "-q":
            quit_keys = argv[1]
        else:
            cols, rows = (int(x) for x in argv[1].split("x"))
        argv = argv[2:]
    if len(argv) < 3 or argv[1] != "--":
        print(__doc__.strip(), file=sys.stderr)
        return 2
    want = argv[0].encode()
    def run():
        if before is not None:
            subprocess.run(before, shell=True, check=True)
        return once(want, argv[2:], cols, rows, quit_keys)

    times = [t for t in (run() for _ in range(runs)) if t is not None]
    if not times:
        print(f"first-frame: {argv[0]!r} never appeared", file=sys.stderr)
        return 1
    print(f"{statistics.median(times):.1f} ms (fastest {min(times):.1f}, slowest {max(times):.1f}, {len(times)} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
