import pytest

from core.files import write_atomically


def test_the_file_appears_whole_and_the_result_is_returned(tmp_path):
    target = tmp_path / "out" / "report.xlsx"

    def write(temp):
        assert not target.exists()  # nothing at the target while writing
        with open(temp, "w") as handle:
            handle.write("complete")
        return 42

    assert write_atomically(target, write) == 42
    assert target.read_text() == "complete"
    assert [p.name for p in target.parent.iterdir()] == ["report.xlsx"]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_text("the earlier, complete file")
    temp_dir = tmp_path / "tmp"

    def write(temp):
        with open(temp, "w") as handle:
            handle.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, write, temp_dir=temp_dir)
    assert target.read_text() == "the earlier, complete file"
    assert list(temp_dir.iterdir()) == []
