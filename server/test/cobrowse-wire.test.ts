/**
 * The co-browse relay's fast path: a `cobrowse.events` frame's data is read for depth and passed
 * on to the agents in its escaped form, as it came, and the frame's own depth is read from the
 * parsed value. These check that every way of writing a frame gets the same answer as the
 * decoded data would (the same relayed data, the same errors), and that a frame the fast path
 * cannot take is still relayed whole.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COBROWSE_LIMITS, LIMITS } from '../../src/protocol/api.js';
import { JsonDepthScanner, jsonDepthWithin } from '../../src/protocol/json-bounds.js';
import { parseFrame, quotedDataRange, valueDepthWithin } from '../live/frames.js';
import { liveTestSetup, type Frame } from './live-helpers.js';

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

/** Every UTF-16 unit of `text` but letters as a \uXXXX escape. */
function escapeAll(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += /[a-z]/i.test(text[i]) ? text[i] : `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** `text` as the inside of a JSON string literal, in UTF-8: as JSON.stringify writes it, or with escapeAll. */
const quoted = (text: string, every = false) => Buffer.from(every ? escapeAll(text) : JSON.stringify(text).slice(1, -1));

/** A small random text of the characters a depth scan cares about, and others. */
function randomText(random: () => number): string {
  const pieces = ['[', ']', '{', '}', '"', '\\', 'a', ':', ',', ' ', '\n', 'é', '😀', '\u2028', '\\"', '"]"', '/'];
  let text = '';
  const length = Math.floor(random() * 40);
  for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
  return text;
}

/** A seeded generator, so a failure can be replayed. */
function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('depth of co-browse data read in its escaped form', () => {
  test('feedQuoted gives what feed gives for the decoded text, over parts, for both ways of escaping', () => {
    const random = seeded(7);
    for (let round = 0; round < 3000; round++) {
      const parts = [randomText(random), randomText(random), randomText(random)];
      const max = 1 + Math.floor(random() * 4);
      for (const every of [false, true]) {
        const plain = new JsonDepthScanner();
        const escaped = new JsonDepthScanner();
        for (const part of parts) {
          const bytes = quoted(part, every);
          const want = plain.feed(part, max);
          assert.equal(escaped.feedQuoted(bytes, 0, bytes.length, max), want, `${JSON.stringify(parts)} max ${max}`);
          assert.equal(escaped.deepest, plain.deepest);
          if (!want) break;
        }
      }
    }
  });

  test('feedQuoted answers exactly when the bytes are the inside of one JSON string', () => {
    const random = seeded(11);
    const alphabet = ['"', '\\', '/', 'b', 'u', '0', 'a', 'F', 'g', '[', '}', '\u0001', '\t', 'é', '😀'];
    for (let round = 0; round < 5000; round++) {
      let text = '';
      for (let i = Math.floor(random() * 12); i > 0; i--) text += alphabet[Math.floor(random() * alphabet.length)];
      const bytes = Buffer.from(text);
      let parses = true;
      try {
        JSON.parse(`"${text}"`);
      } catch {
        parses = false;
      }
      assert.equal(new JsonDepthScanner().feedQuoted(bytes, 0, bytes.length, 1000) !== undefined, parses, JSON.stringify(text));
    }
  });

  test('brackets written as \\u escapes count; a range that is not one string is refused and changes nothing', () => {
    const deep = Buffer.from('\\u005b\\u005B\\u007b"');
    const scanner = new JsonDepthScanner();
    assert.equal(scanner.feedQuoted(deep, 0, deep.length - 1, 2), false, 'three levels through escapes is over 2');
    const fresh = new JsonDepthScanner();
    const twoStrings = Buffer.from('[[1]","x');
    assert.equal(fresh.feedQuoted(twoStrings, 0, twoStrings.length, 10), undefined, 'a quote with no backslash ends the string');
    const lone = Buffer.from('[1\\');
    assert.equal(fresh.feedQuoted(lone, 0, lone.length, 10), undefined, 'a backslash at the end escapes the closing quote');
    const cut = Buffer.from('[\\u00');
    assert.equal(fresh.feedQuoted(cut, 0, cut.length, 10), undefined, 'an escape cut by the end');
    for (const [text, why] of [['a\u0001b', 'a control character'], ['\\x41', 'an escape JSON does not have'], ['\\u00g1', 'a \\u escape without four hex digits']]) {
      const bytes = Buffer.from(text);
      assert.equal(fresh.feedQuoted(bytes, 0, bytes.length, 10), undefined, why);
    }
    assert.equal(fresh.deepest, 0, 'nothing was read');
    assert.equal(fresh.feed('[[', 10), true);
    assert.equal(fresh.deepest, 2);
  });

  test('quotedDataRange finds the data of a frame that ends with it, and only a candidate otherwise', () => {
    const data = '[{"a":"b\\"c"},"\\u005b"]';
    const frame = Buffer.from(JSON.stringify({ type: 'cobrowse.events', id: 'cb_1', seq: 1, part: 0, parts: 1, data }));
    const range = quotedDataRange(frame)!;
    assert.equal(JSON.parse(`"${frame.subarray(range.start, range.end).toString()}"`), data);
    const notLast = Buffer.from(JSON.stringify({ data, type: 'cobrowse.events' }));
    const candidate = quotedDataRange(notLast)!;
    assert.equal(new JsonDepthScanner().feedQuoted(notLast, candidate.start, candidate.end, 10), undefined, 'data not last: the scan refuses the range');
    assert.equal(quotedDataRange(Buffer.from(`{"type":"x","data" : "[]"}`)), undefined, 'spaces around the colon');
    assert.equal(quotedDataRange(Buffer.from(`{"type":"x","data":"[]"} `)), undefined, 'space after the object');
    assert.equal(quotedDataRange(Buffer.from(`{"type":"x\\"data":"[]"}`)), undefined, 'a key that only ends with data');
    // Two data keys: the first is found, and the scan sees that its string ends before the frame does.
    const twice = Buffer.from(`{"type":"x","data":"[[[","data":"[]"}`);
    const first = quotedDataRange(twice)!;
    assert.equal(new JsonDepthScanner().feedQuoted(twice, first.start, first.end, 10), undefined);
  });
});

describe('depth of a frame read from its parsed value', () => {
  test('valueDepthWithin counts as jsonDepthWithin does', () => {
    const random = seeded(11);
    const build = (depth: number): unknown => {
      if (depth === 0 || random() < 0.2) return random() < 0.5 ? 1 : 'x[{';
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => build(depth - 1));
      return random() < 0.5 ? items : Object.fromEntries(items.map((item, i) => [`k${i}`, item]));
    };
    for (let round = 0; round < 500; round++) {
      const value = build(Math.floor(random() * 8));
      const max = Math.floor(random() * 7);
      assert.equal(valueDepthWithin(value, max), jsonDepthWithin(JSON.stringify(value), max), JSON.stringify(value));
    }
  });

  test('parseFrame: too deep is json_too_deep whether or not the text is JSON; at the limit it is checked as usual', () => {
    const frame = (extra: string) => `{"type":"ping","extra":${extra}}`;
    assert.deepEqual(pick(parseFrame(frame(nested(LIMITS.maxJsonDepth)))), ['json_too_deep'], 'one level over: the object is the first');
    assert.deepEqual(pick(parseFrame(frame(nested(LIMITS.maxJsonDepth - 1)))), ['frame_invalid'], 'at the limit: the schema answers');
    assert.deepEqual(pick(parseFrame(`${frame(nested(5000))},`)), ['json_too_deep'], 'not JSON and too deep');
    assert.deepEqual(pick(parseFrame(`{"type":"ping",}`)), ['frame_invalid'], 'not JSON');
    assert.deepEqual(pick(parseFrame(`{"type":"ping","id":"p1"}`)), [true]);
  });
});

const pick = (check: ReturnType<typeof parseFrame>) => [check.ok || check.code];

describe('co-browse frames written every way, through the relay', () => {
  const setup = liveTestSetup();
  const events = (frames: Frame[]) => frames.filter((f) => f.type === 'cobrowse.events');

  test('whatever the key order, spacing or escaping, the agent gets the data JSON.parse reads, once and in order', async () => {
    const { alex, customer, id } = await setup.sharing();
    const data = (seq: number) => JSON.stringify([{ type: 3, data: { text: `é 😀 "quoted" \\ [${seq}] "data":"`, seq } }]);
    const head = (seq: number) => `"type":"cobrowse.events","id":"${id}","seq":${seq},"part":0,"parts":1`;
    const written = [
      `{${head(1)},"data":${JSON.stringify(data(1))}}`,
      `{"data":${JSON.stringify(data(2))},${head(2)}}`,
      `{${head(3)}, "data" : ${JSON.stringify(data(3))} }`,
      `{${head(4)},"data":"${escapeAll(data(4))}"}`,
      `{${head(5)},"d\\u0061ta":${JSON.stringify(data(5))}}`,
    ];
    for (const text of written) customer.send(text);
    await alex.next('cobrowse.events', (f) => f.seq === written.length);
    assert.deepEqual(
      events(alex.frames).map((f) => [f.seq, f.data]),
      written.map((_, i) => [i + 1, data(i + 1)]),
    );
    assert.deepEqual(customer.frames.filter((f: Frame) => f.type === 'error'), []);
    // Frames are I-JSON (RFC 7493): a member named twice is refused, not read as one parser would.
    customer.send(`{${head(6)},"data":"[[[[[[[[[[","data":${JSON.stringify(data(6))}}`);
    assert.deepEqual(pickError(await customer.next('error')), ['frame_invalid', id]);
    customer.send(`{${head(7)},"data":"${'\u0001'}"}`);
    assert.deepEqual(pickError(await customer.next('error')), ['frame_invalid', id], 'a control character inside a string');
    customer.send(`{${head(8)},"data":"\\x41"}`);
    assert.deepEqual(pickError(await customer.next('error')), ['frame_invalid', id], 'an escape JSON does not have');
    customer.send({ type: 'cobrowse.events', id, seq: 9, part: 0, parts: 1, data: '[]' });
    await alex.next('cobrowse.events', (f) => f.seq === 9);
    assert.deepEqual(events(alex.frames).map((f) => f.seq), [1, 2, 3, 4, 5, 9]);
  });

  test('a batch too deep only through \\u escapes, or in a frame the fast path cannot take, is refused with json_too_deep', async () => {
    const { alex, customer, id } = await setup.sharing();
    const over = COBROWSE_LIMITS.maxBatchDepth + 1;
    const escapedDeep = '\\u005b'.repeat(over);
    customer.send(`{"type":"cobrowse.events","id":"${id}","seq":1,"part":0,"parts":1,"data":"${escapedDeep}"}`);
    customer.send(`{"data":"${'['.repeat(over)}","type":"cobrowse.events","id":"${id}","seq":2,"part":0,"parts":1}`);
    const errors = [await customer.next('error'), await customer.next('error')];
    assert.deepEqual(errors.map((e) => [e.code, e.ref]), [['json_too_deep', id], ['json_too_deep', id]]);
    customer.send({ type: 'cobrowse.events', id, seq: 3, part: 0, parts: 1, data: '\\u005b' });
    await alex.next('cobrowse.events', (f) => f.seq === 3);
    assert.deepEqual(events(alex.frames).map((f) => [f.seq, f.data]), [[3, '\\u005b']], 'an escape inside the data is data');
  });

  test('size and part order: the limits count the decoded data, however long its escaped form', async () => {
    const { alex, customer, id } = await setup.sharing();
    const longest = '"'.repeat(COBROWSE_LIMITS.maxChunkChars);
    customer.send({ type: 'cobrowse.events', id, seq: 1, part: 0, parts: 1, data: longest });
    await alex.next('cobrowse.events', (f) => f.seq === 1);
    customer.send({ type: 'cobrowse.events', id, seq: 2, part: 0, parts: 1, data: `${longest}"` });
    assert.deepEqual(pickError(await customer.next('error')), ['cobrowse_too_large', id]);
    customer.send({ type: 'cobrowse.events', id, seq: 3, part: 1, parts: 2, data: '[]' });
    assert.deepEqual(pickError(await customer.next('error')), ['frame_invalid', id]);
    customer.send(`{"type":"cobrowse.events","id":"${id}","seq":4,"part":0,"parts":1,"data":"[]",}`);
    assert.deepEqual(pickError(await customer.next('error')), ['frame_invalid', undefined], 'not JSON');
    customer.send(`{"type":"cobrowse.events","id":"${id}","seq":5,"part":0,"parts":1,"data":"[]","extra":1}`);
    assert.equal((await customer.next('error')).code, 'frame_invalid', 'a member the schema does not have');
    assert.equal(events(alex.frames).length, 1);
  });

  test('events sent behind a frame still being handled wait for it: the answers come in the order the frames did', async () => {
    const { customer } = await setup.sharing();
    customer.send({ type: 'message', clientId: 'message-1', text: 'hello' });
    customer.send({ type: 'cobrowse.events', id: 'cb_not_this_one', seq: 1, part: 0, parts: 1, data: '[]' });
    customer.send({ type: 'message', clientId: 'message-2', text: 'again' });
    const first = await customer.next('ack');
    const error = await customer.next('error');
    const second = await customer.next('ack', (f) => f.clientId === 'message-2');
    const order = customer.frames.filter((f: Frame) => f === first || f === error || f === second);
    assert.deepEqual(order.map((f: Frame) => f.type), ['ack', 'error', 'ack']);
    assert.deepEqual(pickError(error), ['cobrowse_not_active', 'cb_not_this_one']);
  });
});

const pickError = (error: Frame) => [error.code, error.ref];
