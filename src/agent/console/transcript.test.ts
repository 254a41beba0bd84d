import { expect } from '@open-wc/testing';
import type { ChatEvent } from '../../protocol/live.js';
import { formatSize } from '../../i18n/strings.js';
import { fileHref, parseCode } from './format.js';
import { Transcript } from './transcript.js';

const customer = (seq: number, text: string, clientId?: string): ChatEvent => ({
  seq,
  type: 'message',
  author: { role: 'customer' },
  text,
  clientId,
  at: 1000 + seq,
});
const agent = (seq: number, text: string, clientId: string): ChatEvent => ({
  seq,
  type: 'message',
  author: { role: 'agent', id: 'ag_1', name: 'Alex' },
  text,
  clientId,
  at: 1000 + seq,
});
const keys = (t: Transcript) => t.entries.map((item) => `${item.seq ?? '-'}:${item.event?.text ?? item.outgoing?.text}`);

describe('agent console transcript', () => {
  it('keeps stored events in seq order and drops repeats, whichever way they arrive', () => {
    const t = new Transcript();
    expect(t.add(customer(2, 'second', 'c2'))).to.equal(true);
    expect(t.add(customer(1, 'first', 'c1'))).to.equal(true);
    expect(t.add(customer(2, 'second again', 'c2'))).to.equal(false);
    expect(t.add(customer(3, 'third'))).to.equal(true);
    expect(t.add(customer(3, 'third replayed'))).to.equal(false);
    expect(keys(t)).to.deep.equal(['1:first', '2:second', '3:third']);
    expect(t.lastSeq).to.equal(3);
  });

  it("replaces the agent's outgoing line with its stored event, acknowledged first or not", () => {
    const t = new Transcript();
    t.add(customer(1, 'hi'));
    t.addOutgoing('out-a', 'hello');
    t.addOutgoing('out-b', 'how can I help?');
    expect(keys(t)).to.deep.equal(['1:hi', '-:hello', '-:how can I help?']);
    expect(t.entries[1].outgoing?.status).to.equal('sending');

    // a: the ack comes before the event.
    t.acknowledge('out-a', 2);
    expect(t.entries[1].outgoing?.status).to.equal('sent');
    expect(t.isPending('out-a')).to.equal(true);
    t.add(agent(2, 'hello', 'out-a'));
    expect(t.isPending('out-a')).to.equal(false);

    // b: the event comes first; the late ack changes nothing.
    t.add(customer(3, 'my bulb blinks'));
    t.add(agent(4, 'how can I help?', 'out-b'));
    t.acknowledge('out-b', 4);
    expect(keys(t)).to.deep.equal(['1:hi', '2:hello', '3:my bulb blinks', '4:how can I help?']);
    expect(t.entries.every((item) => item.event)).to.equal(true);
    // The rendering key of a line stays the same when its stored event replaces it.
    expect(t.entries[1].key).to.equal('c:out-a');
  });

  it('marks a failed message and sends it again with the same client id', () => {
    const t = new Transcript();
    t.addOutgoing('out-c', 'are you there?');
    t.fail('out-c', new Error('offline'));
    expect(t.entries[0].outgoing?.status).to.equal('failed');
    expect(t.retry('out-c')).to.equal('are you there?');
    expect(t.entries[0].outgoing?.status).to.equal('sending');
    expect(t.retry('out-c'), 'only a failed message is retried').to.equal(undefined);
    t.add(agent(1, 'are you there?', 'out-c'));
    expect(keys(t)).to.deep.equal(['1:are you there?']);
  });
});

describe('agent console format helpers', () => {
  const server = 'https://support.example.com';
  const file = (url: string) => ({ id: 'f_1', name: 'photo.png', size: 2048, type: 'image/png', url });

  it('links a shared file only to a signed download on the same server', () => {
    expect(fileHref(file('/v1/live/files/f_1?sig=abc'), server)).to.equal(`${server}/v1/live/files/f_1?sig=abc`);
    expect(fileHref(file(`${server}/v1/live/files/f_1?sig=abc`), server)).to.equal(`${server}/v1/live/files/f_1?sig=abc`);
    expect(fileHref(file('https://evil.example/v1/live/files/f_1?sig=abc'), server), 'another origin').to.equal(null);
    expect(fileHref(file('javascript:alert(1)'), server), 'a script URL').to.equal(null);
    expect(fileHref(file('//evil.example/v1/live/files/f_1?sig=abc'), server), 'protocol-relative').to.equal(null);
    expect(fileHref(file('/v1/paths/x?sig=abc'), server), 'another route').to.equal(null);
    expect(fileHref(file('/v1/live/files/f_1'), server), 'unsigned').to.equal(null);
    expect(fileHref(file('/v1/live/files/f_1?sig=abc'), 'https://host.example/nexus')).to.equal(null);
    expect(fileHref(file('/nexus/v1/live/files/f_1?sig=abc'), 'https://host.example/nexus')).to.equal(
      'https://host.example/nexus/v1/live/files/f_1?sig=abc',
    );
  });

  it('reads connection codes with spaces or dashes, and refuses anything else', () => {
    expect(parseCode('123456')).to.equal('123456');
    expect(parseCode(' 123 456 ')).to.equal('123456');
    expect(parseCode('123-456')).to.equal('123456');
    expect(parseCode('12345')).to.equal(null);
    expect(parseCode('1234567')).to.equal(null);
    expect(parseCode('12a456')).to.equal(null);
  });

  it('formats sizes', () => {
    expect(formatSize(512)).to.equal('512 B');
    expect(formatSize(2048)).to.equal('2 kB');
    expect(formatSize(5 * 1024 * 1024)).to.equal('5 MB');
  });
});
