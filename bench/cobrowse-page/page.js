// The customer's page of the co-browse benchmark (bench/cobrowse.ts), served by the reference
// server as its demo pages (`serve --demo-dir bench/cobrowse-page`), next to the /sdk/ bundles.
// Plain JavaScript run as is by Chromium: the benchmark drives it through `window.bench` with
// string expressions (a compiled function would carry helpers the page does not have).
//
// It builds a shop page of about 1,000 elements, uses the real NexusClient of /sdk/core.js for
// the chat and co-browse, and notes, with the page's own clock (Date.now, the same system clock
// the benchmark process reads), when things happen here: each marked text change, each
// co-browse batch leaving the page (a WebSocket subclass passed to the client: nothing in the
// library is hooked), the call of accept() and its return.
import { NexusClient, memoryStorage } from '/sdk/core.js';

/** When the last part of each co-browse batch was handed to the socket: `${id}/${seq}` -> Date.now(). */
const batchSent = new Map();
const FRAME_HEAD = /^\{"type":"cobrowse\.events","id":"([^"]+)","seq":(\d+),"part":(\d+),"parts":(\d+)/;

class TimedWebSocket extends WebSocket {
  constructor(url) {
    super(url);
    // Listens before the client does, in the same task: a full snapshot an agent asks for is
    // taken in the task that delivers this frame, which the trace finds by this mark.
    this.addEventListener('message', ({ data }) => {
      if (typeof data === 'string' && data.startsWith('{"type":"cobrowse.snapshot-request"')) performance.mark('bench:snapshot-request');
    });
  }

  send(data) {
    super.send(data);
    if (typeof data !== 'string' || !data.startsWith('{"type":"cobrowse.events"')) return;
    const head = FRAME_HEAD.exec(data.slice(0, 200));
    if (head && Number(head[3]) === Number(head[4]) - 1) {
      const key = `${head[1]}/${head[2]}`;
      batchSent.set(key, Date.now());
      if (head[2] === '1') performance.mark(`bench:first-batch-sent:${head[1]}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The page: a shop with a header, filters, a product table and a footer

const PRODUCTS = ['Thermostat', 'Smart bulb', 'Door lock', 'Hub', 'Camera', 'Plug', 'Sensor', 'Doorbell', 'Speaker', 'Switch'];
const ROWS = 90;

function buildPage() {
  const style = document.createElement('style');
  style.textContent = `
    body { font: 14px/1.4 system-ui, sans-serif; margin: 0; }
    header, footer { background: #123; color: #fff; padding: 8px 16px; }
    nav a { color: #cde; margin-right: 12px; }
    main { display: flex; gap: 16px; padding: 16px; }
    aside { width: 220px; }
    table { border-collapse: collapse; flex: 1; }
    td, th { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; }
    tr.highlight { background: #ffd; }
    .price { font-variant-numeric: tabular-nums; }
    .badge { background: #eef; border-radius: 4px; padding: 0 4px; }`;
  document.head.append(style);

  const links = Array.from({ length: 12 }, (_, i) => `<a href="#s${i}">Section ${i + 1}</a>`).join('');
  const filters = Array.from(
    { length: 16 },
    (_, i) => `<li><label><input type="checkbox" name="f${i}"> ${PRODUCTS[i % PRODUCTS.length]} filter ${i}</label></li>`,
  ).join('');
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const product = PRODUCTS[i % PRODUCTS.length];
    return `<tr id="row-${i}">
      <td>${i + 1}</td>
      <td><a href="#p${i}">${product} model ${100 + i}</a></td>
      <td><span class="badge">${i % 3 ? 'in stock' : 'few left'}</span></td>
      <td class="price">$${(19 + (i * 7) % 180).toFixed(2)}</td>
      <td class="qty">${(i * 13) % 40}</td>
      <td><button type="button">Add</button></td>
    </tr>`;
  }).join('');
  const footer = Array.from({ length: 8 }, (_, i) => `<li><a href="#f${i}">Footer link ${i + 1}</a></li>`).join('');
  document.body.innerHTML = `
    <header><h1>Acme Smart Home</h1><nav>${links}</nav><p id="bench-mark">bench-mark-start</p></header>
    <main>
      <aside><h2>Filters</h2><ul>${filters}</ul><label>Search <input type="search" name="q"></label></aside>
      <table><thead><tr><th>#</th><th>Product</th><th>Stock</th><th>Price</th><th>Qty</th><th></th></tr></thead>
      <tbody>${rows}</tbody></table>
    </main>
    <footer><ul>${footer}</ul><p>© Acme</p></footer>`;
  const walker = document.createTreeWalker(document.documentElement);
  let nodes = 1;
  while (walker.nextNode()) nodes++;
  return { elements: document.getElementsByTagName('*').length, nodes };
}

// ---------------------------------------------------------------------------------------------
// A steady workload: every 100 ms three price or quantity changes and one highlighted row;
// every 200 ms the window scrolls 60 px (down to the end, then back up)

let workload;
let tick = 0;
let scrollStep = 60;

function startWorkload() {
  stopWorkload();
  workload = setInterval(() => {
    tick++;
    for (let k = 0; k < 3; k++) {
      const row = (tick * 37 + k * 53) % ROWS;
      const cell = document.querySelector(`#row-${row} ${k === 2 ? '.qty' : '.price'}`);
      cell.textContent = k === 2 ? String((tick + row) % 40) : `$${(19 + ((tick + row * 7) % 180)).toFixed(2)}`;
    }
    document.querySelector('tr.highlight')?.classList.remove('highlight');
    document.getElementById(`row-${(tick * 11) % ROWS}`).classList.add('highlight');
    if (tick % 2 === 0) {
      const end = document.documentElement.scrollHeight - innerHeight;
      if ((scrollStep > 0 && scrollY >= end) || (scrollStep < 0 && scrollY <= 0)) scrollStep = -scrollStep;
      scrollBy(0, scrollStep);
    }
  }, 100);
}

function stopWorkload() {
  clearInterval(workload);
  workload = undefined;
}

// ---------------------------------------------------------------------------------------------

let client;
let requested;
const errors = [];

window.bench = {
  /** Builds the page and the client; answers the page's element and node counts. */
  init(consumerKey) {
    const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
    const server = meta('nexus-server');
    const token = meta('nexus-token');
    const size = buildPage();
    client = new NexusClient({ server, token, consumerKey, storage: memoryStorage(), WebSocket: TimedWebSocket });
    client.cobrowse.on('error', (error) => errors.push(`${error.code}: ${error.message}`));
    requested = new Promise((resolve) => client.cobrowse.on('request', resolve));
    return size;
  },

  /** Starts a chat and waits until an agent has accepted it; answers the session id. */
  async startChat(skill) {
    const session = await client.chat.start(skill);
    while (client.chat.session?.state !== 'active') await new Promise((resolve) => setTimeout(resolve, 5));
    return session.id;
  },

  /** Waits for the agent's co-browse request (resolves at once if it came already). */
  async waitRequest() {
    await requested;
    requested = new Promise((resolve) => client.cobrowse.on('request', resolve));
  },

  /**
   * The person says yes: batchMs set, then accept(). Answers when accept() was called and when
   * it returned (the recorder runs and has taken its first full snapshot), with the co-browse id.
   */
  async accept(batchMs) {
    client.cobrowse.configure({ batchMs });
    performance.mark('bench:accept');
    const called = Date.now();
    await client.cobrowse.accept();
    return { called, returned: Date.now(), id: client.cobrowse.current.id };
  },

  /** When batch `seq` of co-browse `id` left the page, or null. */
  batchSent(id, seq) {
    return batchSent.get(`${id}/${seq}`) ?? null;
  },

  /**
   * Marked text changes at a person's pace: `count` of them, `minGap`–`maxGap` ms apart. Each
   * sets the text of #bench-mark to `bench-mark-<n>`; answers [n, Date.now() just before the change].
   */
  async marks(first, count, minGap, maxGap) {
    const element = document.getElementById('bench-mark');
    const out = [];
    for (let n = first; n < first + count; n++) {
      await new Promise((resolve) => setTimeout(resolve, minGap + Math.random() * (maxGap - minGap)));
      const at = Date.now();
      element.textContent = `bench-mark-${n}`;
      out.push([n, at]);
    }
    return out;
  },

  startWorkload,
  stopWorkload,
  stopSharing: () => client.cobrowse.stop(),
  endChat: () => client.chat.end(),
  errors: () => errors.splice(0),
  now: () => Date.now(),
};
