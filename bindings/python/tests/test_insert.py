"""insert(): the CLI's `place --format html|markdown` on every fixture, byte for byte."""

import json

import pytest

import adslot
from conftest import FIXTURES, REPO, real_articles, to_markdown


def rel(p):
    return str(p.relative_to(REPO))


@pytest.mark.parametrize("device", ["mobile", "desktop"])
def test_insert_html_is_the_cli_output_on_every_fixture(cli, default_rules, device):
    for name, _, html_path in real_articles():
        expected = cli.ok("place", rel(html_path), "--rules", "rules/default.toml",
                          "--format", "html", "--device", device)
        text = html_path.read_text()
        out = adslot.insert(text, default_rules, device=device)
        assert out == expected, name
        assert adslot.insert(html_path, default_rules, "html", device) == expected


def test_removing_the_slots_gives_the_input_back(default_rules):
    for name, _, html_path in real_articles():
        text = html_path.read_text()
        out = adslot.insert(text, default_rules)
        plan = adslot.place(text, default_rules)
        assert out.count("data-adslot=") == len(plan["placements"]), name
        # Each slot is the template's one element: take them out, the input is back.
        stripped = out
        while 'class="adslot"' in stripped:
            start = stripped.index('<div class="adslot"')
            end = stripped.index("</div>", start) + len("</div>")
            stripped = stripped[:start] + stripped[end:]
        assert stripped == text, name


def test_insert_markdown_is_the_cli_output(cli, default_rules, tmp_path):
    for _, json_path, _ in real_articles():
        md = to_markdown(json.loads(json_path.read_text()))
        path = tmp_path / f"{json_path.stem}.md"
        path.write_text(md)
        expected = cli.ok("place", path, "--rules", "rules/default.toml", "--format", "markdown")
        assert adslot.insert(md, default_rules, "markdown") == expected, json_path.stem
        assert adslot.insert(md.encode(), default_rules, name="story.md") == expected


def test_the_rules_slot_template_is_used():
    rules = adslot.Rules.from_toml(
        '[spacing]\nmin_words_before_first = 2\n[placement]\nnever_after = []\n'
        '[html]\nslot_template = \'<ins data-adslot="{slot}" data-h="{height}"></ins>\'\n')
    out = adslot.insert("<p>One two three.</p><p>Four five six.</p>", rules)
    assert out == '<p>One two three.</p><ins data-adslot="inline" data-h="302"></ins><p>Four five six.</p>'


def test_formats_without_slots_are_article_errors(cli, upi):
    seed = FIXTURES / "upi-xi-global-internet.json"
    with pytest.raises(adslot.ArticleError) as e:
        adslot.insert(seed.read_text(), upi, name=rel(seed))
    # The CLI adds which flag to use; the library's message is the rest.
    cli_message = cli.error("place", rel(seed), "--rules", "rules/upi.toml", "--format", "html")
    assert cli_message.startswith(str(e.value))
    assert e.value.path == rel(seed)
    with pytest.raises(adslot.ArticleError, match="read as plain text"):
        adslot.insert("Title\n\nSome words here.\n", upi, "text")


def test_insert_refuses_dicts_and_unknown_devices(upi):
    with pytest.raises(TypeError, match="use place"):
        adslot.insert({"blocks": []}, upi)
    with pytest.raises(adslot.Error, match="unknown device"):
        adslot.insert("<p>x</p>", upi, device="watch")
    with pytest.raises(adslot.ArticleError) as e:
        adslot.insert("<div>" * 300 + "x", upi)
    assert "max_depth" in str(e.value) or "deep" in str(e.value)
