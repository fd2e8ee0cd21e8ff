// The REST routes the client needs besides the RSocket connection: logging in and finding people.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code || `http_${status}`;
    this.problem = problem;
  }
}

export class Rest {
  constructor(baseUrl) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.tokens = null;
  }

  async login(email, password) {
    this.tokens = await this.#send("POST", "/auth/login", { email, password }, false);
    return this.tokens;
  }

  /** A fresh token pair from the refresh token (which is spent by this). */
  async refresh() {
    this.tokens = await this.#send("POST", "/auth/refresh", { refreshToken: this.tokens.refreshToken }, false);
    return this.tokens;
  }

  get accessToken() {
    return this.tokens?.accessToken;
  }

  /** The caller's id, from the access token itself: the account read model may trail a fresh registration. */
  get userId() {
    const payload = this.accessToken.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload)).sub;
  }

  me() {
    return this.#send("GET", "/api/me");
  }

  searchUsers(search) {
    return this.#send("GET", `/api/users?search=${encodeURIComponent(search)}`);
  }

  conversations() {
    return this.#send("GET", "/api/conversations");
  }

  async #send(method, path, body, authenticated = true) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (authenticated) headers.Authorization = `Bearer ${this.accessToken}`;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }
}
