"""The part cache (core/loading/cache.py) entry by entry: what an entry is called and holds,
byte for byte, and each way a stale, damaged, foreign or hostile entry is refused (None,
never an error, never code run)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import stat
import sys
import time
from pathlib import Path

import pytest

from kzt_tui.core import model
from kzt_tui.core.loading import cache, load
from kzt_tui.core.loading.cache import PartCache, cache_dir
from kzt_tui.core.loading.part import Part

MAGIC = b"kzt-tui-part\n"  # the entry format: MAGIC, key (32), SHA-256 of the payload, payload
NAME = re.compile(r"[0-9a-f]{16}-[0-9a-f]{32}\.pickle")


@pytest.fixture
def part(mini: Path) -> Part:
    """A part with a record in every section the mini dataset fills."""
    data = load(mini)
    sections = tuple(tuple(getattr(data, name)) for name in model.SECTION_PREFIX)
    assert sum(map(len, sections)) > 3
    return Part(file="curated.yaml", sections=sections,
                counts=tuple((len(s), 0) for s in sections), docs=(("doc-a", "a.txt"),),
                includes=(("parts/*.yaml", 2, 3),), ids=(("doc-a", "documents[0]", 4, 5),),
                refs=(), grounded_in=(("doc-a", "a.txt", "ab" * 32),))


def _key(n: int = 1) -> bytes:
    return hashlib.sha256(str(n).encode()).digest()


def _only_entry(store: PartCache) -> Path:
    entries = sorted(store.directory.iterdir())
    assert len(entries) == 1, entries
    return entries[0]


def test_an_entry_round_trips(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path / "c")
    assert store.base == tmp_path / "c" and store.directory == tmp_path / "c" / "parts"
    store.put(_key(), "curated.yaml", tmp_path, part)
    entry = _only_entry(store)
    assert NAME.fullmatch(entry.name) and entry.name.endswith(f"-{_key().hex()[:32]}.pickle")
    assert stat.S_IMODE(store.directory.stat().st_mode) == 0o700
    assert PartCache(tmp_path / "c").get(_key(), "curated.yaml", tmp_path) == part
    summary = PartCache(tmp_path / "c").get(_key(), "curated.yaml", tmp_path, records=False)
    assert summary == dataclasses.replace(part, sections=None)


def test_the_entry_layout(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    blob = _only_entry(store).read_bytes()
    assert blob[:13] == MAGIC and blob[13:45] == _key()
    payload = blob[77:]
    assert blob[45:77] == hashlib.sha256(payload).digest()
    split = int.from_bytes(payload[:8], "big")
    assert pickle.loads(payload[8:8 + split]) == dataclasses.replace(part, sections=None)
    assert pickle.loads(payload[8 + split:]) == part.sections


def test_no_default_folder_is_the_users_cache(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert PartCache().directory == cache_dir() / "parts"
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "kzt-tui"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == tmp_path / ".cache" / "kzt-tui"


def test_the_key_depends_on_every_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = PartCache(tmp_path)
    key = store.key("a.yaml", tmp_path, b"x: 1\n")
    assert len(key) == 32
    assert key == PartCache(tmp_path / "other").key("a.yaml", tmp_path, b"x: 1\n")
    others = {store.key("b.yaml", tmp_path, b"x: 1\n"),
              store.key("a.yaml", tmp_path / "r", b"x: 1\n"),
              store.key("a.yaml", tmp_path, b"x: 2\n")}
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    others.add(store.key("a.yaml", tmp_path, b"x: 1\n"))
    monkeypatch.undo()
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    others.add(store.key("a.yaml", tmp_path, b"x: 1\n"))
    assert key not in others and len(others) == 5


def test_a_name_that_is_not_utf8_is_a_key_and_an_entry(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    odd = "\udcff.yaml"
    key = store.key(odd, tmp_path, b"x")
    assert key != store.key("\udcfe.yaml", tmp_path, b"x")
    store.put(key, odd, tmp_path, dataclasses.replace(part, file=odd))
    assert store.get(key, odd, tmp_path) == dataclasses.replace(part, file=odd)


# --- refused entries ------------------------------------------------------------------------


def test_another_key_file_or_root_misses(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    assert store.get(_key(2), "curated.yaml", tmp_path) is None
    assert store.get(_key(), "other.yaml", tmp_path) is None
    assert store.get(_key(), "curated.yaml", tmp_path / "sub") is None
    assert store.get(_key(), "curated.yaml", tmp_path) == part


def test_an_entry_of_another_file_under_this_name_is_refused(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    store.put(_key(), "other.yaml", tmp_path, part)  # part.file is curated.yaml
    assert store.get(_key(), "other.yaml", tmp_path) is None
    assert store.get(_key(), "other.yaml", tmp_path, records=False) is None


def _rewrite(entry: Path, blob: bytes) -> None:
    entry.write_bytes(blob)
    entry.chmod(0o600)


def _forge(head: object, body: bytes | object = ()) -> bytes:
    head_bytes = pickle.dumps(head, protocol=5)
    body_bytes = body if isinstance(body, bytes) else pickle.dumps(body, protocol=5)
    payload = len(head_bytes).to_bytes(8, "big") + head_bytes + body_bytes
    return MAGIC + _key() + hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("damage", ["magic", "key", "digest", "payload", "short", "long",
                                    "empty"])
def test_a_damaged_entry_misses(tmp_path: Path, part: Part, damage: str) -> None:
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    entry = _only_entry(store)
    blob = bytearray(entry.read_bytes())
    at = {"magic": 0, "key": 13, "digest": 45, "payload": 100}.get(damage)
    if at is not None:
        blob[at] ^= 1
    elif damage == "short":
        blob = blob[:-1]
    elif damage == "long":
        blob += b"\0"
    else:
        blob = bytearray()
    _rewrite(entry, bytes(blob))
    assert store.get(_key(), "curated.yaml", tmp_path) is None
    assert store.get(_key(), "curated.yaml", tmp_path, records=False) is None


def test_the_forger_here_makes_what_put_makes(tmp_path: Path, part: Part) -> None:
    """So the forged entries below differ from a good one only where they mean to."""
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    entry = _only_entry(store)
    _rewrite(entry, _forge(dataclasses.replace(part, sections=None), part.sections))
    assert store.get(_key(), "curated.yaml", tmp_path) == part


class Hostile:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize("records", [True, False])
def test_a_forged_entry_runs_no_code(tmp_path: Path, part: Part, records: bool,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    entry = _only_entry(store)
    for blob in (_forge(Hostile()),
                 _forge(dataclasses.replace(part, sections=None), Hostile())):
        _rewrite(entry, blob)
        got = store.get(_key(), "curated.yaml", tmp_path, records=records)
        assert got is None or (not records and got.sections is None)
    assert not (tmp_path / "pwned").exists()
    with pytest.raises(pickle.UnpicklingError, match=r"^posix\.system is not a stored class$"):
        cache._unpickle(memoryview(pickle.dumps(Hostile())))


@pytest.mark.parametrize("sections", [
    "list", "short", "long", "records as a list", "a record of another section", "no tuple"])
def test_records_not_of_their_sections_type_are_refused(
        tmp_path: Path, part: Part, sections: str) -> None:
    assert part.sections is not None
    good = list(part.sections)
    first = next(i for i, s in enumerate(good) if s)
    other = next(i for i, s in enumerate(good) if s and i != first)
    bad: object = {
        "list": good,
        "short": tuple(good[:-1]),
        "long": (*good, ()),
        "records as a list": tuple(list(s) if i == first else s for i, s in enumerate(good)),
        "a record of another section": tuple(
            good[other] if i == first else s for i, s in enumerate(good)),
        "no tuple": None,
    }[sections]
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    _rewrite(_only_entry(store), _forge(dataclasses.replace(part, sections=None), bad))
    assert store.get(_key(), "curated.yaml", tmp_path) is None
    # the summary alone does not read the records
    assert store.get(_key(), "curated.yaml", tmp_path, records=False) == dataclasses.replace(
        part, sections=None)


def test_a_head_that_is_not_a_part_is_refused(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    entry = _only_entry(store)
    summary = dataclasses.replace(part, sections=None)
    for head in (dataclasses.astuple(summary), part.sections[0][0] if part.sections else None):
        _rewrite(entry, _forge(head, part.sections))
        assert store.get(_key(), "curated.yaml", tmp_path) is None


# --- who may have written it -------------------------------------------------------------


def test_an_entry_others_could_write_or_a_link_is_not_read(tmp_path: Path, part: Part,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    entry = _only_entry(store)
    assert stat.S_IMODE(entry.stat().st_mode) & 0o022 == 0
    for mode in (0o620, 0o602, 0o622):
        entry.chmod(mode)
        assert store.get(_key(), "curated.yaml", tmp_path) is None
    entry.chmod(0o644)
    assert store.get(_key(), "curated.yaml", tmp_path) == part
    me = os.getuid()
    monkeypatch.setattr(cache.os, "getuid", lambda: me + 1)  # another user's
    assert store.get(_key(), "curated.yaml", tmp_path) is None
    monkeypatch.delattr(cache.os, "getuid")  # no users (Windows): the mode decides
    assert store.get(_key(), "curated.yaml", tmp_path) == part
    monkeypatch.undo()
    real = tmp_path / "elsewhere.pickle"
    entry.rename(real)
    entry.symlink_to(real)
    assert store.get(_key(), "curated.yaml", tmp_path) is None


# --- put ------------------------------------------------------------------------------------


def test_a_new_entry_replaces_the_files_older_one_only(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    store.put(_key(9), "other.yaml", tmp_path, dataclasses.replace(part, file="other.yaml"))
    store.put(_key(1), "curated.yaml", tmp_path, part)
    kept = sorted(p.name for p in store.directory.iterdir())
    mine = next(n for n in kept if n.endswith(f"-{_key(1).hex()[:32]}.pickle"))
    side = store.directory / f"{mine.split('-')[0]}-note.txt"  # not an entry: left alone
    side.write_text("x", encoding="utf-8")
    for n in (2, 3):  # the same cache object, then a fresh one
        store.put(_key(n), "curated.yaml", tmp_path, part)
    PartCache(tmp_path).put(_key(4), "curated.yaml", tmp_path, part)
    names = sorted(p.name for p in store.directory.iterdir())
    assert len(names) == 3 and side.name in names
    assert store.get(_key(4), "curated.yaml", tmp_path) == part
    assert store.get(_key(9), "other.yaml", tmp_path) is not None
    for n in (1, 2, 3):
        assert store.get(_key(n), "curated.yaml", tmp_path) is None
    store.put(_key(4), "curated.yaml", tmp_path, part)  # the same again: kept
    assert store.get(_key(4), "curated.yaml", tmp_path) == part


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path, part: Part) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    store = PartCache(blocker)
    store.put(_key(), "curated.yaml", tmp_path, part)
    assert store.get(_key(), "curated.yaml", tmp_path) is None
    assert blocker.read_text(encoding="utf-8") == ""


def test_trusted(tmp_path: Path) -> None:
    entry = tmp_path / "e"
    assert not cache.trusted(entry)
    entry.write_bytes(b"")
    entry.chmod(0o600)
    assert cache.trusted(entry)
    assert not cache.trusted(tmp_path)


def test_entries_are_pickle_protocol_5_and_not_fsynced(tmp_path: Path, part: Part,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A lost entry is only rebuilt: no fsync per entry (a first load writes hundreds)."""
    from kzt_tui.core import atomic

    synced: list[int] = []
    monkeypatch.setattr(atomic.os, "fsync", synced.append)
    store = PartCache(tmp_path)
    store.put(_key(), "curated.yaml", tmp_path, part)
    assert synced == []
    payload = _only_entry(store).read_bytes()[77:]
    split = int.from_bytes(payload[:8], "big")
    assert payload[8:10] == b"\x80\x05" and payload[8 + split:10 + split] == b"\x80\x05"


def test_a_stray_entry_of_the_file_is_removed_too(tmp_path: Path, part: Part) -> None:
    store = PartCache(tmp_path)
    store.put(_key(1), "curated.yaml", tmp_path, part)
    prefix = _only_entry(store).name.split("-")[0]
    stray = store.directory / f"{prefix}-old-copy.pickle"
    stray.write_bytes(b"")
    PartCache(tmp_path).put(_key(2), "curated.yaml", tmp_path, part)
    assert _only_entry(store).name.endswith(f"-{_key(2).hex()[:32]}.pickle")


def test_an_entry_removed_meanwhile_is_no_error(tmp_path: Path, part: Part) -> None:
    """Another load (another process) may remove an entry this cache listed."""
    store = PartCache(tmp_path)
    store.put(_key(1), "curated.yaml", tmp_path, part)
    _only_entry(store).unlink()
    store.put(_key(2), "curated.yaml", tmp_path, part)
    store.put(_key(3), "curated.yaml", tmp_path, part)
    assert _only_entry(store).name.endswith(f"-{_key(3).hex()[:32]}.pickle")
    assert store.get(_key(3), "curated.yaml", tmp_path) == part


def test_the_cache_folder_follows_xdg_cache_home(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "xdg" / "kzt-tui"
    assert PartCache().directory == tmp_path / "xdg" / "kzt-tui" / "parts"


def test_a_patch_release_of_python_keeps_the_key(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Pickles are read the same by every patch release of a Python version: only its
    major and minor numbers are part of the key."""
    store = PartCache(tmp_path)
    major, minor, micro = sys.version_info[:3]
    key = store.key("a.yaml", tmp_path, b"x")
    with monkeypatch.context() as patch:
        patch.setattr(cache.sys, "version_info", (major, minor, micro + 1, "final", 0))
        same = store.key("a.yaml", tmp_path, b"x")
        patch.setattr(cache.sys, "version_info", (major, minor + 1, micro, "final", 0))
        other = store.key("a.yaml", tmp_path, b"x")
    assert same == key and other != key


def test_the_root_is_resolved_once_per_cache(tmp_path: Path, part: Part,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Not once per file of the dataset: a load of 1,000 files resolves its root once."""
    real = os.path.realpath
    asked: list[object] = []

    def spy(path: object, *args: object, **kwargs: object) -> str:
        asked.append(path)
        return real(path, *args, **kwargs)  # type: ignore[call-overload,no-any-return]

    store = PartCache(tmp_path / "c")
    monkeypatch.setattr(cache.os.path, "realpath", spy)
    for n in (1, 2, 3):
        store.put(_key(n), "curated.yaml", tmp_path, part)
    assert store.get(_key(3), "curated.yaml", tmp_path) == part
    monkeypatch.undo()
    assert [p for p in asked if p == tmp_path] == [tmp_path]


def test_a_killed_writers_old_temporary_file_is_swept_at_the_next_write(
        tmp_path: Path, part: Part) -> None:
    # a start's worker stopped at its limit (or ended with its start) mid-write leaves its
    # temporary file: the next write's listing removes one older than STALE_TEMP, and only it
    store = PartCache(tmp_path / "c")
    store.directory.mkdir(parents=True)
    now = time.time()
    names = {"old": ".aa-bb.pickle.123.x1.tmp", "young": ".aa-bb.pickle.124.x2.tmp",
             "dot": ".old.pickle", "plain": "old.tmp"}
    for name in names.values():
        (store.directory / name).write_bytes(b"partial")
        os.utime(store.directory / name, (now - cache.STALE_TEMP - 5,) * 2)
    os.utime(store.directory / names["young"], (now - cache.STALE_TEMP + 60,) * 2)
    store.put(_key(), "curated.yaml", tmp_path, part)
    left = {p.name for p in store.directory.iterdir()}
    assert names["old"] not in left
    assert {names["young"], names["dot"], names["plain"]} <= left  # a live writer's; not temp
    assert len(left) == 4  # and the new entry
    assert PartCache(tmp_path / "c").get(_key(), "curated.yaml", tmp_path) == part
    assert cache.STALE_TEMP == 600


def test_a_temporary_name_that_cannot_be_swept_stops_nothing(tmp_path: Path, part: Part
                                                              ) -> None:
    # a folder under a temporary file's name (unlink: IsADirectoryError) is left, and the
    # write goes on: the file's older entry is still replaced
    store = PartCache(tmp_path)
    store.put(_key(1), "curated.yaml", tmp_path, part)
    odd = store.directory / ".aa-bb.pickle.1.x.tmp"
    odd.mkdir()
    os.utime(odd, (time.time() - cache.STALE_TEMP - 5,) * 2)
    PartCache(tmp_path).put(_key(2), "curated.yaml", tmp_path, part)
    assert odd.is_dir()
    assert store.get(_key(1), "curated.yaml", tmp_path) is None
    assert store.get(_key(2), "curated.yaml", tmp_path) == part
