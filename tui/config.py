"""The user's settings: `config.toml` in the user's config folder (e.g. ~/.config/newsdesk/config.toml).

    theme = "textual-light"            # any Textual theme; changed from the palette, it is saved here
    [keys]                             # a binding id (see the help screen's source, e.g. "newsdesk.search") -> keys
    "newsdesk.search" = "slash,ctrl+f"

A bad file never stops the app: what cannot be used is reported in one line each and left out. The theme is
written back with tomlkit, which keeps the user's comments and layout.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from index.private import write_private_file

CONFIG_ENV = "NEWSDESK_CONFIG"


@dataclass
class Settings:
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, for notifications


def config_path() -> Path:
    configured = os.environ.get(CONFIG_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_config_path("newsdesk", appauthor=False) / "config.toml"


def load_settings(path: Path, binding_ids: set[str], themes: set[str]) -> Settings:
    settings = Settings()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        settings.problems.append(f"{path}: cannot read it ({error}); using the defaults")
        return settings
    theme = document.get("theme")
    if theme is not None:
        if isinstance(theme, str) and theme in themes:
            settings.theme = theme
        else:
            settings.problems.append(f"{path}: unknown theme {theme!r} (one of: {', '.join(sorted(themes))})")
    keys = document.get("keys", {})
    if not isinstance(keys, dict):
        settings.problems.append(f'{path}: [keys] must be a table of binding id = "keys"')
        keys = {}
    for binding_id, value in keys.items():
        if binding_id not in binding_ids:
            settings.problems.append(f"{path}: no key binding has the id {binding_id!r}")
        elif not isinstance(value, str) or not value.strip():
            settings.problems.append(f'{path}: keys for {binding_id!r} must be a string like "ctrl+f,slash"')
        else:
            settings.keys[binding_id] = value
    return settings


def save_theme(path: Path, theme: str) -> None:
    """Set `theme` in the file, keeping everything else as the user wrote it; the file is user-only."""
    # Imported here, not at the top: only a theme change writes the file, and tomlkit cost ~11 ms of the app's
    # start before its first paint (reading uses the standard library's tomllib).
    import tomlkit

    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        document = tomlkit.document()
    document["theme"] = theme
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_private_file(path, tomlkit.dumps(document), force=True)  # atomic: the old file or the new, never half
