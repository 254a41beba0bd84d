import { expect } from '@open-wc/testing';
import { Transcript } from './transcript.js';

const order = (t: Transcript<string>) => t.values.join(' ');

describe('transcript model', () => {
  it('keeps stored lines in seq order and pending lines after them, in the order written', () => {
    const t = new Transcript<string>();
    t.put('a', null, 'pending-a');
    t.put('s3', 3, 'three');
    t.put('b', null, 'pending-b');
    t.put('s1', 1, 'one');
    expect(order(t)).to.equal('one three pending-a pending-b');
    expect(t.lastSeq).to.equal(3);
    expect(t.has(3)).to.equal(true);
    expect(t.has(2)).to.equal(false);
  });

  it("moves a pending line to its seq when its stored copy comes, under the same key, and shows it once", () => {
    const t = new Transcript<string>();
    t.put('s1', 1, 'one');
    t.put('mine', null, 'mine (sending)');
    t.put('s3', 3, 'three');
    t.put('mine', 2, 'mine (stored)');
    expect(order(t)).to.equal('one mine (stored) three');
    expect(t.seqOf('mine')).to.equal(2);
    expect(t.values).to.have.length(3);
  });

  it('places a line by a seq without counting it stored until its event comes', () => {
    const t = new Transcript<string>();
    t.put('s1', 1, 'one');
    t.put('mine', 2, 'mine (acknowledged)', false);
    expect(t.has(2)).to.equal(false);
    expect(t.lastSeq).to.equal(1);
    t.put('s3', 3, 'three');
    expect(order(t)).to.equal('one mine (acknowledged) three');
  });

  it('changes a line in place and keeps one array per change for renderers', () => {
    const t = new Transcript<string>();
    t.put('x', null, 'x');
    const before = t.values;
    expect(t.values).to.equal(before);
    expect(t.update('x', (v) => v.toUpperCase())).to.equal(true);
    expect(t.update('missing', (v) => v)).to.equal(false);
    expect(t.values).to.not.equal(before);
    expect(order(t)).to.equal('X');
    expect(t.get('x')).to.equal('X');
    expect(t.seqOf('missing')).to.equal(undefined);
  });
});
