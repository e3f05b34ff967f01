"""Every class of bad input gives a precise problem (file:line:col, field path), never a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kzt_tui.core.loading import DataError, load
from tests.helpers import MINI

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def one(path: Path) -> str:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


def test_mini_dataset_loads(mini: Path) -> None:
    ds = load(mini)
    assert [a.id for a in ds.agreements] == ["agr-one"]
    span = ds.figures[0].citations[0].span
    assert span is not None and span.line_start == 3


def test_yaml_syntax_error_names_line_and_column(write_data) -> None:
    path = write_data("schema_version: 1\ndocuments:\n  - id: [unclosed\n")
    msg = one(path)
    assert msg == (f"{path}:3:9: YAML syntax error: the '[' opened here is not closed "
                   "before line 4, column 1 (did not find expected ',' or ']' there)")


def test_wrong_type_names_field_path(write_data) -> None:
    path = write_data(BASE.replace("value: 555.7", 'value: "555,7"'))
    msg = one(path)
    assert ":46:5: figures[0].value: expected a number, got the string '555,7'" in msg
    assert "decimal point" in msg


def test_missing_required_field(write_data) -> None:
    path = write_data(BASE.replace("    level: interstate\n", ""))
    msg = one(path)
    assert "agreements[0].level: required field is missing" in msg
    assert ":12:5:" in msg


def test_unknown_field_suggests_the_right_one(write_data) -> None:
    path = write_data(BASE.replace("    status: signed", "    statsu: signed"))
    found = problems(path)
    expected = "agreements[0].statsu: unknown field 'statsu' (hint: did you mean 'status'?)"
    assert any(expected in p for p in found)
    assert any("agreements[0].status: required field is missing" in p for p in found)


def test_duplicate_id(write_data) -> None:
    path = write_data(BASE.replace("id: cor-road", "id: agr-one").replace("[cor-road]", "[]"))
    found = problems(path)
    assert any(":28:5: corridors[0].id: id 'agr-one' must start with 'cor-'" in p for p in found)
    assert any("corridors[0].id: duplicate id 'agr-one' (first used at agreements[0])" in p
               for p in found)


def test_duplicate_yaml_key(write_data) -> None:
    path = write_data(
        BASE.replace("    kind: agreement\n", "    kind: agreement\n    kind: plan\n")
    )
    msg = one(path)
    assert ":15:5: duplicate key 'kind' (first at line 14, column 5)" in msg


def test_unknown_reference(write_data) -> None:
    path = write_data(BASE.replace("figures: [fig-trade]", "figures: [fig-trad]"))
    msg = one(path)
    assert "agreements[0].figures[0]: unknown id 'fig-trad'" in msg
    assert "(hint: did you mean 'fig-trade'?)" in msg


def test_reference_to_wrong_kind(write_data) -> None:
    path = write_data(BASE.replace("figures: [fig-trade]", "figures: [cor-road]"))
    msg = one(path)
    assert "agreements[0].figures[0]: 'cor-road' is not one of the figures" in msg


def test_quote_not_in_source(write_data) -> None:
    path = write_data(BASE.replace('quote: "Вторая строка"', 'quote: "Вторая строчка"'))
    msg = one(path)
    assert ":37:9: corridors[0].citations[0].quote: [doc-a] quote not found; closest passage" in msg


def test_ambiguous_quote(write_data) -> None:
    path = write_data(BASE.replace("        occurrence: 2\n", ""))
    msg = one(path)
    assert "figures[0].citations[0].quote: [doc-a] quote occurs 2 times (lines 2, 3)" in msg


def test_missing_source_file(write_data) -> None:
    path = write_data(BASE.replace("file: texts/a.txt", "file: texts/missing.txt"))
    msg = one(path)
    assert ":4:5: documents[0].file: source file 'texts/missing.txt' does not exist" in msg


def test_empty_data_file(write_data) -> None:
    path = write_data("")
    hint = "(hint: a curated file starts with `schema_version: 1`)"
    assert one(path) == f"{path}: file is empty {hint}"


def test_non_utf8_data_file(write_data) -> None:
    path = write_data("x")
    path.write_bytes("schema_version: 1\n# Тест\n".encode("cp1251"))
    assert one(path) == (f"{path}: not valid UTF-8 at byte offset 20 (byte 0xD2) "
                         "(hint: save the file as UTF-8)")


def test_non_utf8_source_names_file_and_byte_offset(write_data) -> None:
    path = write_data(BASE)
    (path.parent / "texts" / "a.txt").write_bytes("ok Тест".encode("cp1251"))
    msg = one(path)
    assert "source file 'texts/a.txt' is not valid UTF-8 at byte offset 3 (byte 0xD2)" in msg


def test_bom_and_crlf_source_keeps_offsets(write_data) -> None:
    path = write_data(BASE)
    source = path.parent / "texts" / "a.txt"
    text = source.read_text(encoding="utf-8")
    source.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    ds = load(path)
    span = ds.figures[0].citations[0].span
    assert span is not None
    assert ds.texts["doc-a"][span.start : span.end] == "товарооборот $555,7 млн."
    assert span.line_start == 3


def test_python_tag_is_refused_and_not_run(write_data, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = write_data(
        f'schema_version: 1\nx: !!python/object/apply:os.system ["touch {marker}"]\n'
    )
    msg = one(path)
    assert ":2:4: tag '!!python/object/apply:os.system' is not allowed" in msg
    assert not marker.exists()


def test_alias_bomb_is_bounded(write_data) -> None:
    lines = ["schema_version: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = write_data("\n".join(lines) + "\n")
    msg = one(path)
    # the "lol"s it repeats cross the budget of characters before the one of values
    assert ":6:18: aliases repeat more than 66,026" in msg and "characters" in msg


def test_self_referencing_alias(write_data) -> None:
    path = write_data("schema_version: 1\ndocuments: &d [*d]\n")
    msg = one(path)
    assert "an alias refers to a value that contains itself" in msg


def test_yaml11_surprises_stay_strings_and_fail_typed_checks(write_data) -> None:
    path = write_data(
        BASE.replace('date: "2025-11-25"\n    status', "date: 2025-11-25\n    status")
        .replace("countries: [KZ, TM]\n    date", "countries: [KZ, no]\n    date")
        .replace("value: 555.7", "value: 012")
    )
    found = problems(path)
    assert any("agreements[0].countries[1]: expected an ISO country code, got the string 'no'"
               in p for p in found)
    assert any("figures[0].value: expected a number, got the string '012'" in p for p in found)
    # an unquoted date is still a valid date string under the YAML 1.2 core schema
    assert not any("agreements[0].date" in p for p in found)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("/etc/passwd", "document path '/etc/passwd' is absolute"),
        ("../outside.txt", "document path '../outside.txt' contains '..'"),
        ("texts/../../x.txt", "contains '..'"),
    ],
)
def test_paths_outside_the_root_are_refused(write_data, file: str, expected: str) -> None:
    path = write_data(BASE.replace("file: texts/a.txt", f"file: {file}"))
    assert expected in one(path)


def test_symlink_outside_the_root_is_refused(write_data, tmp_path: Path) -> None:
    path = write_data(BASE.replace("file: texts/a.txt", "file: texts/link.txt"))
    secret = tmp_path / "secret.txt"
    secret.write_text("Первая строка", encoding="utf-8")
    os.symlink(secret, path.parent / "texts" / "link.txt")
    assert "leads outside the dataset root" in one(path)


def test_huge_data_file_is_refused_before_reading(write_data, monkeypatch) -> None:
    import kzt_tui.core.loading.files as files_module

    monkeypatch.setattr(files_module, "MAX_DATA_BYTES", 100)
    path = write_data(BASE)
    msg = one(path)
    assert "bytes; the limit is 100" in msg


def test_huge_source_file_is_refused(write_data, monkeypatch) -> None:
    import kzt_tui.core.loading.files as sources

    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 10)
    path = write_data(BASE)
    assert "bytes; the limit is 10" in one(path)


def test_top_level_must_be_a_mapping(write_data) -> None:
    path = write_data("- just\n- a list\n")
    assert "expected a mapping of sections at the top level" in one(path)


def test_schema_version_is_checked(write_data) -> None:
    path = write_data(BASE.replace("schema_version: 1", "schema_version: 2"))
    assert "schema_version: expected schema_version: 1, got the number 2" in one(path)


def test_a_file_broken_wholesale_lists_the_first_problems_and_counts_the_rest(
    write_data, monkeypatch
) -> None:
    from kzt_tui.core.loading import context

    monkeypatch.setattr(context, "MAX_PROBLEMS", 5)
    path = write_data("schema_version: 1\ndocuments: [" + ", ".join(["{}"] * 10) + "]\n")
    with pytest.raises(DataError) as info:
        load(path)
    problems = info.value.problems
    assert len(problems) == 6
    assert all(p.line is not None for p in problems[:5])
    assert problems[-1].message.startswith("… and ")
    assert problems[-1].message.endswith(" more problem(s) not listed")
    unlisted = int(problems[-1].message.split()[2].replace(",", ""))
    assert unlisted > 0
