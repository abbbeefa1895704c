"""Rules: loading, devices, warnings, the check summary, and located errors as the CLI's."""

import pickle
import re
import tomllib
from pathlib import Path

import pytest

import adslot
from conftest import FIXTURES, RULES_DIR, rule_files


def test_from_toml_reads_the_policy_and_names_the_file():
    rules = adslot.Rules.from_toml('name = "site"\ndefault_device = "desktop"\n', name="site.toml")
    assert rules.name == "site"
    assert rules.default_device == "desktop"
    assert rules.devices == ["mobile", "desktop"]
    assert rules.warnings == []
    assert "site.toml" in repr(rules)


def test_from_path_takes_str_and_pathlike():
    a = adslot.Rules.from_path(str(RULES_DIR / "upi.toml"))
    b = adslot.Rules.from_path(RULES_DIR / "upi.toml")
    assert a.name == b.name == "upi"
    assert a.check() == b.check()


def test_builtin_rules():
    rules = adslot.Rules()
    assert rules.name == "default"
    assert rules.devices == ["mobile", "desktop"]


def test_devices_of_the_file_are_listed():
    rules = adslot.Rules.from_toml("[device.tablet]\ncontent_width_px = 500\n")
    assert rules.devices == ["mobile", "desktop", "tablet"]


def test_missing_file_is_an_oserror():
    with pytest.raises(FileNotFoundError) as e:
        adslot.Rules.from_path("no/such/rules.toml")
    assert e.value.filename == "no/such/rules.toml"


@pytest.mark.parametrize("path", sorted((FIXTURES / "bad").glob("*.toml")), ids=lambda p: p.name)
def test_bad_rule_files_raise_the_cli_message_with_every_problem(cli, path):
    name = str(path.relative_to(FIXTURES.parent.parent))
    r = cli.run("check", name)
    text = path.read_text()
    if r.returncode == 0:
        # A valid file (warnings only): the warnings are the CLI's.
        rules = adslot.Rules.from_toml(text, name=name)
        printed = [l[len("warning: "):] for l in r.stdout.decode().splitlines() if l.startswith("warning: ")]
        assert [str(w) for w in rules.warnings] == printed
        return
    with pytest.raises(adslot.RulesError) as e:
        adslot.Rules.from_toml(text, name=name)
    expected = cli.error("check", name)
    assert str(e.value) == expected
    # One problem per line of the message, each located as the line says.
    lines = expected.splitlines()
    assert [str(p) for p in e.value.problems] == lines
    for p, line in zip(e.value.problems, lines):
        m = re.match(r"^(.*?):(\d+):(\d+): ", line)
        if m:
            assert (p.path, p.line, p.column) == (m[1], int(m[2]), int(m[3]))
    assert e.value.path == name
    assert (e.value.line, e.value.column) == (e.value.problems[0].line, e.value.problems[0].column)
    assert isinstance(e.value, adslot.Error) and isinstance(e.value, ValueError)


def test_every_problem_of_a_file_is_reported():
    with pytest.raises(adslot.RulesError) as e:
        adslot.Rules.from_toml("[spacing]\nmin_word_between = 2\nmax_ads = 1\n", name="r.toml")
    assert len(e.value.problems) == 2
    first = e.value.problems[0]
    assert (first.path, first.line, first.column) == ("r.toml", 2, 1)
    assert first.message == "unknown key `min_word_between` in [spacing]"
    assert first.help == "did you mean `min_words_between`?"
    assert e.value.problems[1].help == "it belongs in [limits]"


def test_warnings_are_located_problems():
    rules = adslot.Rules.from_path(FIXTURES / "bad" / "warnings.toml")
    assert rules.warnings
    for w in rules.warnings:
        assert isinstance(w, adslot.Problem)
        assert w.path.endswith("warnings.toml") and w.line >= 1 and w.column >= 1


VALUE = object()


def _summary_lines(summary: dict) -> list:
    """`adslot check`'s lines, written from the data (the test's own writer): each line is a
    string, or for a setting a (prefix, value) pair whose value the CLI prints as TOML."""
    def plural(n, one, many):
        return f"{n} {one if n == 1 else many}"

    head = f"rules `{summary['name']}`: ok"
    if summary["warnings"]:
        head += ", " + plural(len(summary["warnings"]), "warning", "warnings")
    out = [head]
    out += [f"warning: {w}" for w in summary["warnings"]]
    def ordinal(n):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th") if n % 100 not in (11, 12, 13) else "th"
        return f"{n}{suffix}"

    def nth(n, noun):
        if n == 1:
            return f"the first {noun}"
        if n == -1:
            return f"the last {noun}"
        return f"the {ordinal(abs(n))} {noun}" + (" from the end" if n < 0 else "")

    for a in summary["anchors"]:
        if "before" in a:
            where = "before " + nth(a.get("nth", 1), f"`{a['before']}` block")
        elif "after_paragraph" in a:
            where = "after " + nth(a["after_paragraph"], "paragraph")
        else:
            assert a["at"] == "end", a
            where = "at the end"
        out.append(f"anchor: `{a['slot']}` {where}"
                   + ("" if a["spacing"] else " (exempt from spacing)")
                   + (f", in articles of at least {a['min_words']} words" if a.get("min_words") else ""))
    for s in summary["slots"]:
        sizes = ", ".join(f"{z['width']}x{z['height']}" for z in s["sizes"])
        reserves = ", ".join(
            f"{r['device']} {r['height_px']} px"
            + (f" ({r['size']['width']}x{r['size']['height']})" if r["size"] else "")
            for r in s["reserves"])
        out.append(f"slot `{s['name']}`: {sizes}{'' if s['defined'] else ' (the default)'}; "
                   f"reserves {reserves}")
    out.append("html:")
    for k, v in summary["html"].items():
        out.append(f"  {k}: not set" if v is None else (f"  {k} = ", v))
    out.append("gutenberg:")
    for k, v in summary["gutenberg"].items():
        out.append(f"  {k}: not set" if v is None else (f"  {k} = ", v))
    for d in summary["devices"]:
        # px mode: the mode, then one line per typeface; column mode: the columns.
        typesetting = d.get("typesetting") or [plural(d["columns"], "column", "columns")]
        out.append(f"device {d['name']}{' (default)' if d['default'] else ''}: "
                   f"{typesetting[0]}, "
                   f"viewport {d['viewport_height_px']:g} px, "
                   f"in-flow slot `{d['slot']}`{', hyphenated' if d['hyphenate'] else ''}")
        out += [f"  {line}" for line in typesetting[1:]]
        for k, v in d["changed"].items():
            out.append((f"  {k} = ", v))
    for w in summary["when"]:
        out.append(f"when `{w['name']}`: {w['conditions']}")
        for k, v in w["set"].items():
            out.append((f"  {k} = ", v))
    return out


@pytest.mark.parametrize("path", rule_files() + [FIXTURES / "bad" / "warnings.toml"],
                         ids=lambda p: p.name)
def test_check_is_the_cli_summary_as_data(cli, path):
    name = path.relative_to(FIXTURES.parent.parent)
    rules = adslot.Rules.from_path(name)
    printed = cli.ok("check", name).splitlines()
    written = _summary_lines(rules.check())
    assert len(written) == len(printed)
    for w, p in zip(written, printed):
        if isinstance(w, tuple):
            prefix, value = w
            assert p.startswith(prefix), (w, p)
            assert tomllib.loads("v = " + p[len(prefix):])["v"] == value, (w, p)
        else:
            assert w == p


def test_check_values_are_python_values():
    rules = adslot.Rules.from_toml(
        '[limits]\nmax_ads = 2\nmax_density = 0.25\n[placement]\nnever_after = ["headline"]\n'
        '[html]\nheadlines_selector = ".latest"\n')
    s = rules.check()
    mobile = s["devices"][0]
    assert mobile["changed"] == {"max_ads": 2, "max_density": 0.25, "never_after": ["headline"]}
    assert s["html"]["headlines_selector"] == ".latest"
    assert s["html"]["existing_ad_selector"] is None
    assert s["html"]["max_depth"] == 256


def test_rules_pickle_as_their_text():
    rules = adslot.Rules.from_path(RULES_DIR / "upi.toml")
    again = pickle.loads(pickle.dumps(rules))
    assert again.check() == rules.check()
    assert repr(again) == repr(rules)
    assert pickle.loads(pickle.dumps(adslot.Rules())).check() == adslot.Rules().check()


def test_rules_are_immutable():
    rules = adslot.Rules()
    with pytest.raises(AttributeError):
        rules.name = "x"
