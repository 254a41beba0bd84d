/**
 * Reading what the co-browse recorder sent: the rrweb events of `cobrowse.events` frames, and the
 * part of them that concerns one element of the page, in a form two recordings can be compared
 * in (node ids renumbered in order of appearance, timestamps left out). Imports nothing of the
 * recorder, so a test that checks the recorder is not loaded before consent may use it.
 */

/** rrweb's event and node types, as numbers (they travel so). */
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const MUTATION = 0;
const INPUT = 5;
const SELECTION = 14;

export interface SerializedNode {
  id: number;
  type: number;
  tagName?: string;
  textContent?: string;
  attributes?: Record<string, string | number | boolean | null>;
  childNodes?: SerializedNode[];
}

export interface RrwebEvent {
  type: number;
  timestamp?: number;
  data: Record<string, unknown> & { source?: number; node?: SerializedNode };
}

/** The events of every `cobrowse.events` frame among `frames` (objects or their JSON text), batch by batch in order. */
export function eventsOf(frames: readonly (string | object)[]): RrwebEvent[] {
  const batches = new Map<number, string[]>();
  for (const item of frames) {
    const frame = (typeof item === 'string' ? JSON.parse(item) : item) as { type: string; seq: number; part: number; parts: number; data: string };
    if (frame.type !== 'cobrowse.events') continue;
    const parts = batches.get(frame.seq) ?? new Array<string>(frame.parts).fill('');
    parts[frame.part] = frame.data;
    batches.set(frame.seq, parts);
  }
  return [...batches.keys()].sort((a, b) => a - b).flatMap((seq) => JSON.parse(batches.get(seq)!.join('')) as RrwebEvent[]);
}

/** Depth-first search of a serialized tree (shadow roots are children in rrweb's tree). */
export function findNode(node: SerializedNode | undefined, match: (node: SerializedNode) => boolean): SerializedNode | undefined {
  if (!node) return undefined;
  if (match(node)) return node;
  for (const child of node.childNodes ?? []) {
    const found = findNode(child, match);
    if (found) return found;
  }
  return undefined;
}

/**
 * What the agent learns about the element marked `data-probe="<probe>"`: its subtree in the last
 * full snapshot, and every later mutation, input and selection event that names a node of it,
 * with node ids renumbered in order of appearance and no timestamps. Two recordings of pages that
 * differ only in their secrets must give equal views.
 */
export function probeView(events: readonly RrwebEvent[], probe: string) {
  const numbers = new Map<number, number>();
  const number = (id: unknown) => {
    if (typeof id !== 'number') return id;
    if (!numbers.has(id)) numbers.set(id, numbers.size);
    return `#${numbers.get(id)}`;
  };
  const ids = new Set<number>();
  const renumber = (node: SerializedNode): unknown => {
    ids.add(node.id);
    const { id, childNodes, ...rest } = node;
    delete (rest as { rootId?: number }).rootId;
    return { ...rest, id: number(id), ...(childNodes && { childNodes: childNodes.map(renumber) }) };
  };
  const last = events.reduce((found, event, index) => (event.type === FULL_SNAPSHOT ? index : found), -1);
  if (last < 0) throw new Error('no full snapshot was sent');
  const root = findNode(events[last].data.node, (node) => node.attributes?.['data-probe'] === probe);
  if (!root) throw new Error(`no element data-probe="${probe}" in the full snapshot`);
  const snapshot = renumber(root);

  const changes: unknown[] = [];
  for (const event of events.slice(last + 1)) {
    if (event.type !== INCREMENTAL) continue;
    const data = event.data as Record<string, unknown> & { source: number };
    if (data.source === MUTATION) {
      const adds = (data.adds as { parentId: number; nextId: number | null; node: SerializedNode }[])
        .filter((add) => ids.has(add.parentId))
        .map((add) => ({ parentId: number(add.parentId), nextId: number(add.nextId), node: renumber(add.node) }));
      const mine = <T extends { id: number }>(list: T[]) => list.filter((item) => ids.has(item.id)).map((item) => ({ ...item, id: number(item.id) }));
      const removes = (data.removes as { parentId: number; id: number }[])
        .filter((remove) => ids.has(remove.id))
        .map((remove) => ({ parentId: number(remove.parentId), id: number(remove.id) }));
      const texts = mine(data.texts as { id: number }[]);
      const attributes = mine(data.attributes as { id: number }[]);
      if (adds.length || removes.length || texts.length || attributes.length) changes.push({ mutation: { adds, removes, texts, attributes } });
    } else if (data.source === INPUT && ids.has(data.id as number)) {
      changes.push({ input: { ...data, id: number(data.id) } });
    } else if (data.source === SELECTION) {
      const ranges = (data.ranges as { start: number; end: number }[]).filter((range) => ids.has(range.start) || ids.has(range.end));
      if (ranges.length) changes.push({ selection: ranges.map((range) => ({ ...range, start: number(range.start), end: number(range.end) })) });
    }
  }
  return { snapshot, changes };
}

/**
 * The meta event and full snapshot of a hostile page, as a customer's page could send them: a
 * refresh tag, a script and an inline handler that would set `window.__nexusPwned` of the
 * embedding page, and a paragraph `text` (node 10) to see that it was rebuilt. A replayer must
 * show the text and run none of the rest.
 */
export function hostilePage(t: number, text: string): unknown[] {
  const el = (id: number, tagName: string, attributes: Record<string, string>, childNodes: unknown[] = []) => ({ type: 2, id, tagName, attributes, childNodes });
  const node = {
    type: 0,
    id: 1,
    childNodes: [
      el(2, 'html', {}, [
        el(3, 'head', {}, [el(4, 'meta', { 'http-equiv': 'refresh', content: '0;url=about:blank#moved' })]),
        el(5, 'body', {}, [
          el(6, 'img', { src: 'data:,broken', onerror: 'parent.__nexusPwned = 1' }),
          el(7, 'script', {}, [{ type: 3, id: 8, textContent: 'parent.__nexusPwned = 2' }]),
          el(9, 'p', {}, [{ type: 3, id: 10, textContent: text }]),
        ]),
      ]),
    ],
  };
  return [
    { type: 4, timestamp: t, data: { href: 'https://customer.example/', width: 640, height: 400 } },
    { type: 2, timestamp: t, data: { initialOffset: { left: 0, top: 0 }, node } },
  ];
}
