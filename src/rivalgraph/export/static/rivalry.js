/* The interactive rivalry view of `rivalgraph export --format html`.
 *
 * Reads the network from <script type="application/json" id="rivalgraph-data">, draws it with
 * cytoscape.js at the positions computed in Python (preset layout: no physics), and fills the
 * side panel with the selected athlete or rivalry.  Data reaches the page only through
 * textContent and element attributes, never as HTML.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("rivalgraph-data").textContent);
  var meta = data.meta || {};
  var SHAPES = { athlete: "ellipse", race: "round-rectangle", statement: "round-tag",
    response: "round-tag", title: "star", agent: "diamond" };
  var FACTORS = ["repetition", "balance", "closeness", "stakes", "discourse", "parity"];
  var EXPLAIN = {
    repetition: "how often they raced each other",
    balance: "how evenly the head-to-head record is split",
    closeness: "how small the gaps in places and marks were",
    stakes: "what was at stake: finals, medals, titles, global championships",
    discourse: "what they said about, or in answer to, each other",
    parity: "how evenly matched their strength ratings were in those seasons"
  };
  var panel = document.getElementById("panel");
  var search = document.getElementById("search");
  var matches = document.getElementById("matches");

  function largest(items, key) {
    var top = 0;
    for (var i = 0; i < items.length; i++) { top = Math.max(top, items[i][key] || 0); }
    return top || 1;
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* ---------- the page's data: one part, or parts by discipline and sex read when chosen ---------- */

  /* A small network is one part, in the data block itself.  A large one (`sharded`) is split by
     the discipline and sex its rivalries were contested in: the data block holds the list of
     parts, each part is gzip-compressed JSON in its own <script> block, decompressed (with the
     browser's DecompressionStream: no request) only when it is chosen, and kept. */
  var sharded = Array.isArray(data.parts);
  var view = sharded ? null : data;
  var loaded = {}, current = -1;

  function inflate(id) {
    var text = document.getElementById(id).textContent.trim();
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  /* What every part needs once: its nodes by id, and each athlete's rivalries, strongest first. */
  /* A day number of a part (days since 1970-01-01) as an ISO date; anything else as it is. */
  function isoDay(value) {
    return typeof value === "number" ? new Date(value * 86400000).toISOString().slice(0, 10) : value;
  }

  /* Columns ({fields, columns}) as records; a plain list as it is. */
  function records(table) {
    if (!table || Array.isArray(table)) { return table || []; }
    var count = table.columns.length ? table.columns[0].length : 0, found = new Array(count);
    for (var i = 0; i < count; i++) {
      var record = {};
      for (var f = 0; f < table.fields.length; f++) {
        var value = table.columns[f][i];
        if (value !== null && value !== undefined) { record[table.fields[f]] = value; }
      }
      found[i] = record;
    }
    return found;
  }

  /* A part as the rest of the page reads it (rivalgraph.export.pageparts writes what it can take
     back only once): athletes by IRI, each rivalry's id and score, each race's results by
     athlete, and for each athlete the races he has a result in. */
  function unpack(part, number) {
    part.nodes = records(part.nodes);
    part.edges = records(part.edges);
    part.races = records(part.races);
    var ids = part.nodes.map(function (node) { node.kind = node.kind || "athlete"; return node.id; });
    var titles = (part.titles || []).map(function (title) { title.date = isoDay(title.date); return title; });
    var source = -1, target = 0;
    part.edges.forEach(function (edge, i) {
      // A target is written as its difference from the one before it of the same source.
      target = edge.source === source ? target + edge.target : edge.target;
      source = edge.source;
      edge.id = "p" + number + "e" + i;
      edge.kind = edge.kind || "rivalry";
      edge.source = ids[source];
      edge.target = ids[target];
      edge.score = (edge.source_score + edge.target_score) / 2;
      edge.first_met = isoDay(edge.first_met);
      edge.last_met = edge.last_met === undefined ? edge.first_met : isoDay(edge.last_met);
      edge.titles = (edge.titles || []).map(function (n) { return titles[n]; });
    });
    part.racesOf = {};
    part.races.forEach(function (race, n) {
      race.date = isoDay(race.date);
      if (race.dated) { race.label += ", " + race.date; }  // stored without its date
      var results = {};
      (race.results || []).forEach(function (result) {
        var athlete = ids[result[0]];
        results[athlete] = result.slice(1);
        (part.racesOf[athlete] = part.racesOf[athlete] || []).push(n);
      });
      race.results = results;
    });
    var ratings = {};
    (part.ratings || []).forEach(function (entry) {
      ratings[ids[entry[0]]] = {};
      ratings[ids[entry[0]]][part.pool] = entry[1].map(function (point) {
        return [isoDay(point[0]), point[1], point[2]];
      });
    });
    part.ratings = ratings;
    return part;
  }

  /* A rivalry's evidence: listed in a one-part page; in a part, its races are those in which
     both athletes have a result. */
  function evidenceOf(d) {
    if (!sharded) { return (view.evidence || {})[d.id] || {}; }
    var mine = {};
    (view.racesOf[d.source] || []).forEach(function (n) { mine[n] = true; });
    return { races: (view.racesOf[d.target] || []).filter(function (n) { return mine[n]; }),
      titles: d.titles || [], statements: d.statements || [], pool: view.pool, pool_label: view.label };
  }

  function prepare(part) {
    part.nodeById = {};
    part.edgesOf = {};
    part.nodes.forEach(function (node) {
      node.folded = fold(node.label);
      part.nodeById[node.id] = node;
      part.edgesOf[node.id] = [];
    });
    part.edges.forEach(function (edge) {
      if (edge.kind !== "rivalry") { return; }
      (part.edgesOf[edge.source] = part.edgesOf[edge.source] || []).push(edge);
      (part.edgesOf[edge.target] = part.edgesOf[edge.target] || []).push(edge);
    });
    Object.keys(part.edgesOf).forEach(function (id) {
      part.edgesOf[id].sort(function (a, b) { return b.score - a.score; });
    });
    part.topScore = largest(part.edges, "score");
    return part;
  }

  function loadPart(number) {
    if (!loaded[number]) {
      loaded[number] = inflate("rivalgraph-part-" + number).then(function (part) {
        return prepare(unpack(part, number));
      });
    }
    return loaded[number];
  }

  function nodeElement(node) {
    var item = { group: "nodes", position: { x: node.x, y: node.y }, data: {} };
    Object.keys(node).forEach(function (key) { item.data[key] = node[key]; });
    // Position, size and colour come drawn from Python (rivalgraph.export.layout.draw).
    item.data.colour = node.color;
    item.data.shape = SHAPES[node.kind] || "ellipse";
    return item;
  }

  function edgeElement(edge) {
    var item = { group: "edges", data: {} };
    Object.keys(edge).forEach(function (key) { item.data[key] = edge[key]; });
    item.data.width = edge.kind === "rivalry" ? 0.6 + 7 * (edge.score / view.topScore) : 0.8;
    return item;
  }

  var big = sharded || data.nodes.length > 400 || data.edges.length > 2000;
  var cy = cytoscape({
    container: document.getElementById("network"),
    elements: [],
    layout: { name: "preset", fit: true, padding: 20 },
    minZoom: 0.02,
    maxZoom: 6,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    motionBlur: false,
    pixelRatio: big ? 1 : "auto",
    style: [
      { selector: "node", style: {
        "width": "data(size)", "height": "data(size)", "background-color": "data(colour)",
        "shape": "data(shape)", "border-width": 1, "border-color": "#fff",
        "label": "", "font-size": 11, "min-zoomed-font-size": 9,
        "text-valign": "bottom", "text-margin-y": 2, "color": "#333",
        "text-outline-color": "#fff", "text-outline-width": 1.5 } },
      { selector: "node.labelled, node:selected", style: { "label": "data(label)" } },
      { selector: "node[size > 34]", style: { "font-size": 14, "font-weight": "bold" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "#8da0b8", "opacity": 0.55,
        "curve-style": big ? "haystack" : "straight" } },
      { selector: "edge[kind != 'rivalry']", style: { "line-color": "#c9c9c9", "line-style": "dashed" } },
      { selector: ".faded", style: { "opacity": 0.08, "text-opacity": 0 } },
      { selector: "node.found", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "edge:selected", style: { "line-color": "#d62728", "opacity": 1 } }
    ]
  });



  /* ---------- building the panel: elements and text only ---------- */

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null && text !== "") { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function link(url, text) {
    if (!/^https?:\/\//i.test(url || "")) { return el("span", text || ""); }
    var anchor = el("a", text || url);
    anchor.href = url;
    anchor.target = "_blank";
    anchor.rel = "noopener noreferrer";
    return anchor;
  }

  function facts(pairs) {
    var list = el("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === "" || pair[1] === undefined || pair[1] === null) { return; }
      list.appendChild(el("dt", pair[0]));
      var value = el("dd");
      if (pair[1] instanceof Node) { value.appendChild(pair[1]); } else { value.textContent = String(pair[1]); }
      list.appendChild(value);
    });
    return list;
  }

  function bar(value) {
    var wrap = el("span");
    var fill = el("span", null, "bar");
    fill.style.width = Math.round(80 * Math.max(0, Math.min(1, value))) + "px";
    wrap.appendChild(fill);
    wrap.appendChild(document.createTextNode(" " + value.toFixed(2)));
    return wrap;
  }

  function clear() {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
  }

  function label(id) {
    var node = view.nodeById[id];
    return node ? node.label : id;
  }

  function showNode(node) {
    var d = node.data();
    clear();
    panel.appendChild(el("h2", d.label));
    panel.appendChild(facts([["kind", d.kind], ["nation", d.nation],
      ["community", d.community >= 0 ? d.community : ""],
      ["centrality", d.kind === "athlete" ? d.centrality.toFixed(3) : ""],
      ["in-strength", d.kind === "athlete" ? d.strength.toFixed(3) : ""],
      ["date", d.date], ["outlet", d.outlet], ["source", d.url ? link(d.url, d.url) : ""],
      ["IRI", d.id]]));
    if (d.text) { panel.appendChild(el("blockquote", d.text)); }
    // All his rivalries in this part, drawn or not (the filters only thin out the drawing).
    var rivalries = view.edgesOf[node.id()] || [];
    if (rivalries.length) {
      panel.appendChild(el("h3", "Rivalries (" + rivalries.length + (rivalries.length > FOCUS_RIVALS
        ? "; the " + FOCUS_RIVALS + " strongest highlighted" : "") + ")"));
      var list = el("ol");
      rivalries.slice(0, LISTED_RIVALS).forEach(function (edge) {
        var other = edge.source === node.id() ? edge.target : edge.source;
        var item = el("li", label(other) + " — " + edge.score.toFixed(3), "rival");
        item.tabIndex = 0;
        item.addEventListener("click", function () { select(ensure([edge])[0]); });
        item.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { select(ensure([edge])[0]); }
        });
        list.appendChild(item);
      });
      panel.appendChild(list);
      if (rivalries.length > LISTED_RIVALS) {
        panel.appendChild(el("p", "… and " + (rivalries.length - LISTED_RIVALS) + " weaker ones", "hint"));
      }
    }
  }

  function mark(value, measure) {
    if (value === undefined || value === null) { return ""; }
    if (measure === "Points") { return String(Math.round(value)) + " points"; }
    if (measure === "Distance" || measure === "Height") { return value.toFixed(2) + " m"; }
    if (value < 60) { return value.toFixed(2); }  // a time (the default measure)
    var hours = Math.floor(value / 3600), minutes = Math.floor((value % 3600) / 60), rest = value % 60;
    var seconds = (rest < 10 ? "0" : "") + rest.toFixed(2);
    if (hours) { return hours + ":" + (minutes < 10 ? "0" : "") + minutes + ":" + seconds; }
    return minutes + ":" + seconds;
  }

  function ordinal(place) {
    var tail = (place % 100 >= 11 && place % 100 <= 13) ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[place % 10] || "th");
    return place + tail;
  }

  function finisher(name, place, value, medal, measure) {
    var timed = !measure || measure === "Time";
    return name + " " + ordinal(place) + (value !== undefined ? (timed ? " in " : ", ") + mark(value, measure) : "") +
      (medal ? " (" + medal + ")" : "");
  }

  function raceItem(race, source, target) {
    var item = el("li", null, "race");
    item.appendChild(el("div", race.date + "  " + race.label + (race.final ? " (championship final)" : "")));
    var ahead = race.source_place < race.target_place ? source : (race.target_place < race.source_place ? target : "");
    var places = finisher(source, race.source_place, race.source_time, race.source_medal, race.measure) + ", " +
      finisher(target, race.target_place, race.target_time, race.target_medal, race.measure) +
      (ahead ? ": " + ahead + " finished ahead" : ": level");
    item.appendChild(el("div", places, "meta"));
    if (race.url) { item.appendChild(link(race.url, "source of the result")); }
    return item;
  }

  function statementItem(said) {
    var item = el("li", null, said.direct ? "said direct" : "said reported");
    // Only direct speech is quoted; reported speech is the outlet's words, never put in quotes.
    item.appendChild(el("div", said.speaker + (said.direct ? " said" : " (reported speech, not a quotation)") +
      (said.response ? ", in reply" : "") + ":"));
    if (said.direct) { item.appendChild(el("blockquote", "\u201c" + said.text + "\u201d")); }
    else { item.appendChild(el("p", said.text, "reported")); }
    var meta = [said.date, said.outlet].filter(Boolean).join(" · ");
    item.appendChild(el("div", meta, "meta"));
    if (said.url) { item.appendChild(link(said.url, said.source || said.url)); }
    else if (said.source) { item.appendChild(el("div", said.source, "meta")); }
    return item;
  }

  function section(title, items, render) {
    if (!items || !items.length) { return; }
    panel.appendChild(el("h3", title + " (" + items.length + ")"));
    var list = el("ul");
    items.forEach(function (entry) { list.appendChild(render(entry)); });
    panel.appendChild(list);
  }

  /* ---------- the rivalry timeline (the chart of `rivalgraph plot rivalry`), as SVG ---------- */

  var SVG_NS = "http://www.w3.org/2000/svg";
  var SIDES = ["#1f77b4", "#d62728"];
  var DAY = 86400000;

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function day(text) { return Date.parse(String(text).slice(0, 10) + "T00:00:00Z"); }

  function hover(node, text) { node.appendChild(svg("title", {}, text)); return node; }

  function timeline(d, evidence, names) {
    var races = (evidence.races || []).filter(function (race) { return race.date; });
    var said = (evidence.statements || []).filter(function (item) { return item.date; });
    var byPool = view.ratings || {};
    var series = [d.source, d.target].map(function (who) {
      return evidence.pool ? ((byPool[who] || {})[evidence.pool] || []) : [];
    });
    var days = races.map(function (race) { return day(race.date); })
      .concat(said.map(function (item) { return day(item.date); }));
    series.forEach(function (points) { points.forEach(function (point) { days.push(day(point[0])); }); });
    if (!days.length) { return null; }
    var lo = Math.min.apply(null, days) - 60 * DAY, hi = Math.max.apply(null, days) + 60 * DAY;
    // Injuries and withdrawals of either athlete within the span of their shared events.
    var setbacks = [];
    [d.source, d.target].forEach(function (who, side) {
      ((view.setbacks || {})[who] || []).forEach(function (item) {
        var at = day(item[0]);
        if (at >= lo && at <= hi) { setbacks.push({ side: side, at: at, date: item[0], kind: item[1], label: item[2] }); }
      });
    });
    var W = 340, H = 284, left = 44, right = 8, top = 48, bottom = 150, raceRow = 172, saidRow = 194, outRow = 216, axis = 236;
    function x(t) { return left + (t - lo) / (hi - lo) * (W - left - right); }
    var values = [];
    series.forEach(function (points) {
      points.forEach(function (p) { values.push(p[1] - p[2], p[1] + p[2]); });
    });
    var vlo = values.length ? Math.min.apply(null, values) : 0, vhi = values.length ? Math.max.apply(null, values) : 1;
    if (vhi - vlo < 1e-9) { vhi = vlo + 1; }
    function y(v) { return top + (vhi - v) / (vhi - vlo) * (bottom - top); }
    var root = svg("svg", { "class": "timeline", viewBox: "0 0 " + W + " " + H, width: W, height: H,
      role: "img", "aria-label": "Timeline of " + names[0] + " and " + names[1] });
    root.appendChild(svg("title", {}, "Rivalry timeline: ratings, shared races and statements"));
    var rated = series[0].length + series[1].length > 0;
    root.appendChild(svg("text", { x: 2, y: 12, "class": "axis-label", "data-kind": "y-label" },
      rated ? "strength rating (mean ± 1 sd), " + (evidence.pool_label || "")
            : "no strength ratings (run rivalgraph strength)"));
    series.forEach(function (points, side) {
      if (!points.length) { return; }
      var upper = points.map(function (p) { return x(day(p[0])) + "," + y(p[1] + p[2]); });
      var lower = points.slice().reverse().map(function (p) { return x(day(p[0])) + "," + y(p[1] - p[2]); });
      root.appendChild(svg("polygon", { points: upper.concat(lower).join(" "), fill: SIDES[side],
        "fill-opacity": 0.15, stroke: "none", "data-kind": "band" }));
      root.appendChild(svg("polyline", { points: points.map(function (p) { return x(day(p[0])) + "," + y(p[1]); }).join(" "),
        fill: "none", stroke: SIDES[side], "stroke-width": 1.8, "data-kind": "rating" }));
      points.forEach(function (p) {
        root.appendChild(hover(svg("circle", { cx: x(day(p[0])), cy: y(p[1]), r: 2.2, fill: SIDES[side],
          "data-kind": "rating-point" }), names[side] + " " + p[0].slice(0, 4) + ": " + p[1].toFixed(1) + " ± " + p[2].toFixed(1)));
      });
    });
    if (rated) {
      [vhi, vlo].forEach(function (v) {
        root.appendChild(svg("text", { x: left - 4, y: y(v) + 4, "text-anchor": "end", "class": "tick" }, v.toFixed(0)));
      });
    }
    root.appendChild(svg("text", { x: 2, y: raceRow + 4, "class": "row-label" }, "races"));
    root.appendChild(svg("text", { x: 2, y: saidRow + 4, "class": "row-label" }, "said"));
    root.appendChild(svg("text", { x: 2, y: outRow + 4, "class": "row-label" }, "out"));
    setbacks.forEach(function (item) {
      var cx = x(item.at), marker;
      if (item.kind === "injury") {
        marker = svg("path", { d: "M" + (cx - 4) + "," + (outRow - 4) + " l8,8 M" + (cx + 4) + "," + (outRow - 4) + " l-8,8",
          stroke: SIDES[item.side], "stroke-width": 2, fill: "none" });
      } else {
        marker = svg("circle", { cx: cx, cy: outRow, r: 4, fill: "#fff", stroke: SIDES[item.side], "stroke-width": 2 });
      }
      marker.setAttribute("data-kind", "setback");
      marker.setAttribute("data-setback", item.kind);
      root.appendChild(hover(marker, item.date + "  " + names[item.side] + ": " + (item.label || item.kind)));
    });
    races.forEach(function (race) {
      var ahead = race.source_place < race.target_place ? 0 : (race.target_place < race.source_place ? 1 : -1);
      var cx = x(day(race.date)), colour = ahead >= 0 ? SIDES[ahead] : "#999";
      var marker = race.final
        ? svg("path", { d: "M" + cx + "," + (raceRow - 7) + " l6,7 l-6,7 l-6,-7 z", stroke: "#111", "stroke-width": 1 })
        : svg("circle", { cx: cx, cy: raceRow, r: 4 });
      marker.setAttribute("fill", colour);
      marker.setAttribute("data-kind", "race");
      marker.setAttribute("data-final", race.final ? "true" : "false");
      root.appendChild(hover(marker, race.date + "  " + race.label + ": " + names[0] + " " + race.source_place +
        ", " + names[1] + " " + race.target_place + (race.final ? " (championship final)" : "")));
    });
    var sameDay = {};
    said.forEach(function (item) {
      // Statements of one day side by side, not on top of each other.
      var nth = sameDay[item.date] = (sameDay[item.date] || 0) + 1;
      var side = item.speaker === names[1] ? 1 : 0, cx = x(day(item.date)) + 7 * (nth - 1);
      root.appendChild(hover(svg("path", { d: "M" + cx + "," + (saidRow - 6) + " l5,10 l-10,0 z", fill: SIDES[side],
        "data-kind": "statement" }), item.date + "  " + item.speaker + (item.response ? " (in reply)" : "") +
        (item.outlet ? ", " + item.outlet : "")));
    });
    root.appendChild(svg("line", { x1: left, x2: W - right, y1: axis, y2: axis, stroke: "#888" }));
    var first = new Date(lo).getUTCFullYear() + 1, last = new Date(hi).getUTCFullYear();
    var step = Math.max(1, Math.ceil((last - first + 1) / 7));
    for (var year = first; year <= last; year += step) {
      var at = x(Date.UTC(year, 0, 1));
      root.appendChild(svg("line", { x1: at, x2: at, y1: axis, y2: axis + 4, stroke: "#888" }));
      root.appendChild(svg("text", { x: at, y: axis + 15, "text-anchor": "middle", "class": "tick", "data-kind": "year" }, year));
    }
    root.appendChild(svg("text", { x: W - right, y: axis + 28, "text-anchor": "end", "class": "axis-label", "data-kind": "x-label" }, "date (year)"));
    var legend = [[SIDES[0], names[0] + " ahead / said"], [SIDES[1], names[1] + " ahead / said"]];
    legend.forEach(function (entry, index) {
      var ly = 18 + 12 * index;
      root.appendChild(svg("rect", { x: left, y: ly, width: 9, height: 9, fill: entry[0] }));
      root.appendChild(svg("text", { x: left + 13, y: ly + 8, "class": "legend" }, entry[1]));
    });
    root.appendChild(svg("text", { x: left, y: H - 2, "class": "legend" }, "◆ final  ● race  ▲ statement  ✕ injury  ○ withdrawal"));
    return root;
  }

  /* Each race and statement is stored once in the part (view.races, view.statements); a
     rivalry's evidence lists their numbers, and a race holds the results of its athletes. */
  function pairRace(number, source, target) {
    var race = view.races[number], mine = race.results[source] || [], theirs = race.results[target] || [];
    var record = { race: race.race, label: race.label, date: race.date, url: race.url, final: race.final,
      measure: race.measure,
      source_place: mine[0], target_place: theirs[0], source_medal: mine[2] || "", target_medal: theirs[2] || "" };
    if (mine[1] !== null && mine[1] !== undefined) { record.source_time = mine[1]; }
    if (theirs[1] !== null && theirs[1] !== undefined) { record.target_time = theirs[1]; }
    return record;
  }

  function resolved(evidence, source, target) {
    return { races: (evidence.races || []).map(function (n) { return pairRace(n, source, target); }),
      titles: evidence.titles || [], pool: evidence.pool, pool_label: evidence.pool_label,
      statements: (evidence.statements || []).map(function (n) { return view.statements[n]; }) };
  }

  function showEdge(edge) {
    var d = edge.data();
    var source = label(d.source), target = label(d.target);
    clear();
    if (d.kind !== "rivalry") {
      panel.appendChild(el("h2", source + " → " + target));
      panel.appendChild(facts([["kind", d.kind], ["place", d.place || ""],
        ["time (s)", d.time || ""], ["status", d.status], ["medal", d.medal]]));
      return;
    }
    panel.appendChild(el("h2", source + " vs " + target));
    var rows = [["score", bar(d.score)], [source + " → " + target, bar(d.source_score)],
      [target + " → " + source, bar(d.target_score)]];
    // The factors the score counted (parity only with strength ratings), as the export says.
    var counted = meta.factors || FACTORS;
    counted.forEach(function (name) { rows.push([name, bar(d[name])]); });
    rows.push(["meetings", d.meetings], ["finished ahead", source + " " + d.source_wins + ", " + target + " " + d.target_wins],
      ["title deciders", d.title_deciders], ["first met", d.first_met], ["last met", d.last_met],
      ["statements", source + " " + d.source_statements + ", " + target + " " + d.target_statements]);
    panel.appendChild(facts(rows));
    var explained = el("ul", null, "factors");
    counted.forEach(function (name) { explained.appendChild(el("li", name + ": " + EXPLAIN[name])); });
    var details = el("details");
    details.appendChild(el("summary", "What the score means"));
    details.appendChild(el("p", "The mean of both directed scores; each is a weighted mean of these factors, each in [0, 1], recent years counting more:"));
    details.appendChild(explained);
    panel.appendChild(details);
    var evidence = resolved(evidenceOf(d), d.source, d.target);
    var chart = timeline(d, evidence, [source, target]);
    if (chart) { panel.appendChild(el("h3", "Timeline")); panel.appendChild(chart); }
    var byDate = (evidence.races || []).slice().sort(function (a, b) { return a.date < b.date ? -1 : (a.date > b.date ? 1 : 0); });
    section("Races, by date", byDate, function (race) { return raceItem(race, source, target); });
    section("Titles", evidence.titles, function (title) {
      var item = el("li", title.date + "  " + title.label + " — " + title.winner);
      if (title.url) { item.appendChild(el("br")); item.appendChild(link(title.url, "source")); }
      return item;
    });
    section("Statements", evidence.statements, statementItem);
  }

  var FOCUS_RIVALS = 10;
  var LISTED_RIVALS = 200;

  function focus(element) {
    cy.elements(".faded").removeClass("faded");
    var near;
    if (element.isNode()) {
      // An athlete and his strongest rivalries (all of them are listed in the panel): with a
      // hundred rivals, highlighting every one would fade nothing.  They are drawn even if the
      // filters had left them out.
      var strongest = ensure((view.edgesOf[element.id()] || []).slice(0, FOCUS_RIVALS));
      var others = element.connectedEdges("[kind != 'rivalry']");
      near = element.union(strongest).union(strongest.connectedNodes()).union(others).union(others.connectedNodes());
    } else {
      near = element.union(element.connectedNodes());
    }
    cy.elements().not(near).addClass("faded");
  }

  /* ---------- what is drawn: the part's elements that pass the filters ---------- */

  var controls = {
    discipline: document.getElementById("filter-discipline"), sex: document.getElementById("filter-sex"),
    since: document.getElementById("filter-since"), until: document.getElementById("filter-until"),
    score: document.getElementById("filter-score")
  };

  function words(iri) {
    var local = String(iri).split("#").pop().replace(/^Discipline/, "");
    return { Male: "men", Female: "women" }[local] || local;
  }

  function option(select, value, text) {
    var item = el("option", text); item.value = value; select.appendChild(item);
  }

  (function fillChoices() {
    var disciplines = {}, sexes = {};
    if (sharded) {
      // One part at a time: there is no "all" (it would draw tens of thousands of athletes).
      controls.discipline.textContent = "";
      controls.sex.textContent = "";
      data.parts.forEach(function (part) { disciplines[part.discipline] = true; sexes[part.sex] = true; });
    } else {
      Object.keys(data.evidence || {}).forEach(function (id) {
        var pool = (data.evidence[id].pool || "").split(" ");
        if (pool.length === 2) { disciplines[pool[0]] = true; sexes[pool[1]] = true; }
      });
    }
    Object.keys(disciplines).sort(function (a, b) { return words(a) < words(b) ? -1 : 1; })
      .forEach(function (iri) { option(controls.discipline, iri, words(iri)); });
    Object.keys(sexes).sort().forEach(function (iri) { option(controls.sex, iri, words(iri)); });
  }());

  function filters() {
    return { discipline: controls.discipline.value, sex: controls.sex.value,
      since: controls.since.value, until: controls.until.value,
      score: controls.score.value && Number(controls.score.value) > 0 ? controls.score.value : "" };
  }

  function keeps(edge, chosen) {
    if (edge.kind !== "rivalry") { return true; }
    if (chosen.score && edge.score < Number(chosen.score)) { return false; }
    if (!sharded) {
      var pool = (((view.evidence || {})[edge.id] || {}).pool || " ").split(" ");
      if (chosen.discipline && pool[0] !== chosen.discipline) { return false; }
      if (chosen.sex && pool[1] !== chosen.sex) { return false; }
    }
    var first = String(edge.first_met || "").slice(0, 4), last = String(edge.last_met || "").slice(0, 4);
    if ((chosen.since || chosen.until) && !first) { return false; }
    if (chosen.since && last < chosen.since) { return false; }
    if (chosen.until && first > chosen.until) { return false; }
    return true;
  }

  /* The drawing holds only what the filters keep (every node when none is set), so a part of
     tens of thousands of rivalries costs only what is on the screen. */
  function redraw() {
    var chosen = filters();
    var active = Object.keys(chosen).some(function (key) {
      return chosen[key] && !(sharded && (key === "discipline" || key === "sex"));
    });
    var edges = view.edges.filter(function (edge) { return keeps(edge, chosen); });
    var ends = {};
    edges.forEach(function (edge) { ends[edge.source] = true; ends[edge.target] = true; });
    var nodes = active ? view.nodes.filter(function (node) { return ends[node.id]; }) : view.nodes;
    cy.batch(function () {
      cy.elements().remove();
      cy.add(nodes.map(nodeElement).concat(edges.map(edgeElement)));
    });
    document.body.dataset.visibleNodes = String(cy.nodes().length);
    document.body.dataset.visibleEdges = String(cy.edges().length);
    legend();
    showLabels();
  }

  /* Draw these edges (data records of the part) and their athletes if the filters had left them
     out; their elements, as a collection. */
  function ensure(edges) {
    edges.forEach(function (edge) {
      ensureNode(edge.source);
      ensureNode(edge.target);
      if (cy.getElementById(edge.id).empty()) { cy.add(edgeElement(edge)); }
    });
    return cy.collection(edges.map(function (edge) { return cy.getElementById(edge.id); }));
  }

  function applyFilters() {
    var selected = cy.elements(":selected")[0];
    var kept = selected ? selected.id() : null;
    redraw();
    // The selection stays drawn, and selected, whatever the filters.
    var again = kept ? drawn(kept) : cy.collection();
    if (again.nonempty()) { select(again[0]); } else { permalink(null); }
  }

  /* The element of a node or edge id of the part, drawn if the filters had left it out (an
     athlete with his strongest rivalries). */
  function drawn(id) {
    var element = cy.getElementById(id);
    if (element.nonempty()) { return element; }
    if (view.nodeById[id]) {
      ensure((view.edgesOf[id] || []).slice(0, FOCUS_RIVALS));
      return ensureNode(id);
    }
    var edge = view.edges.filter(function (item) { return item.id === id; });
    return edge.length ? ensure(edge) : cy.collection();
  }

  /* The part of a discipline and sex, or the one the page opens with. */
  function partOf(discipline, sex) {
    for (var i = 0; i < data.parts.length; i++) {
      if (data.parts[i].discipline === discipline && data.parts[i].sex === sex) { return i; }
    }
    for (var j = 0; j < data.parts.length; j++) {
      if (data.parts[j].discipline === discipline) { return j; }
    }
    return data.open || 0;
  }

  /* Open a part: decompress it (once), set the controls to it and to its opening score (or to
     `state`, the permalink's), draw it.  A promise of the part. */
  function openPart(number, state) {
    var part = data.parts[number];
    document.body.dataset.loading = "true";
    return loadPart(number).then(function (loadedPart) {
      view = loadedPart;
      current = number;
      controls.discipline.value = part.discipline;
      controls.sex.value = part.sex;
      document.body.dataset.part = String(number);
      if (state) {
        ["since", "until"].forEach(function (key) { controls[key].value = state.get(key) || ""; });
        controls.score.value = state.get("score") || "0";
      } else {
        controls.score.value = String(part.opening_score || 0);
      }
      cy.elements().remove();
      redraw();
      cy.fit(undefined, 20);
      initialZoom = cy.zoom();
      showLabels();  // the names by this part's own zoom, not the last part's
      summary();
      delete document.body.dataset.loading;
      return view;
    });
  }

  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener("change", function () {
      if (sharded && (key === "discipline" || key === "sex")) {
        reset();
        openPart(partOf(controls.discipline.value, key === "sex" ? controls.sex.value : ""))
          .then(function () { permalink(null); });
      } else {
        applyFilters();
      }
    });
  });
  document.getElementById("filters").addEventListener("submit", function (event) { event.preventDefault(); applyFilters(); });

  /* ---------- permalink: the selection and the filters in the URL's hash ---------- */

  function permalink(element) {
    var state = new URLSearchParams();
    if (element && element.isNode()) { state.set("athlete", element.id()); }
    else if (element) { state.set("rivalry", element.data("source") + "," + element.data("target")); }
    var chosen = filters();
    Object.keys(chosen).forEach(function (key) { if (chosen[key]) { state.set(key, chosen[key]); } });
    var text = state.toString();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", text ? "#" + text : window.location.pathname + window.location.search);
    }
  }

  function target(state) {
    if (state.get("athlete")) { return drawn(state.get("athlete")); }
    if (state.get("rivalry")) {
      var ends = state.get("rivalry").split(","), edges = (view.edgesOf[ends[0]] || []).filter(function (edge) {
        return edge.source === ends[0] && edge.target === ends[1];
      });
      return ensure(edges);
    }
    return cy.collection();
  }

  /* The state of the hash: its part (sharded), its filters, its selection.  A promise. */
  function restore() {
    var state = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var opened;
    if (sharded) {
      var number = state.get("discipline") ? partOf(state.get("discipline"), state.get("sex") || "") : data.open || 0;
      opened = openPart(number, state.toString() ? state : null);
    } else {
      Object.keys(controls).forEach(function (key) { controls[key].value = state.get(key) || (key === "score" ? "0" : ""); });
      redraw();
      opened = Promise.resolve(view);
    }
    return opened.then(function () {
      var chosen = target(state);
      if (chosen && chosen.nonempty()) { select(chosen[0]); } else { permalink(null); }
    });
  }

  function ensureNode(id) {
    if (cy.getElementById(id).empty() && view.nodeById[id]) { cy.add(nodeElement(view.nodeById[id])); }
    return cy.getElementById(id);
  }

  var selecting = false;

  function select(element) {
    // One style pass for the selection, the fading and the names: done one by one, each would
    // restyle every element drawn.
    cy.batch(function () {
      selecting = true;
      cy.$(":selected").unselect();
      element.select();
      focus(element);
      selecting = false;
      showLabels();
    });
    if (element.isNode()) { showNode(element); } else { showEdge(element); }
    permalink(element);
  }

  function reset() {
    cy.elements().removeClass("faded found").unselect();
    clear();
    panel.appendChild(el("p", "Click an athlete or a rivalry.", "hint"));
    permalink(null);
  }

  /* ---------- legend and tools ---------- */

  function legend() {
    var box = document.getElementById("legend");
    box.textContent = "";
    box.appendChild(el("h2", "How to read it"));
    var list = el("ul");
    list.appendChild(el("li", "colour: community, athletes who share many rivalries"));
    var shown = {}, swatches = {};
    cy.nodes("[kind = 'athlete']").forEach(function (node) {
      var c = node.data("community");
      if (c >= 0) { shown[c] = (shown[c] || 0) + 1; swatches[c] = node.data("colour"); }
    });
    // The four largest communities drawn (in a part of a large network they are rarely 0 to 3).
    Object.keys(shown).sort(function (a, b) { return shown[b] - shown[a] || a - b; }).slice(0, 4)
      .sort(function (a, b) { return a - b; }).forEach(function (c) {
      var item = el("li");
      var swatch = el("span", null, "swatch");
      swatch.style.background = swatches[c];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode("community " + c + " (" + shown[c] + " athletes)"));
      list.appendChild(item);
    });
    [["circle size", "centrality: how much the others regard him as a rival"],
     ["line width", "rivalry score, 0 to 1"],
     ["names", "the most central; zoom in or select for the others"]].forEach(function (pair) {
      list.appendChild(el("li", pair[0] + ": " + pair[1]));
    });
    if (sharded) {
      list.appendChild(el("li", "one discipline and sex at a time; it opens with its strongest rivalries " +
        "(score ≥ the value shown): lower it to draw more"));
    }
    box.appendChild(list);
  }

  document.getElementById("fit").addEventListener("click", function () { cy.fit(undefined, 20); });
  document.getElementById("reset").addEventListener("click", function () { reset(); cy.fit(undefined, 20); });
  document.getElementById("save-png").addEventListener("click", function () {
    var blob = cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
    var anchor = document.createElement("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = "rivalry-network.png";
    document.body.appendChild(anchor);
    anchor.click();
    setTimeout(function () { URL.revokeObjectURL(anchor.href); anchor.remove(); }, 0);
    document.body.dataset.saved = "png";
  });

  cy.on("tap", "node", function (event) { select(event.target); });
  cy.on("tap", "edge", function (event) { select(event.target); });
  cy.on("tap", function (event) { if (event.target === cy) { reset(); } });

  /* ---------- search: the athletes of the part, or of every part (their index is read at the
     first search) ---------- */

  var everyone = null;

  function athletes() {
    if (!sharded) { return Promise.resolve(view.nodes); }
    if (!everyone) {
      everyone = inflate("rivalgraph-athletes").then(function (rows) {
        return rows.map(function (row) {
          return { id: row[0], label: row[1], nation: row[2], centrality: row[3], part: row[4], folded: fold(row[1]) };
        });
      });
    }
    return everyone;
  }

  function found(text, people) {
    var wanted = fold(text.trim());
    if (!wanted) { return []; }
    return people.filter(function (node) { return node.folded.indexOf(wanted) >= 0; })
      .sort(function (a, b) { return (b.centrality || 0) - (a.centrality || 0); });
  }

  function go(hit) {
    matches.textContent = "";
    search.value = hit.label;
    var opened = sharded && data.parts[hit.part] && hit.part !== current ? openPart(hit.part) : Promise.resolve(view);
    return opened.then(function () {
      var node = drawn(hit.id);
      if (node.empty()) { return; }
      select(node);
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    });
  }

  var searched = 0;
  search.addEventListener("input", function () {
    var asked = ++searched, text = search.value;
    athletes().then(function (people) {
      if (asked !== searched) { return; }  // a later keystroke overtook this one
      var hits = found(text, people);
      cy.nodes().removeClass("found");
      var drawn = {};
      hits.forEach(function (hit) { drawn[hit.id] = true; });
      cy.nodes().filter(function (node) { return drawn[node.id()]; }).addClass("found");
      matches.textContent = "";
      hits.slice(0, 12).forEach(function (hit) {
        var where = sharded && data.parts[hit.part] ? ", " + data.parts[hit.part].label : "";
        var item = el("li", hit.label + (hit.nation || where ? " (" + [hit.nation].filter(Boolean).join("") + where + ")" : ""));
        item.setAttribute("role", "option");
        item.addEventListener("mousedown", function (event) { event.preventDefault(); go(hit); });
        matches.appendChild(item);
      });
      document.body.dataset.matches = String(hits.length);
    });
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      athletes().then(function (people) {
        var hits = found(search.value, people);
        if (hits.length) { go(hits[0]); }
      });
    } else if (event.key === "Escape") {
      search.value = ""; matches.textContent = ""; reset();
    }
  });
  search.addEventListener("blur", function () { matches.textContent = ""; });

  /* ---------- ready ---------- */

  function summary() {
    var text = cy.nodes().length + " nodes, " + cy.edges().length + " edges";
    if (sharded) {
      var part = data.parts[Number(document.body.dataset.part)];
      text = part.label + ": " + text + " drawn of " + part.nodes + " and " + part.edges +
        " · " + meta.nodes + " athletes in all";
    }
    document.getElementById("summary").textContent = text +
      (meta.as_of ? " · scores as of " + meta.as_of : "") +
      (meta.athlete_label ? " · around " + meta.athlete_label : "");
  }

  /* Labels that do not collide: the most central athletes' names, all names once zoomed in,
     and the names around a selection. */
  var TOP_LABELS = 15;
  var initialZoom = 1;
  var LABEL_STYLE = "font-size text-outline-width text-margin-y";
  function showLabels() {
    cy.nodes(".labelled").removeStyle(LABEL_STYLE).removeClass("labelled");
    if (cy.zoom() > 1.6 * initialZoom) { cy.nodes().addClass("labelled"); return; }
    var picked = cy.nodes().sort(function (a, b) { return (b.data("centrality") || 0) - (a.data("centrality") || 0); })
      .slice(0, TOP_LABELS);
    var chosen = cy.elements(":selected");
    picked = picked.union(chosen.nodes()).union(chosen.edges().connectedNodes());
    picked.addClass("labelled");
    // A large drawing opens zoomed far out: these names keep their size on the screen (else
    // they would shrink below the smallest size drawn and vanish).
    var scale = 1 / cy.zoom();
    if (scale > 1) { picked.style({ "font-size": 12 * scale, "text-outline-width": 1.5 * scale, "text-margin-y": 2 * scale }); }
  }
  cy.on("zoom select unselect", function () { if (!selecting) { showLabels(); } });

  if (!sharded) { prepare(data); }
  restore().then(function () {
    if (!sharded) { cy.fit(undefined, 20); initialZoom = cy.zoom(); showLabels(); summary(); }
    window.addEventListener("hashchange", restore);
    // Two frames: the first is the one cytoscape draws in.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        document.body.dataset.nodes = String(cy.nodes().length);
        document.body.dataset.edges = String(cy.edges().length);
        // Milliseconds from the start of the navigation to the first drawn frame (bench/page_scale).
        document.body.dataset.readyMs = String(Math.round(performance.now()));
        document.body.dataset.ready = "true";
      });
    });
  });
  window.rivalgraph = {
    cy: cy, data: data, view: function () { return view; }, open: openPart,
    select: function (id) { select(drawn(id)); }
  };
}());
