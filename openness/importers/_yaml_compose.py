"""YAML read in one pass, within limits: PyYAML's parser, a checking composer, PyYAML's safe constructor.

PyYAML's own composers (the C one especially, which recurses on the C stack and crashes on deep
nesting) build the node graph before anything can be checked. This composer builds the same graph
from the parser's events with an explicit stack, and on the way refuses nesting deeper than
``max_depth``, more than ``max_nodes`` values once aliases are expanded (billion-laughs documents)
and aliases to a node that contains them (cycles). The graph then goes to PyYAML's safe constructor,
so the data is exactly what ``yaml.load(text, Loader=CSafeLoader)`` (or ``SafeLoader``) gives.
"""

from __future__ import annotations

from typing import Any

from openness._errors import OpennessError
from openness._reading.limit_checks import limit_error
from openness.limits import current

__all__ = ["load_checked"]


class _Open:
    """A collection being composed: its node, anchor, values so far, nesting below, pending key."""

    __slots__ = ("anchor", "below", "key", "node", "size")

    def __init__(self, node: Any, anchor: str | None) -> None:
        self.node, self.anchor = node, anchor
        self.size, self.below = 1, 0
        self.key: Any = None


def load_checked(yaml: Any, text: str, loader_class: Any, source: str, cycle_error: Any) -> Any:
    """The data of a single-document YAML text; ``cycle_error(message, mark)`` builds the cycle error.

    Raises PyYAML's errors for malformed text (as its loaders do), and :class:`LimitError` when a
    limit is passed.
    """
    loader = loader_class(text)
    try:
        node = _compose(yaml, loader, source, cycle_error)
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def _compose(yaml: Any, loader: Any, source: str, cycle_error: Any) -> Any:  # noqa: PLR0915 - one loop over events, flat for speed
    limits = current()
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    get_event, check_event, resolve = loader.get_event, loader.check_event, loader.resolve
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    sequence_start, mapping_start = yaml.SequenceStartEvent, yaml.MappingStartEvent
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    composer_error = yaml.composer.ComposerError

    def too_many() -> OpennessError:
        return limit_error("max_nodes", "the document has too many values (YAML aliases expanded)", source=source)

    get_event()  # stream start
    if check_event(yaml.StreamEndEvent):
        get_event()
        return None
    document = get_event()
    anchors: dict[str, Any] = {}
    sizes: dict[str, int] = {}  # anchor -> values in its node, aliases expanded
    heights: dict[str, int] = {}  # anchor -> nesting inside its node
    stack: list[_Open] = []
    counted = 0  # values so far, aliases expanded
    root: Any = None
    while root is None:
        event = get_event()
        kind = type(event)
        anchor: Any = event.anchor if kind is not yaml.SequenceEndEvent and kind is not yaml.MappingEndEvent else None
        if kind is alias_event:
            node = anchors.get(anchor)
            if node is None:
                raise composer_error(None, None, f"found undefined alias {anchor!r}", event.start_mark)
            if any(open_.anchor == anchor for open_ in stack):
                raise cycle_error(f"alias *{anchor} refers to a node that contains it (a cycle)", event.start_mark)
            height, size = heights[anchor], sizes[anchor]
            if len(stack) + height > max_depth:
                raise limit_error(
                    "max_depth", "tables and lists are nested too deeply (YAML aliases expanded)", source=source
                )
            counted += size
            if counted > max_nodes:
                raise too_many()
        else:
            if anchor is not None and anchor in anchors:
                raise composer_error(
                    f"found duplicate anchor {anchor!r}; first occurrence",
                    anchors[anchor].start_mark,
                    "second occurrence",
                    event.start_mark,
                )
            if kind is scalar_event:
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(scalar_node, event.value, event.implicit)
                node = scalar_node(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                height, size = 0, 1
                counted += 1
                if counted > max_nodes:
                    raise too_many()
            elif kind is sequence_start or kind is mapping_start:
                if len(stack) + 1 > max_depth:
                    raise limit_error("max_depth", "tables and lists are nested too deeply", source=source)
                node_class = sequence_node if kind is sequence_start else mapping_node
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(node_class, None, event.implicit)
                node = node_class(tag, [], event.start_mark, None, flow_style=event.flow_style)
                if anchor is not None:
                    anchors[anchor] = node
                stack.append(_Open(node, anchor))
                counted += 1
                continue
            else:  # the end of a collection
                closed = stack.pop()
                node, anchor = closed.node, closed.anchor
                node.end_mark = event.end_mark
                height, size = closed.below + 1, closed.size
                if counted > max_nodes:
                    raise too_many()
            if anchor is not None:
                anchors[anchor] = node
                sizes[anchor], heights[anchor] = size, height
        if not stack:
            root = node
            continue
        parent = stack[-1]
        parent.size += size
        parent.below = max(parent.below, height)
        if type(parent.node) is sequence_node:
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None
    get_event()  # document end
    if not check_event(yaml.StreamEndEvent):
        extra = get_event()
        raise composer_error(
            "expected a single document in the stream",
            document.start_mark,
            "but found another document",
            extra.start_mark,
        )
    get_event()  # stream end
    return root
