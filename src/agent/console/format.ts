import type { ConsumerView } from '../../protocol/live.js';
export { fileHref, isoTime } from '../../components/shared/format.js';

/** The person's name from their identity, or null when they gave none. */
export function consumerName(consumer: Pick<ConsumerView, 'firstName' | 'lastName'> | undefined): string | null {
  if (!consumer) return null;
  const name = [consumer.firstName, consumer.lastName].filter((part) => part && part.trim()).join(' ').trim();
  return name || null;
}

/** Context data as one line of text (it is any JSON the page logged). */
export function dataText(data: unknown, max = 300): string | null {
  if (data === null || data === undefined) return null;
  let text: string;
  try {
    text = typeof data === 'string' ? data : JSON.stringify(data);
  } catch {
    return null;
  }
  if (!text || text === '{}' || text === '[]') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Normalizes what an agent typed as a connection code: digits only, or null when not 6 of them. */
export function parseCode(input: string): string | null {
  const digits = input.replace(/[\s-]+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
