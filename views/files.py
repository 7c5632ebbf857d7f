"""Files in and out of the app the way each platform can: Flet's FilePicker (save dialog, file and folder
choice) and Share (the phone's share/save sheet).

Screens reach them through ``ctx.host.files`` only, so that client-less tests answer with a fake. What
each platform offers in Flet 1.0.5:
- desktop: a save dialog that returns the path the user chose (the file is then written there, streamed),
  a folder chooser;
- web (the browser of this computer): a download of bytes handed to the browser, no folder chooser;
- mobile: a save dialog that takes bytes, a folder chooser, and the share sheet for a file on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import flet as ft

DESKTOP, WEB, MOBILE = "desktop", "web", "mobile"


@dataclass(frozen=True, slots=True)
class Picked:
    name: str
    path: Path | None  # desktop and mobile
    data: bytes | None  # web (the browser hands the bytes, never a path)


class Files(Protocol):
    @property
    def platform(self) -> str: ...  # DESKTOP, WEB or MOBILE

    async def save_as(
        self, title: str, file_name: str, data: bytes | None = None, extension: str = ""
    ) -> str | None: ...
    async def pick(self, title: str) -> Picked | None: ...
    async def pick_many(self, title: str, extensions: list[str]) -> list[Picked]: ...
    async def folder(self, title: str) -> str | None: ...
    async def share(self, path: Path, title: str) -> None: ...


class FletFiles:
    def __init__(self, page: ft.Page) -> None:
        self.page = page

    @property
    def platform(self) -> str:
        if self.page.web:
            return WEB
        return MOBILE if self.page.platform is not None and self.page.platform.is_mobile() else DESKTOP

    async def save_as(
        self, title: str, file_name: str, data: bytes | None = None, extension: str = ""
    ) -> str | None:
        """Desktop: the path chosen (``data``, when given, is written there by Flet); web: a download."""
        custom = ft.FilePickerFileType.CUSTOM if extension else ft.FilePickerFileType.ANY
        return await ft.FilePicker().save_file(
            dialog_title=title,
            file_name=file_name,
            file_type=custom,
            allowed_extensions=[extension] if extension else None,
            src_bytes=data,
        )

    async def pick(self, title: str) -> Picked | None:
        web = self.platform == WEB
        picked = await ft.FilePicker().pick_files(dialog_title=title, with_data=web)
        if not picked:
            return None
        file = picked[0]
        return Picked(file.name, Path(file.path) if file.path and not web else None, file.bytes)

    async def pick_many(self, title: str, extensions: list[str]) -> list[Picked]:
        """Several files of these types; the browser hands their bytes, the other platforms their paths."""
        web = self.platform == WEB
        picked = await ft.FilePicker().pick_files(
            dialog_title=title,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=extensions,
            allow_multiple=True,
            with_data=web,
        )
        return [Picked(f.name, Path(f.path) if f.path and not web else None, f.bytes) for f in picked or []]

    async def folder(self, title: str) -> str | None:
        if self.platform == WEB:
            return None
        return await ft.FilePicker().get_directory_path(dialog_title=title)

    async def share(self, path: Path, title: str) -> None:
        await ft.Share().share_files([ft.ShareFile.from_path(str(path))], title=title)
