// The gateway's IDE (see gateway/src/ide.ts): GraphiQL with a token field, the schema's docs by
// introspection as the token's caller, and the reviewed operations of schema/operations/ as tabs.
(function () {
  'use strict';
  var KEY = 'district-ide-token';
  var form = document.getElementById('bar');
  var input = document.getElementById('token');
  var who = document.getElementById('who');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var operations = fetch('/ide/operations.json').then(function (res) {
    return res.json();
  });

  /** Every request of the IDE goes to this gateway's /graphql as the token's caller. */
  function fetcherFor(token) {
    return function (params, opts) {
      var headers = Object.assign({ 'content-type': 'application/json' }, (opts && opts.headers) || {});
      headers.authorization = 'Bearer ' + token;
      return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (res) {
        return res.json();
      });
    };
  }

  /** The caller a token names, read (not verified: the gateway verifies) to show who is asking. */
  function claimsOf(token) {
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var json = decodeURIComponent(
        atob(part)
          .split('')
          .map(function (c) {
            return '%' + ('00' + c.charCodeAt(0).toString(16)).slice(-2);
          })
          .join(''),
      );
      return JSON.parse(json);
    } catch {
      return null;
    }
  }

  /** The node the examples start at: the token's own region, else the deployment's first district. */
  function startingNode(fetcher, claims) {
    if (claims && claims.region) return Promise.resolve(claims.region);
    return fetcher({ query: '{ regions(level: DISTRICT, first: 1) { nodes { code } } }' })
      .then(function (res) {
        var nodes = res && res.data && res.data.regions ? res.data.regions.nodes : [];
        return nodes.length ? nodes[0].code : '';
      })
      .catch(function () {
        return '';
      });
  }

  function variablesFor(op, code) {
    var year = new Date().getFullYear() - 1;
    var values = { code: code, region: code, year: year, fromYear: year - 4, toYear: year };
    var out = {};
    op.variables.forEach(function (name) {
      out[name] = name in values ? values[name] : null;
    });
    return JSON.stringify(out, null, 2);
  }

  function use(token) {
    token = token.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    sessionStorage.setItem(KEY, token);
    var claims = claimsOf(token);
    who.textContent = claims
      ? '身份 / caller: ' + claims.sub + ' · ' + (claims.roles || []).join(',') + (claims.region ? ' · ' + claims.region : '')
      : '令牌无法解读 / unreadable token';
    var fetcher = fetcherFor(token);
    Promise.all([operations, startingNode(fetcher, claims)]).then(function (loaded) {
      var ops = loaded[0];
      var tabs = ops.map(function (op) {
        return { query: '# ' + op.file + '\n' + op.query, variables: variablesFor(op, loaded[1]) };
      });
      // GraphiQL fills its variables editor from its own key, not from the first default tab
      if (tabs.length && !localStorage.getItem('graphiql:tabState')) localStorage.setItem('graphiql:variables', tabs[0].variables);
      root.render(
        React.createElement(GraphiQL, {
          key: token,
          fetcher: fetcher,
          defaultTabs: tabs.length ? tabs : undefined,
          defaultEditorToolsVisibility: 'variables',
          shouldPersistHeaders: false,
          isHeadersEditorEnabled: false,
        }),
      );
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    use(input.value);
  });
  var saved = sessionStorage.getItem(KEY);
  if (saved) {
    input.value = saved;
    use(saved);
  }
})();
