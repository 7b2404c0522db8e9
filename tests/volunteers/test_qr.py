"""QR payloads decoded with a real decoder (zxing-cpp), not just string-compared."""

import io
import re

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from core.qr import qr_png
from volunteers.views.certificates import verify_url

pytestmark = pytest.mark.django_db


def decode_png(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_certificate_qr_decodes_to_the_verify_url_that_answers(client, world):
    cert = world.certification
    client.force_login(world.users["volunteer"])
    body = client.get(reverse("volunteers:certificate", args=[cert.pk])).content.decode()
    payload = re.search(r'<p class="cert-url">([^<]+)</p>', body).group(1)
    assert payload == verify_url(cert.code) == f"http://testserver/verify/{cert.code}/"
    [decoded] = decode_png(qr_png(payload))
    assert decoded == payload
    client.logout()
    response = client.get(decoded.removeprefix("http://testserver"))
    assert response.status_code == 200 and cert.skill.name in response.content.decode()


def test_household_card_qr_opens_the_household_after_login(client, world):
    client.force_login(world.users["volunteer"])
    body = client.get(reverse("volunteers:household_cards", args=[world.team.pk])).content.decode()
    assert body.count("<svg") == 1
    payload = (
        f"http://testserver{reverse('volunteers:household_by_code', args=[world.household.code])}"
    )
    [decoded] = decode_png(qr_png(payload))
    path = decoded.removeprefix("http://testserver")
    assert path == f"/field/h/{world.household.code}/"
    assert client.get(path)["Location"] == reverse(
        "volunteers:household", args=[world.household.pk]
    )
    client.force_login(world.users["volunteer2"])
    assert client.get(path).status_code == 404  # another district's card
    client.logout()
    assert client.get(path)["Location"].startswith(reverse("login"))


def test_svg_on_the_card_is_the_same_code(client, world):
    """Rasterise the card's inline SVG path and decode it."""
    client.force_login(world.users["volunteer"])
    body = client.get(
        reverse("volunteers:certificate", args=[world.certification.pk])
    ).content.decode()
    svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
    image = rasterise_svg_path(svg)
    [decoded] = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == verify_url(world.certification.code)


def rasterise_svg_path(svg: str, scale: int = 10) -> Image.Image:
    """Draw qrcode's SvgPathImage (one path of unit squares "Mx,yHx+1Vy+1Hxz") with PIL."""
    from PIL import ImageDraw

    side = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    image = Image.new("L", (int(side * scale), int(side * scale)), 255)
    draw = ImageDraw.Draw(image)
    squares = re.findall(r"M([\d.]+),([\d.]+)H([\d.]+)V([\d.]+)H[\d.]+z", svg)
    assert squares, "unexpected SVG path format"
    for x0, y0, x1, y1 in squares:
        draw.rectangle(
            [float(x0) * scale, float(y0) * scale, float(x1) * scale - 1, float(y1) * scale - 1],
            fill=0,
        )
    return image
