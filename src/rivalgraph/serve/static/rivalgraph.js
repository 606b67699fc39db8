// The endpoint's query page: YASGUI pointed at this server, one tab per named query.
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("rg-examples").textContent);
  var endpoint = new URL("sparql", document.baseURI).href;
  // A shared link may carry a query, never another endpoint: YASGUI would send the
  // query there at once and render what that server answers inside this origin.
  var address = new URL(window.location.href);
  if (address.searchParams.has("endpoint")) {
    address.searchParams.delete("endpoint");
    window.history.replaceState(null, "", address.href);
  }
  // The class and property completers ask Linked Open Vocabularies (another host) for
  // terms; a restricted list in the options is merged with the defaults, so they are
  // taken out of YASQE's registry itself.
  ["class", "property"].forEach(function (name) {
    delete Yasgui.Yasqe.Autocompleters[name];
    var at = Yasgui.Yasqe.defaults.autocompleters.indexOf(name);
    if (at >= 0) {
      Yasgui.Yasqe.defaults.autocompleters.splice(at, 1);
    }
  });
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // Only this endpoint: no catalogue of remote ones.
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // A fresh page each time: no tabs kept from an earlier visit.
    persistenceId: null,
    populateFromUrl: true,
    // The named queries are the tabs; an empty one is added only if there are none.
    autoAddOnInit: examples.length === 0,
    // Completion from what the page already has; the class and property
    // completers would call a service on another host.
    yasqe: { autocompleters: ["prefixes", "variables"], persistenceId: null },
  });
  examples.forEach(function (example, index) {
    yasgui.addTab(index === 0, {
      name: example.name,
      yasqe: { value: example.text },
      requestConfig: { endpoint: endpoint, method: "POST" },
    });
  });
  var list = document.getElementById("rg-example-list");
  examples.forEach(function (example) {
    var item = document.createElement("li");
    var code = document.createElement("code");
    code.textContent = example.name;
    item.appendChild(code);
    item.appendChild(document.createTextNode(": " + example.summary));
    list.appendChild(item);
  });
  // And whatever a tab was set to, a query goes to this endpoint only.
  yasgui.on("query", function (instance, tab) {
    if (tab.getEndpoint && tab.getEndpoint() !== endpoint) {
      tab.setEndpoint(endpoint);
    }
  });
  window.rivalgraphYasgui = yasgui;
})();
