"use strict";
// kg's graph page. Every piece of article text is put in the page with
// textContent or createTextNode, never parsed as HTML.
(function () {
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const classOf = new Map(data.nodes.map((n) => [n.id, n.cls]));
  const hiddenClasses = new Set();
  const hiddenRelations = new Set();
  const linked = new Set(data.edges.flatMap((e) => [e.from, e.to]));
  // Entities with no relation start hidden at every size; the legend's tick shows them.
  let hideAlone = data.hideAlone;
  // A big graph opens on its best-corroborated edges; the control lowers or raises the bar.
  let minArticles = data.minArticles;
  // Edges less sure than this are hidden, wherever they would show.
  let minConfidence = data.minConfidence;
  // A big graph's first view chooses its entities by the relations between actors: a title
  // (officialOf, leads) shows between entities in view but brings none in, unless ticked.
  let titlesBring = data.titlesBring;
  const titleRelations = new Set(data.titleRelations);
  const expanded = new Set();   // nodes clicked: all their edges shown
  const revealed = new Set();   // nodes shown whatever the bar: found by search, or next to an expanded one
  let item = "";                // the item chosen in the item filter, or "" for all
  let itemNodes = new Set();
  const MAX_EDGES_LISTED = 15;
  const EXPAND_STEP = 25;
  const MAX_CLAIMS_LISTED = 5;

  const sureEnough = (e) => e.confidence >= minConfidence;

  function strongNodes() {
    const strong = new Set();
    data.edges.forEach((e) => {
      if (e.weight >= minArticles && sureEnough(e) && !hiddenRelations.has(e.relation) &&
          (titlesBring || !titleRelations.has(e.relation))) { strong.add(e.from); strong.add(e.to); }
    });
    return strong;
  }
  let strong = strongNodes();

  const carriesItem = (e) => e.from === item || e.to === item || e.items.includes(item);
  const nodeVisible = (id) => !hiddenClasses.has(classOf.get(id)) && (item ? itemNodes.has(id) :
    strong.has(id) || revealed.has(id) || expanded.has(id) || (!hideAlone && !linked.has(id)));
  const edgeShown = (e) => !hiddenRelations.has(e.relation) && sureEnough(e) && nodeVisible(e.from) && nodeVisible(e.to) &&
    (item ? carriesItem(e) : e.weight >= minArticles || expanded.has(e.from) || expanded.has(e.to));
  const nodeView = new vis.DataView(nodes, { filter: (n) => nodeVisible(n.id) });
  const edgeView = new vis.DataView(edges, { filter: edgeShown });
  const network = new vis.Network(document.getElementById("canvas"),
    { nodes: nodeView, edges: edgeView }, data.options);
  window.kgPage = { network, nodes, edges, nodeView, edgeView, ready: false };
  network.once("afterDrawing", () => { window.kgPage.ready = true; });

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function updateCounts() {
    const counts = document.getElementById("counts");
    counts.dataset.nodes = String(nodeView.length);
    counts.dataset.edges = String(edgeView.length);
    counts.textContent = plural(nodeView.length, "node") + ", " + plural(edgeView.length, "edge") +
      " shown of " + nodes.length + " and " + edges.length;
    const alone = nodes.length - linked.size;
    const notes = [];
    if (minArticles > 1) {
      notes.push("Showing the edges stated by at least " + minArticles + " articles; lower the bar below to see more.");
    }
    if (minConfidence > 0) {
      const unsure = data.edges.filter((e) => !sureEnough(e)).length;
      notes.push(plural(unsure, "edge") + " of confidence under " + minConfidence.toFixed(2) +
        " hidden; lower the confidence bar to see them.");
    }
    if (!titlesBring) {
      notes.push("Titles (" + data.titleRelations.join(", ") + ") show between the entities in view but bring in no one: " +
        "a person\u2019s panel lists their posts, and a tick under Relations brings their holders in.");
    }
    if (hideAlone && alone) {
      notes.push(plural(alone, "entity") .replace("entitys", "entities") + " with no relation hidden: tick \u201centities with no relation\u201d to show them.");
    }
    notes.push("Click a node to show its " + EXPAND_STEP + " strongest neighbours (again for more); search reaches every entity.");
    document.getElementById("view-note").textContent = notes.join(" ");
    document.getElementById("min-articles-value").textContent = plural(minArticles, "article");
    document.getElementById("min-confidence-value").textContent = minConfidence.toFixed(2);
  }

  function refilter() {
    strong = strongNodes();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }

  function filterRow(name, count, colour, hidden) {
    const row = el("label", null, "filter");
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(name); else hidden.add(name);
      refilter();
    });
    row.appendChild(box);
    if (colour) {
      const swatch = el("span", null, "swatch");
      swatch.style.background = colour;
      row.appendChild(swatch);
    }
    row.appendChild(el("span", name));
    row.appendChild(el("span", count, "n"));
    return row;
  }

  function buildFilters() {
    const classes = document.getElementById("class-filters");
    data.classes.forEach(([name, colour, n]) => classes.appendChild(filterRow(name, n, colour, hiddenClasses)));
    const relations = document.getElementById("relation-filters");
    data.relations.forEach(([name, n]) => relations.appendChild(filterRow(name, n, null, hiddenRelations)));
    document.getElementById("negated-line").style.borderTopColor = data.negatedColour;
    const alone = document.getElementById("show-alone");
    alone.checked = !hideAlone;
    document.getElementById("alone-count").textContent = String(nodes.length - linked.size);
    alone.addEventListener("change", () => {
      hideAlone = !alone.checked;
      refilter();
    });
    buildArticleControl();
    buildConfidenceControl();
    const titles = document.getElementById("titles-bring");
    titles.checked = titlesBring;
    titles.addEventListener("change", () => {
      titlesBring = titles.checked;
      refilter();
    });
    buildItemFilter();
    buildCommunityToggle();
  }

  function buildArticleControl() {
    const range = document.getElementById("min-articles");
    range.max = String(Math.max(data.maxArticles, 1));
    range.value = String(minArticles);
    range.addEventListener("input", () => {
      minArticles = Number(range.value);
      refilter();
    });
  }

  function buildConfidenceControl() {
    const range = document.getElementById("min-confidence");
    range.value = String(minConfidence);
    range.addEventListener("input", () => {
      minConfidence = Number(range.value);
      refilter();
    });
  }

  function buildItemFilter() {
    const select = document.getElementById("item-filter");
    data.items.forEach(([id, label]) => {
      const option = el("option", label);
      option.value = id;
      select.appendChild(option);
    });
    select.addEventListener("change", () => {
      item = select.value;
      itemNodes = new Set(item ? [item] : []);
      if (item) data.edges.filter(carriesItem).forEach((e) => { itemNodes.add(e.from); itemNodes.add(e.to); });
      refilter();
      if (item) { network.fit({ nodes: [...itemNodes], animation: false }); show({ kind: "node", id: item }); }
    });
  }

  function buildCommunityToggle() {
    const box = document.getElementById("by-community");
    document.getElementById("community-count").textContent = String(data.communities);
    box.addEventListener("change", () => {
      nodes.update(data.nodes.map((n) => ({ id: n.id, color: box.checked ? n.communityColour : n.color })));
    });
  }

  function claimBlock(claim) {
    const block = el("div", null, "claim");
    // a fact added by hand has no sentence, article or outlet: who added it and why
    const said = claim.added_by ? "added by hand by " + claim.added_by + ": " + claim.note : "\u201c" + claim.sentence + "\u201d";
    block.appendChild(el("blockquote", said));
    const meta = [claim.outlet || claim.source, claim.date || "undated",
      claim.speaker ? "said by " + claim.speaker : "", claim.modality,
      claim.items.length ? "items: " + claim.items.join(", ") : ""].filter(Boolean);
    block.appendChild(el("div", meta.join(" \u00b7 "), "meta"));
    if (claim.article) block.appendChild(el("div", "in \u201c" + claim.article + "\u201d", "meta"));
    return block;
  }

  function edgeTitle(edge) {
    const from = nodes.get(edge.from), to = nodes.get(edge.to);
    const relation = edge.modality === "Negated" ? "not " + edge.relation : edge.relation;
    return from.label + " \u2014 " + relation + " \u2192 " + to.label;
  }

  function edgeSummary(edge) {
    const dates = edge.first ? (edge.first === edge.last ? edge.first : edge.first + " to " + edge.last) : "undated";
    return confidenceText(edge) + " \u00b7 " + plural(edge.claims, "claim") + " \u00b7 " +
      edge.modality.split(",").join(", ") + " \u00b7 " + dates;
  }

  // How sure the edge is, and from how many independent articles (syndicated copies count once).
  function confidenceText(edge) {
    const handDenying = edge.handDenying || 0, denying = edge.weight - edge.sources - handDenying;
    const denied = (denying ? " \u00b7 " + plural(denying, "article") + (denying === 1 ? " denies" : " deny") + " it" : "") +
      (handDenying ? " \u00b7 " + plural(handDenying, "fact") + " added by hand " + (handDenying === 1 ? "denies" : "deny") + " it" : "");
    if (!edge.sources) return "confidence 0: no article states it" + denied;
    const hand = edge.hand || 0, articles = edge.sources - hand;  // facts added by hand are no article
    const from = [articles ? plural(articles, "independent article") : "", hand ? plural(hand, "fact") + " added by hand" : ""];
    return "confidence " + edge.confidence + " from " + from.filter(Boolean).join(" and ") + denied;
  }

  function appendClaims(panel, edge, limit) {
    const claims = data.evidence[edge.id] || [];
    claims.slice(0, limit).forEach((claim) => {
      const block = claimBlock(claim);
      block.appendChild(correctionControl(claimCorrections(claim, edge)));
      panel.appendChild(block);
    });
    if (claims.length > limit) panel.appendChild(el("div", "\u2026 and " + (claims.length - limit) + " more", "meta"));
  }

  function showEdge(id) {
    const edge = edges.get(id);
    const panel = document.getElementById("panel");
    panel.replaceChildren(el("h2", edgeTitle(edge)), el("div", edgeSummary(edge), "meta"));
    appendClaims(panel, edge, 200);
  }

  function showNode(id) {
    const node = nodes.get(id);
    const panel = document.getElementById("panel");
    panel.replaceChildren(el("h2", node.label),
      el("div", node.cls + " \u00b7 " + plural(node.mentions, "mention") + " \u00b7 " + plural(node.articles, "article"), "meta"));
    if (/^https?:\/\//.test(node.wikidata)) {
      const link = el("a", node.wikidata);
      link.href = node.wikidata;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      panel.appendChild(link);
    }
    panel.appendChild(correctionControl(nodeCorrections(node)));
    const around = edges.get({ filter: (e) => e.from === id || e.to === id })
      .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
    appendItemEnds(panel, id, around);
    panel.appendChild(el("h3", plural(around.length, "relation")));
    around.slice(0, MAX_EDGES_LISTED).forEach((edge) => {
      panel.appendChild(el("div", edgeTitle(edge), "edge-head"));
      panel.appendChild(el("div", edgeSummary(edge), "meta"));
      appendClaims(panel, edge, MAX_CLAIMS_LISTED);
    });
    if (around.length > MAX_EDGES_LISTED) {
      panel.appendChild(el("div", "\u2026 and " + (around.length - MAX_EDGES_LISTED) + " more relations", "meta"));
    }
  }

  // What moved, from the item edges: for an item, who supplies it and to whom; for an actor,
  // the items it supplies and receives.
  function appendItemEnds(panel, id, around) {
    const lines = [["suppliesItem", "to", "Supplied by: "], ["suppliedTo", "from", "Supplied to: "],
      ["suppliesItem", "from", "Items supplied: "], ["suppliedTo", "to", "Items received: "]];
    lines.forEach(([relation, end, title]) => {
      const found = around.filter((e) => e.relation === relation && e[end] === id);
      if (!found.length) return;
      const names = found.map((e) => nodes.get(end === "to" ? e.from : e.to).label +
        " (" + plural(e.weight, "article") + ")");
      panel.appendChild(el("div", title + names.join(", "), "edge-head"));
    });
  }

  // "Copy correction": a line of corrections.jsonl (kg build's output folder) for the analyst to
  // paste; the next kg build applies it. The page stays read-only: it shows the line and copies it.
  const CORRECTIONS_NOTE = "Paste it as a line of corrections.jsonl in the build\u2019s output folder; the next kg build applies it.";

  // The claim's locator: its id, else its document, sentence and statement (kept through a
  // re-extraction). An item edge's claim names its own statement, not the item edge. A fact added
  // by hand has no document or sentence: its id alone names it.
  function claimCorrections(claim, edge) {
    const [subject, relation, object] = claim.statement || [edge.from, edge.relation, edge.to];
    const locator = {};
    if (claim.claim) locator.claim = claim.claim;
    if (claim.document && Number.isInteger(claim.sentence_index)) {
      Object.assign(locator, { document: claim.document, sentence: claim.sentence_index, relation, subject, object });
    }
    return [["reject", Object.assign({ op: "reject" }, locator)],
      ["confirm", Object.assign({ op: "confirm" }, locator)]];
  }

  // An entity's lines, filled with what the page knows; the analyst edits the rest in the file.
  function nodeCorrections(node) {
    return [["rename", { op: "rename", entity: node.id, label: node.label }],
      ["retype", { op: "retype", entity: node.id, type: node.cls }],
      ["merge", { op: "merge", from: node.id, into: "" }],
      ["split", { op: "split", entity: node.id, where: { documents: [], names: [] },
        new: { id: "", label: "", type: node.cls } }],
      ["distinct", { op: "distinct", entities: [node.id, ""] }]];
  }

  // A button per line; pressing one shows the line (made on first use: a panel lists up to 200
  // claims) and copies it.
  function correctionControl(choices) {
    const control = el("div", null, "correction");
    const row = el("div", "copy correction:", "meta");
    let line = null, note = null;
    choices.forEach(([name, correction]) => {
      const button = el("button", name);
      button.type = "button";
      button.dataset.op = name;
      button.addEventListener("click", () => {
        if (!line) {
          line = el("textarea", null, "correction-line");
          line.readOnly = true;
          line.rows = 4;
          line.setAttribute("aria-label", "correction line");
          note = el("div", null, "meta correction-note");
          control.append(line, note);
        }
        line.value = JSON.stringify(correction);
        copyLine(line, note);
      });
      row.appendChild(button);
    });
    control.appendChild(row);
    return control;
  }

  // The clipboard where the browser allows it (a file:// page may not get it), else the old
  // copy command on the selected line; the line stays shown and selected to copy by hand.
  function copyLine(line, note) {
    const said = (copied) => {
      note.textContent = (copied ? "Copied. " : "Selected: press Ctrl+C to copy it. ") + CORRECTIONS_NOTE;
    };
    const byCommand = () => {
      line.focus();
      line.select();
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      said(copied);
    };
    note.textContent = "";
    line.focus();
    line.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(line.value).then(() => said(true), byCommand);
    } else {
      byCommand();
    }
  }

  // A click on a node shows its strongest neighbours, whatever the bar of articles; each further
  // click shows the next ones (a hub of a big graph has hundreds).
  const expandedBy = new Map();
  function expand(id) {
    const shown = (expandedBy.get(id) || 0) + EXPAND_STEP;
    expandedBy.set(id, shown);
    expanded.add(id);
    edges.get({ filter: (e) => (e.from === id || e.to === id) && sureEnough(e) })
      .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id))
      .slice(0, shown)
      .forEach((e) => { revealed.add(e.from); revealed.add(e.to); });
    refilter();
  }

  let selected = null;  // what the panel shows when the pointer leaves a hovered item

  function show(item) {
    if (!item) {
      document.getElementById("panel").replaceChildren(
        el("p", "Hover over or click a node or an edge to read its evidence.", "hint"));
    } else if (item.kind === "node") {
      showNode(item.id);
    } else {
      showEdge(item.id);
    }
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      selected = { kind: "node", id: params.nodes[0] };
      expand(params.nodes[0]);
    }
    else if (params.edges.length) selected = { kind: "edge", id: params.edges[0] };
    else selected = null;
    show(selected);
  });
  network.on("hoverNode", (params) => show({ kind: "node", id: params.node }));
  network.on("hoverEdge", (params) => show({ kind: "edge", id: params.edge }));
  network.on("blurNode", () => show(selected));
  network.on("blurEdge", () => show(selected));

  function search(query, go) {
    const q = query.trim().toLowerCase();
    const found = q ? nodes.get({ filter: (n) => n.label.toLowerCase().includes(q) }) : [];
    found.sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
    network.selectNodes(found.slice(0, 200).map((n) => n.id).filter((id) => nodeView.get(id)));
    document.getElementById("matches").textContent = q ? plural(found.length, "match") .replace("matchs", "matches") : "";
    if (go && found.length) {
      revealed.add(found[0].id);  // search reaches any entity, shown or not
      refilter();
      network.selectNodes([found[0].id]);
      network.focus(found[0].id, { scale: 1.2, animation: false });
      selected = { kind: "node", id: found[0].id };
      show(selected);
    }
  }

  const box = document.getElementById("search");
  box.addEventListener("input", () => search(box.value, false));
  box.addEventListener("keydown", (event) => { if (event.key === "Enter") search(box.value, true); });

  buildFilters();
  updateCounts();
})();
