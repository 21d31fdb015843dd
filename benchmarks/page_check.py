"""Open graph.html of a graph in headless chromium and time what a user feels.

    python benchmarks/page_check.py output/graph.ttl
    python benchmarks/page_check.py big/graph.ttl --select-edge "wagner-group.supplies.hezbollah" --screenshot shot.png

Reports: time to write the page, its size, time until the layout is frozen, nodes and
edges drawn against the graph's, console errors, and how long a click on the most
mentioned entity with a relation takes to fill the evidence panel. Needs Debian's
chromium and chromium-driver and the selenium package (the test extra).
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder

from kg.export import to_network
from kg.export.html import render_page
from kg.sparql.inspect import read_graph

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,900")


def open_browser(profile: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in FLAGS + (f"--user-data-dir={profile}",):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
    return driver


def click_at(driver, script: str, item: str) -> float:
    """Click where the page draws ``item``; seconds until the panel shows something new."""
    x, y = driver.execute_script(f"""const net = window.kgPage.network, id = arguments[0];
        const at = net.canvasToDOM({script}); const box = document.getElementById('canvas').getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];""", item)
    before = driver.execute_script("return document.getElementById('panel').textContent")
    started = time.perf_counter()
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(int(x), int(y)).click()
    actions.perform()
    while driver.execute_script("return document.getElementById('panel').textContent") == before:
        if time.perf_counter() - started > 30:
            return float("inf")
        time.sleep(0.01)
    return time.perf_counter() - started


VIEW = """const net = window.kgPage.network, shown = new Set(net.body.nodeIndices);
    const labels = net.body.nodeIndices.map((id) => { const n = net.body.nodes[id], s = n.labelModule.size;
        return [id, s.left, s.top, s.width, s.height, n.x, n.y, n.options.size]; });
    const edges = net.body.edgeIndices.map((id) => { const e = net.body.edges[id];
        return [id, e.fromId, e.toId, e.from.x, e.from.y, e.to.x, e.to.y, e.options.width, !!e.labelModule.elementOptions.label]; })
        .filter((e) => shown.has(e[1]) && shown.has(e[2]));
    return [labels, edges];"""

from kg.export.style import THICK_EDGE as THICK

TITLES = ("officialOf", "leads")


def _meet(a, b) -> bool:  # rectangles (left, top, width, height)
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _crosses(box, x1, y1, x2, y2, steps: int = 64) -> bool:
    """Whether the segment passes through the rectangle (sampled: labels are far wider than a step)."""
    return any(_meet(box, (x1 + (x2 - x1) * t / steps, y1 + (y2 - y1) * t / steps, 0.01, 0.01))
               for t in range(steps + 1))


def first_view(driver, network) -> None:
    """What the page opens on: its edges (relations between actors: not titles, not items), labels
    overlapping labels or dots, and labels crossed by a thick edge not their own."""
    labels, edges = driver.execute_script(VIEW)
    relation = {f"{s}.{d['relation']}.{o}": d for s, o, d in network.edges(data=True)}
    actors = [e for e in edges if e[0] in relation and relation[e[0]]["kind"] == "relation"
              and relation[e[0]]["relation"] not in TITLES]
    overlapping = [(a[0], b[0]) for a in labels for b in labels if a is not b and (
        _meet(a[1:5], (b[5] - b[7], b[6] - b[7], 2 * b[7], 2 * b[7])) or (b[0] > a[0] and _meet(a[1:5], b[1:5])))]
    crossed = [(box[0], e[0]) for box in labels for e in edges if e[7] >= THICK and box[0] not in (e[1], e[2])
               and _crosses(box[1:5], *e[3:7])]
    print(f"first view: {len(labels)} entities, {len(edges)} edges, {len(actors)} of them relations between "
          f"actors ({sum(1 for e in actors if e[8])} named on the edge); labels overlapping a label or dot: "
          f"{len(overlapping)}; labels crossed by an edge {THICK:g} px or wider: {len(crossed)}",
          *[f"  {a} under {b}" for a, b in (overlapping + crossed)[:10]], sep="\n")


def check(graph_path: Path, screenshot: Path | None, select_edge: str | None, first_shot: Path | None = None) -> None:
    started = time.perf_counter()
    network = to_network(read_graph(graph_path))
    page = render_page(network)
    print(f"page written in {time.perf_counter() - started:.1f} s, {len(page.encode()) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_text(page, encoding="utf-8")
        driver = open_browser(Path(tmp) / "profile")
        try:
            started = time.perf_counter()
            driver.get(path.as_uri())
            while not driver.execute_script("return !!(window.kgPage && window.kgPage.ready)"):
                time.sleep(0.05)
            print(f"ready (layout frozen) after {time.perf_counter() - started:.1f} s")
            counts = driver.execute_script("return document.getElementById('counts').textContent")
            print(f"graph: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges; page: {counts}")
            first_view(driver, network)
            if first_shot:
                driver.save_screenshot(str(first_shot))
            linked = [n for n in network if network.degree(n)]
            hub = max(linked, key=lambda n: (network.nodes[n]["mentions"], n))
            print(f"click on {hub!r}: panel filled in {click_at(driver, 'net.getPosition(id)', hub):.2f} s")
            if select_edge:
                print(f"click on edge {select_edge!r}: {click_at(driver, 'net.body.edges[id].edgeType.getPoint(0.5)', select_edge):.2f} s")
            errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            print(f"console errors: {len(errors)}", *errors[:5], sep="\n  ")
            if screenshot:
                driver.save_screenshot(str(screenshot))
        finally:
            driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--select-edge", help="an edge id 'subject.relation.object' to click last")
    parser.add_argument("--first-view", type=Path, help="a screenshot of the first view, before any click")
    args = parser.parse_args()
    check(args.graph, args.screenshot, args.select_edge, args.first_view)


if __name__ == "__main__":
    main()
