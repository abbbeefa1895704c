"""place_many() on the Rust thread pool, a bad article among good ones, and the interpreter
released while placing (threads of Python run meanwhile)."""

import json
import pickle
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import adslot
from conftest import FIXTURES, json_fixtures, real_articles


def articles():
    return [json.loads(p.read_text()) for p in json_fixtures()]


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_place_many_is_place_on_each(default_rules, threads):
    arts = articles()
    plans = adslot.place_many(arts, default_rules, threads=threads)
    assert plans == [adslot.place(a, default_rules) for a in arts]


def test_place_many_takes_any_iterable_and_every_kind_of_article(upi):
    docs = [p.read_text() for _, _, p in real_articles()]
    assert adslot.place_many(iter(docs), upi, "desktop") == [adslot.place(d, upi, "desktop") for d in docs]
    lines = [json.dumps(a) for a in articles()]
    assert adslot.place_many(lines, upi, format="json") == adslot.place_many(articles(), upi)
    assert adslot.place_many([], upi) == []


def test_explain_and_device(upi):
    arts = articles()[:5]
    got = adslot.place_many(arts, upi, "desktop", True)
    assert got == [adslot.place(a, upi, "desktop", True) for a in arts]
    assert all("gaps" in p for p in got)


def test_a_bad_article_among_good_ones(default_rules):
    good = articles()
    bad = {"id": "bad-one", "blocks": [{"kind": "paragrap", "text": "x"}]}
    mixed = good[:3] + [bad, "{not json"] + good[3:]
    with pytest.raises(adslot.ArticleError) as e:
        adslot.place_many(mixed, default_rules)
    # The first bad one, in order, named by its place in the list.
    assert str(e.value) == "articles[3]: blocks[0].kind: unknown block kind `paragrap` (did you mean `paragraph`?)"
    out = adslot.place_many(mixed, default_rules, return_exceptions=True)
    assert len(out) == len(mixed)
    assert isinstance(out[3], adslot.ArticleError) and out[3].path == "articles[3]"
    assert isinstance(out[4], adslot.ArticleError)
    assert str(out[4]) == "articles[4]:1:2: key must be a string"
    assert (out[4].line, out[4].column) == (1, 2)
    rest = [p for i, p in enumerate(out) if i not in (3, 4)]
    assert rest == [adslot.place(a, default_rules) for a in good]


def test_names_name_the_articles_and_may_give_their_format(upi):
    html = (FIXTURES / "real" / "aclu.html").read_text()
    out = adslot.place_many([html, "{"], upi, names=["aclu.html", "feed.jsonl:2"], return_exceptions=True)
    assert out[0] == adslot.place(html, upi)
    assert str(out[1]).startswith("feed.jsonl:2:1:1: ")
    with pytest.raises(ValueError, match="names has 1 entries"):
        adslot.place_many([html, html], upi, names=["a"])
    with pytest.raises(ValueError, match="names has 3 entries for 2 articles"):
        adslot.place_many([html, html], upi, names=["a", "b", "c"])


def test_call_errors_are_raised_once(upi):
    with pytest.raises(adslot.Error, match="unknown device `watch`"):
        adslot.place_many(articles(), upi, device="watch", return_exceptions=True)
    with pytest.raises(ValueError, match="threads must be at least 1"):
        adslot.place_many(articles(), upi, threads=0)
    with pytest.raises(TypeError):
        adslot.place_many([{"blocks": []}, 3], upi, return_exceptions=True)
    with pytest.raises(ValueError, match="is a dict"):
        adslot.place_many([{"blocks": []}], upi, format="html")


def test_errors_pickle_with_their_problems(default_rules):
    out = adslot.place_many(["{"], default_rules, return_exceptions=True)
    again = pickle.loads(pickle.dumps(out[0]))
    assert type(again) is adslot.ArticleError
    assert str(again) == str(out[0]) and again.problems == out[0].problems
    with pytest.raises(adslot.RulesError) as e:
        adslot.Rules.from_toml("[spacing]\nx = 1\n")
    again = pickle.loads(pickle.dumps(e.value))
    assert again.problems == e.value.problems and again.line == 2


def big_article(paragraphs=30000):
    """A JSON document: read and placed with the interpreter released from start to end."""
    words = "The council voted on Monday to approve a budget that raises spending on schools. "
    return json.dumps({"blocks": [{"kind": "paragraph", "text": words * 3} for _ in range(paragraphs)]})


def test_the_interpreter_is_released_while_placing(default_rules):
    article = big_article()
    # How long one placement takes with nothing else running.
    start = time.perf_counter()
    adslot.place(article, default_rules)
    alone = time.perf_counter() - start
    ticks = 0
    done = threading.Event()

    def place():
        adslot.place(article, default_rules)
        done.set()

    # While another thread places, this one keeps running Python: it could not if the call
    # held the interpreter for the placement.
    t = threading.Thread(target=place)
    t.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    t.join()
    assert alone > 0.02, "the article must be big enough to see the call take time"
    assert ticks > 50, ticks


def test_a_thread_pool_of_place_calls_gives_each_its_own_answer(default_rules):
    arts = articles()
    expected = [adslot.place(a, default_rules) for a in arts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda a: adslot.place(a, default_rules), arts * 3))
    assert got == expected * 3
