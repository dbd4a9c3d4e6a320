"""How the window was left: its geometry, docks, pane sizes and preview mode, for next time.

The user's preferences (language, mail server, recent files) are apart, in ``preferences``.
"""

from __future__ import annotations

from composer.gui.stored_settings import BytesSetting, FlagSetting, StoredSettings, TextSetting


class WindowState(StoredSettings):
    """The main window's remembered state; each value is empty or the default the first time."""

    #: The main window's geometry.
    geometry = BytesSetting("window/geometry")
    #: The main window's toolbars and docks.
    window_state = BytesSetting("window/state")
    #: The sizes of the list, editor and preview panes.
    splitter = BytesSetting("window/splitter")
    #: The preview's width: ``desktop`` or ``mobile``.
    preview_mode = TextSetting("preview/mode", "desktop", ("desktop", "mobile"))
    #: Whether the preview shows the newsletter as a dark-mode mail program would.
    dark_preview = FlagSetting("preview/dark", False)
