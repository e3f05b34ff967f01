"""A tmux control-mode client (`tmux -C`): run programs in real terminals (tmux panes),
send keys as a terminal sends them, and timestamp on arrival the bytes each program writes.

Control mode reports a pane's output as `%output %PANE DATA` lines, DATA with every byte
below 32 and the backslash written as a backslash and three octal digits. The reader
thread stamps each line with time.perf_counter() the moment it arrives, so a figure is
"key sent → the bytes it made the app write have reached the terminal".

The line parser and the escape strippers are pure (tests/bench/test_control.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_OCTAL = re.compile(rb"\\([0-7]{3})")
#: CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte escapes, and C0 controls
#: other than newline: what a terminal interprets rather than shows.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[P^_][^\x1b]*\x1b\\"
    r"|\x1b[ -/]*[0-~]|[\x00-\x09\x0b-\x1f\x7f]")


def unescape(data: bytes) -> bytes:
    """The bytes a program wrote, from control mode's octal-escaped form."""
    return _OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), data)


def visible_text(raw: bytes) -> str:
    """The text in terminal output without its escape sequences and control bytes (cursor
    moves become nothing, so text drawn at separate places runs together)."""
    return _ESCAPES.sub("", raw.decode("utf-8", "replace"))


@dataclass(frozen=True)
class Line:
    """One line from tmux in control mode: `kind` is the word after % (output, begin, end,
    error, exit, window-close …; "" for a command's reply text), `pane` the pane of an
    %output, `data` its unescaped bytes (or the rest of the line)."""

    kind: str
    pane: str = ""
    data: bytes = b""


def parse_line(line: bytes) -> Line:
    """One control-mode line (without or with its newline) as a Line."""
    line = line.rstrip(b"\r\n")
    if not line.startswith(b"%"):
        return Line("", data=line)
    head, _, rest = line.partition(b" ")
    kind = head[1:].decode("ascii", "replace")
    if kind == "output":
        pane, _, data = rest.partition(b" ")
        return Line(kind, pane.decode("ascii", "replace"), unescape(data))
    if kind == "extended-output":  # %extended-output %PANE AGE … : DATA
        pane, _, more = rest.partition(b" ")
        return Line("output", pane.decode("ascii", "replace"), unescape(more.partition(b" : ")[2]))
    return Line(kind, data=rest)


def quote(arg: str) -> str:
    """`arg` as one word of a tmux command (single quotes: nothing inside is special)."""
    if "'" not in arg:
        return f"'{arg}'"
    return '"' + "".join("\\" + c if c in '"\\$~' else c for c in arg) + '"'


@dataclass
class Pane:
    """A program running in a window of its own; its output with arrival times."""

    id: str
    pid: int
    window: str
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    closed: bool = False


class Tmux:
    """One tmux server of our own (socket `-L bench-PID`), with a control-mode client."""

    def __init__(self, width: int = 120, height: int = 40) -> None:
        self.socket = f"bench-{os.getpid()}"
        self.proc = subprocess.Popen(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "-C", "new-session", "-s",
             f"bench-{os.getpid()}", "-x", str(width), "-y", str(height), "sleep 86400"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.panes: dict[str, Pane] = {}
        #: every process the server ran for us that a kill or close signalled (see close)
        self.started: set[int] = set()
        self.server = 0
        self._output: dict[str, list[tuple[float, bytes]]] = {}  # by pane id, from birth
        self._sent = 1  # new-session's own reply comes first
        self._replies: list[list[bytes]] = []
        self._reply: list[bytes] | None = None
        self._cond = threading.Condition()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        reply = self.command("display-message -p '#{pid}'")  # the session is up
        self.server = int(reply[0]) if reply and reply[0].isdigit() else 0

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            now = time.perf_counter()
            line = parse_line(raw)
            with self._cond:
                if self._reply is not None and line.kind not in ("end", "error"):
                    self._reply.append(raw.rstrip(b"\r\n"))  # a reply line may start with %
                elif line.kind == "output":
                    self._output.setdefault(line.pane, []).append((now, line.data))
                elif line.kind == "begin":
                    self._reply = []
                elif line.kind in ("end", "error"):
                    self._replies.append(self._reply or [])
                    self._reply = None
                elif line.kind == "window-close":
                    for pane in self.panes.values():
                        if pane.window == line.data.split(b" ")[0].decode():
                            pane.closed = True
                self._cond.notify_all()
        with self._cond:
            self._replies.append([])
            self._cond.notify_all()

    def command(self, text: str, timeout: float = 10.0) -> list[bytes]:
        """Send one command; its reply lines (commands are answered in order)."""
        want, _ = self._write(text)
        with self._cond:
            self._cond.wait_for(lambda: len(self._replies) >= want, timeout)
            return self._replies[want - 1] if len(self._replies) >= want else []

    def send(self, text: str) -> float:
        """Write one command line without waiting for its reply; when it was written."""
        return self._write(text)[1]

    def _write(self, text: str) -> tuple[int, float]:
        """Write a command; which reply will be its own (every command gets one, in order)
        and when it was written."""
        assert self.proc.stdin is not None
        with self._lock:
            self._sent += 1
            self.proc.stdin.write(text.encode("utf-8") + b"\n")
            self.proc.stdin.flush()
            return self._sent, time.perf_counter()

    def start(self, argv: Iterable[str], env: dict[str, str], cwd: str,
              start_mark: str = "") -> Pane:
        """Run argv in a new window (through `sh -c 'printf MARK; exec …'` when a start
        mark is given, so the program's start is timed through the same channel)."""
        words = " ".join(quote(a) for a in argv)
        shell = f"printf '%s' {quote(start_mark)}; exec {words}" if start_mark else f"exec {words}"
        envs = " ".join(f"-e {quote(f'{k}={v}')}" for k, v in env.items())
        reply = self.command(f"new-window -d -P -F '#{{pane_id}} #{{pane_pid}} #{{window_id}}' "
                             f"-c {quote(cwd)} {envs} {quote('sh')} {quote('-c')} "
                             f"{quote(shell)}")
        pane_id, pid, window = reply[0].decode().split()
        with self._cond:
            pane = Pane(pane_id, int(pid), window, self._output.setdefault(pane_id, []))
            self.panes[pane_id] = pane
        return pane

    def keys(self, pane: Pane, *keys: str, literal: bool = False) -> float:
        """Send keys (tmux key names, or literal text); when the command was written."""
        flag = "-l " if literal else ""
        return self.send(f"send-keys -t {pane.id} {flag}" + " ".join(quote(k) for k in keys))

    def output_since(self, pane: Pane, t: float) -> list[tuple[float, bytes]]:
        """The pane's output chunks that arrived after t."""
        with self._cond:
            return [c for c in pane.chunks if c[0] > t]

    def wait_text(self, pane: Pane, text: str, since: float, timeout: float) -> float | None:
        """Arrival time of the chunk that completed `text` in the output after `since`."""
        deadline = time.perf_counter() + timeout
        seen = 0
        raw = b""
        while time.perf_counter() < deadline:
            with self._cond:
                chunks = [c for c in pane.chunks if c[0] > since]
                if len(chunks) == seen:
                    self._cond.wait(0.05)
                    continue
            for at, data in chunks[seen:]:
                raw += data
                if text in visible_text(raw[-(len(data) + 8 * len(text) + 4096):]):
                    return at
            seen = len(chunks)
        return None

    def wait_quiet(self, pane: Pane, since: float, quiet: float, timeout: float
                   ) -> tuple[float, float] | None:
        """After `since`: the arrival of the first and of the last output before a pause
        of `quiet` seconds, or None if nothing came within `timeout`."""
        deadline = since + timeout
        while True:
            now = time.perf_counter()
            with self._cond:
                chunks = [c[0] for c in pane.chunks if c[0] > since]
            if chunks and now - chunks[-1] >= quiet:
                return chunks[0], chunks[-1]
            if not chunks and now > deadline:
                return None
            if chunks and now > deadline + 5:
                return chunks[0], chunks[-1]
            time.sleep(min(quiet / 4, 0.005) if chunks else 0.002)

    def screen(self, pane: Pane) -> str:
        """What the pane shows now (capture-pane)."""
        return "\n".join(b.decode("utf-8", "replace")
                         for b in self.command(f"capture-pane -p -t {pane.id}"))

    def kill(self, pane: Pane, timeout: float = 5.0) -> None:
        """End the pane's program and every process under it (its workers: they run in
        sessions of their own, so the pane's signals never reach them), SIGTERM then SIGKILL
        after `timeout` s, and close its window. Not by closing the window first: kzt-tui
        outlives the SIGHUP that brings for > 15 s."""
        self.started.update(end_tree(pane.pid, timeout))
        if not pane.closed:
            self.command(f"kill-window -t {pane.window}")
            pane.closed = True

    def close(self, timeout: float = 5.0) -> list[int]:
        """End every pane's program and process tree, then the server (our own socket
        only) and the client; the processes that are still alive after that (none, unless
        one escaped both SIGTERM and SIGKILL)."""
        for pane in list(self.panes.values()):
            self.started.update(end_tree(pane.pid, timeout))
        if self.server:  # and whatever else runs under the server (its holder `sleep`)
            for pid in descendants(self.server):
                self.started.update(end_tree(pid, timeout))
        with contextlib.suppress(OSError):
            self.send("kill-server")
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        deadline = time.perf_counter() + timeout
        while self.server and _alive(self.server) and time.perf_counter() < deadline:
            time.sleep(0.01)
        if self.server and _alive(self.server):
            with contextlib.suppress(OSError):
                os.kill(self.server, signal.SIGKILL)
        # kill-server from a control client leaves the socket file behind
        folder = Path(os.environ.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)
        return sorted(pid for pid in {*self.started, self.server} if pid and _alive(pid))


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie does not: it has ended, only its exit is not
    collected yet)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def alive(pids: Iterable[int]) -> list[int]:
    """Those of `pids` whose process still runs (not gone, not a zombie)."""
    return [pid for pid in pids if _alive(pid)]


def children() -> dict[int, list[int]]:
    """Every process's children now, by parent pid (from /proc)."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def descendants(root: int) -> list[int]:
    """The processes under `root` now (children, their children, …), not root itself."""
    kids, found, todo = children(), [], [root]
    while todo:
        for kid in kids.get(todo.pop(), ()):
            found.append(kid)
            todo.append(kid)
    return found


def end_tree(root: int, timeout: float = 5.0) -> list[int]:
    """End `root` and every process under it: SIGTERM to all, SIGKILL after `timeout` s to
    any still running. The tree is read before any signal (an orphan leaves it) and again
    after (a child started meanwhile). Every pid it signalled, to check later."""
    seen: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGKILL):
        tree = [p for p in [root, *descendants(root)] if p not in seen]
        seen += tree
        for pid in alive(seen):
            with contextlib.suppress(OSError):
                os.kill(pid, sig)
        deadline = time.perf_counter() + (timeout if sig == signal.SIGTERM else 1.0)
        while alive(seen) and time.perf_counter() < deadline:
            time.sleep(0.005)
        if not alive(seen) and not descendants(root):
            break
    return seen


def started_at(pid: int) -> str:
    """When the process started (clock ticks since boot, /proc stat field 22), "" if it is
    gone: a pid and its start time name one process, never a later one given the same pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(pid: int, window: float = 0.5, busy: float = 0.05, timeout: float = 120.0
           ) -> float:
    """Wait until the process uses less than `busy` of a core over `window` seconds (its
    background work done); the seconds waited."""
    t0 = time.perf_counter()
    last = cpu_seconds(pid)
    while time.perf_counter() - t0 < timeout:
        time.sleep(window)
        now = cpu_seconds(pid)
        if now - last < busy * window:
            break
        last = now
    return time.perf_counter() - t0
