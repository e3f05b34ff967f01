"""Radio buttons and checkboxes whose state shows by shape, not by colour alone: Textual's
draw ▐●▌ on and off alike (and a checkbox's X while off), told apart only by colour, so
without colour (NO_COLOR, a monochrome terminal) every option read the same."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton

#: (on, off) of each.
RADIO = ("●", "○")
CHECK = ("X", " ")


class ShapeRadioButton(RadioButton):
    """A radio button: ● chosen, ○ not."""

    def render(self) -> Content:
        self.BUTTON_INNER = RADIO[0] if self.value else RADIO[1]
        return super().render()


class ShapeCheckbox(Checkbox):
    """A checkbox: X on, empty off."""

    def render(self) -> Content:
        self.BUTTON_INNER = CHECK[0] if self.value else CHECK[1]
        return super().render()
