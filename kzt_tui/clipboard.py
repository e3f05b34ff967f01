"""Handing text to the system clipboard through whatever tool this machine has."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass

#: Seconds a clipboard tool may take before it is killed and the user told.
TIMEOUT = 2.0


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


def system_copy(
    text: str, commands: Sequence[Sequence[str]] | None = None, timeout: float | None = None
) -> CopyResult:
    """Pipe `text` to the first clipboard tool that exists and succeeds within `timeout`."""
    timeout = TIMEOUT if timeout is None else timeout
    problems: list[str] = []
    for command in candidates() if commands is None else commands:
        exe = shutil.which(command[0])
        if exe is None:
            continue
        name = os.path.basename(command[0])
        try:
            proc = subprocess.run(
                [exe, *command[1:]],
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                # DEVNULL, not a pipe: xclip forks a child that would hold a pipe open.
                stderr=subprocess.DEVNULL,
                timeout=timeout,
                check=False,
                start_new_session=True,
            )
        except subprocess.TimeoutExpired:
            problems.append(f"{name} timed out after {timeout:g} s")
            continue
        except OSError as exc:
            problems.append(f"{name} failed: {exc.strerror or exc}")
            continue
        if proc.returncode == 0:
            return CopyResult(name)
        problems.append(f"{name} exited with status {proc.returncode}")
    return CopyResult(None, "; ".join(problems) or "no clipboard tool found")
