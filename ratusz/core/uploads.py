"""What files Ratusz accepts as evidence, decided by content, not by name.

A file's extension must agree with what its first bytes say it is: an HTML
page renamed to .pdf is refused. Plain-text formats have no magic number, so
they must decode as text and must not look like markup.
"""

from __future__ import annotations

import os

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

# extension -> the MIME type its content must be sniffed as
BINARY_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
TEXT_TYPES = {".txt": "text/plain", ".csv": "text/csv"}
MARKUP_SIGNS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")


def allowed_extensions() -> list[str]:
    return sorted({*BINARY_TYPES, *TEXT_TYPES})


def sniff_upload(upload: UploadedFile) -> str:
    """Return the MIME type of an acceptable upload, or raise ValidationError."""
    ext = os.path.splitext(upload.name or "")[1].lower()
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if ext in BINARY_TYPES:
        kind = filetype.guess(head)
        if kind is None or kind.mime != BINARY_TYPES[ext]:
            raise ValidationError(
                {
                    "file": _("The file is named %(ext)s but its content is not a %(ext)s file.")
                    % {"ext": ext}
                }
            )
        return kind.mime
    if ext in TEXT_TYPES:
        lowered = head.lstrip().lower()
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # The 8 KiB cut may split a character; only an error before the end counts.
            if exc.start < len(head) - 4:
                raise ValidationError({"file": _("The text file is not UTF-8 text.")}) from None
        if b"\x00" in head or any(sign in lowered[:512] for sign in MARKUP_SIGNS):
            raise ValidationError(
                {
                    "file": _("The file is named %(ext)s but contains markup or binary data.")
                    % {"ext": ext}
                }
            )
        return TEXT_TYPES[ext]
    raise ValidationError(
        {
            "file": _("Files of type %(ext)s are not accepted. Accepted: %(list)s.")
            % {"ext": ext or _("(none)"), "list": ", ".join(allowed_extensions())}
        }
    )


def download(file, *, filename: str, content_type: str) -> FileResponse:
    """A stored upload sent back as a download, never shown in the browser's page: the
    type is the one sniffed when it was accepted, and the browser may not guess
    another or run anything in it."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
