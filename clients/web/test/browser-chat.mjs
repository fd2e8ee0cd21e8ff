// End-to-end chat between two real browser pages (Debian's headless Chromium driven by playwright-core),
// against a running Courier server that serves this client at /app/. Run by the gateway's BrowserChatTest,
// which registers the users, starts the server and afterwards searches its database for the plaintexts.
//
//   COURIER_URL        http://127.0.0.1:<port> of the server
//   COURIER_SCENARIO   JSON {alice: {email, password, displayName, userId}, bob: {...}, aliceSays, bobSays,
//                      groupAlias, groupSays}
//   CHROMIUM_PATH      default /usr/bin/chromium
//   COURIER_ARTIFACTS  directory for screenshots and page logs on failure (default test-results/)
//   COURIER_TIMEOUT_MS the whole scenario's limit (default 180000)
//
// Prints one line "RESULT {json}" and exits 0 on success; exits 1 with the reason otherwise.

import { chromium } from "playwright-core";
import { mkdir, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";

const baseUrl = required("COURIER_URL").replace(/\/$/, "");
const scenario = JSON.parse(required("COURIER_SCENARIO"));
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const artifacts = process.env.COURIER_ARTIFACTS || new URL("../test-results/", import.meta.url).pathname;
const totalTimeout = Number(process.env.COURIER_TIMEOUT_MS || 180_000);
const STEP_TIMEOUT = 30_000; // generous: the machine may be busy building

const started = performance.now();
const timings = {};
const pageLogs = [];
const pages = [];
let browser;
let result;

// Whatever hangs, the scenario ends: the Java side waits for the process with a limit of its own too.
const watchdog = setTimeout(() => fail(new Error(`scenario took longer than ${totalTimeout} ms`)), totalTimeout);

try {
  await run();
  clearTimeout(watchdog);
  await mkdir(artifacts, { recursive: true });
  await writeFile(`${artifacts}/page-logs.txt`, pageLogs.join("\n") + "\n");
  console.log("RESULT " + JSON.stringify({ ...result, timings }));
  await browser.close();
  process.exit(0);
} catch (error) {
  await fail(error);
}

async function run() {
  browser = await step("launch", () => chromium.launch({
    executablePath,
    headless: true,
    timeout: STEP_TIMEOUT,
    // Playwright gives each launch a fresh, empty profile directory of its own. The network flags keep
    // Chromium from calling out (this machine has no route out, and the test needs none); the resolver rule
    // leaves it nothing to resolve but the loopback address the server listens on.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ],
  }));

  const alice = await open("alice", scenario.alice);
  const bob = await open("bob", scenario.bob);

  await step("sign in", () => Promise.all([signIn(alice), signIn(bob)]));

  await step("presence: each sees the other online", () => Promise.all([
    alice.page.locator(`#presence li[data-user-id="${bob.user.userId}"]`).waitFor(),
    bob.page.locator(`#presence li[data-user-id="${alice.user.userId}"]`).waitFor(),
  ]));

  const conversationId = await step("alice finds bob and starts a private conversation", async () => {
    await alice.page.fill("#search-input", bob.user.displayName);
    await alice.page.click("#search-button");
    await alice.page.click(`#search-results li[data-user-id="${bob.user.userId}"] button.start-private`);
    const conversation = alice.page.locator("#conversation[data-conversation-id]");
    await conversation.waitFor();
    return conversation.getAttribute("data-conversation-id");
  });

  await step("bob is told live, opens it and uploads his keys", async () => {
    const entry = bob.page.locator(`#conversations li[data-conversation-id="${conversationId}"] button`);
    await entry.click();
    await bob.page.locator(`#conversation[data-conversation-id="${conversationId}"][data-ready="true"]`).waitFor();
  });

  await step("alice sees bob's public key arrive", () =>
    alice.page.locator(`#conversation[data-conversation-id="${conversationId}"][data-ready="true"]`).waitFor());

  await say(alice, bob, scenario.aliceSays, "alice → bob");
  await say(bob, alice, scenario.bobSays, "bob → alice");

  const groupId = await step("alice starts a group with bob, whose client makes and uploads its keys unasked", async () => {
    await alice.page.fill("#search-input", bob.user.displayName);
    await alice.page.click("#search-button");
    await alice.page.check(`#search-results li[data-user-id="${bob.user.userId}"] .select-member`);
    await alice.page.fill("#group-alias", scenario.groupAlias);
    await alice.page.click("#start-group-button");
    const group = alice.page.locator(`#conversation:not([data-conversation-id="${conversationId}"])[data-ready="true"]`);
    await group.waitFor();
    const title = await alice.page.textContent("#conversation-title");
    if (title !== scenario.groupAlias) throw new Error(`group shown as ${JSON.stringify(title)}`);
    return group.getAttribute("data-conversation-id");
  });

  await step("alice writes to the group; bob opens it and reads the message", async () => {
    await alice.page.fill("#message-input", scenario.groupSays);
    await alice.page.click("#send-button");
    await bob.page.click(`#conversations li[data-conversation-id="${groupId}"] button`);
    await bob.page.locator(`#conversation[data-conversation-id="${groupId}"] #messages li.message .text`,
      { hasText: scenario.groupSays }).waitFor();
  });

  await step("presence: bob leaves, alice sees him go", async () => {
    await bob.context.close();
    await alice.page.locator(`#presence li[data-user-id="${bob.user.userId}"]`).waitFor({ state: "detached" });
  });

  const wire = [alice, bob].flatMap((side) => side.frames);
  const leaked = [scenario.aliceSays, scenario.bobSays, scenario.groupSays].filter((text) => wire.some((frame) => frame.includes(text)));
  if (leaked.length) throw new Error(`plaintext crossed the WebSocket: ${JSON.stringify(leaked)}`);
  if (!wire.length) throw new Error("no WebSocket frames were observed");

  result = { conversationId, groupId, websocketFrames: wire.length };
}

/** One user typing and sending, the other seeing the typing indicator and then the decrypted text. */
async function say(from, to, text, label) {
  await step(`${label}: typing is shown`, async () => {
    await from.page.click("#message-input");
    await from.page.keyboard.type(text.slice(0, 5));
    await to.page.locator(`#typing[data-user-ids~="${from.user.userId}"]`).waitFor();
  });
  await step(`${label}: delivered and decrypted in the browser`, async () => {
    await from.page.keyboard.type(text.slice(5));
    await from.page.click("#send-button");
    const received = to.page.locator(`#messages li.message[data-sender-id="${from.user.userId}"] .text`,
      { hasText: text });
    await received.waitFor();
    const shown = await received.textContent();
    if (shown !== text) throw new Error(`${label}: shown ${JSON.stringify(shown)}, sent ${JSON.stringify(text)}`);
    // the sender reads its own copy back, decrypted with its own key
    await from.page.locator(`#messages li.message.mine .text`, { hasText: text }).waitFor();
  });
  await step(`${label}: typing indicator cleared`, () =>
    to.page.locator(`#typing[data-user-ids~="${from.user.userId}"]`).waitFor({ state: "detached" }));
}

async function open(name, user) {
  const context = await browser.newContext();
  context.setDefaultTimeout(STEP_TIMEOUT);
  // Loopback only: anything the page asks of another host is refused before it leaves the browser.
  await context.route((url) => !isLoopback(url), (route) => route.abort("blockedbyclient"));
  const page = await context.newPage();
  pages.push({ name, page });
  const frames = [];
  page.on("console", (message) => pageLogs.push(
    `[${Math.round(performance.now() - started)} ms ${name} console.${message.type()}] ${message.text()}`));
  page.on("pageerror", (error) => pageLogs.push(`[${name} page error] ${error.stack || error}`));
  page.on("websocket", (socket) => {
    pageLogs.push(`[${name}] websocket ${socket.url()}`);
    const keep = (frame) => frames.push(Buffer.from(frame.payload).toString("latin1"));
    socket.on("framesent", keep);
    socket.on("framereceived", keep);
    socket.on("close", () => pageLogs.push(`[${name}] websocket closed`));
  });
  await page.goto(`${baseUrl}/app/`);
  return { name, user, context, page, frames };
}

async function signIn(side) {
  await side.page.fill("#login-email", side.user.email);
  await side.page.fill("#login-password", side.user.password);
  await side.page.click("#login-button");
  await side.page.locator('#connection-status[data-status="connected"]').waitFor();
}

async function step(name, action) {
  const begin = performance.now();
  try {
    return await action();
  } catch (error) {
    error.message = `step "${name}" failed: ${error.message}`;
    throw error;
  } finally {
    timings[name] = Math.round(performance.now() - begin);
  }
}

async function fail(error) {
  clearTimeout(watchdog);
  console.error(`FAILED after ${Math.round(performance.now() - started)} ms: ${error?.stack || error}`);
  try {
    await mkdir(artifacts, { recursive: true });
    for (const { name, page } of pages) {
      if (page.isClosed()) continue;
      await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true, timeout: 5_000 }).catch(() => {});
      const text = await page.locator("body").innerText({ timeout: 2_000 }).catch(() => "(unreadable)");
      pageLogs.push(`[${name} page text]\n${text}`);
    }
    await writeFile(`${artifacts}/page-logs.txt`, pageLogs.join("\n") + "\n");
    console.error(pageLogs.slice(-60).join("\n"));
    console.error(`screenshots and page logs in ${artifacts}`);
  } finally {
    await browser?.close().catch(() => {});
    process.exit(1);
  }
}

function isLoopback(url) {
  return ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required`);
    process.exit(1);
  }
  return value;
}
