"""Pictures staff upload: only real JPEG, PNG or WebP, re-encoded without metadata, resized."""

import io
import uuid
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow's format name -> file extension. SVG and everything else are refused.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 6},
}
WEB_WIDTH = 1600
HERO_WIDTHS = (480, 960, 1440)
TOO_MANY_PIXELS = "This picture has too many pixels. Make it under 6000 pixels wide and high."


class ImageRejected(ValueError):
    """A picture that cannot be used; the message says why in plain words."""


def open_checked(upload) -> Image.Image:
    """Open an upload as a picture, or raise ImageRejected with a message for the editor."""
    max_bytes = settings.IMAGE_MAX_UPLOAD_BYTES
    if upload.size > max_bytes:
        raise ImageRejected(
            f"This picture is {upload.size / 1_000_000:.1f} MB. "
            f"Pictures can be up to {max_bytes // 1_000_000} MB."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ImageRejected("Only JPEG, PNG or WebP pictures can be used.")
            if image.width * image.height > settings.IMAGE_MAX_PIXELS:
                raise ImageRejected(TOO_MANY_PIXELS)
            image.load()
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(TOO_MANY_PIXELS) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRejected(
            "This file is not a picture that can be used. Use a JPEG, PNG or WebP picture."
        ) from None
    return image


def reencoded(
    image: Image.Image, *, max_width: int, image_format: str | None = None
) -> ContentFile:
    """A fresh copy: turned upright, no more than `max_width` wide, with no metadata (EXIF, GPS)."""
    image_format = image_format or image.format
    upright = ImageOps.exif_transpose(image)
    if upright.width > max_width:
        height = round(upright.height * max_width / upright.width)
        upright = upright.resize((max_width, height), Image.Resampling.LANCZOS)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    clean = Image.new(upright.mode, upright.size)
    clean.paste(upright)  # a new image carries none of the old one's metadata
    buffer = io.BytesIO()
    clean.save(buffer, format=image_format, **SAVE_OPTIONS[image_format])
    name = f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[image_format]}"
    file = ContentFile(buffer.getvalue(), name=name)
    file.width, file.height = clean.size
    return file


def web_image(upload) -> ContentFile:
    """A checked upload, ready to store and show in a page."""
    return reencoded(open_checked(upload), max_width=WEB_WIDTH)


def hero_variants(stored_file) -> list[dict]:
    """WebP copies of a hero picture at each width, saved next to it; described for srcset."""
    stored_file.open("rb")
    try:
        image = Image.open(stored_file)
        image.load()
    finally:
        stored_file.close()
    variants = []
    for width in HERO_WIDTHS:
        if variants and image.width < width:
            break
        file = reencoded(image, max_width=width, image_format="WEBP")
        name = stored_file.storage.save(f"heroes/{file.name}", file)
        variants.append(
            {"name": name, "width": file.width, "height": file.height, "source": stored_file.name}
        )
    return variants
