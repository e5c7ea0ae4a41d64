"""Our folium elements put their rendered text into the page as text, never through Jinja a second time.

branca's ``MacroElement.render`` wraps each rendered macro (header, html, script) in ``Element(text)``,
which compiles that text as a new Jinja template. With data inlined (2.5 MB of packed sites at 100,000
sites) that lexing cost ~0.1 s per element per render, and any ``{{ … }}`` or ``{% … %}`` inside user text
(a site's name) would have been evaluated on the server. Every element in :mod:`layers` derives from
:class:`Macro`, which adds the rendered text as :class:`Text`.
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement

#: The macros a branca template may define, and where each one's output goes in the page.
_PARTS = ("header", "html", "script")


class Text(Element):
    """Finished HTML or script text: rendered as itself."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Text"
        self.text = text

    def render(self, **kwargs: object) -> str:
        """The text, unchanged."""
        return self.text


class Macro(MacroElement):
    """A ``MacroElement`` whose rendered macros are added to the figure as :class:`Text`."""

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # branca: MacroElement returns None
        """Render the template's macros into the figure's header, body and script, then the children."""
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} must be inside a folium map before it is rendered")
        macros = self._template.module.__dict__
        for part in _PARTS:
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Text(str(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
