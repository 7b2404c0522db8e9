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
