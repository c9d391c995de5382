"""Pictures in pages: only real JPEG, PNG or WebP, stripped of metadata, always described."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from core.roles import CONTENT_EDITOR, FRONT_DESK
from procedures.models import Draft, Procedure
from tests.factories import admin_form_values, make_procedure, make_staff
from tests.publishing import sign_off_and_publish

UPLOAD = "/markdownx/upload/"


def picture(image_format: str, *, size=(800, 600), gps=False) -> bytes:
    image = Image.new("RGB", size, (40, 120, 200))
    exif = Image.Exif()
    if gps:
        exif[ExifTags.Base.Make] = "PhoneMaker"
        exif[ExifTags.Base.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (42.0, 21.0, 30.0),
        }
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, exif=exif)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG file whose header claims a huge picture: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def editor(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_staff(CONTENT_EDITOR.group))
    return client


def upload(client, name: str, content: bytes, content_type: str):
    return client.post(UPLOAD, {"image": SimpleUploadedFile(name, content, content_type)})


def stored_path(settings, response) -> Path:
    url = response.json()["image_code"].removeprefix("![Describe this picture](").removesuffix(")")
    return Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL).lstrip(
        "/"
    ).removeprefix("media/")


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_real_pictures_are_accepted_and_stored_without_metadata(
    editor, settings, image_format, extension
):
    original = picture(image_format, gps=True)
    assert b"PhoneMaker" in original
    response = upload(editor, f"photo.{extension}", original, "image/x")
    assert response.status_code == 200, response.content
    # The description is left for the editor; the name keeps the file they chose.
    assert response.json()["image_code"].startswith(
        "![Describe this picture](/media/markdownx/photo-"
    )
    path = stored_path(settings, response)
    with Image.open(path) as stored:
        assert stored.format == image_format
        assert not stored.getexif()
        assert "exif" not in stored.info
    assert b"PhoneMaker" not in path.read_bytes()


def test_large_pictures_are_resized_for_the_web(editor, settings):
    response = upload(editor, "wide.jpg", picture("JPEG", size=(4000, 1000)), "image/jpeg")
    with Image.open(stored_path(settings, response)) as stored:
        assert stored.size == (1600, 400)


REFUSED = {
    "svg": (
        "drawing.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "image/svg+xml",
        "not a picture that can be used",
    ),
    "renamed text": (
        "photo.jpg",
        b"just some text, not a picture",
        "image/jpeg",
        "not a picture that can be used",
    ),
    "gif": ("anim.gif", picture("GIF"), "image/gif", "Only JPEG, PNG or WebP"),
    "oversized": (
        "huge.png",
        b"\x89PNG" + b"0" * 5_000_001,
        "image/png",
        "Pictures can be up to 5 MB",
    ),
    "decompression bomb": (
        "bomb.png",
        png_claiming(50_000, 50_000),
        "image/png",
        "too many pixels",
    ),
    "pixel limit": ("tall.png", png_claiming(7000, 7000), "image/png", "too many pixels"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_anything_else_is_refused_with_a_clear_message(editor, settings, case):
    name, content, content_type, message = REFUSED[case]
    response = upload(editor, name, content, content_type)
    assert response.status_code == 400
    assert response.json()["image"][0].startswith(f"{name} was not added. ")
    assert message in response.json()["image"][0]
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_only_page_editors_can_upload(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    content = picture("PNG")
    assert upload(client, "a.png", content, "image/png").status_code == 302  # to the login page
    client.force_login(make_staff(FRONT_DESK.group))
    assert upload(client, "a.png", content, "image/png").status_code == 403


def _save(client, procedure, **changes):
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    values = admin_form_values(client.get(url).content.decode())
    values.update(changes)
    return client.post(url, values)


def test_a_picture_without_a_description_is_refused_by_name(editor):
    procedure = make_procedure()
    response = _save(
        editor, procedure, during="1. You lie down.\n\n![](/media/markdownx/table.png)"
    )
    assert response.status_code == 200
    assert "Add a description (alt text) to the picture table.png" in response.content.decode()
    assert not Draft.objects.exists()  # nothing was kept

    response = _save(
        editor, procedure, during="![Describe this picture](/media/markdownx/table-3f9a.png)"
    )
    assert "to the picture table-3f9a.png" in response.content.decode()  # the placeholder
    response = _save(
        editor, procedure, during="![The padded table you lie on](/media/markdownx/table.png)"
    )
    assert response.status_code == 302


def test_hero_picture_needs_a_description_and_is_served_in_sizes(editor, settings):
    procedure = make_procedure()
    hero = SimpleUploadedFile(
        "hero.jpg", picture("JPEG", size=(2000, 1000), gps=True), "image/jpeg"
    )
    response = _save(editor, procedure, hero_image=hero, hero_alt="")
    assert "Describe the picture at the top" in response.content.decode()

    hero.seek(0)
    response = _save(editor, procedure, hero_image=hero, hero_alt="A doctor shows a spine model")
    assert response.status_code == 302
    assert not Procedure.objects.get(pk=procedure.pk).hero_image  # a draft until published
    procedure = sign_off_and_publish(procedure)
    assert [v["width"] for v in procedure.hero_variants] == [480, 960, 1440]
    with Image.open(procedure.hero_image.path) as original:
        assert not original.getexif()

    html = editor.get(procedure.get_absolute_url()).content.decode()
    assert 'alt="A doctor shows a spine model"' in html
    assert " 480w, " in html and " 1440w" in html


def test_a_condition_picture_without_a_description_is_refused(editor):
    from tests.factories import make_condition

    condition = make_condition()
    url = reverse("admin:procedures_condition_change", args=[condition.pk])
    values = admin_form_values(editor.get(url).content.decode())
    values["description"] = "Text.\n\n![](/media/markdownx/spine.png)"
    response = editor.post(url, values)
    assert "Add a description (alt text) to the picture spine.png" in response.content.decode()
