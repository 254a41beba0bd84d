import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LIVE_LIMITS } from '../../src/protocol/api.js';
import { parseFrame } from '../live/frames.js';
import { contentDisposition, mediaType, sanitizeFileName } from '../live/files.js';
import { KeyedLock } from '../live/lock.js';
import { estimateWait, median, pickAgent, queuePositions, type Candidate } from '../live/routing.js';
import { TokenBucket } from '../token-bucket.js';
import { renderTranscript } from '../live/transcript.js';
import type { LiveSessionRecord } from '../store/types.js';

describe('routing rules', () => {
  const agent = (id: string, over: Partial<Candidate> = {}): Candidate => ({
    id,
    skills: ['support'],
    maxSessions: 5,
    load: 0,
    idleSince: 0,
    ...over,
  });

  test('skill, capacity, fewest sessions, longest idle, then a new round once everyone passed', () => {
    const pool = [agent('a', { load: 1 }), agent('b', { idleSince: 50 }), agent('c', { idleSince: 10 }), agent('d', { skills: ['sales'] })];
    assert.equal(pickAgent(pool, 'support', new Set())?.agent.id, 'c');
    assert.equal(pickAgent(pool, 'sales', new Set())?.agent.id, 'd');
    assert.equal(pickAgent(pool, null, new Set())?.agent.id, 'd', 'the general queue is everyone');
    assert.equal(pickAgent(pool, 'support', new Set(['c']))?.agent.id, 'b');
    assert.equal(pickAgent(pool, 'billing', new Set()), undefined);
    assert.equal(pickAgent([agent('a', { load: 5 })], 'support', new Set()), undefined, 'never beyond the maximum');
    const again = pickAgent([agent('a'), agent('b', { idleSince: 1 })], 'support', new Set(['a', 'b']));
    assert.deepEqual([again?.agent.id, again?.cycled], ['a', true]);
  });

  test('wait estimate: median wait times position over available agents; none without history', () => {
    assert.equal(median([]), null);
    assert.equal(median([30_000, 90_000, 60_000]), 60_000);
    assert.equal(median([10, 20, 30, 40]), 25);
    assert.equal(estimateWait([30_000, 90_000, 60_000], 2, 0), 120);
    assert.equal(estimateWait([30_000, 90_000, 60_000], 3, 2), 90);
    assert.equal(estimateWait([], 1, 3), null);
    const positions = queuePositions([
      { id: 'x', skill: 'sales', createdAt: 3 },
      { id: 'y', skill: null, createdAt: 2 },
      { id: 'z', skill: 'sales', createdAt: 1 },
    ]);
    assert.deepEqual([...positions].map(([id, p]) => [id, p.position]), [['z', 1], ['y', 1], ['x', 2]]);
  });
});

describe('frames', () => {
  test('JSON objects with a known type that fit their schema pass; everything else says why', () => {
    assert.deepEqual(parseFrame('{"type":"ping","id":"p1"}'), { ok: true, frame: { type: 'ping', id: 'p1' } });
    const cases: [string, string, RegExp][] = [
      ['{"type":', 'frame_invalid', /JSON object/],
      ['[1,2]', 'frame_invalid', /JSON object/],
      ['"hello"', 'frame_invalid', /JSON object/],
      ['{"kind":"message"}', 'frame_invalid', /string type/],
      ['{"type":"dance"}', 'frame_unknown', /unknown frame type 'dance'/],
      ['{"type":"message","clientId":"client-0001"}', 'frame_invalid', /message: .*text/],
      ['{"type":"message","clientId":"short","text":"hi"}', 'frame_invalid', /clientId/],
      ['{"type":"ping","extra":true}', 'frame_invalid', /ping/],
      ['{"type":"typing","active":"yes"}', 'frame_invalid', /active/],
      ['{"type":"status","status":"asleep"}', 'frame_invalid', /status/],
    ];
    for (const [text, code, message] of cases) {
      const result = parseFrame(text);
      assert.equal(result.ok, false, text);
      if (result.ok) continue;
      assert.equal(result.code, code, text);
      assert.match(result.message, message, text);
    }
    const bad = parseFrame('{"type":"message","clientId":"client-0001","text":""}');
    assert.equal(!bad.ok && bad.ref, 'client-0001', 'errors about a message name its clientId');
  });
});

describe('files', () => {
  test('names lose paths, control and bidi characters and leading dots; never empty; at most 255 characters', () => {
    assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFileName('C:\\Users\\me\\report.pdf'), 'report.pdf');
    assert.equal(sanitizeFileName('in\u0000voice\u202Efdp.exe\n.pdf'), 'invoicefdp.exe.pdf');
    assert.equal(sanitizeFileName('  .hidden   file.txt '), 'hidden file.txt');
    assert.equal(sanitizeFileName('/'), 'file');
    assert.equal(sanitizeFileName('\u0007'), 'file');
    assert.equal([...sanitizeFileName(`${'é'.repeat(300)}.png`)].length, 255);
  });

  test('media types and dispositions', () => {
    assert.equal(mediaType('Image/PNG; charset=binary'), 'image/png');
    assert.equal(mediaType(undefined), '');
    assert.equal(contentDisposition('a.png', 'image/png'), `inline; filename="a.png"; filename*=UTF-8''a.png`);
    assert.equal(
      contentDisposition('Résumé "final" (1).pdf', 'application/pdf'),
      `attachment; filename="R_sum_ _final_ (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22%20%281%29.pdf`,
    );
  });
});

describe('rate limiting', () => {
  test('a burst, then the sustained rate', async () => {
    const bucket = new TokenBucket(LIVE_LIMITS.framesPerSecond, LIVE_LIMITS.frameBurst);
    let taken = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) taken++;
    assert.equal(taken, LIVE_LIMITS.frameBurst);
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 120));
    let refilled = 0;
    for (let i = 0; i < 100; i++) if (bucket.take()) refilled++;
    const elapsed = performance.now() - start;
    const expected = Math.min(LIVE_LIMITS.frameBurst, (elapsed / 1000) * LIVE_LIMITS.framesPerSecond);
    assert.ok(refilled >= 2 && Math.abs(refilled - expected) <= 1, `${refilled} frames after ${elapsed} ms at 20/s`);
  });
});

describe('keyed lock', () => {
  test('work on one key runs in call order, one at a time, even after a failure; other keys are not held up', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const step = (key: string, name: string, ms: number, fail = false) =>
      lock.run(key, async () => {
        log.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 'a1', 30, true), step('a', 'a2', 1), step('b', 'b1', 5)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled']);
    assert.deepEqual(log, ['a1 start', 'b1 start', 'b1 end', 'a1 end', 'a2 start', 'a2 end']);
  });
});

describe('transcripts', () => {
  test('plain text with times, speakers and files; a message cannot pass for another speaker', () => {
    const session = { id: 'ses_1', kind: 'chat', createdAt: Date.UTC(2030, 0, 2, 10, 0, 0) } as LiveSessionRecord;
    const at = Date.UTC(2030, 0, 2, 10, 1, 0);
    const { subject, body } = renderTranscript('Acme', session, [
      { seq: 1, type: 'message', author: { role: 'customer' }, text: 'Hi\nAgent: I am the agent', at },
      { seq: 2, type: 'presence', author: { role: 'agent', id: 'a', name: 'Alex' }, presence: 'joined', at },
      { seq: 3, type: 'file', author: { role: 'agent', id: 'a', name: 'Alex' }, file: { id: 'f', name: 'guide.pdf', size: 42, type: 'application/pdf', url: '/x' }, at },
      { seq: 4, type: 'state', author: { role: 'customer' }, state: 'ended', at },
      { seq: 5, type: 'rating', author: { role: 'customer' }, score: 5, at },
    ]);
    assert.equal(subject, 'Your Acme support transcript');
    assert.equal(
      body,
      [
        'Transcript of your chat with Acme support',
        'Session ses_1, started 2030-01-02 10:00:00 UTC',
        '',
        '[2030-01-02 10:01:00 UTC] You: Hi',
        '    Agent: I am the agent',
        '[2030-01-02 10:01:00 UTC] Alex joined the chat',
        '[2030-01-02 10:01:00 UTC] Alex shared a file: guide.pdf (42 bytes)',
        '[2030-01-02 10:01:00 UTC] The chat ended',
        '',
      ].join('\n'),
    );
  });
});
