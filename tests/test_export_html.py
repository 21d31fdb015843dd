"""graph.html in a real browser: Debian's chromium, headless, with the network off."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from conftest import require
from kg.export import to_network
from kg.export.html import render_page
from kg.sparql.inspect import read_graph

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is a test dependency")
from selenium.common.exceptions import UnexpectedAlertPresentException  # noqa: E402
from selenium.webdriver.common.actions.action_builder import ActionBuilder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "output" / "graph.ttl"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")



@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.service import Service

    require(CHROMIUM is not None and CHROMEDRIVER is not None, "Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "graph.html"
    network = to_network(read_graph(SAMPLE))
    path.write_text(render_page(network), encoding="utf-8")
    return path, network


def _open(browser, path: Path) -> None:
    browser.get(path.as_uri())
    deadline = time.monotonic() + 30
    while not browser.execute_script("return !!(window.kgPage && window.kgPage.ready)"):
        assert time.monotonic() < deadline, "the page never finished its layout"
        time.sleep(0.05)


def _errors(browser) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def _point(browser, script: str, item: str) -> tuple[float, float]:
    """Page coordinates of a node (or an edge's middle) computed by the page's own network."""
    return tuple(browser.execute_script(f"""
        const net = window.kgPage.network, id = arguments[0];
        const at = net.canvasToDOM({script});
        const box = document.getElementById('canvas').getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];""", item))


def _node_point(browser, node: str):
    return _point(browser, "net.getPosition(id)", node)


def _edge_point(browser, edge: str):
    return _point(browser, "net.body.edges[id].edgeType.getPoint(0.5)", edge)


def _pointer(browser, x: float, y: float, click: bool) -> None:
    actions = ActionBuilder(browser)
    actions.pointer_action.move_to_location(int(x), int(y))
    if click:
        actions.pointer_action.click()
    actions.perform()
    time.sleep(0.2)


def _panel(browser) -> str:
    return browser.execute_script("return document.getElementById('panel').textContent")


def _shown(browser) -> list:
    return browser.execute_script("""const b = window.kgPage.network.body;
        return [b.nodeIndices.length, b.edgeIndices.length,
                document.getElementById('counts').dataset.nodes, document.getElementById('counts').dataset.edges]""")


def test_export_html_page_loads_offline_with_every_edge_and_the_alone_hidden(browser, sample_page, tmp_path):
    path, network = sample_page
    _open(browser, path)
    assert _errors(browser) == []
    linked = sum(1 for n in network if network.degree(n))
    alone = network.number_of_nodes() - linked
    assert alone > 10  # the sample has many entities with no relation: they start hidden
    assert _shown(browser) == [linked, network.number_of_edges(), str(linked), str(network.number_of_edges())]
    note = browser.find_element("id", "view-note").text
    assert f"{alone} entities with no relation hidden" in note
    assert browser.execute_script("return window.kgPage.network.physics.options.enabled") is False  # frozen
    browser.find_element("id", "show-alone").click()
    assert _shown(browser)[0] == network.number_of_nodes()
    browser.save_screenshot(str(tmp_path / "graph-page.png"))
    assert (tmp_path / "graph-page.png").stat().st_size > 20_000


def test_export_html_items_supplied_are_linked_and_filterable(browser, sample_page):
    path, network = sample_page
    _open(browser, path)
    drawn = browser.execute_script("return window.kgPage.network.body.edgeIndices")
    assert "wagner-group.suppliesItem.pantsir-s1" in drawn and "pantsir-s1.suppliedTo.hezbollah" in drawn
    browser.execute_script("""const s = document.getElementById('item-filter');
        s.value = 'pantsir-s1'; s.dispatchEvent(new Event('change'));""")
    drawn = set(browser.execute_script("return window.kgPage.network.body.edgeIndices"))
    assert drawn == {"wagner-group.suppliesItem.pantsir-s1", "pantsir-s1.suppliedTo.hezbollah",
                     "wagner-group.supplies.hezbollah"}
    panel = _panel(browser)
    assert panel.startswith("Pantsir-S1") and "Supplied by: Wagner Group" in panel and "Supplied to: Hezbollah" in panel
    browser.execute_script("""const s = document.getElementById('item-filter');
        s.value = ''; s.dispatchEvent(new Event('change'));""")
    _pointer(browser, *_node_point(browser, "pantsir-s1"), click=True)
    assert "Supplied by: Wagner Group (" in _panel(browser)


def test_export_html_clicking_an_edge_shows_its_evidence(browser, sample_page):
    path, network = sample_page
    _open(browser, path)
    _pointer(browser, *_edge_point(browser, "wagner-group.supplies.hezbollah"), click=True)
    panel = _panel(browser)
    edge = network.edges["wagner-group", "hezbollah", "supplies"]
    assert panel.startswith("Wagner Group \u2014 supplies \u2192 Hezbollah")
    assert f"confidence {edge['confidence']:g} from {edge['weight']} independent articles" in panel
    assert "Planned" in panel and "said by John Kirby" in panel
    for evidence in edge["evidence"]:
        assert f"\u201c{evidence.sentence}\u201d" in panel
    assert _errors(browser) == []


def test_export_html_hovering_a_node_shows_its_relations(browser, sample_page):
    path, network = sample_page
    _open(browser, path)
    _pointer(browser, *_node_point(browser, "wagner-group"), click=False)
    panel = _panel(browser)
    assert panel.startswith("Wagner Group") and "ArmedGroup" in panel
    assert f"{network.nodes['wagner-group']['mentions']} mentions" in panel
    assert "supplies \u2192 Hezbollah" in panel and "\u201c" in panel


def test_export_html_filters_and_search(browser, sample_page):
    path, network = sample_page
    _open(browser, path)
    supplies = sum(1 for *_, key in network.edges(keys=True) if key == "supplies")
    browser.execute_script("""[...document.querySelectorAll('#relation-filters label')]
        .find((row) => row.textContent.startsWith('supplies')).querySelector('input').click()""")
    edges = browser.execute_script("return window.kgPage.network.body.edgeIndices.length")
    assert edges == network.number_of_edges() - supplies
    search = browser.find_element("id", "search")
    search.send_keys("wagner")
    assert browser.find_element("id", "matches").text == "1 match"
    search.send_keys("\n")
    assert _panel(browser).startswith("Wagner Group")


def _assert_nothing_ran(browser) -> None:
    try:
        state = browser.execute_script("return [window.__pwned === undefined, document.title]")
    except UnexpectedAlertPresentException:  # alert(1) ran
        pytest.fail("a script from the article ran (an alert opened)")
    assert state[0] is True, "a script from the article ran"
    assert state[1] != "pwned" and "entities" in state[1]


def test_export_html_hostile_names_and_sentences_run_nothing(browser, hostile_graph, tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(render_page(to_network(hostile_graph)), encoding="utf-8")
    _open(browser, path)
    _assert_nothing_ran(browser)
    _pointer(browser, *_edge_point(browser, "acme-arms.supplies.red-brigade"), click=True)
    _assert_nothing_ran(browser)
    panel = _panel(browser)
    assert "<img src=x onerror=alert(1)>" in panel and "</script><script>window.__pwned=2</script>" in panel
    assert browser.execute_script("return document.querySelectorAll('img, b, #panel script').length") == 0
    _pointer(browser, *_node_point(browser, "acme-arms"), click=True)
    _assert_nothing_ran(browser)
    assert _panel(browser).startswith('<img src=x onerror="window.__pwned=1')
    assert _errors(browser) == []
    browser.save_screenshot(str(tmp_path / "hostile.png"))


def test_export_html_hostile_article_through_the_pipeline(browser, build_texts, tmp_path):
    text = ("Iran supplies drones to Hezbollah, officials said <img src=x onerror=\"window.__pwned=1\"> "
            "on Monday.\n\nThe <script>window.__pwned=2</script> report was denied.")
    result = build_texts([text])
    assert any(c.relation == "supplies" for c in result.claims)
    path = tmp_path / "article.html"
    path.write_text(render_page(to_network(result.graph)), encoding="utf-8")
    _open(browser, path)
    _pointer(browser, *_edge_point(browser, "iran.supplies.hezbollah"), click=True)
    _assert_nothing_ran(browser)
    assert "<img src=x onerror=" in _panel(browser)
    assert _errors(browser) == []


# A generated graph of 5,000 entities: 2,000 linked in a scale-free tree, 3,000 with no relation.
WORDS = "Northern Southern Eastern Western Free Popular National Islamic United Central Coastal Mountain".split()
KINDS = "Brigade Front Army Council Ministry Movement Guard Forces Party Union Battalion Committee".split()
CLASSES = ("State", "ArmedGroup", "Person", "Organization", "GovernmentBody", "WeaponSystem", "Place")
RELATIONS = ("supplies", "backs", "attacks", "directs", "leads", "alliedWith", "officialOf", "sanctions")


def _generated_network(size: int, seed: int = 3):
    import random

    import networkx as nx

    from kg.export.network import Evidence, add_communities

    rng = random.Random(seed)
    network = nx.MultiDiGraph()
    for i in range(size):
        network.add_node(f"e{i}", label=f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i}", mentions=int(rng.paretovariate(1.2)),
                         articles=1, **{"class": rng.choice(CLASSES)})
    evidence = Evidence("A sentence.", "A title", "a.txt", "Outlet", "2024-01-02", "", "Asserted", (), 0.9)
    for a, b in nx.barabasi_albert_graph(int(size * 0.4), 1, seed=seed).edges():
        weight, relation = max(1, int(rng.paretovariate(1.1))), rng.choice(RELATIONS)
        network.add_edge(f"e{a}", f"e{b}", key=relation, relation=relation, kind="relation", weight=weight,
                         claims=weight, modality="Asserted", confidence=0.9, evidence=(evidence,), items=(),
                         first_date="2024-01-02", last_date="2024-01-02")
    add_communities(network)
    return network


LABEL_BOXES = """const net = window.kgPage.network;
    return net.body.nodeIndices.map((id) => { const n = net.body.nodes[id], s = n.labelModule.size;
        return [id, s.left, s.top, s.width, s.height, n.x, n.y, n.options.size]; });"""


def _overlapping_labels(boxes: list) -> list:
    """Pairs of shown nodes where a label overlaps another label or another node's dot."""
    def meet(a, b):  # rectangles (left, top, width, height)
        return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
    found = []
    for i, a in enumerate(boxes):
        for b in boxes:
            dot = (b[5] - b[7], b[6] - b[7], 2 * b[7], 2 * b[7])
            if a is not b and (meet(a[1:5], dot) or (b[0] > a[0] and meet(a[1:5], b[1:5]))):
                found.append((a[0], b[0]))
    return found


def test_export_html_large_graph_opens_on_its_readable_core(browser, tmp_path):
    network = _generated_network(5000)
    path = tmp_path / "large.html"
    path.write_text(render_page(network), encoding="utf-8")
    browser.set_window_size(1600, 1000)
    started = time.monotonic()
    _open(browser, path)
    first_render = time.monotonic() - started
    assert first_render < 3.0, f"first render took {first_render:.2f} s"
    nodes, edges, *_ = _shown(browser)
    assert 20 <= nodes <= 100 and edges > 10  # the best-corroborated part, not 5,000 nodes
    boxes = browser.execute_script(LABEL_BOXES)
    assert _overlapping_labels(boxes) == []
    # labels readable: at least 9 screen pixels high at the opening zoom
    assert 14 * browser.execute_script("return window.kgPage.network.getScale()") >= 9
    browser.save_screenshot(str(tmp_path / "large.png"))
    assert _errors(browser) == []

    bar = int(browser.find_element("id", "min-articles").get_attribute("value"))
    assert bar > 1 and f"at least {bar} articles" in browser.find_element("id", "view-note").text
    browser.execute_script("""const r = document.getElementById('min-articles');
        r.value = String(Number(r.value) - 5); r.dispatchEvent(new Event('input'));""")
    assert _shown(browser)[0] > nodes  # a lower bar shows more

    hub = max(network, key=lambda n: (network.degree(n), n))
    around = sorted([(d["weight"], o) for _, o, d in network.out_edges(hub, data=True)] +
                    [(d["weight"], s) for s, _, d in network.in_edges(hub, data=True)], reverse=True)
    assert len(around) > 25
    _pointer(browser, *_node_point(browser, hub), click=True)
    shown = set(browser.execute_script("return window.kgPage.network.body.nodeIndices"))
    cut = around[24][0]  # the 25th strongest: every neighbour stronger than it is shown
    assert {n for weight, n in around if weight > cut} <= shown
    assert len({n for _, n in around} & shown) >= 25
    _pointer(browser, *_node_point(browser, hub), click=True)
    again = set(browser.execute_script("return window.kgPage.network.body.nodeIndices"))
    assert len(again) > len(shown)  # a second click shows more

    loner = next(n for n in sorted(network) if network.degree(n) == 0)
    search = browser.find_element("id", "search")
    search.send_keys(network.nodes[loner]["label"] + "\n")
    assert _panel(browser).startswith(network.nodes[loner]["label"])  # search reaches any entity
    assert loner in browser.execute_script("return window.kgPage.network.body.nodeIndices")

    browser.find_element("id", "by-community").click()
    colour = browser.execute_script("return window.kgPage.nodes.get(arguments[0]).color", hub)
    assert colour == browser.execute_script("return window.kgPage.nodes.get(arguments[0]).communityColour", hub)


def _hand_network(nodes: list[tuple], edges: list[tuple]):
    """A network as to_network makes it: nodes (id, label, class, mentions), edges (source,
    relation, target, independent articles, confidence)."""
    import networkx as nx

    from kg.export.network import Evidence, add_communities

    network = nx.MultiDiGraph()
    for node, label, cls, mentions in nodes:
        network.add_node(node, label=label, mentions=mentions, articles=1, **{"class": cls})
    for source, relation, target, weight, confidence in edges:
        evidence = Evidence(f"{source} {relation} {target}.", "A title", "a.txt", "Outlet", "2024-01-02", "",
                            "Asserted", (), confidence)
        network.add_edge(source, target, key=relation, relation=relation, kind="relation", weight=weight,
                         claims=weight, sources=weight, modality="Asserted", confidence=confidence,
                         evidence=(evidence,) * weight, items=(), first_date="2024-01-02", last_date="2024-01-02")
    add_communities(network)
    return network


def _set_range(browser, element: str, value: str) -> None:
    browser.execute_script("""const r = document.getElementById(arguments[0]);
        r.value = arguments[1]; r.dispatchEvent(new Event('input'));""", element, value)


def _drawn_edges(browser) -> set:
    return set(browser.execute_script("return window.kgPage.network.body.edgeIndices"))


def test_export_html_confidence_bar_opacity_and_panel(browser, tmp_path):
    # two independent articles at 0.8 and 0.75: 1 - 0.2 * 0.25 = 0.95 (kg.graph.confidence's formula)
    sure = round(1 - (1 - 0.8) * (1 - 0.75), 3)
    assert sure == 0.95
    network = _hand_network(
        [("iran", "Iran", "State", 50), ("hezbollah", "Hezbollah", "ArmedGroup", 30),
         ("hamas", "Hamas", "ArmedGroup", 20), ("qatar", "Qatar", "State", 10)],
        [("iran", "supplies", "hezbollah", 2, sure), ("qatar", "backs", "hamas", 1, 0.5)])
    path = tmp_path / "confidence.html"
    path.write_text(render_page(network), encoding="utf-8")
    _open(browser, path)
    assert _errors(browser) == []
    both = {"iran.supplies.hezbollah", "qatar.backs.hamas"}
    assert _drawn_edges(browser) == both
    assert browser.find_element("id", "min-confidence").get_attribute("value") == "0"

    # fainter, less sure: the opacity vis-network draws each edge with is its confidence
    opacity = browser.execute_script("""const b = window.kgPage.network.body.edges;
        return [b['iran.supplies.hezbollah'].options.color.opacity, b['qatar.backs.hamas'].options.color.opacity,
                window.kgPage.edges.get('qatar.backs.hamas').confidence]""")
    assert opacity == [0.95, 0.5, 0.5]
    legend = browser.find_element("id", "side").text
    assert "fainter: less sure" in legend

    # the bar hides the edge under it (and the entities it alone brought), and shows it again
    _set_range(browser, "min-confidence", "0.6")
    assert _drawn_edges(browser) == {"iran.supplies.hezbollah"}
    assert _shown(browser)[0] == 2
    note = browser.find_element("id", "view-note").text
    assert "1 edge of confidence under 0.60 hidden" in note
    assert browser.find_element("id", "min-confidence-value").text == "0.60"
    _set_range(browser, "min-confidence", "0.5")  # at the bar: shown
    assert _drawn_edges(browser) == both
    _set_range(browser, "min-confidence", "1")
    assert _drawn_edges(browser) == set() and "2 edges of confidence under 1.00 hidden" in \
        browser.find_element("id", "view-note").text
    _set_range(browser, "min-confidence", "0")
    assert _drawn_edges(browser) == both and "confidence under" not in browser.find_element("id", "view-note").text

    # an edge's panel says how sure it is, and from how many independent articles
    _pointer(browser, *_edge_point(browser, "iran.supplies.hezbollah"), click=True)
    panel = _panel(browser)
    assert panel.startswith("Iran \u2014 supplies \u2192 Hezbollah")
    assert "confidence 0.95 from 2 independent articles" in panel
    _pointer(browser, *_node_point(browser, "qatar"), click=True)
    assert "confidence 0.5 from 1 independent article \u00b7" in _panel(browser)
    assert _errors(browser) == []


ACTOR_RELATIONS = ("supplies", "backs", "attacks", "sanctions", "threatensSanctions", "directs", "alliedWith")


def _titles_dominate(seed: int = 5):
    """A big graph whose most repeated facts are titles: 400 officials of 10 states, each title
    stated by 10 to 60 articles, and 60 relations between actors stated by 3 to 15."""
    import random

    rng = random.Random(seed)
    states = [(f"s{i}", f"State {i}", "State", 5000) for i in range(10)]
    actors = [(f"a{i}", f"{rng.choice(WORDS)} {rng.choice(KINDS)} {i}", "ArmedGroup", 300) for i in range(40)]
    people = [(f"p{i}", f"Official Number {i}", "Person", 80) for i in range(400)]
    alone = [(f"x{i}", f"Nobody {i}", "Organization", 1) for i in range(1100)]
    ends = [n[0] for n in states + actors]
    edges, seen = [], set()
    while len(edges) < 60:
        source, target = rng.sample(ends, 2)
        relation = rng.choice(ACTOR_RELATIONS)
        if (source, relation, target) not in seen:
            seen.add((source, relation, target))
            edges.append((source, relation, target, rng.randint(3, 15), 0.9))
    for i, person in enumerate(people):
        edges.append((person[0], "officialOf" if i % 3 else "leads", f"s{i % 10}", rng.randint(10, 60), 0.99))
    return _hand_network(states + actors + people + alone, edges)


def test_export_html_big_graph_of_titles_opens_on_the_relations_between_actors(browser, tmp_path):
    from kg.export.layout import CORE_NODES, core_threshold

    network = _titles_dominate()
    actor_edges = {f"{s}.{d['relation']}.{o}" for s, o, d in network.edges(data=True)
                   if d["relation"] in ACTOR_RELATIONS}
    # counted as before, the titles alone fill the first view: its bar is above every actor edge
    assert core_threshold(network) > max(d["weight"] for _, _, d in network.edges(data=True)
                                         if d["relation"] in ACTOR_RELATIONS)
    path = tmp_path / "titles.html"
    path.write_text(render_page(network), encoding="utf-8")
    browser.set_window_size(1600, 1000)
    _open(browser, path)
    assert _errors(browser) == []
    drawn = _drawn_edges(browser)
    assert actor_edges <= drawn and len(actor_edges) >= 30  # every relation between actors in view
    shown = set(browser.execute_script("return window.kgPage.network.body.nodeIndices"))
    assert not any(n.startswith("p") for n in shown) and len(shown) <= CORE_NODES
    assert not any(".officialOf." in e or ".leads." in e for e in drawn)
    assert _overlapping_labels(browser.execute_script(LABEL_BOXES)) == []
    assert 14 * browser.execute_script("return window.kgPage.network.getScale()") >= 9  # readable
    note = browser.find_element("id", "view-note").text
    assert "Titles (officialOf, leads) show between the entities in view but bring in no one" in note

    # titles one click away: a person's panel lists their post, and the tick brings the holders in
    search = browser.find_element("id", "search")
    search.send_keys("Official Number 7\n")
    assert _panel(browser).startswith("Official Number 7") and "officialOf \u2192 State 7" in _panel(browser)
    box = browser.find_element("id", "titles-bring")
    assert not box.is_selected()
    box.click()
    drawn = _drawn_edges(browser)
    assert "p5.officialOf.s5" in drawn and actor_edges <= drawn
    assert "Titles (officialOf" not in browser.find_element("id", "view-note").text
    assert _errors(browser) == []


def _hub_dominates(seed: int = 11):
    """A war's graph: one state that 40 actors and places are linked to, by 20 to 2,000 articles
    each (heavy-tailed), 30 relations among those by 5 to 60, and 2,000 entities of one article around them."""
    import random

    rng = random.Random(seed)
    hub = [("h", "Hubland", "State", 50_000)]
    around = [(f"a{i}", f"Actor Number {i}", rng.choice(("State", "ArmedGroup", "Place", "Person")),
               rng.randint(200, 20_000)) for i in range(40)]
    minor = [(f"m{i}", f"Minor {i}", "Organization", 1) for i in range(2000)]
    # heavy-tailed, as in news: most links of the hub stated by tens of articles, a few by thousands
    edges = [("h" if i % 2 else a[0], rng.choice(ACTOR_RELATIONS), a[0] if i % 2 else "h",
              min(int(20 * rng.paretovariate(1.0)), 2000), 0.95) for i, a in enumerate(around)]
    seen = {(s, o) for s, _, o, _, _ in edges}
    while len(edges) < 70:
        s, o = (n[0] for n in rng.sample(around, 2))
        if (s, o) not in seen:
            seen.add((s, o))
            edges.append((s, rng.choice(ACTOR_RELATIONS), o, rng.randint(5, 60), 0.9))
    edges += [(m[0], "attacks", rng.choice(around)[0], 1, 0.8) for m in minor[:1500]]
    return _hand_network(hub + around + minor, edges)


EDGE_ENDS = """const net = window.kgPage.network, shown = new Set(net.body.nodeIndices);
    return net.body.edgeIndices.map((id) => { const e = net.body.edges[id];
        return [e.fromId, e.toId, e.from.x, e.from.y, e.to.x, e.to.y, e.options.width]; })
        .filter((e) => shown.has(e[0]) && shown.has(e[1]));"""


def _labels_under_thick_edges(browser) -> list:
    """(label, edge ends) where an edge as wide as THICK_EDGE or wider crosses another entity's label."""
    from kg.export.style import THICK_EDGE

    edges = browser.execute_script(EDGE_ENDS)
    crossed = []
    for node, left, top, width, height, *_ in browser.execute_script(LABEL_BOXES):
        for a, b, x1, y1, x2, y2, edge_width in edges:
            points = [(x1 + (x2 - x1) * t / 200, y1 + (y2 - y1) * t / 200) for t in range(201)]
            if edge_width >= THICK_EDGE and node not in (a, b) and any(
                    left <= x <= left + width and top <= y <= top + height for x, y in points):
                crossed.append((node, a, b))
    return crossed


def test_export_html_hub_graph_opens_on_few_enough_edges_that_no_thick_one_crosses_a_name(browser, tmp_path):
    from kg.export.layout import CORE_EDGES

    network = _hub_dominates()
    path = tmp_path / "hub.html"
    path.write_text(render_page(network), encoding="utf-8")
    browser.set_window_size(1600, 1000)
    _open(browser, path)
    assert _errors(browser) == []
    drawn = _drawn_edges(browser)
    actor_edges = [e for e in drawn if e.split(".")[1] in ACTOR_RELATIONS]
    assert 30 <= len(actor_edges) <= len(drawn) <= CORE_EDGES
    assert _overlapping_labels(browser.execute_script(LABEL_BOXES)) == []
    assert _labels_under_thick_edges(browser) == []
    assert 14 * browser.execute_script("return window.kgPage.network.getScale()") >= 9  # readable
