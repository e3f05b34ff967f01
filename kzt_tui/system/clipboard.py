"""Handing text to the system clipboard through whatever tool this machine has."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from kzt_tui.core.i18n import N_

#: Seconds a clipboard tool may take before it is killed and the user told.
TIMEOUT = 2.0
#: The problem when no tool is there at all (a msgid: the notice shows it translated).
NO_TOOL = N_("no clipboard tool found")


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What a system-clipboard attempt did: the tool that worked, or why none did."""

    tool: str | None
    problem: str | None = None


def candidates(env: dict[str, str] | None = None) -> list[list[str]]:
    """Clipboard commands worth trying here, most specific first."""
    env = dict(os.environ) if env is None else env
    found: list[list[str]] = []
    if env.get("WAYLAND_DISPLAY"):
        found.append(["wl-copy"])
    if env.get("DISPLAY"):
        found += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if sys.platform == "darwin":
        found.append(["pbcopy"])
    found.append(["clip.exe"])  # Windows, and WSL
    return found


def resolve(name: str, search: str | None = None) -> str | None:
    """The absolute path of the executable file `name` (a bare name found on PATH, or an
    absolute path), or None.

    Only absolute PATH entries are searched, and a relative name is never run: "." or an
    empty entry in PATH would otherwise run a program called, say, wl-copy from the current
    folder, which may be a dataset's that anyone could have written.
    """
    if os.path.isabs(name):
        found = [name]
    elif os.sep in name or (os.altsep and os.altsep in name):
        return None
    else:
        search = os.environ.get("PATH", os.defpath) if search is None else search
        found = [os.path.join(d, name) for d in search.split(os.pathsep) if os.path.isabs(d)]
    for path in found:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the tool and whatever it started: a shell wrapper's `sleep`, `yes`… would
    otherwise run on after the tool is killed."""
    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)  # its own group: start_new_session
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def system_copy(
    text: str, commands: Sequence[Sequence[str]] | None = None, timeout: float | None = None
) -> CopyResult:
    """Pipe `text` to the first clipboard tool that exists and succeeds within `timeout`."""
    timeout = TIMEOUT if timeout is None else timeout
    problems: list[str] = []
    for command in candidates() if commands is None else commands:
        exe = resolve(command[0])
        if exe is None:
            continue
        name = os.path.basename(command[0])
        try:
            proc = subprocess.Popen(
                [exe, *command[1:]],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                # DEVNULL, not a pipe: xclip forks a child that would hold a pipe open.
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # a group of its own, to kill whole on timeout
            )
        except OSError as exc:
            problems.append(f"{name} failed: {exc.strerror or exc}")
            continue
        try:
            proc.communicate(text.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            problems.append(f"{name} timed out after {timeout:g} s")
            continue
        except BaseException:
            _kill_group(proc)
            raise
        if proc.returncode == 0:
            return CopyResult(name)
        problems.append(f"{name} exited with status {proc.returncode}")
    return CopyResult(None, "; ".join(problems) or NO_TOOL)
