// The dashboard's only way to BizMaster: the same REST API the CLI uses, with the login session's cookie.
// Every request says it is the dashboard's (X-Requested-With), so an expired session answers a bare 401 (the browser
// shows no password dialog) and the page goes back to the login form. State changes carry the CSRF token that
// Spring Security keeps in the XSRF-TOKEN cookie.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function request(method, path, body, contentType = 'application/json') {
  const headers = {'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json'};
  const init = {method, headers, credentials: 'same-origin'};
  if (method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
    headers['Content-Type'] = contentType;
    init.body = body === undefined ? '{}' : (typeof body === 'string' ? body : JSON.stringify(body));
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'not logged in');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const why = json && (json.error || json.message || json.detail) || text || response.statusText;
    throw new ApiError(response.status, `${response.status}: ${why}`);
  }
  return json;
}

export const api = {
  get: path => request('GET', path),
  post: (path, body) => request('POST', path, body),
  postYaml: (path, yaml) => request('POST', path, yaml, 'application/yaml'),
  logout: () => fetch('/logout', {
    method: 'POST', credentials: 'same-origin',
    headers: {'X-XSRF-TOKEN': csrfToken(), 'Content-Type': 'application/x-www-form-urlencoded'}
  }).then(() => window.location.assign('/login?logout')),
};
