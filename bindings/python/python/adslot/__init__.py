"""adslot places ads inside news articles by rules ad-ops people can read.

>>> import adslot
>>> rules = adslot.Rules.from_toml('[spacing]\\nmin_words_before_first = 2\\n[placement]\\nnever_after = []')
>>> plan = adslot.place({"blocks": [{"kind": "paragraph", "text": "One two three."},
...                                 {"kind": "paragraph", "text": "Four five six."}]}, rules)
>>> [p["before_block"] for p in plan["placements"]]
[1]

``place`` returns the plan as ``adslot place`` prints it in JSON; ``insert`` writes the slots
into a publisher's HTML or Markdown; ``layout`` gives the estimated geometry; ``place_many``
places a list on all cores. Errors are ``adslot.RulesError`` and ``adslot.ArticleError``
(both ``adslot.Error``, a ``ValueError``), located like the command's.
"""

from ._adslot import Rules, __version__, insert, layout, place, place_many
from ._errors import ArticleError, Error, Problem, RulesError

__all__ = [
    "ArticleError",
    "Error",
    "Problem",
    "Rules",
    "RulesError",
    "__version__",
    "insert",
    "layout",
    "place",
    "place_many",
]
