import pytest

from core.qr import qr_png, qr_svg
from core.text import fold


def test_fold_removes_vietnamese_diacritics_and_extra_space():
    assert fold("Đăng ký  khai sinh") == "dang ky khai sinh"
    assert fold(None) == ""


def test_svg_has_no_xml_declaration_so_it_can_sit_in_html():
    svg = qr_svg("https://example.org/verify/ABC")
    assert svg.startswith("<svg") and "<?xml" not in svg


def test_png_decodes_to_its_data():
    zxingcpp = pytest.importorskip("zxingcpp")
    import io

    from PIL import Image

    [result] = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png("https://example.org/x"))))
    assert result.text == "https://example.org/x"


def test_names_sort_in_the_vietnamese_alphabet_and_accents_sort_with_their_letter():
    from core.text import sort_key

    names = ["Thôn Tân", "Đông Anh", "Dũng Tiến", "Ăn Uống", "An Bình", "Ấp Một", "Ông", "Ong"]
    names += ["Ưu", "Uy", "Zebra", "Ärzte", "bà Rịa", "Ba Vì"]
    assert sorted(names, key=sort_key) == [
        "An Bình",
        "Ärzte",  # German: with A, not after Z
        "Ăn Uống",  # a, ă, â
        "Ấp Một",
        "bà Rịa",  # case and tones do not split a name from its letters
        "Ba Vì",
        "Dũng Tiến",
        "Đông Anh",  # every D before Đ
        "Ong",
        "Ông",
        "Thôn Tân",
        "Uy",
        "Ưu",
        "Zebra",
    ]
