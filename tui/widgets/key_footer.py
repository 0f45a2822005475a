"""The footer: Textual's, but drawn again only when the keys it shows change.

Textual's Footer remounts every key on each refresh of the bindings, and the app asks for one whenever what a key
may do could have changed: opening an article asked twice, and remounting the footer cost as much as drawing the
article. Mostly nothing the footer shows has changed.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: Hashable = None  # what the footer's keys were last composed from

    async def recompose(self) -> None:
        shown = self._what_is_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await super().recompose()

    def _what_is_shown(self) -> Hashable:
        """Everything Footer.compose draws the keys from: the bindings it lists (with whether each is enabled, its
        tooltip and the key as displayed), the command palette's, and whether it is ready and shows the palette."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            self._bindings_ready,
            self.show_command_palette,
            self.combine_groups,
            tuple(
                (active.binding, active.enabled, active.tooltip, self.app.get_key_display(active.binding))
                for key, active in self.screen.active_bindings.items()
                if active.binding.show or key == palette
            ),
        )
