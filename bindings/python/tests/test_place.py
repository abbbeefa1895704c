"""place() and layout(): the CLI's answers on every fixture, from dicts, documents and paths;
errors located as the CLI locates them."""

import json
from pathlib import Path

import pytest

import adslot
from conftest import FIXTURES, OWN_FIXTURES, REPO, RULES_DIR, json_fixtures, real_articles, rule_files, to_markdown

RULE_FILES = rule_files()


def rel(p: Path) -> str:
    return str(p.relative_to(REPO))


@pytest.mark.parametrize("rules_path", RULE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("device", ["mobile", "desktop"])
def test_place_dict_is_the_cli_json_on_every_fixture(cli, rules_path, device):
    rules = adslot.Rules.from_path(rules_path)
    for path in json_fixtures():
        article = json.loads(path.read_text())
        expected = cli.json("place", rel(path), "--rules", rel(rules_path), "--device", device)
        assert adslot.place(article, rules, device) == expected, path.name


@pytest.mark.parametrize("rules_path", RULE_FILES[:2], ids=lambda p: p.stem)
def test_explain_is_the_cli_json_on_every_fixture(cli, rules_path):
    rules = adslot.Rules.from_path(rules_path)
    for path in json_fixtures():
        article = json.loads(path.read_text())
        expected = cli.json("place", rel(path), "--rules", rel(rules_path), "--explain")
        got = adslot.place(article, rules, explain=True)
        assert got == expected, path.name
        assert len(got["gaps"]) == len(article["blocks"]) + 1


@pytest.mark.parametrize("meta,expected_sets", [
    ({"section": "Business"}, {"business"}),  # compared without case
    ({"type": "liveblog", "tags": ["politics", "breaking"], "id": None}, {"live"}),
    ({"type": "liveblog", "tags": ["politics"]}, set()),  # `live` needs one of its tags too
    ({"section": None, "tags": [], "type": "news", "lang": "en"}, set()),
], ids=["section", "type-and-tags", "type-without-tag", "nulls"])
def test_article_metadata_picks_the_cli_rule_sets(cli, tmp_path, meta, expected_sets):
    rules_path = OWN_FIXTURES / "anchors-when.toml"
    rules = adslot.Rules.from_path(rules_path)
    sets = set()
    for path in json_fixtures():
        article = {**json.loads(path.read_text()), **meta}
        written = tmp_path / path.name
        written.write_text(json.dumps(article))
        expected = cli.json("place", str(written), "--rules", rel(rules_path))
        got = adslot.place(article, rules)
        assert got == expected, path.name
        # The dict walk and the JSON reader agree on the metadata.
        assert got == adslot.place(json.dumps(article), rules, format="json")
        sets.update(got.get("rule_sets", []))
    assert sets == expected_sets


def test_plan_keys_are_the_cli_keys(cli, upi):
    article = json.loads((FIXTURES / "upi-xi-global-internet.json").read_text())
    plan = adslot.place(article, upi)
    # In the CLI's order too (json.loads keeps it), not only the same keys.
    expected = cli.json("place", "tests/fixtures/upi-xi-global-internet.json", "--rules", "rules/upi.toml")
    assert list(plan) == list(expected)
    assert list(plan)[:5] == ["id", "device", "placements", "page_height_px", "density"]
    assert list(plan["placements"][0]) == list(expected["placements"][0])
    assert list(plan["placements"][0])[:7] == [
        "before_block", "slot", "ordinal", "anchor", "words_above", "top_px", "height_px"]
    # The seed article's ads are where the publisher put them (gaps 0, 5, 9 and 13).
    assert [p["before_block"] for p in plan["placements"]] == [0, 5, 9, 13]
    gaps = adslot.place(article, upi, explain=True)["gaps"]
    assert list(gaps[1]) == ["before_block", "placed", "reasons"]
    assert list(gaps[1]["reasons"][0]) == ["rule", "text"]


@pytest.mark.parametrize("name,json_path,html_path", real_articles(), ids=lambda x: x if isinstance(x, str) else "")
def test_place_html_document_is_the_cli_json(cli, default_rules, name, json_path, html_path):
    expected = cli.json("place", rel(html_path), "--rules", "rules/default.toml")
    text = html_path.read_text()
    assert adslot.place(text, default_rules, format="html") == expected
    assert adslot.place(text, default_rules) == expected  # sniffed: a tag first
    assert adslot.place(text.encode(), default_rules, name=f"{name}.html") == expected
    assert adslot.place(html_path, default_rules) == expected  # a path is read


def test_place_markdown_documents_are_the_cli_json(cli, default_rules, tmp_path):
    for _, json_path, _ in real_articles():
        md = to_markdown(json.loads(json_path.read_text()))
        path = tmp_path / f"{json_path.stem}.md"
        path.write_text(md)
        expected = cli.json("place", path, "--rules", "rules/default.toml")
        assert adslot.place(md, default_rules, format="markdown") == expected, json_path.stem
        assert adslot.place(md, default_rules, name="a.md") == expected


def test_text_and_json_documents(cli, upi):
    txt = FIXTURES / "upi-xi-global-internet.txt"
    expected = cli.json("place", rel(txt), "--rules", "rules/upi.toml")
    assert adslot.place(txt.read_text(), upi, format="text") == expected
    seed = FIXTURES / "upi-xi-global-internet.json"
    expected = cli.json("place", rel(seed), "--rules", "rules/upi.toml")
    assert adslot.place(seed.read_text(), upi) == expected  # a JSON document, sniffed
    assert adslot.place(seed.read_bytes(), upi, format="json") == expected


@pytest.mark.parametrize("path", sorted((FIXTURES / "bad").glob("*.json")), ids=lambda p: p.name)
def test_bad_json_documents_raise_the_cli_message(cli, default_rules, path):
    r = cli.run("place", rel(path), "--rules", "rules/default.toml")
    if r.returncode == 0:
        assert adslot.place(path.read_bytes(), default_rules, name=rel(path)) == json.loads(r.stdout)
        return
    expected = cli.error("place", rel(path), "--rules", "rules/default.toml")
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place(path.read_bytes(), default_rules, name=rel(path))
    assert str(e.value) == expected
    assert e.value.path == rel(path)
    with pytest.raises(adslot.ArticleError) as from_path:
        adslot.place(Path(rel(path)), default_rules)
    assert str(from_path.value) == expected
    if e.value.line is not None:
        assert expected.startswith(f"{rel(path)}:{e.value.line}:{e.value.column}: ")


def test_document_errors_carry_line_and_column():
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place('{"blocks": [\n  {"kind": "image", "height_px": -5}]}', adslot.Rules(), name="a.json")
    assert str(e.value) == "a.json:2:34: height_px must be from 0 to 100000, found -5"
    assert (e.value.path, e.value.line, e.value.column) == ("a.json", 2, 34)
    p = e.value.problems[0]
    assert p.message == "height_px must be from 0 to 100000, found -5"
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place("<p>Hi</p>", adslot.Rules(), format="json")
    assert str(e.value) == "<article>:1:1: expected value (the content looks like HTML, not JSON)"
    assert e.value.problems[0].help == "the content looks like HTML, not JSON"


@pytest.mark.parametrize("article,message", [
    ({"blocks": [{"kind": "paragrap"}]},
     "<article>: blocks[0].kind: unknown block kind `paragrap` (did you mean `paragraph`?)"),
    ({"blocks": [{"kind": "paragraph", "txt": "One."}]},
     "<article>: blocks[0].txt: unknown field `txt`, expected one of `kind`, `text`, `runs`, `id`, `height_px`, `aspect`, `width_px`, `level`, `items`, `item_depths`, `rows`, `blocks`, `preformatted`, `container`, `pictures`, `region`"),
    ({"blocks": [{"text": "One."}]}, "<article>: blocks[0]: missing field `kind`"),
    ({"id": "x"}, "<article>: missing field `blocks`"),
    ({"blocks": [{"kind": "image"}, {"kind": "image", "height_px": 1e6}]},
     "<article>: blocks[1].height_px: height_px must be from 0 to 100000, found 1000000"),
    ({"blocks": [{"kind": "image", "width_px": 100001}]},
     "<article>: blocks[0].width_px: width_px must be from 0 to 100000, found 100001"),
    ({"blocks": [{"kind": "image", "aspect": 0}]},
     "<article>: blocks[0].aspect: aspect must be from 0.01 to 100, found 0"),
])
def test_bad_dicts_raise_with_the_key(article, message):
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place(article, adslot.Rules())
    assert str(e.value) == message
    assert e.value.path == "<article>" and e.value.line is None
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place(article, adslot.Rules(), name="story-17")
    assert e.value.path == "story-17"


def test_wrong_value_types_in_dicts_are_article_errors():
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place({"blocks": [{"kind": "paragraph", "text": 3}]}, adslot.Rules())
    assert str(e.value).startswith("<article>: blocks[0].text: ")
    with pytest.raises(adslot.ArticleError):
        adslot.place({"blocks": "none"}, adslot.Rules())


def test_invalid_utf8_is_located_by_byte(cli):
    path = FIXTURES / "bad" / "invalid-utf8.json"
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place(path.read_bytes(), adslot.Rules(), name=rel(path))
    assert str(e.value) == cli.error("place", rel(path), "--rules", "rules/default.toml")
    assert e.value.problems[0].message.startswith("not valid UTF-8 at byte ")


def test_call_errors():
    article = {"blocks": []}
    with pytest.raises(adslot.Error) as e:
        adslot.place(article, adslot.Rules(), device="watch")
    assert type(e.value) is adslot.Error
    assert str(e.value) == "unknown device `watch` (the rules define: mobile, desktop)"
    assert e.value.problems == () and e.value.path is None
    with pytest.raises(ValueError, match=r"unknown format `htm` \(the formats: ans, json, text, gutenberg, html, markdown\)"):
        adslot.place("<p>x</p>", adslot.Rules(), format="htm")
    with pytest.raises(ValueError, match="a dict is an article already"):
        adslot.place(article, adslot.Rules(), format="html")
    with pytest.raises(TypeError, match="got int"):
        adslot.place(3, adslot.Rules())
    with pytest.raises(TypeError):
        adslot.place(article, "rules.toml")
    with pytest.raises(FileNotFoundError):
        adslot.place(Path("no/such/article.html"), adslot.Rules())


def test_empty_input_is_an_article_without_blocks():
    for empty in ("", "  \n", b"", {"blocks": []}):
        plan = adslot.place(empty, adslot.Rules())
        assert plan["placements"] == [] and plan["page_height_px"] == 0


@pytest.mark.parametrize("device", ["mobile", "desktop"])
def test_layout_is_the_cli_json_on_every_fixture(cli, device):
    for path in json_fixtures():
        article = json.loads(path.read_text())
        expected = cli.json("layout", rel(path), "--device", device)
        assert adslot.layout(article, device) == expected, path.name


def test_layout_columns_rules_and_hyphenation(cli, upi):
    seed = FIXTURES / "upi-xi-global-internet.json"
    article = json.loads(seed.read_text())
    assert adslot.layout(article, columns=30) == cli.json("layout", rel(seed), "--columns", "30")
    assert adslot.layout(article, columns=12, hyphenate=True) == cli.json(
        "layout", rel(seed), "--columns", "12", "--hyphenate")
    assert adslot.layout(article, "desktop", rules=upi) == cli.json(
        "layout", rel(seed), "--device", "desktop", "--rules", "rules/upi.toml")
    html = FIXTURES / "real" / "aclu.html"
    assert adslot.layout(html) == cli.json("layout", rel(html))
    assert list(adslot.layout(article)) == ["columns", "blocks", "height_px"]
    with pytest.raises(ValueError, match="columns must be at least 1"):
        adslot.layout(article, columns=0)
    with pytest.raises(adslot.Error, match="unknown device `watch`"):
        adslot.layout(article, "watch")


def test_mappings_that_are_not_plain_dicts_read_the_same(upi):
    """Plain dicts take a fast walk; other mappings and sequences the serde reading: same plan."""
    from collections import OrderedDict
    from types import MappingProxyType

    for path in json_fixtures():
        article = json.loads(path.read_text())
        expected = adslot.place(article, upi)
        ordered = OrderedDict(article, blocks=[OrderedDict(b) for b in article["blocks"]])
        assert adslot.place(ordered, upi) == expected, path.name
        proxy = MappingProxyType(dict(article, blocks=tuple(article["blocks"])))
        assert adslot.place(proxy, upi) == expected, path.name
        # Explicit nulls for the optional keys are their absence.
        nulls = {"lang": None, **article,
                 "blocks": [{"id": None, "height_px": None, "aspect": None, **b}
                            for b in article["blocks"]]}
        assert adslot.place(nulls, upi) == expected, path.name


def test_numbers_in_dicts():
    rules = adslot.Rules()
    base = {"blocks": [{"kind": "image", "height_px": 300}]}
    as_float = {"blocks": [{"kind": "image", "height_px": 300.0}]}
    assert adslot.layout(base) == adslot.layout(as_float)
    assert adslot.layout(base)["blocks"][0]["height_px"] == 300
    with pytest.raises(adslot.ArticleError, match=r"blocks\[0\]\.height_px"):
        adslot.place({"blocks": [{"kind": "image", "height_px": "300"}]}, rules)
