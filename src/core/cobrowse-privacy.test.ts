import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { eventsOf, findNode, probeView, type RrwebEvent, type SerializedNode } from '../../test/browser/cobrowse-frames.js';
import { sleep, until } from '../../test/browser/env.js';
import type { ClientFrame } from '../protocol/live.js';
import { MASK, startRecorder, type RecorderOptions } from './cobrowse-recorder.js';

/**
 * The privacy rules of the recorder, frame by frame: the real recorder (rrweb with our rules)
 * records a page, and every frame it would send is kept. Recordings of pages that differ only in
 * their secrets (a value's length, the option chosen) must send the same frames, apart from node
 * ids and timestamps. (src/core/cobrowse.test.ts checks the same rules end to end, through the
 * real server.)
 */

/** Records `html` (in an element marked data-probe="page"), runs `act`, and returns what was sent. */
async function record(
  html: string,
  options: { setup?: (page: HTMLElement) => void; act?: (page: HTMLElement) => unknown; recorder?: Partial<RecorderOptions> } = {},
) {
  const page = document.createElement('section');
  page.dataset.probe = 'page';
  page.innerHTML = html;
  document.body.append(page);
  options.setup?.(page);
  const frames: ClientFrame[] = [];
  const recorder = startRecorder({
    id: 'privacy',
    maskAllInputs: true,
    blockSelectors: [],
    maskTextSelectors: [],
    batchMs: 10,
    send: (frame) => frames.push(frame) > 0,
    onError: (error) => {
      throw error;
    },
    ...options.recorder,
  });
  try {
    await until(() => eventsOf(frames).some((event) => event.type === 2), 'the full snapshot');
    if (options.act) {
      await options.act(page);
      await sleep(100);
    }
  } finally {
    recorder.stop();
    page.remove();
  }
  const events = eventsOf(frames);
  // `text`: every frame as sent (to look for secrets); `json`: the events (to look at their shape).
  return { events, text: JSON.stringify(frames), json: JSON.stringify(events), view: probeView(events, 'page') };
}

/** The serialized element with this `id` attribute in the last full snapshot. */
function serialized(events: RrwebEvent[], id: string): SerializedNode | undefined {
  const snapshot = events.filter((event) => event.type === 2).at(-1)!;
  return findNode(snapshot.data.node, (node) => node.attributes?.id === id);
}

/** rrweb's input events (source 5) sent after the snapshot. */
const inputEvents = (events: RrwebEvent[]) => events.filter((event) => event.type === 3 && event.data.source === 5);

const SHORT = 'ab1';
const LONG = 'a-much-longer-secret-value-90210';

describe('co-browse privacy rules (the recorder’s frames)', function () {
  this.timeout(20_000);

  it('masked inputs, textareas and masked text are one fixed mask, whatever their length', async () => {
    const page = (secret: string) => `
      <input id="text" type="text">
      <input id="prefilled" type="text" value="${secret}">
      <input id="email" type="email">
      <input id="password" type="password">
      <textarea id="notes"></textarea>
      <textarea id="cleared">${secret}</textarea>
      <p class="balance">${secret}</p>`;
    const setup = (secret: string) => (root: HTMLElement) => {
      root.querySelector<HTMLInputElement>('#text')!.value = secret;
      root.querySelector<HTMLInputElement>('#email')!.value = `${secret}@example.com`;
      root.querySelector<HTMLInputElement>('#password')!.value = secret;
      root.querySelector<HTMLTextAreaElement>('#notes')!.value = secret;
      // Cleared by the person: the page's default value must not show instead.
      root.querySelector<HTMLInputElement>('#prefilled')!.value = '';
      root.querySelector<HTMLTextAreaElement>('#cleared')!.value = '';
    };
    const recorder = { maskTextSelectors: ['.balance'] };
    const short = await record(page(SHORT), { setup: setup(SHORT), recorder });
    const long = await record(page(LONG), { setup: setup(LONG), recorder });
    expect(long.view).to.deep.equal(short.view);
    for (const [name, { text }] of Object.entries({ short, long })) {
      expect(text.includes(name === 'short' ? SHORT : LONG), `${name}: the secret never leaves the page`).to.equal(false);
    }
    for (const id of ['text', 'email', 'password', 'notes']) expect(serialized(long.events, id)?.attributes?.value, id).to.equal(MASK);
    expect(serialized(long.events, 'prefilled')?.attributes, 'an emptied field is empty').not.to.have.property('value');
    expect(long.json).to.include(`"textContent":"${MASK}"`);
  });

  it('typing into a masked field sends the same frames whatever is typed, at most one input event per field', async () => {
    const page = `<input id="typed" type="text"><input id="controlled" type="text"><textarea id="area"></textarea><button id="away">ok</button>`;
    const act = (secret: string) => async (root: HTMLElement) => {
      root.querySelector<HTMLInputElement>('#typed')!.focus();
      await sendKeys({ type: secret });
      root.querySelector<HTMLTextAreaElement>('#area')!.focus();
      await sendKeys({ type: secret });
      root.querySelector<HTMLButtonElement>('#away')!.focus();
      // A framework that writes the value (and the value attribute, as React does) on every keystroke.
      const controlled = root.querySelector<HTMLInputElement>('#controlled')!;
      for (let i = 1; i <= secret.length; i++) {
        controlled.value = secret.slice(0, i);
        controlled.setAttribute('value', secret.slice(0, i));
        await sleep(15);
      }
    };
    const short = await record(page, { act: act(SHORT) });
    const long = await record(page, { act: act(LONG) });
    expect(long.view).to.deep.equal(short.view);
    expect(long.text.includes(LONG) || short.text.includes(SHORT)).to.equal(false);
    const perField = new Map<unknown, number>();
    for (const event of inputEvents(long.events)) perField.set(event.data.id, (perField.get(event.data.id) ?? 0) + 1);
    expect([...perField.values()].every((count) => count === 1), `input events per field: ${[...perField.values()]}`).to.equal(true);
    expect(inputEvents(long.events).map((event) => event.data.text)).to.deep.equal([MASK, MASK, MASK]);
  });

  it('a select and its options send the same frames whichever option is chosen, and changing it sends nothing that differs', async () => {
    const page = `
      <select id="plan">
        <option value="">Choose a plan</option>
        <option value="b">Basic</option>
        <optgroup label="Premium plans"><option value="platinum-unlimited-family" label="Platinum Unlimited">Platinum Unlimited Family</option></optgroup>
      </select>
      <select id="extras" multiple><option value="x">Xtra</option><option value="insurance-premium-plus">Insurance premium plus</option></select>
      <datalist id="cities"><option value="Springfield"></option></datalist>
      <style>#country, #country::picker(select) { appearance: base-select; }</style>
      <select id="country"><button><selectedcontent></selectedcontent></button>
        <option value="fr"><span class="flag-fr"></span>France</option><option value="de"><b>Germany</b> (Deutschland)</option></select>`;
    const choose = (index: number) => (root: HTMLElement) => {
      root.querySelector<HTMLSelectElement>('#plan')!.selectedIndex = index;
      root.querySelector<HTMLSelectElement>('#extras')!.options[index % 2].selected = true;
      // A customizable select copies the chosen option's markup into <selectedcontent>.
      root.querySelector<HTMLSelectElement>('#country')!.selectedIndex = index % 2;
    };
    // Chosen before sharing: the snapshot is the same.
    const views = [];
    for (const index of [0, 1, 2]) views.push((await record(page, { setup: choose(index) })).view);
    expect(views[1]).to.deep.equal(views[0]);
    expect(views[2]).to.deep.equal(views[0]);
    // A page that marks its default choice with the selected attribute.
    const marked = await record(page.replace('<option value="b">', '<option value="b" selected>'));
    expect(marked.view.snapshot).to.deep.equal(views[0].snapshot);

    // Chosen while sharing, in every way a page or a person does it.
    const change = (index: number) => async (root: HTMLElement) => {
      const plan = root.querySelector<HTMLSelectElement>('#plan')!;
      plan.value = plan.options[index].value;
      plan.dispatchEvent(new Event('change', { bubbles: true }));
      plan.options[(index + 1) % 3].selected = true;
      plan.selectedIndex = index;
      plan.options[index].setAttribute('selected', '');
      plan.options[index].defaultSelected = true;
      root.querySelector<HTMLSelectElement>('#extras')!.options[index % 2].selected = true;
      root.querySelector<HTMLSelectElement>('#country')!.selectedIndex = (index + 1) % 2;
      plan.focus();
      await sendKeys({ press: index ? 'ArrowDown' : 'ArrowUp' });
    };
    const first = await record(page, { act: change(1) });
    const second = await record(page, { act: change(2) });
    const third = await record(page, { setup: choose(2), act: change(0) });
    expect(second.view).to.deep.equal(first.view);
    expect(third.view).to.deep.equal(first.view);
    for (const { text } of [first, second, third, marked]) {
      for (const secret of ['Basic', 'platinum', 'Platinum', 'Premium plans', 'Choose a plan', 'Xtra', 'insurance', 'Springfield', 'France', 'Germany']) {
        expect(text.includes(secret), secret).to.equal(false);
      }
    }
    const plan = serialized(first.events, 'plan')!;
    expect(plan.attributes?.value).to.equal(MASK);
    expect(JSON.stringify(plan)).not.to.include('"selected"');
  });

  it('card fields are blocked however autocomplete writes them, on input, select and textarea; other tokens are not', async () => {
    const cards = [
      'cc-number', 'CC-NUMBER', 'billing cc-number', 'section-x shipping cc-exp-month', 'Section-Pay\tBILLING\ncc-exp',
      'cc-name webauthn', 'cc-given-name', 'cc-additional-name', 'cc-family-name', 'cc-exp-year', 'cc-csc', 'cc-type',
      'cc-number billing', // out of the standard's order: still a card field here
    ];
    const others = ['cc-numberx', 'nickname', 'section-cc-number', 'billing cc', 'x-cc-number', 'cc-number-2', 'shipping street-address'];
    const secret = (i: number) => `CardSecret${i}Z`;
    const field = (tag: string, autocomplete: string, i: number) => {
      const id = `${tag}-${i}`;
      const attr = `id="${id}" autocomplete="${autocomplete}"`;
      if (tag === 'select') return `<select ${attr}><option value="${secret(i)}">${secret(i)}</option></select>`;
      if (tag === 'textarea') return `<textarea ${attr}>${secret(i)}</textarea>`;
      return `<input ${attr} value="${secret(i)}">`;
    };
    const tags = ['input', 'select', 'textarea'];
    let i = 0;
    const ids: { id: string; card: boolean }[] = [];
    let html = '';
    for (const [list, card] of [[cards, true], [others, false]] as const) {
      for (const value of list) {
        for (const tag of tags) {
          html += field(tag, value, i);
          ids.push({ id: `${tag}-${i}`, card });
          i++;
        }
      }
    }
    const recording = await record(html, {
      act: async (root) => {
        // Typed while sharing, too.
        root.querySelector<HTMLInputElement>('#input-0')!.focus();
        await sendKeys({ type: 'TypedCard4242' });
        root.querySelector<HTMLInputElement>(`#input-${cards.length * 3}`)!.focus();
      },
    });
    for (const { id, card } of ids) {
      const node = serialized(recording.events, id);
      if (card) {
        // A blocked element keeps only its size (and class), never its id or attributes.
        expect(node, `${id} is blocked`).to.equal(undefined);
      } else {
        expect(node, `${id} is not blocked`).to.exist;
        expect(node!.attributes).to.have.property('autocomplete');
      }
    }
    for (let j = 0; j < cards.length * 3; j++) expect(recording.text.includes(secret(j)), `card value ${j}`).to.equal(false);
    expect(recording.text.includes('TypedCard4242')).to.equal(false);
    expect(recording.json, 'other fields are shown (masked)').to.include('"autocomplete":"nickname"');
  });

  it('with maskAllInputs off, passwords and current-password, new-password, one-time-code fields are still masked; the rest is shown', async () => {
    const page = `
      <input id="plain" type="text" value="PlainShown11">
      <input id="password" type="password" value="PasswordHidden22">
      <input id="otp" type="text" inputmode="numeric" autocomplete="One-Time-Code" value="834211">
      <input id="new" type="text" autocomplete="section-signup NEW-PASSWORD" value="NewPwHidden33">
      <input id="current" type="text" autocomplete="username current-password" value="CurrentPwHidden44">
      <input id="shown" type="password" value="ToggledHidden55">
      <select id="size"><option value="s">Small</option><option value="l" selected>Large</option></select>`;
    const recording = await record(page, {
      recorder: { maskAllInputs: false },
      act: async (root) => {
        // A "show password" toggle: still a password for the recorder.
        const shown = root.querySelector<HTMLInputElement>('#shown')!;
        shown.type = 'text';
        await sleep(30);
        shown.focus();
        await sendKeys({ type: 'More66' });
        root.querySelector<HTMLInputElement>('#otp')!.focus();
        await sendKeys({ type: '9' });
        root.querySelector<HTMLInputElement>('#plain')!.focus();
      },
    });
    expect(serialized(recording.events, 'plain')?.attributes?.value).to.equal('PlainShown11');
    for (const id of ['password', 'otp', 'new', 'current', 'shown']) expect(serialized(recording.events, id)?.attributes?.value, id).to.equal(MASK);
    for (const secret of ['PasswordHidden22', '834211', '8342119', 'NewPwHidden33', 'CurrentPwHidden44', 'ToggledHidden55', 'More66']) {
      expect(recording.text.includes(secret), secret).to.equal(false);
    }
    expect(serialized(recording.events, 'size')?.attributes?.value, 'selects are shown when maskAllInputs is off').to.equal('l');
    expect(recording.text).to.include('Large');
  });

  it('hidden and file inputs and data-nexus-redact are blocked; the tenant and page selectors still apply', async () => {
    const recording = await record(
      `<input type="hidden" id="csrf" value="HiddenToken77"><input type="file" id="upload">
       <div data-nexus-redact id="redacted">Redacted88</div><p class="extra" id="extra">Extra99</p><p class="masked">Masked00</p>`,
      {
        recorder: { blockSelectors: ['.extra'], maskTextSelectors: ['.masked'] },
        setup: (root) => {
          const files = new DataTransfer();
          files.items.add(new File(['x'], 'medical-report-5521.pdf'));
          root.querySelector<HTMLInputElement>('#upload')!.files = files.files;
        },
        act: (root) => {
          const files = new DataTransfer();
          files.items.add(new File(['y'], 'bank-statement-7734.pdf'));
          const upload = root.querySelector<HTMLInputElement>('#upload')!;
          upload.files = files.files;
          upload.dispatchEvent(new Event('change', { bubbles: true }));
        },
      },
    );
    for (const secret of ['HiddenToken77', 'medical-report', 'bank-statement', 'Redacted88', 'Extra99', 'Masked00']) {
      expect(recording.text.includes(secret), secret).to.equal(false);
    }
    for (const id of ['csrf', 'upload', 'redacted', 'extra']) expect(serialized(recording.events, id), `${id} is blocked`).to.equal(undefined);
  });

  it('masked text stays one fixed mask when it changes, and a selection inside it says nothing of its length', async () => {
    const act = (secret: string) => (root: HTMLElement) => {
      const balance = root.querySelector('.balance')!;
      balance.firstChild!.textContent = secret;
      balance.append(document.createTextNode(` and ${secret}`));
      const text = balance.firstChild!;
      getSelection()!.setBaseAndExtent(text, 1, text, secret.length - 1);
    };
    const page = (secret: string) => `<p class="balance">${secret}</p><p id="free">Free text</p>`;
    const recorder = { maskTextSelectors: ['.balance'] };
    const short = await record(page(SHORT), { recorder, act: act(`${SHORT}x`) });
    const long = await record(page(LONG), { recorder, act: act(`${LONG}x`) });
    getSelection()!.removeAllRanges();
    expect(long.view).to.deep.equal(short.view);
    expect(long.text.includes(LONG) || short.text.includes(SHORT)).to.equal(false);
    expect(long.text).to.include('Free text');
  });
});
