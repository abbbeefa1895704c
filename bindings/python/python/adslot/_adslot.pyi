"""Type stubs of adslot's extension module (re-exported by ``adslot``)."""

import os
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Literal,
    Optional,
    Sequence,
    TypedDict,
    Union,
    overload,
)

from typing_extensions import NotRequired

from ._errors import Error, Problem

__version__: str

Format = Literal["json", "text", "html", "markdown"]
Document = Union[str, bytes, "os.PathLike[str]"]

class BlockDict(TypedDict):
    kind: str
    text: NotRequired[str]
    id: NotRequired[Optional[str]]
    height_px: NotRequired[Optional[float]]
    width_px: NotRequired[Optional[float]]
    aspect: NotRequired[Optional[float]]

class ArticleDict(TypedDict):
    id: NotRequired[Optional[str]]
    lang: NotRequired[Optional[str]]
    section: NotRequired[Optional[str]]
    tags: NotRequired[List[str]]
    type: NotRequired[Optional[str]]
    blocks: List[BlockDict]

Article = Union[ArticleDict, Dict[str, Any], Document]

class Placement(TypedDict):
    before_block: int
    slot: str
    ordinal: int
    anchor: bool
    words_above: int
    top_px: int
    height_px: int
    sizes: List[str]

class Reason(TypedDict):
    rule: str
    text: str

class UnplacedAnchor(TypedDict):
    slot: str
    # The position as the rule file gives it: `before` (and `nth` when not 1),
    # `after_paragraph`, or `at` ("end").
    before: NotRequired[str]
    nth: NotRequired[int]
    after_paragraph: NotRequired[int]
    at: NotRequired[str]
    reason: str

class GapVerdict(TypedDict):
    before_block: int
    placed: bool
    reasons: List[Reason]

class Even(TypedDict):
    unit: str
    smallest: Optional[int]

class Plan(TypedDict):
    id: Optional[str]
    device: str
    placements: List[Placement]
    page_height_px: int
    density: float
    solver: str
    rule_sets: NotRequired[List[str]]
    even: NotRequired[Even]
    unplaced_anchors: NotRequired[List[UnplacedAnchor]]
    warnings: NotRequired[List[Reason]]
    gaps: NotRequired[List[GapVerdict]]

class BlockBox(TypedDict):
    index: int
    lines: int
    top_px: int
    height_px: int

class Geometry(TypedDict):
    columns: int
    blocks: List[BlockBox]
    height_px: int

class AdSize(TypedDict):
    width: int
    height: int

class Anchor(TypedDict):
    before: NotRequired[str]
    nth: NotRequired[int]
    after_paragraph: NotRequired[int]
    at: NotRequired[str]
    slot: str
    spacing: bool
    min_words: NotRequired[int]

class Reserve(TypedDict):
    device: str
    height_px: int
    size: Optional[AdSize]

class SlotSummary(TypedDict):
    name: str
    sizes: List[AdSize]
    defined: bool
    reserves: List[Reserve]

class DeviceSummary(TypedDict):
    name: str
    default: bool
    columns: int
    viewport_height_px: float
    slot: str
    hyphenate: bool
    changed: Dict[str, Any]

class WhenSummary(TypedDict):
    name: str
    conditions: str
    set: Dict[str, Any]

class Summary(TypedDict):
    name: str
    warnings: List[Problem]
    anchors: List[Anchor]
    slots: List[SlotSummary]
    html: Dict[str, Any]
    gutenberg: Dict[str, Any]
    devices: List[DeviceSummary]
    when: List[WhenSummary]

class Rules:
    """A loaded rule file: the policy, anchors, slot sizes and devices."""

    def __init__(self) -> None: ...
    @staticmethod
    def from_toml(text: str, name: str = "rules.toml") -> "Rules": ...
    @staticmethod
    def from_path(path: Union[str, "os.PathLike[str]"]) -> "Rules": ...
    @property
    def name(self) -> str: ...
    @property
    def default_device(self) -> str: ...
    @property
    def devices(self) -> List[str]: ...
    @property
    def warnings(self) -> List[Problem]: ...
    def check(self) -> Summary: ...

def place(
    article: Article,
    rules: Rules,
    device: Optional[str] = None,
    explain: bool = False,
    *,
    format: Optional[Format] = None,
    name: Optional[str] = None,
) -> Plan: ...
def insert(
    source: Document,
    rules: Rules,
    format: Optional[Format] = None,
    device: Optional[str] = None,
    *,
    name: Optional[str] = None,
) -> str: ...
def layout(
    article: Article,
    device: Optional[str] = None,
    columns: Optional[int] = None,
    *,
    rules: Optional[Rules] = None,
    hyphenate: bool = False,
    format: Optional[Format] = None,
    name: Optional[str] = None,
) -> Geometry: ...
@overload
def place_many(
    articles: Iterable[Article],
    rules: Rules,
    device: Optional[str] = None,
    explain: bool = False,
    *,
    threads: Optional[int] = None,
    format: Optional[Format] = None,
    names: Optional[Sequence[str]] = None,
    return_exceptions: Literal[False] = False,
) -> List[Plan]: ...
@overload
def place_many(
    articles: Iterable[Article],
    rules: Rules,
    device: Optional[str] = None,
    explain: bool = False,
    *,
    threads: Optional[int] = None,
    format: Optional[Format] = None,
    names: Optional[Sequence[str]] = None,
    return_exceptions: bool,
) -> List[Union[Plan, Error]]: ...
